"""Benchmark (issue 4 item 7): settling a month of N order lines vs the machine's fetch ceiling.

In one run, on each database: a fresh database migrated, the model A contract and catalogue
loaded (`daiyun db upgrade`, `contract load`, `catalog import`), then a month of N completed
order lines with refunds and price violations written straight into its tables
(bench/lib/settle_month.py; untimed) and analysed; the ceiling, a plain SQLAlchemy Core fetch of
the same rows the draft reads (bench/lib/fetch_ceiling.py, best of --repeat); then, timed, each
as a subprocess with its own peak memory, `daiyun statement draft --json` and `daiyun statement
issue --json`. Prints lines/s, ours/ceiling and MB; writes bench/results/settle-<N>-<UTC
time>.json and settle-latest.json. Nothing here asserts a time: a missed target is reported, and
the exit status is non-zero only when a command failed or reported other figures than generated.

    .venv/bin/python bench/bench_settle.py [--lines N] [--databases sqlite,postgresql]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from daiyun.adapters.db.engine import make_engine
from daiyun.adapters.db.tables import statement_recognition
from daiyun.domain.calendar import Month
from lib.arguments import DATABASES, database_names, positive_count
from lib.ceilings import Ceiling, postgres_server_version, scratch_postgres_database
from lib.daiyun_runs import DaiyunFailed, MeasuredRun, prepare_database, run_json, startup_seconds
from lib.fetch_ceiling import fetch_ceiling
from lib.machine import machine_facts
from lib.results import number, uncommitted_source, write_results
from lib.settle_month import (
    BRAND_CODE,
    CONTRACT_CODE,
    MonthSpec,
    MonthStats,
    analyse,
    fill_month,
    write_setup_files,
)

BENCH_DIR = Path(__file__).resolve().parent
REPOSITORY = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
# Issue 4, "Done when": end-to-end settlement at least this share of the fetch ceiling; issue 22
# point 3: the draft alone at least this share at 1M lines on PostgreSQL, in bounded memory.
TARGET_RATIO = 0.4
PEAK_TARGET_MB = 500  # issue 22: the draft's peak memory, whatever the month's size
# The statement is drafted on the next month's 2nd and issued on its 3rd (before the 10th, R-S6).
DRAFT_AT = "T10:00:00+08:00"
POSTGRES_ADMIN_URL = os.environ.get(
    "DAIYUN_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)


@dataclass
class DatabaseResult:
    """One database's figures; `error` says why ours is missing."""

    database: str
    lines: int
    fill_seconds: float = 0.0
    ceiling: Ceiling | None = None
    ceiling_refunds: int = 0
    draft: MeasuredRun | None = None
    draft_summary: dict[str, Any] | None = None
    issue: MeasuredRun | None = None
    recognised_after_issue: int | None = None
    error: str | None = None
    server_version: str | None = None

    def per_second(self, run: MeasuredRun | None) -> float | None:
        return None if run is None else self.lines / run.seconds

    def ratio(self, seconds: float | None) -> float | None:
        if seconds is None or self.ceiling is None:
            return None
        return self.ceiling.seconds / seconds

    @property
    def draft_ratio(self) -> float | None:
        return self.ratio(None if self.draft is None else self.draft.seconds)

    @property
    def issue_ratio(self) -> float | None:
        return self.ratio(None if self.issue is None else self.issue.seconds)

    @property
    def end_to_end_ratio(self) -> float | None:
        if self.draft is None or self.issue is None:
            return None
        return self.ratio(self.draft.seconds + self.issue.seconds)

    def as_document(self) -> dict[str, Any]:
        ceiling = self.ceiling
        return {
            "database": self.database,
            "server_version": self.server_version,
            "fill_seconds": round(self.fill_seconds, 3),
            "ceiling": None
            if ceiling is None
            else {
                "method": ceiling.method,
                "lines_per_second": round(ceiling.lines_per_second),
                "seconds": round(ceiling.seconds, 4),
                "runs_seconds": [round(seconds, 4) for seconds in ceiling.runs_seconds],
                "refunds_fetched": self.ceiling_refunds,
            },
            "draft": _run_document(self.draft, self.lines, "daiyun statement draft --json"),
            "draft_figures": self.draft_summary,
            "issue": _run_document(self.issue, self.lines, "daiyun statement issue --json"),
            "recognised_after_issue": self.recognised_after_issue,
            "draft_ratio": _rounded(self.draft_ratio),
            "issue_ratio": _rounded(self.issue_ratio),
            "end_to_end_ratio": _rounded(self.end_to_end_ratio),
            "target_ratio": TARGET_RATIO,
            "draft_target_met": (
                None if self.draft_ratio is None else self.draft_ratio >= TARGET_RATIO
            ),
            "peak_target_mb": PEAK_TARGET_MB,
            "draft_peak_target_met": (
                None if self.draft is None else self.draft.peak_mb <= PEAK_TARGET_MB
            ),
            "end_to_end_target_met": (
                None if self.end_to_end_ratio is None else self.end_to_end_ratio >= TARGET_RATIO
            ),
            "error": self.error,
        }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _run_document(run: MeasuredRun | None, lines: int, command: str) -> dict[str, Any] | None:
    if run is None:
        return None
    return {
        "command": command,
        "seconds": round(run.seconds, 3),
        "lines_per_second": round(lines / run.seconds),
        "peak_rss_kib": run.peak_rss_kib,
        "peak_rss_mb": round(run.peak_mb, 1),
    }


# --- the steps -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Setup:
    spec: MonthSpec
    contract_file: Path
    catalog_file: Path
    profile_dir: Path | None


def bench_database(database: str, url: str, setup: Setup, repeat: int) -> DatabaseResult:
    """Prepare and fill `url`, measure the ceiling, then draft and issue; errors as values."""
    spec = setup.spec
    result = DatabaseResult(database, spec.lines)
    try:
        _measure(result, url, setup, repeat)
    except DaiyunFailed as failure:
        result.error = str(failure)
        _say(f"{database}: FAILED (details at the end)")
    return result


def _measure(result: DatabaseResult, url: str, setup: Setup, repeat: int) -> None:
    spec, database = setup.spec, result.database
    prepare_database(url, setup.contract_file, setup.catalog_file, BRAND_CODE)
    started = time.perf_counter()
    stats = fill_month(url, spec)
    analyse(url)
    result.fill_seconds = time.perf_counter() - started
    _say(f"{database}: {stats.lines:,} lines written in {result.fill_seconds:.1f} s")
    month = Month.parse(spec.month_text)
    result.ceiling, result.ceiling_refunds = fetch_ceiling(url, CONTRACT_CODE, month, repeat)
    _say(f"{database} ceiling: {result.ceiling.lines_per_second:,.0f} lines/s")
    result.draft, result.draft_summary = _timed(url, setup, database, "draft", 2)
    _check_draft(result.draft_summary, stats)
    _say(f"{database} draft: {result.draft.seconds:.2f} s, peak {result.draft.peak_mb:.0f} MB")
    result.issue, _ = _timed(url, setup, database, "issue", 3)
    result.recognised_after_issue = _recognised(url)
    if result.recognised_after_issue != stats.lines:
        raise DaiyunFailed(
            f"issuing recognised {result.recognised_after_issue:,} order lines, "
            f"expected {stats.lines:,}"
        )
    _say(f"{database} issue: {result.issue.seconds:.2f} s, peak {result.issue.peak_mb:.0f} MB")


def _timed(
    url: str, setup: Setup, database: str, command: str, day: int
) -> tuple[MeasuredRun, dict[str, Any]]:
    spec = setup.spec
    at = f"{spec.month_end:%Y-%m}-{day:02d}{DRAFT_AT}"
    arguments = [
        "statement", command, "--contract", CONTRACT_CODE, "--month", spec.month_text,
        "--at", at, "--json",
    ]  # fmt: skip
    options: list[str] = []
    if setup.profile_dir is not None:
        profile = setup.profile_dir / f"{command}-{database}-{spec.lines}.prof"
        options = ["-m", "cProfile", "-o", str(profile)]
    return run_json(url, arguments, options)


def _check_draft(summary: dict[str, Any], stats: MonthStats) -> None:
    """The draft must report what was generated (a cross-check of the generator and the draft)."""
    expected = {
        "recognised_lines": stats.lines,
        "recognised_units": stats.units,
        "returned_units": stats.returned_units_in_month,
        "price_violations": stats.price_violations,
        "sales_amount": f"{stats.sales_fen // 100}.{stats.sales_fen % 100:02d}",
        "unsettleable_orders": 0,
    }
    wrong = {
        key: (summary.get(key), value)
        for key, value in expected.items()
        if summary.get(key) != value
    }
    if wrong:
        shown = ", ".join(f"{key} {got!r} ≠ {want!r}" for key, (got, want) in wrong.items())
        raise DaiyunFailed(f"the draft reported other figures than generated: {shown}")


def _recognised(url: str) -> int:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            query = select(func.count()).select_from(statement_recognition)
            return int(connection.execute(query).scalar_one())
    finally:
        engine.dispose()


# --- reporting -----------------------------------------------------------------------------------


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def table(results: Sequence[DatabaseResult]) -> str:
    header = (
        f"{'database':<11} {'ceiling lines/s':>16} {'draft lines/s':>14} {'draft s':>8} "
        f"{'draft/ceil':>11} {'issue lines/s':>14} {'issue s':>8} {'issue/ceil':>11} "
        f"{'both/ceil':>10} {'peak MB d/i':>12}"
    )
    rows = [header, "-" * len(header)]
    for result in results:
        ceiling = None if result.ceiling is None else result.ceiling.lines_per_second
        draft, issue = result.draft, result.issue
        peaks = f"{number(draft and draft.peak_mb, '.0f')}/{number(issue and issue.peak_mb, '.0f')}"
        rows.append(
            f"{result.database:<11} {number(ceiling, ',.0f'):>16} "
            f"{number(result.per_second(draft), ',.0f'):>14} "
            f"{number(draft and draft.seconds, '.2f'):>8} "
            f"{number(result.draft_ratio, '.3f'):>11} "
            f"{number(result.per_second(issue), ',.0f'):>14} "
            f"{number(issue and issue.seconds, '.2f'):>8} "
            f"{number(result.issue_ratio, '.3f'):>11} "
            f"{number(result.end_to_end_ratio, '.3f'):>10} {peaks:>12}"
        )
    return "\n".join(rows)


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--lines", type=positive_count, default=MonthSpec.lines, help="order lines")
    parser.add_argument(
        "--databases", type=database_names, default=DATABASES, help="sqlite,postgresql"
    )
    parser.add_argument("--seed", type=int, default=MonthSpec.seed)
    parser.add_argument(
        "--repeat", type=positive_count, default=3, help="ceiling runs; the best counts"
    )
    parser.add_argument("--postgres-url", default=POSTGRES_ADMIN_URL, help="an admin connection")
    parser.add_argument(
        "--profile", type=Path, help="run draft and issue under cProfile, writing .prof files here"
    )
    return parser.parse_args(argv)


def run(arguments: argparse.Namespace, folder: Path) -> tuple[dict[str, Any], list[DatabaseResult]]:
    started_at = datetime.now(UTC)
    spec = MonthSpec(lines=arguments.lines, seed=arguments.seed)
    contract_file, catalog_file = write_setup_files(spec, folder)
    if arguments.profile is not None:
        arguments.profile.mkdir(parents=True, exist_ok=True)
    setup = Setup(spec, contract_file, catalog_file, arguments.profile)
    startup = startup_seconds()
    results: list[DatabaseResult] = []
    for database in arguments.databases:
        if database == "sqlite":
            url = f"sqlite:///{folder / 'daiyun-settle.db'}"
            results.append(bench_database(database, url, setup, arguments.repeat))
            continue
        admin = arguments.postgres_url
        name = f"daiyun_bench_{os.getpid()}_settle"
        with scratch_postgres_database(admin, name) as url:
            result = bench_database(database, url, setup, arguments.repeat)
        result.server_version = postgres_server_version(admin)
        results.append(result)
    document = {
        "benchmark": "settle",
        "issue": 4,
        "started_at": started_at.isoformat(timespec="seconds"),
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "lines": spec.lines,
        "seed": spec.seed,
        "month": spec.month_text,
        "contract": CONTRACT_CODE,
        "profiled": arguments.profile is not None,
        "cli_startup_seconds": round(startup, 3),
        "machine": machine_facts(REPOSITORY),
        # What was measured is the working tree: say which of its source files differ from HEAD.
        "uncommitted_src": uncommitted_source(REPOSITORY),
        "databases": [result.as_document() for result in results],
    }
    return document, results


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    with tempfile.TemporaryDirectory(prefix="daiyun-bench-settle-") as folder:
        document, results = run(arguments, Path(folder))
    stamp = datetime.fromisoformat(document["started_at"]).strftime("%Y%m%dT%H%M%SZ")
    path = write_results(RESULTS_DIR, "settle", document, document["lines"], stamp)
    machine = document["machine"]
    print(
        f"\nsettling a month of {document['lines']:,} order lines ({document['month']}, "
        f"{document['contract']}) on {machine['nproc']} × {machine['cpu_model']}, "
        f"Python {machine['python']}"
        + (" — PROFILED (cProfile slows ours down)" if document["profiled"] else "")
    )
    print(table(results))
    print(
        f"ours/ceiling target {TARGET_RATIO} (issue 4; issue 22: the draft's, with a peak of "
        f"at most {PEAK_TARGET_MB} MB); 'both' is draft + issue. CLI startup "
        f"{document['cli_startup_seconds']:.2f} s (in each of ours)"
    )
    shown = path.relative_to(REPOSITORY) if path.is_relative_to(REPOSITORY) else path
    print(f"results: {shown}" + ("" if document["profiled"] else " and settle-latest.json"))
    failed = [result for result in results if result.error]
    for result in failed:
        print(f"\n{result.database}: failed:\n{result.error}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
