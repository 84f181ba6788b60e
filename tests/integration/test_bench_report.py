"""The report benchmark still runs (issue 20 point 5): bench/bench_report.py at about 2,000 paid
order lines on SQLite — `daiyun report make` through the CLI and warm, the plain SQL ceiling and
DuckDB over the same rows in Parquet — and its figures agree (R-R2: orders paid in the period,
units and amounts excluding shipping, by SKU, day, hour and province, buyers new and repeat,
refunds completed in the period by reason). Timings are not asserted (bench/README.md: speed
is measured, never asserted in tests); that each is measured, and that a difference fails, is."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

REPOSITORY = Path(__file__).resolve().parents[2]
BENCH = REPOSITORY / "bench" / "bench_report.py"


def _bench_module() -> ModuleType:
    sys.path.insert(0, str(BENCH.parent))
    try:
        import bench_report  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(BENCH.parent))
    return bench_report  # type: ignore[no-any-return]


def test_the_report_bench_runs_at_2000_lines_and_its_figures_equal_the_sql(tmp_path: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if k != "DAIYUN_DATABASE_URL"}
    finished = subprocess.run(
        [
            sys.executable, str(BENCH), "--lines", "2000", "--databases", "sqlite",
            "--repeat", "1", "--results", str(tmp_path),
        ],
        env=environment, capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    assert finished.returncode == 0, finished.stdout[-2000:] + finished.stderr[-3000:]

    document = json.loads((tmp_path / "report-latest.json").read_text(encoding="utf-8"))
    assert document["lines"] == 2000
    # 2,000 ÷ 0.82 (the share of a completion month's lines paid in it) = 2,439.02 → 2,439.
    assert document["generated_lines"] == 2439
    assert len(document["load_average"]) == 3
    (sqlite,) = document["databases"]
    assert sqlite["error"] is None
    assert sqlite["figures_equal"] is True and sqlite["differences"] == []
    # Paid in October: fewer than generated (some paid in September), and at least one order.
    assert 0 < sqlite["paid_orders"] <= sqlite["paid_lines"] < 2439
    for key in ("ours_cli_seconds", "ours_warm_seconds", "sql_ceiling_seconds", "duckdb_seconds"):
        assert sqlite[key] > 0, key
    # The ratio is the ceiling's seconds over ours (both rounded to 4 places in the file).
    ratio = sqlite["sql_ceiling_seconds"] / sqlite["ours_warm_seconds"]
    assert abs(sqlite["ratio_warm"] - ratio) < 0.01
    assert "warm/SQL" in finished.stdout


def test_a_figure_that_differs_is_named_section_by_section() -> None:
    bench = _bench_module()
    sql = {
        "sales": {"orders": 2, "units": 3, "amount": "30.00"},
        "sku": {"A": {"orders": 1, "units": 1, "amount": "10.00"}},
    }
    report = {
        "sales": {"orders": 2, "units": 3, "amount": "30.00"},
        "sku": {"A": {"orders": 1, "units": 2, "amount": "10.00"}},
    }
    said = bench.differences(report, sql, "plain SQL")
    assert said == [
        "sku: 1 differ from plain SQL (A: {'orders': 1, 'units': 2, 'amount': '10.00'} vs "
        "{'orders': 1, 'units': 1, 'amount': '10.00'})"
    ]
    assert bench.differences(sql, sql, "plain SQL") == []
