"""The Double-11 benchmark still runs (issue 22 point 4): bench/bench_double11.py at a tiny size
— 2 brands, 2,000 order lines — on SQLite with the embedded jobs (no broker: each command runs
its job in its own process), every stage through the CLI as the benchmark runs it at full size.

The benchmark checks each job's result against what it generated, and fails otherwise: lines
imported (each new), lines recognised by each month's draft with nothing unsettleable, every
completed order reconciled with no difference and the Alipay income and fees equal to those
expected (R-S4, R-S5, R-X1), the monthly report's paid orders (R-R1). Timings are not asserted
here (bench/README.md: speed is measured, never asserted in tests); that each stage has a
measured time and a ceiling is."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
BENCH = REPOSITORY / "bench" / "bench_double11.py"


def test_a_tiny_double11_day_runs_every_stage_and_checks_its_figures(tmp_path: Path) -> None:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DAIYUN_BROKER_URL", "DAIYUN_DATABASE_URL")
    }
    finished = subprocess.run(
        [
            sys.executable, str(BENCH), "--lines", "2000", "--brands", "2", "--skus", "60",
            "--database", "sqlite", "--broker", "none", "--repeat", "1",
            "--results-dir", str(tmp_path / "results"), "--keep", str(tmp_path / "day"),
        ],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )  # fmt: skip
    assert finished.returncode == 0, finished.stderr[-3000:]

    document = json.loads((tmp_path / "results" / "double11-latest.json").read_text())
    assert document["lines"] == 2000
    assert document["brands"] == 2
    assert document["checks_passed"] is True
    assert all(not wrong for wrong in document["checks"].values()), document["checks"]
    # Shared out ∝ 1/k^0.8, each brand one line first: weights 1 and 1/2^0.8 = 0.5743; the
    # other 1,998 lines give 1998 × 1/1.5743 = 1269.09 and 1998 × 0.5743/1.5743 = 728.91;
    # the one line left goes to the larger remainder (0.91): 1 + 1269 and 1 + 729.
    assert document["generated"]["per_brand_lines"] == [1270, 730]
    stages = {stage["stage"]: stage for stage in document["stages"]}
    assert list(stages) == ["import", "alipay", "draft", "reconcile", "reports"]
    for name in ("import", "draft", "reconcile"):
        stage = stages[name]
        assert stage["jobs"] == 2
        assert stage["seconds"] > 0
        assert stage["ceiling_seconds"] > 0
        assert stage["ratio"] == round(stage["ceiling_seconds"] / stage["seconds"], 4)
    assert stages["import"]["units"] == 2000
    generated = document["generated"]
    assert stages["draft"]["units"] == generated["completed_lines"]
    assert stages["reconcile"]["units"] == generated["completed_orders"]
    for job in document["jobs"]["import"] + document["jobs"]["draft"]:
        assert job["state"] == "done"
    # Each store's statement: its completed orders' income and fee lines, a withdrawal a day.
    assert generated["alipay_lines"] >= 2 * generated["completed_orders"] + 2 * 30
    reports = stages["reports"]
    assert reports["not_built"] is not None or reports["jobs"] == 2
    assert document["load_average_before"] and document["load_average_after"]
    # The exports were written in the platform's format: GBK, the 2016 layout's header.
    export = next((tmp_path / "day" / "d11brand01").glob("ExportOrderList*.csv"))
    assert export.read_bytes().decode("gbk").startswith("订单编号,买家会员名,")
