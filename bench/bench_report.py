"""Benchmark (issue 20 point 5): a monthly report over N order lines vs plain SQL and DuckDB.

In one run, on each database: a fresh database migrated, the model A contract and catalogue
loaded, then a month of order lines written straight into its tables (bench/lib/settle_month.py,
the settlement benchmark's month; untimed) and analysed. The report's month is the one the
orders were *paid* in (R-R2): the generator's orders are completed in October and paid 2–9 days
before, so it writes N ÷ 0.82 lines for about N to be paid in October; the count actually paid
is what the figures are per. Then, timed:

- **ours**: `daiyun report make --contract C --kind monthly --period 2026-10 --json` as a child
  process (CLI start-up included, shown apart), then the same report made again in this
  process (`make_report` through `bootstrap`, after deleting the recorded one): "warm";
- **the SQL ceiling**: the same sections as hand-written GROUP BY queries (sales totals, by SKU,
  by day, by hour, by province, buyers new and repeat, refunds by reason), through the same
  driver (SQLAlchemy, psycopg 3 or sqlite3), every row fetched; best of --repeat;
- **DuckDB**: the same rows exported once to Parquet with pyarrow (untimed), then the same
  aggregates in DuckDB, best of --repeat: a second reference.

The report's figures must equal the plain SQL's and DuckDB's, or the run fails (exit 1). A
missed goal (at most 2 s at 1M lines on PostgreSQL, at least 0.5 of the SQL ceiling) is
reported, never an exit status.

    .venv/bin/python bench/bench_report.py [--lines N] [--databases sqlite,postgresql]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection

from daiyun.adapters.db.engine import make_engine
from daiyun.adapters.db.repositories.reports import tune_for_aggregates
from daiyun.adapters.db.repositories.sales_rollups import roll_up_everything
from daiyun.adapters.db.tables import sales_order
from daiyun.domain.money import Money
from lib.arguments import DATABASES, database_names, positive_count
from lib.ceilings import postgres_server_version, scratch_postgres_database
from lib.daiyun_runs import DaiyunFailed, MeasuredRun, prepare_database, run_json, startup_seconds
from lib.machine import machine_facts
from lib.results import uncommitted_source, write_results
from lib.settle_month import (
    BRAND_CODE,
    CONTRACT_CODE,
    MonthSpec,
    analyse,
    fill_month,
    write_setup_files,
)

BENCH_DIR = Path(__file__).resolve().parent
REPOSITORY = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
GOAL_SECONDS = 2.0  # issue 20 point 5: at most 2 s at 1M lines on PostgreSQL
GOAL_RATIO = 0.5  # and at least half the plain SQL's speed
PAID_SHARE = 0.82  # of the generated lines, about this share is paid in the completion month
MADE_AT = "2026-11-02T10:00:00+08:00"  # October's report is due 11-03 (R-R1)
POSTGRES_ADMIN_URL = os.environ.get(
    "DAIYUN_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)

# — the ceiling: the report's sections as hand-written SQL —

_STORES = (
    "SELECT store.id FROM store JOIN contract ON contract.id = store.contract_id "
    "WHERE contract.code = :contract"
)
_PAID = f"o.store_id IN ({_STORES}) AND o.paid_at >= :start AND o.paid_at < :end"
_JOINED = f"FROM sales_order o JOIN order_line l ON l.order_id = o.id WHERE {_PAID}"
_LOCAL = {
    "sqlite": ("strftime('%Y-%m-%d', {0}, '+8 hours')", "strftime('%H', {0}, '+8 hours')"),
    "postgresql": (
        "to_char(timezone('Asia/Shanghai', {0}), 'YYYY-MM-DD')",
        "to_char(timezone('Asia/Shanghai', {0}), 'HH24')",
    ),
    # DuckDB reads UTC instants from Parquet; Beijing has kept UTC+8 without DST since 1991.
    "duckdb": (
        "strftime({0} + INTERVAL 8 HOUR, '%Y-%m-%d')",
        "strftime({0} + INTERVAL 8 HOUR, '%H')",
    ),
}


def _by(key: str) -> str:
    return (
        f"SELECT {key} AS k, count(DISTINCT o.id), sum(l.units), sum(l.line_amount_fen) "
        f"{_JOINED} GROUP BY {key}"
    )


def section_queries(dialect: str) -> dict[str, str]:
    """Each section's SQL: the same text on every engine but for the local day and hour."""
    day, hour = (pattern.format("o.paid_at") for pattern in _LOCAL[dialect])
    return {
        "sales": (
            f"SELECT count(DISTINCT o.id), coalesce(sum(l.units), 0), "
            f"coalesce(sum(l.line_amount_fen), 0) FROM sales_order o "
            f"LEFT JOIN order_line l ON l.order_id = o.id WHERE {_PAID}"
        ),
        "sku": _by("coalesce(l.sku_code, '')"),
        "day": _by(day),
        "hour": _by(hour),
        "province": _by("coalesce(o.province, '')"),
        # New: a buyer of the period with no paid order before it; repeat: one with (R-R2).
        "buyers": (
            "SELECT coalesce(sum(in_span), 0), coalesce(sum(CASE WHEN in_span = 1 AND "
            "first_paid < :start THEN 1 ELSE 0 END), 0) FROM (SELECT max(CASE WHEN "
            "o.paid_at >= :start THEN 1 ELSE 0 END) AS in_span, min(o.paid_at) AS first_paid "
            f"FROM sales_order o WHERE o.store_id IN ({_STORES}) AND o.paid_at < :end "
            "AND o.buyer_key IS NOT NULL GROUP BY o.buyer_key) per_buyer"
        ),
        "refunds": (
            "SELECT coalesce(r.reason, ''), count(*), sum(r.amount_fen) FROM refund r "
            f"JOIN sales_order o ON o.id = r.order_id WHERE o.store_id IN ({_STORES}) "
            "AND r.status = 'completed' AND r.completed_at >= :start AND r.completed_at < :end "
            "GROUP BY coalesce(r.reason, '')"
        ),
    }


Figures = dict[str, Any]


def _figures(rows: dict[str, list[tuple[Any, ...]]]) -> Figures:
    """The sections' rows as comparable figures: ints, amounts in yuan text, rows by key."""
    orders, units, fen = rows["sales"][0]
    figures: Figures = {
        "sales": {"orders": int(orders), "units": int(units), "amount": _yuan(fen)},
        "buyers": dict(zip(("buyers", "repeat"), (int(v) for v in rows["buyers"][0]), strict=True)),
        "refunds": {
            str(reason): {"count": int(count), "amount": _yuan(amount)}
            for reason, count, amount in rows["refunds"]
        },
    }
    for name in ("sku", "day", "hour", "province"):
        figures[name] = {
            str(key): {"orders": int(o), "units": int(u), "amount": _yuan(f)}
            for key, o, u, f in rows[name]
        }
    return figures


def _yuan(fen: Any) -> str:
    return Money(int(fen or 0)).yuan_text()


def report_figures(document: dict[str, Any]) -> Figures:
    """The same figures read from the report's JSON."""
    by = document["sales_by"]
    customers = document["customers"]
    figures: Figures = {
        "sales": {key: document["sales"][key] for key in ("orders", "units", "amount")},
        "buyers": {"buyers": customers["buyers"], "repeat": customers["repeat"]},
        "refunds": {
            row["reason"]: {"count": row["count"], "amount": row["amount"]}
            for row in document["refunds"]["by_reason"]
        },
    }
    for name in ("sku", "day", "hour", "province"):
        figures[name] = {
            row["key"]: {key: row[key] for key in ("orders", "units", "amount")} for row in by[name]
        }
    return figures


def differences(ours: Figures, theirs: Figures, name: str) -> list[str]:
    """What differs, said section by section (empty when equal)."""
    said = []
    for section in ours.keys() | theirs.keys():
        mine, other = ours.get(section), theirs.get(section)
        if mine != other:
            if isinstance(mine, dict) and isinstance(other, dict):
                keys = sorted(k for k in mine.keys() | other.keys() if mine.get(k) != other.get(k))
                shown = ", ".join(f"{k}: {mine.get(k)} vs {other.get(k)}" for k in keys[:3])
                said.append(f"{section}: {len(keys)} differ from {name} ({shown})")
            else:
                said.append(f"{section}: {mine} vs {name} {other}")
    return said


def _best(repeat: int, work: Callable[[], Figures]) -> tuple[float, Figures]:
    best, figures = float("inf"), {}
    for _ in range(repeat):
        started = time.perf_counter()
        figures = work()
        best = min(best, time.perf_counter() - started)
    return best, figures


def sql_ceiling(url: str, span: tuple[datetime, datetime], repeat: int) -> tuple[float, Figures]:
    """Best of `repeat`: every section's query run and fetched in full on one connection."""
    engine = make_engine(url)
    dialect = engine.dialect.name
    moment = sales_order.c.paid_at.type  # daiyun's own UTC type: the same bound values
    statements = {
        name: text(sql).bindparams(bindparam("start", type_=moment), bindparam("end", type_=moment))
        for name, sql in section_queries(dialect).items()
    }
    values = {"contract": CONTRACT_CODE, "start": span[0], "end": span[1]}

    def once() -> Figures:
        with engine.connect() as connection:
            # The same session settings as the report's own transaction (work_mem, no JIT):
            # the ratio compares the queries, not the configuration.
            tune_for_aggregates(connection)
            return _figures(_fetch_all(connection, statements, values))

    try:
        return _best(repeat, once)
    finally:
        engine.dispose()


def _fetch_all(
    connection: Connection, statements: dict[str, Any], values: dict[str, Any]
) -> dict[str, list[tuple[Any, ...]]]:
    return {
        name: [tuple(row) for row in connection.execute(statement, values).fetchall()]
        for name, statement in statements.items()
    }


# — DuckDB over the same rows in Parquet —

_EXPORTS = {
    "store": "SELECT s.id, s.contract_id FROM store s",
    "contract": "SELECT c.id, c.code FROM contract c",
    "sales_order": "SELECT o.id, o.store_id, o.paid_at, o.province, o.buyer_key FROM sales_order o",
    "order_line": "SELECT l.order_id, l.sku_code, l.units, l.line_amount_fen FROM order_line l",
    "refund": "SELECT r.order_id, r.reason, r.amount_fen, r.status, r.completed_at FROM refund r",
}
_INSTANTS = {"paid_at", "completed_at"}


def export_parquet(url: str, folder: Path) -> dict[str, Path]:
    """The tables' columns the report reads, once, as Parquet (instants as naive UTC)."""
    engine = make_engine(url)
    paths: dict[str, Path] = {}
    moment = sales_order.c.paid_at.type
    try:
        with engine.connect() as connection:
            for table, sql in _EXPORTS.items():
                typed = {name: moment for name in _INSTANTS if f".{name}" in sql}
                result = connection.execute(text(sql).columns(**typed))
                names = list(result.keys())
                rows = result.fetchall()
                columns: dict[str, list[Any]] = {name: [] for name in names}
                for row in rows:
                    for name, value in zip(names, row, strict=True):
                        if name in _INSTANTS and value is not None:
                            value = value.astimezone(UTC).replace(tzinfo=None)
                        columns[name].append(value)
                path = folder / f"{table}.parquet"
                pq.write_table(pa.table(columns), path)
                paths[table] = path
    finally:
        engine.dispose()
    return paths


def duckdb_reference(
    paths: dict[str, Path], span: tuple[datetime, datetime], repeat: int
) -> tuple[float, Figures]:
    """Best of `repeat`: DuckDB reads the Parquet files and runs the same sections."""
    start, end = (moment.astimezone(UTC).replace(tzinfo=None) for moment in span)

    def once() -> Figures:
        connection = duckdb.connect()
        try:
            for table, path in paths.items():
                connection.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{path}')")
            rows = {}
            for name, sql in section_queries("duckdb").items():
                named = sql.replace(":contract", "$contract").replace(":start", "$start")
                named = named.replace(":end", "$end")
                used = {"contract": CONTRACT_CODE, "start": start, "end": end}
                parameters = {k: v for k, v in used.items() if f"${k}" in named}
                rows[name] = connection.execute(named, parameters).fetchall()
            return _figures(rows)
        finally:
            connection.close()

    return _best(repeat, once)


# — ours —


def _warm_report(url: str, spec: MonthSpec) -> tuple[float, dict[str, Any]]:
    """The same report made in this process (daiyun already loaded): its own time only."""
    from daiyun.bootstrap import bootstrap
    from daiyun.config import load_settings
    from daiyun.services.reports.making import make_report

    previous = os.environ.get("DAIYUN_DATABASE_URL")
    os.environ["DAIYUN_DATABASE_URL"] = url
    try:
        application = bootstrap(load_settings())
    finally:
        if previous is None:
            os.environ.pop("DAIYUN_DATABASE_URL", None)
        else:
            os.environ["DAIYUN_DATABASE_URL"] = previous
    if PROFILE:
        _time_statements(application.engine)
    try:
        started = time.perf_counter()
        outcome = make_report(
            application.report_unit_of_work(),
            contract_code=CONTRACT_CODE,
            kind="monthly",
            period=spec.month_text,
            at=datetime.fromisoformat(MADE_AT),
            actor="bench",
        )
        seconds = time.perf_counter() - started
        if PROFILE:
            _say_statements(started + seconds)
        return seconds, outcome.to_json()
    finally:
        application.engine.dispose()


PROFILE = False  # --profile: each SQL statement of the warm report timed, the slowest shown
PROFILE_MARKS: list[tuple[float, str]] = []


def _time_statements(engine: Any) -> None:
    """Mark when each statement starts: a statement's time runs from its execute to the next
    one's (its rows fetched by the repository and turned into the report's rows)."""
    from sqlalchemy import event

    PROFILE_MARKS.clear()

    @event.listens_for(engine, "before_cursor_execute")
    def _before(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        PROFILE_MARKS.append((time.perf_counter(), " ".join(statement.split())))


def _say_statements(finished: float) -> None:
    marks = PROFILE_MARKS
    ends = [start for start, _ in marks[1:]] + [finished]
    timed = sorted(
        ((end - start, sql) for (start, sql), end in zip(marks, ends, strict=True)), reverse=True
    )
    _say(f"warm report: {len(marks)} statements; the slowest:")
    for seconds, sql in timed[:15]:
        _say(f"  {seconds:7.2f} s  {sql[:400]}")


def _roll_up(url: str) -> float:
    engine = make_engine(url)
    try:
        started = time.perf_counter()
        with engine.begin() as connection:
            roll_up_everything(connection)
        return time.perf_counter() - started
    finally:
        engine.dispose()


def _forget_report(url: str) -> None:
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text("DELETE FROM made_report"))
    finally:
        engine.dispose()


@dataclass
class DatabaseResult:
    """One database's figures; `error` says why some are missing."""

    database: str
    generated_lines: int
    paid_lines: int = 0
    paid_orders: int = 0
    fill_seconds: float = 0.0
    rollup_seconds: float = 0.0
    ours: MeasuredRun | None = None
    warm_seconds: float | None = None
    sql_seconds: float | None = None
    duckdb_seconds: float | None = None
    export_seconds: float | None = None
    load_before: tuple[float, float, float] | None = None
    load_after: tuple[float, float, float] | None = None
    checks: list[str] = field(default_factory=list)
    error: str | None = None
    server_version: str | None = None

    def ratio(self, seconds: float | None) -> float | None:
        if seconds is None or self.sql_seconds is None or not seconds:
            return None
        return self.sql_seconds / seconds

    def goal_met(self) -> bool | None:
        """At most 2 s (the command's own time, warm) and at least 0.5 of the ceiling; judged
        at 1M lines on PostgreSQL, shown for information elsewhere."""
        ratio = self.ratio(self.warm_seconds)
        if ratio is None or self.warm_seconds is None:
            return None
        return self.warm_seconds <= GOAL_SECONDS and ratio >= GOAL_RATIO

    def as_document(self) -> dict[str, Any]:
        def rounded(value: float | None) -> float | None:
            return None if value is None else round(value, 4)

        return {
            "database": self.database,
            "server_version": self.server_version,
            "generated_lines": self.generated_lines,
            "paid_lines": self.paid_lines,
            "paid_orders": self.paid_orders,
            "fill_seconds": rounded(self.fill_seconds),
            "rollup_seconds": rounded(self.rollup_seconds),
            "ours_cli_seconds": rounded(self.ours.seconds) if self.ours else None,
            "ours_cli_peak_mb": round(self.ours.peak_mb, 1) if self.ours else None,
            "ours_warm_seconds": rounded(self.warm_seconds),
            "sql_ceiling_seconds": rounded(self.sql_seconds),
            "duckdb_seconds": rounded(self.duckdb_seconds),
            "parquet_export_seconds": rounded(self.export_seconds),
            "ratio_warm": rounded(self.ratio(self.warm_seconds)),
            "ratio_cli": rounded(self.ratio(self.ours.seconds if self.ours else None)),
            "duckdb_vs_sql": rounded(self.ratio(self.duckdb_seconds)),
            "goal_seconds": GOAL_SECONDS,
            "goal_ratio": GOAL_RATIO,
            "target_met": self.goal_met(),
            "load_average_before": self.load_before,
            "load_average_after": self.load_after,
            "figures_equal": not self.checks and self.error is None,
            "differences": self.checks,
            "error": self.error,
        }


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def measure(database: str, url: str, spec: MonthSpec, folder: Path, repeat: int) -> DatabaseResult:
    """Prepare, fill, then ours, the SQL ceiling and DuckDB; the figures compared."""
    result = DatabaseResult(database, spec.lines)
    try:
        _measure(result, url, spec, folder, repeat)
    except DaiyunFailed as failure:
        result.error = str(failure)
        _say(f"{database}: FAILED (details at the end)")
    return result


def _measure(result: DatabaseResult, url: str, spec: MonthSpec, folder: Path, repeat: int) -> None:
    database = result.database
    contract_file, catalog_file = write_setup_files(spec, folder)
    prepare_database(url, contract_file, catalog_file, BRAND_CODE)
    started = time.perf_counter()
    fill_month(url, spec)
    result.fill_seconds = time.perf_counter() - started
    _say(f"{database}: {spec.lines:,} lines written in {result.fill_seconds:.1f} s")
    # The lines went straight into the tables: the sales rollups the report reads are worked
    # out from them, as migration 0026 does (an import adds its orders' sums itself; its cost
    # is in bench_import's figures). Timed and shown apart: not the report's time. The planner
    # is given the new rows' statistics first (without them the grouping took 79 s, not 22).
    analyse(url)
    result.rollup_seconds = _roll_up(url)
    _say(f"{database}: sales rollups worked out from the lines in {result.rollup_seconds:.1f} s")
    analyse(url)
    span = (spec.month_start, spec.month_end)
    result.load_before = os.getloadavg()
    arguments = [
        "report", "make", "--contract", CONTRACT_CODE, "--kind", "monthly",
        "--period", spec.month_text, "--at", MADE_AT, "--json",
    ]  # fmt: skip
    result.ours, document = run_json(url, arguments)
    _say(f"{database} ours (CLI): {result.ours.seconds:.2f} s")
    _forget_report(url)
    result.warm_seconds, warm_document = _warm_report(url, spec)
    _say(f"{database} ours (warm): {result.warm_seconds:.2f} s")
    result.sql_seconds, sql = sql_ceiling(url, span, repeat)
    _say(f"{database} SQL ceiling: {result.sql_seconds:.2f} s")
    started = time.perf_counter()
    paths = export_parquet(url, folder)
    result.export_seconds = time.perf_counter() - started
    result.duckdb_seconds, reference = duckdb_reference(paths, span, repeat)
    _say(f"{database} DuckDB: {result.duckdb_seconds:.2f} s")
    result.load_after = os.getloadavg()
    ours = report_figures(document)
    result.paid_orders = ours["sales"]["orders"]
    result.paid_lines = _paid_lines(url, span)
    result.checks = [
        *differences(ours, sql, "plain SQL"),
        *differences(report_figures(warm_document), sql, "plain SQL (warm report)"),
        *differences(reference, sql, "DuckDB"),
    ]
    if result.checks:
        raise DaiyunFailed("the report's figures differ:\n" + "\n".join(result.checks))


def _paid_lines(url: str, span: tuple[datetime, datetime]) -> int:
    engine = make_engine(url)
    moment = sales_order.c.paid_at.type
    statement = text(f"SELECT count(*) {_JOINED}").bindparams(
        bindparam("start", type_=moment), bindparam("end", type_=moment)
    )
    try:
        with engine.connect() as connection:
            values = {"contract": CONTRACT_CODE, "start": span[0], "end": span[1]}
            return int(connection.execute(statement, values).scalar_one())
    finally:
        engine.dispose()


def _number(value: float | None, pattern: str) -> str:
    return "—" if value is None else format(value, pattern)


def table(results: Sequence[DatabaseResult]) -> str:
    header = (
        f"{'database':<11}{'paid lines':>12}{'ours CLI s':>12}{'ours warm s':>13}"
        f"{'SQL s':>9}{'DuckDB s':>10}{'warm/SQL':>10}{'CLI/SQL':>9}{'goal':>6}{'load':>7}"
    )
    lines = [header]
    for result in results:
        met = result.goal_met()
        lines.append(
            f"{result.database:<11}{result.paid_lines:>12,}"
            f"{_number(result.ours.seconds if result.ours else None, '.2f'):>12}"
            f"{_number(result.warm_seconds, '.2f'):>13}{_number(result.sql_seconds, '.2f'):>9}"
            f"{_number(result.duckdb_seconds, '.2f'):>10}"
            f"{_number(result.ratio(result.warm_seconds), '.3f'):>10}"
            f"{_number(result.ratio(result.ours.seconds if result.ours else None), '.3f'):>9}"
            f"{'—' if met is None else ('yes' if met else 'NO'):>6}"
            f"{_number(result.load_before[0] if result.load_before else None, '.1f'):>7}"
        )
    return "\n".join(lines)


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--lines", type=positive_count, default=1_000_000)
    parser.add_argument("--databases", type=database_names, default=DATABASES)
    parser.add_argument("--seed", type=int, default=MonthSpec.seed)
    parser.add_argument("--repeat", type=positive_count, default=3)
    parser.add_argument("--postgres-url", default=POSTGRES_ADMIN_URL)
    parser.add_argument("--results", type=Path, default=RESULTS_DIR)
    parser.add_argument(
        "--profile", action="store_true", help="time each SQL statement of the warm report"
    )
    return parser.parse_args(argv)


def run(arguments: argparse.Namespace, folder: Path) -> dict[str, Any]:
    started_at = datetime.now(UTC)
    # About PAID_SHARE of the generated lines are paid in the month: generate enough for N.
    spec = MonthSpec(lines=max(1, round(arguments.lines / PAID_SHARE)), seed=arguments.seed)
    startup = startup_seconds()
    results: list[DatabaseResult] = []
    for database in arguments.databases:
        if database == "sqlite":
            url = f"sqlite:///{folder / 'daiyun-report.db'}"
            results.append(measure(database, url, spec, folder, arguments.repeat))
            continue
        name = f"daiyun_bench_{os.getpid()}_report"
        with scratch_postgres_database(arguments.postgres_url, name) as url:
            result = measure(database, url, spec, folder, arguments.repeat)
        result.server_version = postgres_server_version(arguments.postgres_url)
        results.append(result)
    return {
        "benchmark": "report",
        "issue": 20,
        "started_at": started_at.isoformat(timespec="seconds"),
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "lines": arguments.lines,
        "generated_lines": spec.lines,
        "seed": spec.seed,
        "period": spec.month_text,
        "contract": CONTRACT_CODE,
        "cli_startup_seconds": round(startup, 3),
        "machine": machine_facts(REPOSITORY),
        "load_average": os.getloadavg(),
        "uncommitted_src": uncommitted_source(REPOSITORY),
        "databases": [result.as_document() for result in results],
        "_results": results,
    }


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    global PROFILE
    PROFILE = arguments.profile
    with tempfile.TemporaryDirectory(prefix="daiyun-bench-report-") as folder:
        document = run(arguments, Path(folder))
    results: list[DatabaseResult] = document.pop("_results")
    stamp = datetime.fromisoformat(document["started_at"]).strftime("%Y%m%dT%H%M%SZ")
    path = write_results(arguments.results, "report", document, document["lines"], stamp)
    machine = document["machine"]
    print(
        f"\na monthly report ({document['period']}, {document['contract']}) over about "
        f"{document['lines']:,} paid order lines on {machine['nproc']} × "
        f"{machine['cpu_model']}, load average {document['load_average'][0]:.1f}"
    )
    print(table(results))
    print(
        f"goal: at most {GOAL_SECONDS} s (warm) and at least {GOAL_RATIO} of the SQL ceiling "
        f"(issue 20, at 1M lines on PostgreSQL); ratio = SQL s ÷ ours s. CLI startup "
        f"{document['cli_startup_seconds']:.2f} s (in 'ours CLI')"
    )
    print(f"results: {path}")
    failed = [result for result in results if result.error]
    for result in failed:
        print(f"\n{result.database}: failed:\n{result.error}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
