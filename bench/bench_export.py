"""Benchmark (issue 20 point 4, R-R3): the brand data export of N order lines, each format.

One run, on PostgreSQL (or SQLite): a fresh database migrated, the model A contract and
catalogue loaded, a month of N order lines with their orders and refunds written straight into
its tables (bench/lib/settle_month.py, as bench_settle does; untimed); then, timed, each as a
subprocess with its own peak memory (ru_maxrss of the child, wait4), `daiyun data export
--dataset lines --format csv|xlsx|parquet`; and the ceiling in the same run: PostgreSQL's
`COPY (SELECT …) TO STDOUT (FORMAT csv)` of the same rows and columns, written to a file by a
subprocess of its own (on SQLite: a plain cursor over the same SELECT written with csv).
Checks that every export holds N rows. Records os.getloadavg() before and after (the machine
is shared). Writes bench/results/export-<N>-<UTC time>.json and export-latest.json.

    .venv/bin/python bench/bench_export.py [--lines N] [--databases postgresql]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lib.arguments import database_names, positive_count
from lib.ceilings import postgres_server_version, scratch_postgres_database
from lib.daiyun_runs import MeasuredRun, prepare_database, run_measured
from lib.machine import machine_facts
from lib.results import uncommitted_source, write_results
from lib.settle_month import BRAND_CODE, MonthSpec, analyse, fill_month, write_setup_files

BENCH_DIR = Path(__file__).resolve().parent
REPOSITORY = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
FORMATS = ("csv", "parquet", "xlsx")
POSTGRES_ADMIN_URL = os.environ.get(
    "DAIYUN_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)

# The same rows and columns as the `lines` dataset (adapters/db/repositories/brand_data.py).
LINES_SQL = """
SELECT o.order_no, s.code, o.platform, o.paid_at, l.line_no, l.sku_code, l.title, l.units,
       l.unit_price_fen, l.line_amount_fen, l.guide_price_fen, l.price_check, l.status,
       l.completed_at, l.refund_units, l.refund_fen, l.refund_reason, l.refunded_at
FROM sales_order o JOIN store s ON s.id = o.store_id JOIN brand b ON b.id = s.brand_id
JOIN order_line l ON l.order_id = o.id
WHERE b.code = '{brand}' ORDER BY l.id
"""

_CEILING = """
import json, sys, time
url, out, query, stats = sys.argv[1:5]
started = time.perf_counter()
if url.startswith("postgresql"):
    import psycopg
    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as connection:
        with connection.cursor() as cursor, open(out, "wb") as file:
            with cursor.copy(f"COPY ({query}) TO STDOUT (FORMAT csv, HEADER)") as copy:
                for data in copy:
                    file.write(data)
else:
    import csv, sqlite3
    connection = sqlite3.connect(url.split("///", 1)[1])
    cursor = connection.execute(query)
    with open(out, "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        while rows := cursor.fetchmany(5000):
            writer.writerows(rows)
"""

_LAUNCHER = """
import json, os, subprocess, sys, time
started = time.perf_counter()
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
with open(sys.argv[1], "w") as out:
    json.dump({"seconds": time.perf_counter() - started, "peak_rss_kib": usage.ru_maxrss,
               "returncode": os.waitstatus_to_exitcode(status)}, out)
"""


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def ceiling(url: str, out: Path) -> MeasuredRun:
    """The ceiling as a child process of its own: its wall time and peak memory."""
    query = " ".join(LINES_SQL.format(brand=BRAND_CODE).split())
    with tempfile.NamedTemporaryFile(suffix=".json") as measured:
        subprocess.run(
            [sys.executable, "-c", _LAUNCHER, measured.name,
             sys.executable, "-c", _CEILING, url, str(out), query, ""],
            check=True,
        )  # fmt: skip
        figures = json.loads(Path(measured.name).read_text())
    if figures["returncode"] != 0:
        raise RuntimeError(f"the ceiling failed with {figures['returncode']}")
    return MeasuredRun(figures["seconds"], figures["peak_rss_kib"], "", "")


def _rows(path: Path, export_format: str) -> int:
    """The rows of an export, read back (Parquet's metadata; CSV lines; XLSX sheets' rows)."""
    if export_format == "parquet":
        import pyarrow.parquet as pq

        return int(pq.ParquetFile(path).metadata.num_rows)
    if export_format == "csv":
        with path.open("rb") as file:
            return sum(1 for _ in file) - 1
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    try:
        return sum(sum(1 for _ in sheet.iter_rows(values_only=True)) - 1 for sheet in workbook)
    finally:
        workbook.close()


def bench(url: str, database: str, spec: MonthSpec, work: Path) -> dict[str, Any]:
    contract_file, catalog_file = write_setup_files(spec, work)
    prepare_database(url, contract_file, catalog_file, BRAND_CODE)
    started = time.perf_counter()
    stats = fill_month(url, spec)
    analyse(url)
    fill_seconds = time.perf_counter() - started
    _say(f"{database}: {stats.lines:,} lines written in {fill_seconds:.1f} s")
    result: dict[str, Any] = {
        "database": database,
        "lines": stats.lines,
        "orders": stats.orders,
        "fill_seconds": round(fill_seconds, 1),
        "load_before": [round(value, 2) for value in os.getloadavg()],
    }
    copy = ceiling(url, work / "ceiling.csv")
    result["ceiling"] = {
        "what": "COPY (SELECT …) TO STDOUT (FORMAT csv)" if database == "postgresql"
        else "sqlite3 cursor + csv.writer",
        "seconds": round(copy.seconds, 3),
        "peak_rss_mb": round(copy.peak_mb, 1),
        "bytes": (work / "ceiling.csv").stat().st_size,
    }  # fmt: skip
    _say(f"{database} ceiling: {copy.seconds:.1f} s, peak {copy.peak_mb:.0f} MB")
    exports: dict[str, Any] = {}
    for export_format in FORMATS:
        out = work / f"lines.{export_format}"
        run = run_measured(
            url,
            ["data", "export", "--brand", BRAND_CODE, "--dataset", "lines",
             "--format", export_format, "--out", str(out)],
        )  # fmt: skip
        rows = _rows(out, export_format)
        exports[export_format] = {
            "seconds": round(run.seconds, 3),
            "lines_per_second": round(stats.lines / run.seconds),
            "peak_rss_mb": round(run.peak_mb, 1),
            "bytes": out.stat().st_size,
            "rows_read_back": rows,
            "rows_ok": rows == stats.lines,
            "ceiling_ratio": round(copy.seconds / run.seconds, 3),
        }
        _say(
            f"{database} {export_format}: {run.seconds:.1f} s, peak {run.peak_mb:.0f} MB, "
            f"{rows:,} rows read back, {copy.seconds / run.seconds:.2f} of the ceiling"
        )
        out.unlink()
    result["exports"] = exports
    result["load_after"] = [round(value, 2) for value in os.getloadavg()]
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=positive_count, default=1_000_000)
    parser.add_argument("--databases", type=database_names, default=("postgresql",))
    options = parser.parse_args(argv)
    spec = MonthSpec(lines=options.lines)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    document: dict[str, Any] = {
        "benchmark": "export",
        "issue": "20 point 4 (R-R3)",
        "at": stamp,
        "machine": machine_facts(REPOSITORY),
        "uncommitted_source": uncommitted_source(REPOSITORY),
        "runs": [],
    }
    failed = False
    for database in options.databases:
        with tempfile.TemporaryDirectory(prefix="daiyun-bench-export-") as folder:
            work = Path(folder)
            if database == "postgresql":
                with scratch_postgres_database(
                    POSTGRES_ADMIN_URL, f"daiyun_bench_export_{os.getpid()}"
                ) as url:
                    result = bench(url, database, spec, work)
                    result["server"] = postgres_server_version(url)
            else:
                url = f"sqlite:///{work / 'bench.sqlite'}"
                result = bench(url, database, spec, work)
        failed |= not all(each["rows_ok"] for each in result["exports"].values())
        document["runs"].append(result)
    path = write_results(RESULTS_DIR, "export", document, options.lines, stamp)
    _say(f"results: {path}")
    print(json.dumps(document["runs"], indent=2))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
