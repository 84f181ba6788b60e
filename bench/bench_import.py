"""Benchmark (issue 3): `daiyun orders import` of a Taobao export pair vs the machine's ceilings.

In one run: generate a realistic export pair of N item lines; measure each database's ceiling on
the same lines already parsed (PostgreSQL `COPY`, SQLite `executemany` in one transaction), and
PostgreSQL's second ceiling, `COPY` of the import's own rows into daiyun's real tables; then
time our import of the pair into a fresh, migrated database with the brand's contract and
catalogue loaded, as a subprocess, and take its peak memory; then time the same import once
more inside a process that has already loaded daiyun's code (lib/warm_import.py), as the
ceilings are timed, with the CPU seconds it and the database server spent. Prints lines/s,
our/ceiling ratio against the issue's targets and the peak MB; writes
bench/results/import-<N>-<UTC time>.json and bench/results/import-latest.json. Nothing here
asserts a time: a missed target is reported, and the exit status is non-zero only when the
import itself failed (or could not be run).

    .venv/bin/python bench/bench_import.py [--lines N] [--databases sqlite,postgresql]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lib.arguments import DATABASES, database_names, positive_count
from lib.ceilings import (
    Ceiling,
    postgres_ceiling,
    postgres_server_version,
    scratch_postgres_database,
    sqlite_ceiling,
    sqlite_rows,
)
from lib.daiyun_runs import DaiyunFailed, ImportRun, prepare_database, run_import, startup_seconds
from lib.machine import machine_facts
from lib.schema_ceiling import postgres_schema_ceiling, schema_rows, store_and_skus
from lib.taobao_export import (
    BRAND_CODE,
    STORE_CODE,
    ExportFiles,
    ExportSpec,
    StoredLine,
    build_catalogue,
    generate_orders,
    stored_lines,
    write_export,
)
from lib.warm_import import WarmImport, run_warm_import

BENCH_DIR = Path(__file__).resolve().parent
REPOSITORY = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
# Issue 3, "Done when": our lines/s at least this share of the database's ceiling.
TARGET_RATIOS = {"postgresql": 0.20, "sqlite": 0.15}
# Issue 3: peak memory importing 1M lines under 500 MB.
PEAK_TARGET_MB = 500
PEAK_TARGET_LINES = 1_000_000
POSTGRES_ADMIN_URL = os.environ.get(
    "DAIYUN_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)


@dataclass
class DatabaseResult:
    """One database's figures; `error` says why ours (or the ceiling) is missing."""

    database: str
    lines: int
    ceiling: Ceiling | None = None
    # PostgreSQL only: COPY of the import's own rows into daiyun's real tables (schema_ceiling.py)
    schema_ceiling: Ceiling | None = None
    ours: ImportRun | None = None
    # the same import timed inside a process that has loaded its code, as the ceilings are
    warm: WarmImport | None = None
    # the same files imported again into that database, warm: every order stored, unchanged
    reimport: WarmImport | None = None
    error: str | None = None
    import_failed: bool = False
    server_version: str | None = None

    @property
    def target(self) -> float:
        return TARGET_RATIOS[self.database]

    @property
    def ours_lines_per_second(self) -> float | None:
        return None if self.ours is None else self.lines / self.ours.seconds

    @property
    def ratio(self) -> float | None:
        ours = self.ours_lines_per_second
        return (
            None if ours is None or self.ceiling is None else ours / self.ceiling.lines_per_second
        )

    @property
    def schema_ratio(self) -> float | None:
        ours = self.ours_lines_per_second
        ceiling = self.schema_ceiling
        return None if ours is None or ceiling is None else ours / ceiling.lines_per_second

    @property
    def floor_ratio(self) -> float | None:
        """The own-table ceiling over the bare one: the ratio no import of these rows into
        daiyun's tables can pass on this machine, whatever it does besides storing them."""
        if self.schema_ceiling is None or self.ceiling is None:
            return None
        return self.schema_ceiling.lines_per_second / self.ceiling.lines_per_second

    @property
    def met(self) -> bool | None:
        return None if self.ratio is None else self.ratio >= self.target

    @property
    def warm_lines_per_second(self) -> float | None:
        return None if self.warm is None else self.lines / self.warm.seconds

    @property
    def warm_ratio(self) -> float | None:
        warm = self.warm_lines_per_second
        ceiling = self.ceiling
        return None if warm is None or ceiling is None else warm / ceiling.lines_per_second

    @property
    def warm_schema_ratio(self) -> float | None:
        warm = self.warm_lines_per_second
        ceiling = self.schema_ceiling
        return None if warm is None or ceiling is None else warm / ceiling.lines_per_second

    @property
    def warm_met(self) -> bool | None:
        return None if self.warm_ratio is None else self.warm_ratio >= self.target

    def as_document(self) -> dict[str, Any]:
        peak_mb = None if self.ours is None else round(self.ours.peak_mb, 1)
        return {
            "database": self.database,
            "server_version": self.server_version,
            "ceiling": None if self.ceiling is None else _ceiling_document(self.ceiling),
            "schema_ceiling": (
                None if self.schema_ceiling is None else _ceiling_document(self.schema_ceiling)
            ),
            "ours": None if self.ours is None else _ours_document(self.ours, self.lines),
            "ratio": None if self.ratio is None else round(self.ratio, 4),
            "schema_ratio": None if self.schema_ratio is None else round(self.schema_ratio, 4),
            "floor_ratio": None if self.floor_ratio is None else round(self.floor_ratio, 4),
            "target_ratio": self.target,
            "target_met": self.met,
            "ours_warm": None if self.warm is None else _warm_document(self.warm, self.lines),
            "warm_ratio": None if self.warm_ratio is None else round(self.warm_ratio, 4),
            "warm_schema_ratio": (
                None if self.warm_schema_ratio is None else round(self.warm_schema_ratio, 4)
            ),
            "warm_target_met": self.warm_met,
            "ours_reimport_warm": (
                None if self.reimport is None else _warm_document(self.reimport, self.lines)
            ),
            "peak_rss_mb": peak_mb,
            "peak_target_mb": PEAK_TARGET_MB,
            "peak_target_applies": self.lines >= PEAK_TARGET_LINES,
            "peak_target_met": None if peak_mb is None else peak_mb < PEAK_TARGET_MB,
            "import_failed": self.import_failed,
            "error": self.error,
        }


def _ceiling_document(ceiling: Ceiling) -> dict[str, Any]:
    return {
        "method": ceiling.method,
        "lines_per_second": round(ceiling.lines_per_second),
        "seconds": round(ceiling.seconds, 4),
        "runs_seconds": [round(seconds, 4) for seconds in ceiling.runs_seconds],
    }


def _ours_document(ours: ImportRun, lines: int) -> dict[str, Any]:
    summary = ours.summary
    errors = summary.get("errors")
    return {
        "command": "daiyun orders import --store … --json ORDER_FILE ITEM_FILE",
        "lines_per_second": round(lines / ours.seconds),
        "seconds": round(ours.seconds, 3),
        "peak_rss_kib": ours.peak_rss_kib,
        "summary": {
            "orders": summary.get("orders"),
            "lines": summary.get("lines"),
            "price_violations": summary.get("price_violations"),
            "errors": len(errors) if isinstance(errors, list) else errors,
        },
    }


def _warm_document(warm: WarmImport, lines: int) -> dict[str, Any]:
    return {
        "what": "the import the command runs, timed inside a process that has loaded daiyun",
        "lines_per_second": round(lines / warm.seconds),
        "seconds": round(warm.seconds, 3),
        "client_cpu_seconds": round(warm.client_cpu_seconds, 3),
        "server_cpu_seconds": (
            None if warm.server_cpu_seconds is None else round(warm.server_cpu_seconds, 3)
        ),
    }


# --- the steps -----------------------------------------------------------------------------------


def generate(spec: ExportSpec, folder: Path) -> tuple[ExportFiles, float]:
    started = time.perf_counter()
    files = write_export(spec, folder)
    return files, time.perf_counter() - started


def ceiling_rows(spec: ExportSpec) -> list[StoredLine]:
    """The export's lines as an import stores them (regenerated from the same seed)."""
    as_of = spec.as_of
    return [
        row
        for order in generate_orders(spec, build_catalogue(spec))
        for row in stored_lines(order, as_of)
    ]


def our_import(database_url: str, export: ExportFiles) -> ImportRun:
    prepare_database(database_url, export.contract_file, export.catalog_file, BRAND_CODE)
    return run_import(
        database_url, STORE_CODE, (export.order_file, export.item_file), export.stats.lines
    )


def warm_import(database_url: str, export: ExportFiles) -> tuple[WarmImport, WarmImport]:
    """The export imported warm into a fresh database, then the same files again."""
    prepare_database(database_url, export.contract_file, export.catalog_file, BRAND_CODE)
    files = [export.order_file, export.item_file]
    warm = run_warm_import(database_url, STORE_CODE, files)
    if warm.new_lines != export.stats.lines:
        raise DaiyunFailed(f"the warm import took {warm.new_lines:,} new lines, not all")
    again = run_warm_import(database_url, STORE_CODE, files)
    if again.new_lines != 0:
        raise DaiyunFailed(f"importing the same files again took {again.new_lines:,} new lines")
    return warm, again


def bench_sqlite(
    folder: Path, export: ExportFiles, rows: Sequence[StoredLine], repeat: int
) -> DatabaseResult:
    result = DatabaseResult("sqlite", export.stats.lines)
    result.ceiling = first = sqlite_ceiling(folder, sqlite_rows(rows), repeat)
    _say(f"sqlite ceiling: {first.lines_per_second:,.0f} lines/s")
    database = folder / "daiyun-bench.db"
    _measure_ours(result, lambda: our_import(f"sqlite:///{database}", export))
    database = folder / "daiyun-bench-warm.db"
    _measure_warm(result, lambda: warm_import(f"sqlite:///{database}", export))
    result.ceiling = both = _best_of_both(first, sqlite_ceiling(folder, sqlite_rows(rows), repeat))
    _say(f"sqlite ceiling, before and after ours: {both.lines_per_second:,.0f} lines/s")
    return result


def bench_postgresql(
    admin_url: str, export: ExportFiles, rows: Sequence[StoredLine], repeat: int
) -> DatabaseResult:
    result = DatabaseResult("postgresql", export.stats.lines)
    result.server_version = postgres_server_version(admin_url)
    with scratch_postgres_database(admin_url, f"daiyun_bench_{os.getpid()}") as url:
        result.ceiling = first = postgres_ceiling(url, rows, repeat)
    _say(f"postgresql ceiling: {first.lines_per_second:,.0f} lines/s")
    with scratch_postgres_database(admin_url, f"daiyun_bench_{os.getpid()}_schema") as url:
        prepare_database(url, export.contract_file, export.catalog_file, BRAND_CODE)
        store_id, sku_ids = store_and_skus(url)
        schema = schema_rows(export.spec, store_id, sku_ids)
        result.schema_ceiling = postgres_schema_ceiling(url, schema, repeat)
        del schema
    _say(
        f"postgresql ceiling on daiyun's tables: "
        f"{result.schema_ceiling.lines_per_second:,.0f} lines/s"
    )
    with scratch_postgres_database(admin_url, f"daiyun_bench_{os.getpid()}_import") as url:
        _measure_ours(result, lambda: our_import(url, export))
    with scratch_postgres_database(admin_url, f"daiyun_bench_{os.getpid()}_warm") as url:
        _measure_warm(result, lambda: warm_import(url, export))
    with scratch_postgres_database(admin_url, f"daiyun_bench_{os.getpid()}_again") as url:
        both = _best_of_both(first, postgres_ceiling(url, rows, repeat))
    result.ceiling = both
    _say(f"postgresql ceiling, before and after ours: {both.lines_per_second:,.0f} lines/s")
    return result


def _best_of_both(before: Ceiling, after: Ceiling) -> Ceiling:
    """The ceiling measured before our imports and again after them, best of all runs: a
    ceiling slowed by something else running at the time (a one-core load makes the bare COPY
    up to half again as slow) must not flatter our ratio."""
    return Ceiling(
        f"{before.method}; best of runs before and after our import",
        before.rows,
        before.runs_seconds + after.runs_seconds,
    )


def _measure_ours(result: DatabaseResult, run: Callable[[], ImportRun]) -> None:
    try:
        result.ours = run()
    except DaiyunFailed as failure:
        result.error = str(failure)
        result.import_failed = True
        _say(f"{result.database}: our import FAILED (details at the end)")
    else:
        ours = result.ours
        _say(f"{result.database} ours: {ours.seconds:.2f} s, peak {ours.peak_mb:.0f} MB")


def _measure_warm(result: DatabaseResult, run: Callable[[], tuple[WarmImport, WarmImport]]) -> None:
    try:
        result.warm, result.reimport = run()
    except (DaiyunFailed, RuntimeError) as failure:
        result.error = f"{result.error or ''}\nwarm import: {failure}".strip()
        result.import_failed = True
        _say(f"{result.database}: the warm import FAILED (details at the end)")
    else:
        again = (
            ""
            if result.reimport is None
            else f", the same files again {result.reimport.seconds:.2f} s"
        )
        _say(f"{result.database} ours, warm: {result.warm.seconds:.2f} s{again}")


# --- reporting -----------------------------------------------------------------------------------


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _number(value: float | None, pattern: str) -> str:
    return "—" if value is None else format(value, pattern)


def table(results: Sequence[DatabaseResult]) -> str:
    header = (
        f"{'database':<11} {'ceiling lines/s':>16} {'ours lines/s':>13} {'ours s':>8} "
        f"{'ours/ceiling':>13} {'target':>7} {'met':>6} {'peak MB':>8}"
    )
    schema_row = "  COPY into daiyun's own tables (keys, unique constraints; no FK triggers):"
    rows = [header, "-" * len(header)]
    for result in results:
        met = (
            "failed" if result.import_failed else {None: "—", True: "yes", False: "NO"}[result.met]
        )
        ceiling = None if result.ceiling is None else result.ceiling.lines_per_second
        seconds = None if result.ours is None else result.ours.seconds
        peak_mb = None if result.ours is None else result.ours.peak_mb
        rows.append(
            f"{result.database:<11} {_number(ceiling, ',.0f'):>16} "
            f"{_number(result.ours_lines_per_second, ',.0f'):>13} {_number(seconds, '.2f'):>8} "
            f"{_number(result.ratio, '.3f'):>13} {result.target:>7.2f} {met:>6} "
            f"{_number(peak_mb, '.1f'):>8}"
        )
        if result.warm is not None:
            warm_met = {None: "—", True: "yes", False: "NO"}[result.warm_met]
            rows.append("  the same import in a warm process (no start-up), timed as the ceilings:")
            rows.append(
                f"{'':<11} {'':>16} {_number(result.warm_lines_per_second, ',.0f'):>13} "
                f"{result.warm.seconds:>8.2f} {_number(result.warm_ratio, '.3f'):>13} "
                f"{result.target:>7.2f} {warm_met:>6}"
            )
            rows.append(f"{'':<11} {_cpu_line(result.warm)}")
        if result.reimport is not None:
            rows.append("  the same files again, warm (every order stored and unchanged):")
            rows.append(
                f"{'':<11} {'':>16} {result.lines / result.reimport.seconds:>13,.0f} "
                f"{result.reimport.seconds:>8.2f}"
            )
        if result.schema_ceiling is not None:
            rows.append(schema_row)
            rows.append(
                f"{'':<11} {result.schema_ceiling.lines_per_second:>16,.0f} {'':>13} {'':>8} "
                f"{_number(result.schema_ratio, '.3f'):>13}   (warm: "
                f"{_number(result.warm_schema_ratio, '.3f')})"
            )
            rows.append(
                f"{'':<11} that ceiling is {_number(result.floor_ratio, '.3f')} of the bare one:"
                " no import storing these rows in these tables gets past it"
            )
    return "\n".join(rows)


def _cpu_line(warm: WarmImport) -> str:
    server = warm.server_cpu_seconds
    return (
        f"CPU seconds: daiyun {warm.client_cpu_seconds:.2f}"
        + ("" if server is None else f", database server {server:.2f}")
        + f" in {warm.seconds:.2f} s of wall time"
    )


def _violations_line(document: dict[str, Any], results: Sequence[DatabaseResult]) -> str:
    """What the generator priced out of bounds, beside what each import counted (a cross-check)."""
    export = document["export"]
    reported = ", ".join(
        f"{result.database} {result.ours.summary.get('price_violations')}"
        for result in results
        if result.ours is not None
    )
    return (
        f"price violations made, paid lines: by 价格 {export['paid_lines_below_guide']:,} below "
        f"guide + {export['paid_lines_above_cap']:,} above cap; by actual amount after coupons "
        f"{export['paid_lines_amount_out_of_bounds']:,}. Imports reported: {reported or '—'}"
    )


def write_results(document: dict[str, Any], lines: int, stamp: str) -> Path:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    path = RESULTS_DIR / f"import-{lines}-{stamp}.json"
    path.write_text(text, encoding="utf-8")
    (RESULTS_DIR / "import-latest.json").write_text(text, encoding="utf-8")
    return path


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--lines", type=positive_count, default=ExportSpec.lines, help="item lines (100000)"
    )
    parser.add_argument(
        "--databases", type=database_names, default=DATABASES, help="sqlite,postgresql"
    )
    parser.add_argument("--seed", type=int, default=ExportSpec.seed)
    parser.add_argument(
        "--repeat", type=positive_count, default=3, help="ceiling runs; the best counts"
    )
    parser.add_argument("--postgres-url", default=POSTGRES_ADMIN_URL, help="an admin connection")
    parser.add_argument("--keep", type=Path, help="write the export here and keep it")
    return parser.parse_args(argv)


def run(arguments: argparse.Namespace, folder: Path) -> tuple[dict[str, Any], list[DatabaseResult]]:
    started_at = datetime.now(UTC)
    spec = ExportSpec(lines=arguments.lines, seed=arguments.seed)
    export, generator_seconds = generate(spec, arguments.keep or folder)
    size = export.order_file.stat().st_size + export.item_file.stat().st_size
    _say(
        f"generated {export.stats.lines:,} lines, {export.stats.orders:,} orders "
        f"({size / 1e6:.1f} MB) in {generator_seconds:.2f} s: {export.order_file.parent}"
    )
    rows = ceiling_rows(spec)
    startup = startup_seconds()
    results: list[DatabaseResult] = []
    for database in arguments.databases:
        if database == "sqlite":
            results.append(bench_sqlite(folder, export, rows, arguments.repeat))
        else:
            results.append(bench_postgresql(arguments.postgres_url, export, rows, arguments.repeat))
    del rows
    document = {
        "benchmark": "import",
        "issue": 3,
        "started_at": started_at.isoformat(timespec="seconds"),
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "lines": export.stats.lines,
        "seed": spec.seed,
        "export": {
            "order_file": export.order_file.name,
            "item_file": export.item_file.name,
            "bytes": size,
            "store": STORE_CODE,
            **export.stats.as_document(),
        },
        "generator": {
            "seconds": round(generator_seconds, 3),
            "lines_per_second": round(export.stats.lines / generator_seconds),
        },
        "cli_startup_seconds": round(startup, 3),
        "machine": machine_facts(REPOSITORY),
        "databases": [result.as_document() for result in results],
    }
    return document, results


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    with tempfile.TemporaryDirectory(prefix="daiyun-bench-import-") as folder:
        document, results = run(arguments, Path(folder))
    stamp = datetime.fromisoformat(document["started_at"]).strftime("%Y%m%dT%H%M%SZ")
    path = write_results(document, document["lines"], stamp)
    machine = document["machine"]
    print(
        f"\nimport of {document['lines']:,} Taobao item lines "
        f"({document['export']['orders']:,} orders) on {machine['nproc']} × "
        f"{machine['cpu_model']}, Python {machine['python']}"
    )
    print(table(results))
    print(
        f"generator: {document['generator']['seconds']:.2f} s; CLI startup "
        f"{document['cli_startup_seconds']:.2f} s (in ours); peak memory target "
        f"< {PEAK_TARGET_MB} MB at {PEAK_TARGET_LINES:,} lines"
    )
    print(_violations_line(document, results))
    shown = path.relative_to(REPOSITORY) if path.is_relative_to(REPOSITORY) else path
    print(f"results: {shown} and import-latest.json")
    failed = [result for result in results if result.import_failed]
    for result in failed:
        print(f"\n{result.database}: our import failed:\n{result.error}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
