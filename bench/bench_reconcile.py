"""Benchmark (issue 17 item 5): reconciling a month of N orders and about 2N Alipay lines vs one
plain SQL join of the same rows.

In one run, on each database: a fresh database migrated, the settlement benchmark's contract and
catalogue loaded (`daiyun db upgrade`, `contract load`, `catalog import`), then a month of N
orders of the Tmall store with their order lines and refunds and the Alipay lines Tmall would pay
and charge for them, a difference of each cause per 1,000 orders, written straight into daiyun's
tables (bench/lib/reconcile_month.py; untimed) and analysed. Then the ceiling, one SQLAlchemy
Core select of the month's orders ⋈ their lines ⋈ their Alipay lines grouped per order, fetched
in full (bench/lib/reconcile_ceiling.py, best of --repeat, before ours and again after); and,
timed, `daiyun reconcile`'s service in a warm child process with its own peak memory
(bench/lib/warm_reconcile.py). Prints orders/s, ours/ceiling and peak MB; writes
bench/results/reconcile-<N>-<UTC time>.json and reconcile-latest.json. Nothing here asserts a
time: the exit status is non-zero only when the reconciliation failed or found other figures
than generated.

    .venv/bin/python bench/bench_reconcile.py [--orders N] [--databases sqlite,postgresql]
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

from daiyun.domain.calendar import Month
from lib.arguments import DATABASES, database_names, positive_count
from lib.ceilings import Ceiling, postgres_server_version, scratch_postgres_database
from lib.daiyun_runs import DaiyunFailed, prepare_database
from lib.machine import machine_facts
from lib.reconcile_ceiling import reconcile_ceiling
from lib.reconcile_month import STORE_CODE, ReconcileSpec, ReconcileStats, fill_month
from lib.results import number, uncommitted_source, write_results
from lib.settle_month import BRAND_CODE, analyse, write_setup_files
from lib.warm_reconcile import WarmReconcile, run_warm_reconcile

BENCH_DIR = Path(__file__).resolve().parent
REPOSITORY = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
# Issue 17 asks for the ratio and the peak memory; this session's aims (issue 17, point 5):
TARGET_RATIO = 0.2
TARGET_PEAK_MB = 500
POSTGRES_ADMIN_URL = os.environ.get(
    "DAIYUN_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)


@dataclass
class DatabaseResult:
    """One database's figures; `error` says why ours is missing."""

    database: str
    orders: int
    fill_seconds: float = 0.0
    stats: ReconcileStats | None = None
    ceiling: Ceiling | None = None
    ours: WarmReconcile | None = None
    error: str | None = None
    server_version: str | None = None

    @property
    def ratio(self) -> float | None:
        if self.ours is None or self.ceiling is None:
            return None
        return self.ceiling.seconds / self.ours.seconds

    def as_document(self) -> dict[str, Any]:
        ceiling, ours, ratio = self.ceiling, self.ours, self.ratio
        return {
            "database": self.database,
            "server_version": self.server_version,
            "fill_seconds": round(self.fill_seconds, 3),
            "generated": None if self.stats is None else self.stats.as_document(),
            "ceiling": None
            if ceiling is None
            else {
                "method": ceiling.method,
                "orders_per_second": round(self.orders / ceiling.seconds),
                "seconds": round(ceiling.seconds, 4),
                "runs_seconds": [round(seconds, 4) for seconds in ceiling.runs_seconds],
                "rows_fetched": ceiling.rows,
            },
            "ours": None
            if ours is None
            else {
                "what": "reconcile_store_month in a warm process (bootstrap included)",
                "seconds": round(ours.seconds, 3),
                "orders_per_second": round(self.orders / ours.seconds),
                "peak_rss_mb": round(ours.peak_mb, 1),
                "rss_before_mb": round(ours.before_mb, 1),
                "client_cpu_seconds": round(ours.client_cpu_seconds, 2),
                "server_cpu_seconds": None
                if ours.server_cpu_seconds is None
                else round(ours.server_cpu_seconds, 2),
                "figures": ours.document,
                "differences": ours.differences,
            },
            "ratio": None if ratio is None else round(ratio, 4),
            "target_ratio": TARGET_RATIO,
            "target_peak_mb": TARGET_PEAK_MB,
            "target_met": None
            if ratio is None or ours is None
            else ratio >= TARGET_RATIO and ours.peak_mb <= TARGET_PEAK_MB,
            "error": self.error,
        }


def _yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


def check_figures(document: dict[str, Any], stats: ReconcileStats) -> None:
    """The reconciliation must find what was generated (a cross-check of both)."""
    expected = {
        "orders_completed": stats.orders,
        "matched": stats.matched,
        "expected_income": _yuan(stats.expected_income_fen),
        "expected_fees": _yuan(stats.expected_fees_fen),
        "counts": stats.counts,
    }
    wrong = {
        key: (document.get(key), value)
        for key, value in expected.items()
        if document.get(key) != value
    }
    if wrong:
        shown = ", ".join(f"{key} {got!r} ≠ {want!r}" for key, (got, want) in wrong.items())
        raise DaiyunFailed(f"the reconciliation found other figures than generated: {shown}")


# --- the steps -----------------------------------------------------------------------------------


def bench_database(
    database: str, url: str, spec: ReconcileSpec, folder: Path, repeat: int, profile: Path | None
) -> DatabaseResult:
    """Prepare and fill `url`, measure the ceiling and ours; errors as values."""
    result = DatabaseResult(database, spec.orders)
    try:
        _measure(result, url, spec, folder, repeat, profile)
    except (DaiyunFailed, RuntimeError) as failure:
        result.error = str(failure)
        _say(f"{database}: FAILED (details at the end)")
    return result


def _measure(
    result: DatabaseResult,
    url: str,
    spec: ReconcileSpec,
    folder: Path,
    repeat: int,
    profile: Path | None,
) -> None:
    database = result.database
    contract_file, catalog_file = write_setup_files(spec.month_spec(), folder)
    prepare_database(url, contract_file, catalog_file, BRAND_CODE)
    started = time.perf_counter()
    result.stats = stats = fill_month(url, spec)
    analyse(url)
    result.fill_seconds = time.perf_counter() - started
    _say(
        f"{database}: {stats.orders:,} orders, {stats.order_lines:,} order lines, "
        f"{stats.entries:,} Alipay lines written in {result.fill_seconds:.1f} s"
    )
    month = Month.parse(spec.month_text)
    before, _ = reconcile_ceiling(url, STORE_CODE, month, repeat)
    _say(f"{database} ceiling: {spec.orders / before.seconds:,.0f} orders/s")
    options: tuple[str, ...] = ()
    if profile is not None:
        options = (
            "-m",
            "cProfile",
            "-o",
            str(profile / f"reconcile-{database}-{spec.orders}.prof"),
        )
    result.ours = ours = run_warm_reconcile(url, STORE_CODE, spec.month_text, options)
    check_figures(ours.document, stats)
    _say(f"{database} ours: {ours.seconds:.2f} s, peak {ours.peak_mb:.0f} MB")
    after, _ = reconcile_ceiling(url, STORE_CODE, month, repeat)
    result.ceiling = Ceiling(before.method, before.rows, before.runs_seconds + after.runs_seconds)


# --- reporting -----------------------------------------------------------------------------------


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def table(results: Sequence[DatabaseResult]) -> str:
    header = (
        f"{'database':<11} {'orders':>10} {'ceiling orders/s':>17} {'ceiling s':>10} "
        f"{'ours orders/s':>14} {'ours s':>8} {'ours/ceiling':>13} {'peak MB':>8} "
        f"{'CPU ours/server s':>18}"
    )
    rows = [header, "-" * len(header)]
    for result in results:
        ceiling, ours = result.ceiling, result.ours
        cpu = "—"
        if ours is not None:
            server = number(ours.server_cpu_seconds, ".1f")
            cpu = f"{ours.client_cpu_seconds:.1f} / {server}"
        rows.append(
            f"{result.database:<11} {result.orders:>10,} "
            f"{number(ceiling and result.orders / ceiling.seconds, ',.0f'):>17} "
            f"{number(ceiling and ceiling.seconds, '.2f'):>10} "
            f"{number(ours and result.orders / ours.seconds, ',.0f'):>14} "
            f"{number(ours and ours.seconds, '.2f'):>8} "
            f"{number(result.ratio, '.3f'):>13} "
            f"{number(ours and ours.peak_mb, '.0f'):>8} {cpu:>18}"
        )
    return "\n".join(rows)


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--orders", type=positive_count, default=ReconcileSpec.orders, help="orders in the month"
    )
    parser.add_argument(
        "--databases", type=database_names, default=DATABASES, help="sqlite,postgresql"
    )
    parser.add_argument("--seed", type=int, default=ReconcileSpec.seed)
    parser.add_argument(
        "--repeat", type=positive_count, default=2,
        help="ceiling runs before ours and again after; the best counts",
    )  # fmt: skip
    parser.add_argument("--postgres-url", default=POSTGRES_ADMIN_URL, help="an admin connection")
    parser.add_argument(
        "--profile", type=Path, help="run ours under cProfile, writing .prof files here"
    )
    return parser.parse_args(argv)


def _load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def run(arguments: argparse.Namespace, folder: Path) -> tuple[dict[str, Any], list[DatabaseResult]]:
    started_at = datetime.now(UTC)
    load_before = _load()
    spec = ReconcileSpec(orders=arguments.orders, seed=arguments.seed)
    if arguments.profile is not None:
        arguments.profile.mkdir(parents=True, exist_ok=True)
    results: list[DatabaseResult] = []
    for database in arguments.databases:
        if database == "sqlite":
            url = f"sqlite:///{folder / 'daiyun-reconcile.db'}"
            results.append(
                bench_database(database, url, spec, folder, arguments.repeat, arguments.profile)
            )
            continue
        admin = arguments.postgres_url
        name = f"daiyun_bench_{os.getpid()}_reconcile"
        with scratch_postgres_database(admin, name) as url:
            result = bench_database(
                database, url, spec, folder, arguments.repeat, arguments.profile
            )
        result.server_version = postgres_server_version(admin)
        results.append(result)
    document = {
        "benchmark": "reconcile",
        "issue": 17,
        "started_at": started_at.isoformat(timespec="seconds"),
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "orders": spec.orders,
        "seed": spec.seed,
        "month": spec.month_text,
        "store": STORE_CODE,
        "profiled": arguments.profile is not None,
        "load_average_before_after": [load_before, _load()],
        "machine": machine_facts(REPOSITORY),
        # What was measured is the working tree: say which of its source files differ from HEAD.
        "uncommitted_src": uncommitted_source(REPOSITORY),
        "databases": [result.as_document() for result in results],
    }
    return document, results


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    with tempfile.TemporaryDirectory(prefix="daiyun-bench-reconcile-") as folder:
        document, results = run(arguments, Path(folder))
    stamp = datetime.fromisoformat(document["started_at"]).strftime("%Y%m%dT%H%M%SZ")
    path = write_results(RESULTS_DIR, "reconcile", document, document["orders"], stamp)
    machine = document["machine"]
    print(
        f"\nreconciling a month of {document['orders']:,} orders ({document['month']}, "
        f"{document['store']}) on {machine['nproc']} × {machine['cpu_model']}, "
        f"Python {machine['python']}, load average {document['load_average_before_after'][0]}"
        + (" — PROFILED (cProfile slows ours down)" if document["profiled"] else "")
    )
    print(table(results))
    print(
        f"ours/ceiling aim {TARGET_RATIO}, peak under {TARGET_PEAK_MB} MB; ours is the service "
        "in a warm process (no CLI start-up), its peak memory that process's"
    )
    shown = path.relative_to(REPOSITORY) if path.is_relative_to(REPOSITORY) else path
    print(f"results: {shown}" + ("" if document["profiled"] else " and reconcile-latest.json"))
    failed = [result for result in results if result.error]
    for result in failed:
        print(f"\n{result.database}: failed:\n{result.error}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
