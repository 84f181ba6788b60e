"""Benchmark (issue 22 point 4): a Double-11 day end to end, through the workers.

50 brands (contracts, Tmall stores, catalogues) and the day's N order lines (10,000,000 by
default, `--lines`), shared out unevenly over the brands (bench/lib/double11_day.py). In one run:

1. generate every store's Taobao/Tmall export pair (the import benchmark's generator and format)
   and its November Alipay statement, consistent with the orders;
2. set up a fresh database (PostgreSQL `daiyun_bench_<pid>_double11`, or a SQLite file):
   `daiyun db upgrade`, every brand's `contract load` and `catalog import` (untimed);
3. start `--workers` `daiyun worker` processes on the local Redis, on a database number of the
   bench's own (`--redis-db`, flushed before and after), unless `--broker none`: then each
   command runs its job in its own process (the embedded default);
4. the day, stage by stage, each timed from its first submission to its last job finished:
   **import** (`daiyun orders import --background` per store), **Alipay import** (`daiyun alipay
   import` per store: no job kind exists for it), **draft** (`daiyun jobs draft` per contract,
   November), **reconcile** (`daiyun jobs reconcile` per store, November), **reports** (`daiyun
   report make` per contract, when the command exists; otherwise "not built yet");
5. each stage's ceiling on the same data, after the day: import — binary COPY of the same rows
   into daiyun's own tables (bench_import's floor; on SQLite its executemany ceiling), summed
   over the stores; draft — the fetch ceiling of bench_settle, summed over the contracts;
   reconcile — bench_reconcile's join, summed over the stores; ratio = ceiling s / stage s.

Every job's result is checked against what was generated (lines imported, lines recognised,
orders reconciled with no difference) or the run fails loudly. Peak memory: of each worker's
process tree (RSS sampled from /proc, and the worker's own ru_maxrss at exit) and of the CLI
commands (ru_maxrss). The load average of the shared machine is recorded over the run. Writes
bench/results/double11-<lines>-<UTC time>.json and double11-latest.json, prints a table.

    .venv/bin/python bench/bench_double11.py --lines 200000
    .venv/bin/python bench/bench_double11.py --lines 2000 --brands 2 --database sqlite --broker none
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import text

from daiyun.adapters.db.engine import make_engine, read_only
from daiyun.domain.calendar import Month
from lib.arguments import positive_count
from lib.ceilings import (
    postgres_server_version,
    scratch_postgres_database,
    sqlite_ceiling,
    sqlite_rows,
)
from lib.daiyun_batch import run_batch
from lib.daiyun_runs import DaiyunFailed, daiyun_command, run_json
from lib.double11_day import (
    MONTH,
    Brand,
    BrandDay,
    brand_spec,
    brands,
    totals,
    write_brand_day,
)
from lib.fetch_ceiling import fetch_ceiling
from lib.machine import machine_facts
from lib.process_memory import TreeSampler
from lib.reconcile_ceiling import reconcile_ceiling
from lib.results import number, uncommitted_source, write_results
from lib.schema_ceiling import postgres_schema_ceiling, schema_rows
from lib.taobao_export import build_catalogue, generate_orders, stored_lines

BENCH_DIR = Path(__file__).resolve().parent
REPOSITORY = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
POSTGRES_ADMIN_URL = os.environ.get(
    "DAIYUN_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
FINAL = ("done", "failed", "cancelled", "held")
_POLL = 0.5


# --- arguments -----------------------------------------------------------------------------------


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=positive_count, default=10_000_000)
    parser.add_argument("--brands", type=positive_count, default=50)
    parser.add_argument("--skus", type=positive_count, default=300, help="SKUs per brand")
    parser.add_argument("--database", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--broker", choices=("redis", "none"), default="redis")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379")
    parser.add_argument("--redis-db", type=int, default=9, help="the bench's own database number")
    parser.add_argument("--workers", type=positive_count, default=2)
    parser.add_argument("--threads", type=positive_count, default=2, help="per worker")
    parser.add_argument(
        "--submitters",
        type=int,
        default=0,
        help="0: one process submits a stage's commands through the CLI's code; N: a daiyun "
        "process per command, N at once",
    )
    parser.add_argument("--generators", type=positive_count, default=2, help="processes")
    parser.add_argument("--seed", type=int, default=20261111)
    parser.add_argument("--repeat", type=positive_count, default=2, help="ceiling runs")
    parser.add_argument("--postgres-url", default=POSTGRES_ADMIN_URL)
    parser.add_argument("--keep", type=Path, default=None, help="generate into DIR and keep it")
    parser.add_argument("--results-dir", type=Path, default=RESULTS_DIR)
    parser.add_argument(
        "--analyze",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="ANALYZE after the loads (PostgreSQL), as autovacuum would",
    )
    arguments = parser.parse_args(argv)
    if arguments.lines < arguments.brands:
        parser.error("--lines must be at least --brands")
    if arguments.submitters < 0:
        parser.error("--submitters is 0 or more")
    if not 0 <= arguments.redis_db <= 15:
        parser.error("--redis-db is a Redis database number, 0 to 15")
    return arguments


# --- figures -------------------------------------------------------------------------------------


@dataclass
class Stage:
    """One stage of the day: its commands, its jobs, its time and its ceiling."""

    name: str
    how: str
    units: int = 0  # what its throughput counts (lines, orders)
    unit: str = "lines"
    seconds: float | None = None
    submit_seconds: float | None = None
    job_seconds: float | None = None  # Σ each job's own run (finished − started)
    jobs: int = 0
    cli_peak_kib: int = 0
    ceiling_seconds: float | None = None
    ceiling_method: str | None = None
    not_built: str | None = None
    results: list[dict[str, Any]] = field(default_factory=list, repr=False)

    @property
    def ratio(self) -> float | None:
        if self.seconds is None or self.ceiling_seconds is None:
            return None
        return self.ceiling_seconds / self.seconds

    def as_document(self) -> dict[str, Any]:
        rate = None if not self.seconds else self.units / self.seconds
        ceiling_rate = None if not self.ceiling_seconds else self.units / self.ceiling_seconds
        return {
            "stage": self.name,
            "how": self.how,
            "not_built": self.not_built,
            "jobs": self.jobs,
            "units": self.units,
            "unit": self.unit,
            "seconds": _round(self.seconds, 3),
            "per_second": _round(rate, 0),
            "submit_seconds": _round(self.submit_seconds, 3),
            "jobs_run_seconds_sum": _round(self.job_seconds, 3),
            "ceiling_seconds": _round(self.ceiling_seconds, 4),
            "ceiling_per_second": _round(ceiling_rate, 0),
            "ceiling_method": self.ceiling_method,
            "ratio": _round(self.ratio, 4),
            "cli_peak_mb": round(self.cli_peak_kib / 1024, 1) if self.cli_peak_kib else None,
        }


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- the workers ---------------------------------------------------------------------------------


@dataclass
class Workers:
    """`daiyun worker` processes on the bench's Redis database."""

    processes: list[subprocess.Popen[bytes]]
    logs: list[Path]
    sampler: TreeSampler
    exit_peaks_kib: list[int] = field(default_factory=list)

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                _, _, usage = os.wait4(process.pid, 0)
                self.exit_peaks_kib.append(usage.ru_maxrss)
            except ChildProcessError:
                self.exit_peaks_kib.append(0)
            process.returncode = 0
        self.sampler.stop()


def start_workers(
    database_url: str, broker_url: str, count: int, threads: int, folder: Path
) -> Workers:
    environment = {
        **os.environ,
        "DAIYUN_DATABASE_URL": database_url,
        "DAIYUN_BROKER_URL": broker_url,
    }
    processes, logs = [], []
    for n in range(count):
        log = folder / f"worker-{n}.log"
        with log.open("wb") as out:
            processes.append(
                subprocess.Popen(
                    [*daiyun_command(), "worker", "--threads", str(threads), "--no-schedule"],
                    env=environment,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                )
            )
        logs.append(log)
    deadline = time.monotonic() + 120
    for process, log in zip(processes, logs, strict=True):
        while "daiyun worker:" not in log.read_text(errors="replace"):
            if process.poll() is not None or time.monotonic() > deadline:
                raise DaiyunFailed(f"a worker did not start:\n{log.read_text()[-2000:]}")
            time.sleep(0.2)
    return Workers(processes, logs, TreeSampler([process.pid for process in processes]))


@contextmanager
def redis_database(url: str) -> Iterator[str]:
    """The bench's own Redis database, emptied before and after."""
    import redis

    client = redis.Redis.from_url(url)
    client.flushdb()
    try:
        yield url
    finally:
        client.flushdb()
        client.close()


# --- the stages ----------------------------------------------------------------------------------


def _submit_all(
    database_url: str, commands: Sequence[Sequence[str]], submitters: int
) -> tuple[list[dict[str, Any]], int, float]:
    """Run the commands, each printing one JSON document: those documents, the peak memory of
    the submitting process(es) and the seconds it took. `submitters` 0: one process runs them
    all through the CLI's code (daiyun_batch); else a `daiyun` process per command, that many
    at once."""
    started = time.perf_counter()
    if submitters == 0:
        batch = run_batch(database_url, commands)
        documents = [json.loads(output) for output in batch.outputs]
        return documents, batch.peak_rss_kib, time.perf_counter() - started
    with ThreadPoolExecutor(submitters) as pool:
        runs = list(pool.map(lambda command: run_json(database_url, command), commands))
    peak = max(run.peak_rss_kib for run, _ in runs)
    return [summary for _, summary in runs], peak, time.perf_counter() - started


def _wait_for_jobs(database_url: str, job_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Every job's row once all are final (done, failed, held or cancelled)."""
    engine = make_engine(database_url)
    query = text(
        "SELECT id, state, started_at, finished_at, result, error, attempts FROM job "
        "WHERE id IN :ids"
    ).bindparams(_expanding("ids"))
    try:
        while True:
            with engine.connect() as connection:
                rows = read_only(connection).execute(query, {"ids": list(job_ids)}).all()
            if len(rows) == len(job_ids) and all(row.state in FINAL for row in rows):
                return [
                    {
                        "id": row.id,
                        "state": row.state,
                        "seconds": _seconds(row.started_at, row.finished_at),
                        "result": None if row.result is None else json.loads(row.result),
                        "error": row.error,
                        "attempts": row.attempts,
                    }
                    for row in rows
                ]
            time.sleep(_POLL)
    finally:
        engine.dispose()


def _expanding(name: str) -> Any:
    from sqlalchemy import bindparam

    return bindparam(name, expanding=True)


def _seconds(started: Any, finished: Any) -> float | None:
    if started is None or finished is None:
        return None
    if isinstance(started, str):  # SQLite through a text query: naive UTC text
        started, finished = datetime.fromisoformat(started), datetime.fromisoformat(finished)
    return (finished - started).total_seconds()


def job_stage(
    stage: Stage, database_url: str, commands: Sequence[Sequence[str]], submitters: int
) -> None:
    """Submit `commands` (each printing `{"job": ID}`), wait for their jobs; time it all."""
    started = time.perf_counter()
    documents, stage.cli_peak_kib, stage.submit_seconds = _submit_all(
        database_url, commands, submitters
    )
    ids = [document["job"] for document in documents]
    stage.results = _wait_for_jobs(database_url, ids)
    stage.seconds = time.perf_counter() - started
    stage.jobs = len(ids)
    stage.job_seconds = sum(job["seconds"] or 0.0 for job in stage.results)
    by_id = {job["id"]: job for job in stage.results}
    stage.results = [by_id[job_id] for job_id in ids]  # in the commands' order
    failed = [job for job in stage.results if job["state"] != "done"]
    if failed:
        raise DaiyunFailed(
            f"{stage.name}: {len(failed)} job(s) did not finish done, e.g. "
            f"{json.dumps(failed[0], ensure_ascii=False, default=str)[:1500]}"
        )


def command_stage(
    stage: Stage, database_url: str, commands: Sequence[Sequence[str]], submitters: int
) -> None:
    """Run `commands` (each printing one JSON document) to the end; time it all."""
    stage.results, stage.cli_peak_kib, stage.seconds = _submit_all(
        database_url, commands, submitters
    )
    stage.submit_seconds = stage.seconds
    stage.jobs = len(stage.results)


def analyze(database_url: str) -> Stage:
    """ANALYZE the database, as autovacuum's autoanalyze does some time after a large load.
    Without statistics after the day's bulk loads, PostgreSQL plans reconciliation's month
    queries for empty tables: on a server with autovacuum off, reconciling the largest store
    of a 200,000-line day ran over 10 minutes instead of about 20 seconds."""
    stage = Stage("analyze", "ANALYZE (what autovacuum does after large loads; off here)")
    engine = make_engine(database_url)
    started = time.perf_counter()
    try:
        with engine.connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")
    finally:
        engine.dispose()
    stage.seconds = time.perf_counter() - started
    _say(f"ANALYZE: {stage.seconds:.1f} s")
    return stage


def autovacuum_setting(database_url: str) -> str | None:
    if not database_url.startswith("postgresql"):
        return None
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            return str(connection.exec_driver_sql("SHOW autovacuum").scalar())
    finally:
        engine.dispose()


def report_command_exists() -> bool:
    """Whether this daiyun has `daiyun report make` (another issue's, maybe not built yet)."""
    finished = subprocess.run(
        [*daiyun_command(), "report", "make", "--help"], capture_output=True, check=False
    )
    return finished.returncode == 0


# --- checks against what was generated -----------------------------------------------------------


def check_import(stage: Stage, days: Sequence[BrandDay]) -> list[str]:
    wrong = []
    for day, job in zip(days, stage.results, strict=True):
        new = (job["result"] or {}).get("lines", {}).get("new")
        if new != day.stats.lines:
            wrong.append(f"{day.brand.store}: lines.new {new!r}, generated {day.stats.lines}")
    return wrong


def check_alipay(stage: Stage, days: Sequence[BrandDay]) -> list[str]:
    wrong = []
    for day, summary in zip(days, stage.results, strict=True):
        if not summary.get("stored"):
            wrong.append(f"{day.brand.store}: Alipay statement not stored: {summary}"[:500])
    return wrong


def check_draft(stage: Stage, days: Sequence[BrandDay]) -> list[str]:
    wrong = []
    for day, job in zip(days, stage.results, strict=True):
        result = job["result"] or {}
        expected = {
            "recognised_lines": day.completed_lines,
            "recognised_units": day.completed_units,
            "unsettleable_orders": 0,
        }
        for key, value in expected.items():
            if result.get(key) != value:
                wrong.append(f"{day.brand.contract}: {key} {result.get(key)!r}, expected {value}")
    return wrong


def _yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


def check_reconcile(stage: Stage, days: Sequence[BrandDay]) -> list[str]:
    wrong = []
    for day, job in zip(days, stage.results, strict=True):
        result = job["result"] or {}
        expected = {
            "orders_completed": day.completed_orders,
            "matched": day.completed_orders,
            "difference_count": 0,
            "expected_income": _yuan(day.expected_income_fen),
            "alipay_income": _yuan(day.expected_income_fen),
            "expected_fees": _yuan(day.expected_fees_fen),
            "alipay_fees": _yuan(day.expected_fees_fen),
        }
        for key, value in expected.items():
            if result.get(key) != value:
                wrong.append(f"{day.brand.store}: {key} {result.get(key)!r}, expected {value!r}")
    return wrong


def check_reports(stage: Stage, days: Sequence[BrandDay]) -> list[str]:
    """R-R1's monthly report counts the orders paid in the month, whatever became of them."""
    wrong = []
    for day, report in zip(days, stage.results, strict=True):
        orders = (report.get("sales") or {}).get("orders")
        if orders != day.paid_orders:
            wrong.append(f"{day.brand.contract}: sales.orders {orders!r}, paid {day.paid_orders}")
    return wrong


# --- ceilings ------------------------------------------------------------------------------------


def import_ceiling(
    arguments: argparse.Namespace, database_url: str, days: Sequence[BrandDay], folder: Path
) -> tuple[float, str]:
    """Σ over the stores of the best COPY of its rows into daiyun's own tables (PostgreSQL),
    or of the bare executemany (SQLite)."""
    total, method = 0.0, ""
    if arguments.database == "sqlite":
        for day in days:
            spec = brand_spec(day.brand, arguments.seed, arguments.skus)
            rows = [
                row
                for order in generate_orders(spec, build_catalogue(spec))
                for row in stored_lines(order, spec.as_of)
            ]
            ceiling = sqlite_ceiling(folder, sqlite_rows(rows), arguments.repeat)
            total += ceiling.seconds
            method = ceiling.method + "; summed over the stores"
        return total, method
    # In the day's own database, its other ceilings measured: the orders are emptied first.
    ids = _stores_and_skus(database_url)
    for day in days:
        spec = brand_spec(day.brand, arguments.seed, arguments.skus)
        store_id, sku_ids = ids[day.brand.store]
        rows = schema_rows(spec, store_id, sku_ids)
        ceiling = postgres_schema_ceiling(database_url, rows, arguments.repeat)
        del rows
        total += ceiling.seconds
        method = ceiling.method + "; best of runs per store into emptied tables, summed"
    return total, method


def _stores_and_skus(url: str) -> dict[str, tuple[int, dict[str, int]]]:
    import psycopg

    found: dict[str, tuple[int, dict[str, int]]] = {}
    with psycopg.connect(url) as connection:
        stores = connection.execute("SELECT code, id, brand_id FROM store").fetchall()
        for code, store_id, brand_id in stores:
            skus = connection.execute("SELECT code, id FROM sku WHERE brand_id = %s", (brand_id,))
            found[code] = (int(store_id), {sku: int(key) for sku, key in skus})
    return found


def draft_ceiling(database_url: str, days: Sequence[BrandDay], repeat: int) -> tuple[float, str]:
    month = Month.parse(MONTH)
    total, method = 0.0, ""
    for day in days:
        ceiling, _ = fetch_ceiling(database_url, day.brand.contract, month, repeat)
        total += ceiling.seconds
        method = ceiling.method + "; summed over the contracts"
    return total, method


def reconciling_ceiling(
    database_url: str, days: Sequence[BrandDay], repeat: int
) -> tuple[float, str]:
    month = Month.parse(MONTH)
    total, method = 0.0, ""
    for day in days:
        ceiling, _ = reconcile_ceiling(database_url, day.brand.store, month, repeat)
        total += ceiling.seconds
        method = ceiling.method + "; summed over the stores"
    return total, method


# --- the run -------------------------------------------------------------------------------------


def setup_commands(days: Sequence[BrandDay]) -> list[list[str]]:
    commands = []
    for day in days:
        commands.append(["contract", "load", str(day.contract_file)])
        commands.append(["catalog", "import", "--brand", day.brand.code, str(day.catalog_file)])
    return commands


def generate(arguments: argparse.Namespace, folder: Path) -> tuple[list[BrandDay], float]:
    started = time.perf_counter()
    day_brands: list[Brand] = brands(arguments.lines, arguments.brands)
    # Largest first, so that the pool's processes end together.
    ordered = sorted(day_brands, key=lambda brand: -brand.lines)
    with ProcessPoolExecutor(arguments.generators) as pool:
        made = list(
            pool.map(
                write_brand_day,
                ordered,
                [arguments.seed] * len(ordered),
                [arguments.skus] * len(ordered),
                [folder / brand.code for brand in ordered],
            )
        )
    made.sort(key=lambda day: day.brand.number)
    return made, time.perf_counter() - started


def run_day(
    arguments: argparse.Namespace, database_url: str, days: Sequence[BrandDay], folder: Path
) -> dict[str, Any]:
    """The day on a fresh database: setup, the stages, the ceilings, the checks."""
    document: dict[str, Any] = {}
    started = time.perf_counter()
    run_batch(database_url, [["db", "upgrade"], *setup_commands(days)])
    document["setup_seconds"] = round(time.perf_counter() - started, 2)
    document["autovacuum"] = autovacuum_setting(database_url)
    document["analyze_after_loads"] = arguments.analyze and arguments.database == "postgresql"
    _say(f"setup: {len(days)} contracts and catalogues in {document['setup_seconds']} s")

    broker_url = None
    if arguments.broker == "redis":
        broker_url = f"{arguments.redis_url}/{arguments.redis_db}"
        os.environ["DAIYUN_BROKER_URL"] = broker_url
    else:
        os.environ.pop("DAIYUN_BROKER_URL", None)
    workers: Workers | None = None
    stages: list[Stage] = []
    checks: dict[str, list[str]] = {}
    day_started = time.perf_counter()
    with contextmanager_or_none(broker_url) as broker:
        if broker is not None:
            workers = start_workers(
                database_url, broker, arguments.workers, arguments.threads, folder
            )
            _say(f"{arguments.workers} worker(s) × {arguments.threads} thread(s) on {broker}")
        try:
            day_started = time.perf_counter()
            _run_stages(arguments, database_url, days, stages, checks)
        finally:
            document["day_seconds"] = round(time.perf_counter() - day_started, 3)
            if workers is not None:
                workers.stop()
    document["workers"] = _workers_document(arguments, workers)
    # The import's ceiling last: on PostgreSQL it empties the day's orders.
    for stage in sorted(stages, key=lambda each: each.name == "import"):
        if stage.seconds is None or stage.name not in ("import", "draft", "reconcile"):
            continue
        _say(f"ceiling of {stage.name} …")
        if stage.name == "import":
            stage.ceiling_seconds, stage.ceiling_method = import_ceiling(
                arguments, database_url, days, folder
            )
        elif stage.name == "draft":
            stage.ceiling_seconds, stage.ceiling_method = draft_ceiling(
                database_url, days, arguments.repeat
            )
        else:
            stage.ceiling_seconds, stage.ceiling_method = reconciling_ceiling(
                database_url, days, arguments.repeat
            )
    document["stages"] = [stage.as_document() for stage in stages]
    document["checks"] = checks
    document["cli_peak_mb"] = (
        max((stage.cli_peak_kib for stage in stages if stage.cli_peak_kib), default=0) / 1024
    )
    # Each job's id, state and seconds: its whole result (a month's statement, an import's
    # summary) is checked above and stays in the database; kept here it made 5 MB at 50k lines.
    document["jobs"] = {
        stage.name: [_job_summary(result) for result in stage.results]
        for stage in stages
        if stage.name != "alipay"
    }
    return document


def _job_summary(result: Any) -> Any:
    """A job's id, state and seconds; a report's contract, period, sales and on_time."""
    if isinstance(result, dict) and "id" in result and "state" in result:
        return {key: result.get(key) for key in ("id", "state", "seconds")}
    if isinstance(result, dict) and "period" in result:
        return {key: result.get(key) for key in ("contract", "period", "sales", "on_time")}
    return result


@contextmanager
def contextmanager_or_none(broker_url: str | None) -> Iterator[str | None]:
    if broker_url is None:
        yield None
        return
    with redis_database(broker_url) as url:
        yield url


def _workers_document(arguments: argparse.Namespace, workers: Workers | None) -> dict[str, Any]:
    if workers is None:
        return {"broker": None, "how": "no broker: each command ran its job in its own process"}
    sampler = workers.sampler
    return {
        "broker": f"{arguments.redis_url}/{arguments.redis_db}",
        "count": arguments.workers,
        "threads": arguments.threads,
        "peak_tree_rss_mb": [round(sampler.peak_kib[pid] / 1024, 1) for pid in sampler.roots],
        "peak_all_workers_rss_mb": round(sampler.peak_total_kib / 1024, 1),
        "exit_ru_maxrss_mb": [round(kib / 1024, 1) for kib in workers.exit_peaks_kib],
        "load_average_samples": sampler.loads,
    }


def _run_stages(
    arguments: argparse.Namespace,
    database_url: str,
    days: Sequence[BrandDay],
    stages: list[Stage],
    checks: dict[str, list[str]],
) -> None:
    lines = sum(day.stats.lines for day in days)
    completed_lines = sum(day.completed_lines for day in days)
    completed_orders = sum(day.completed_orders for day in days)
    alipay_lines = sum(day.alipay_lines for day in days)
    submitters = arguments.submitters

    stage = Stage("import", "daiyun orders import --background --store S --json ORDERS ITEMS")
    stage.units = lines
    stages.append(stage)
    job_stage(
        stage,
        database_url,
        [_import_command(day) for day in days],
        submitters,
    )
    checks["import"] = check_import(stage, days)
    _say(f"import: {lines:,} lines in {stage.seconds:.1f} s")

    stage = Stage("alipay", "daiyun alipay import --store S --json STATEMENT (no job kind)")
    stage.units = alipay_lines
    stages.append(stage)
    command_stage(
        stage,
        database_url,
        [
            ["alipay", "import", "--store", day.brand.store, "--json", str(day.alipay_file)]
            for day in days
        ],
        submitters,
    )
    checks["alipay"] = check_alipay(stage, days)
    _say(f"Alipay import: {alipay_lines:,} lines in {stage.seconds:.1f} s")
    if arguments.analyze and arguments.database == "postgresql":
        stages.append(analyze(database_url))

    stage = Stage("draft", f"daiyun jobs draft --contract C --month {MONTH} --json")
    stage.units = completed_lines
    stages.append(stage)
    job_stage(
        stage,
        database_url,
        [
            ["jobs", "draft", "--contract", day.brand.contract, "--month", MONTH, "--json"]
            for day in days
        ],
        submitters,
    )
    checks["draft"] = check_draft(stage, days)
    _say(f"draft: {completed_lines:,} lines in {stage.seconds:.1f} s")

    stage = Stage("reconcile", f"daiyun jobs reconcile --store S --month {MONTH} --json")
    stage.units, stage.unit = completed_orders, "orders"
    stages.append(stage)
    job_stage(
        stage,
        database_url,
        [
            ["jobs", "reconcile", "--store", day.brand.store, "--month", MONTH, "--json"]
            for day in days
        ],
        submitters,
    )
    checks["reconcile"] = check_reconcile(stage, days)
    _say(f"reconcile: {completed_orders:,} orders in {stage.seconds:.1f} s")

    stage = Stage("reports", "daiyun report make --contract C --kind monthly --period P --json")
    stage.units, stage.unit = len(days), "reports"
    stages.append(stage)
    if not report_command_exists():
        stage.not_built = "not built yet: this daiyun has no `daiyun report make`"
        _say("reports: not built yet (no `daiyun report make`)")
        return
    command_stage(
        stage,
        database_url,
        [_report_command(day) for day in days],
        submitters,
    )
    checks["reports"] = check_reports(stage, days)
    _say(f"reports: {len(days)} in {stage.seconds:.1f} s")


def _import_command(day: BrandDay) -> list[str]:
    files = [str(day.order_file), str(day.item_file)]
    return ["orders", "import", "--background", "--store", day.brand.store, "--json", *files]


def _report_command(day: BrandDay) -> list[str]:
    contract = day.brand.contract
    return ["report", "make", "--contract", contract, "--kind", "monthly", "--period", MONTH,
            "--json"]  # fmt: skip


def _import_command(day: BrandDay) -> list[str]:
    files = [str(day.order_file), str(day.item_file)]
    return ["orders", "import", "--background", "--store", day.brand.store, "--json", *files]


def _report_command(day: BrandDay) -> list[str]:
    contract = day.brand.contract
    return ["report", "make", "--contract", contract, "--kind", "monthly", "--period", MONTH,
            "--json"]  # fmt: skip


def run(arguments: argparse.Namespace, folder: Path) -> dict[str, Any]:
    load_before = os.getloadavg()
    started = time.perf_counter()
    days, generate_seconds = generate(arguments, folder)
    figures = totals(days)
    _say(
        f"generated {figures['lines']:,} lines ({figures['orders']:,} orders) of "
        f"{len(days)} brands and their Alipay statements in {generate_seconds:.1f} s"
    )
    document: dict[str, Any] = {
        "benchmark": "double11",
        "issue": "22 point 4",
        "lines": figures["lines"],
        "brands": len(days),
        "database": arguments.database,
        "broker": arguments.broker,
        "generated": {
            **figures,
            "seconds": round(generate_seconds, 2),
            "per_brand_lines": [day.stats.lines for day in days],
        },
        "load_average_before": [round(value, 2) for value in load_before],
    }
    if arguments.database == "postgresql":
        document["server_version"] = postgres_server_version(arguments.postgres_url)
        name = f"daiyun_bench_{os.getpid()}_double11"
        with scratch_postgres_database(arguments.postgres_url, name) as url:
            document.update(run_day(arguments, url, days, folder))
    else:
        url = f"sqlite:///{folder / 'double11.db'}"
        document.update(run_day(arguments, url, days, folder))
    document["load_average_after"] = [round(value, 2) for value in os.getloadavg()]
    document["total_seconds"] = round(time.perf_counter() - started, 2)
    return document


def table(document: dict[str, Any]) -> str:
    header = (
        f"{'stage':<10} {'jobs':>5} {'units':>12} {'stage s':>9} {'per s':>10} "
        f"{'ceiling s':>10} {'ratio':>7} {'CLI MB':>7}"
    )
    rows = [header, "-" * len(header)]
    for stage in document["stages"]:
        if stage["not_built"]:
            rows.append(f"{stage['stage']:<10} {stage['not_built']}")
            continue
        rows.append(
            f"{stage['stage']:<10} {stage['jobs']:>5} "
            f"{number(stage['units'], ',.0f'):>12} {number(stage['seconds'], '.2f'):>9} "
            f"{number(stage['per_second'], ',.0f'):>10} "
            f"{number(stage['ceiling_seconds'], '.3f'):>10} {number(stage['ratio'], '.3f'):>7} "
            f"{number(stage['cli_peak_mb'], '.0f'):>7}"
        )
    workers = document["workers"]
    rows.append("")
    rows.append(
        f"{document['lines']:,} lines, {document['brands']} brands, {document['database']}, "
        f"broker {document['broker']}: the day {document['day_seconds']:.1f} s "
        f"(generation {document['generated']['seconds']:.1f} s and setup "
        f"{document['setup_seconds']:.1f} s before it); whole run {document['total_seconds']} s"
    )
    if workers.get("broker"):
        rows.append(
            f"workers: {workers['count']} × {workers['threads']} threads; peak RSS of each "
            f"process tree {workers['peak_tree_rss_mb']} MB (all at once "
            f"{workers['peak_all_workers_rss_mb']} MB; ru_maxrss at exit "
            f"{workers['exit_ru_maxrss_mb']} MB)"
        )
    loads = workers.get("load_average_samples") or []
    rows.append(
        f"load average (1 min): before {document['load_average_before'][0]}, after "
        f"{document['load_average_after'][0]}"
        + (f", during {min(loads):.1f}–{max(loads):.1f}" if loads else "")
    )
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    failure: str | None = None
    with _folder(arguments.keep) as folder:
        try:
            document = run(arguments, folder)
        except (DaiyunFailed, RuntimeError) as error:
            failure = str(error)
            document = {"error": failure}
    if failure is not None:
        _say(f"FAILED: {failure}")
        return 1
    document["machine"] = machine_facts(REPOSITORY)
    document["uncommitted_src"] = uncommitted_source(REPOSITORY)
    document["stamp"] = stamp
    wrong = [f"{stage}: {each}" for stage, found in document["checks"].items() for each in found]
    document["checks_passed"] = not wrong
    path = write_results(arguments.results_dir, "double11", document, document["lines"], stamp)
    print(table(document))
    print(f"results: {path}")
    if wrong:
        _say("the day's figures differ from what was generated:\n" + "\n".join(wrong[:40]))
        return 1
    return 0


@contextmanager
def _folder(keep: Path | None) -> Iterator[Path]:
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        yield keep
        return
    with tempfile.TemporaryDirectory(prefix="daiyun-double11-") as folder:
        yield Path(folder)


if __name__ == "__main__":
    sys.exit(main())
