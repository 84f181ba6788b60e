"""The settlement benchmark's month (bench/lib/settle_month.py) is a month the draft settles whole.

The benchmark (bench/bench_settle.py) writes N order lines straight into the tables and times
`daiyun statement draft`; if the rows were not what an import stores, it would time something
else. Here, at 200 lines: every generated line is recognised (R-S1), with the units, sales,
price violations (R-P2, R-P3) and returned units (R-S9) the generator counted.
"""

from __future__ import annotations

from pathlib import Path

from bench.lib.settle_month import (
    BRAND_CODE,
    CONTRACT_CODE,
    MonthSpec,
    fill_month,
    write_setup_files,
)

from tests.integration.cli_runner import run_daiyun


def test_the_draft_of_a_generated_month_recognises_every_generated_line(
    database_url: str, tmp_path: Path
) -> None:
    spec = MonthSpec(lines=200, skus=40)
    contract_file, catalog_file = write_setup_files(spec, tmp_path)
    assert run_daiyun(database_url, "contract", "load", str(contract_file)).exit_code == 0
    loaded = run_daiyun(database_url, "catalog", "import", "--brand", BRAND_CODE, str(catalog_file))
    assert loaded.exit_code == 0, loaded.stderr

    stats = fill_month(database_url, spec)
    drafted = run_daiyun(
        database_url, "statement", "draft", "--contract", CONTRACT_CODE, "--month",
        spec.month_text, "--at", "2026-11-02T10:00:00+08:00", "--json",
    )  # fmt: skip

    assert drafted.exit_code == 0, drafted.stderr
    figures = drafted.json()
    assert stats.lines == 200
    assert figures["recognised_lines"] == 200
    assert figures["recognised_units"] == stats.units
    assert figures["sales_amount"] == f"{stats.sales_fen // 100}.{stats.sales_fen % 100:02d}"
    assert figures["price_violations"] == stats.price_violations > 0
    assert figures["returned_units"] == stats.returned_units_in_month
    assert figures["unsettleable_orders"] == 0
