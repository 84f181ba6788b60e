"""The reconciliation benchmark (bench/bench_reconcile.py) at a small N, so that it cannot rot.

The benchmark writes a month straight into daiyun's tables (bench/lib/reconcile_month.py) and
times `daiyun reconcile`'s service in a warm child (bench/lib/warm_reconcile.py) against one
plain SQL join (bench/lib/reconcile_ceiling.py). If the rows were not what the imports store, or
the child reconciled something else, it would time the wrong thing. Here, at 3,000 orders: the
service finds exactly the month generated — every order, 3 differences of each cause (one per
1,000 orders), the expected income and fees summed by the generator — and the ceiling fetches
every order with an Alipay line (all but the 3 whose receipt is missing).
"""

from __future__ import annotations

from pathlib import Path

from bench.lib.reconcile_ceiling import reconcile_ceiling
from bench.lib.reconcile_month import CAUSES, STORE_CODE, ReconcileSpec, fill_month
from bench.lib.settle_month import BRAND_CODE, write_setup_files
from bench.lib.warm_reconcile import run_warm_reconcile

from daiyun.domain.calendar import Month
from tests.integration.cli_runner import run_daiyun


def test_the_service_finds_the_generated_month_and_the_ceiling_its_orders(
    database_url: str, tmp_path: Path
) -> None:
    spec = ReconcileSpec(orders=3000, skus=40)
    contract_file, catalog_file = write_setup_files(spec.month_spec(), tmp_path)
    assert run_daiyun(database_url, "contract", "load", str(contract_file)).exit_code == 0
    loaded = run_daiyun(database_url, "catalog", "import", "--brand", BRAND_CODE, str(catalog_file))
    assert loaded.exit_code == 0, loaded.stderr

    stats = fill_month(database_url, spec)
    ours = run_warm_reconcile(database_url, STORE_CODE, spec.month_text)
    ceiling, fetched = reconcile_ceiling(database_url, STORE_CODE, Month(2026, 10), repeat=1)

    assert stats.orders == 3000 and stats.neighbours == 3
    assert stats.counts == dict.fromkeys(CAUSES, 3)
    assert stats.entries >= 2 * 3000
    figures = ours.document
    assert figures["orders_completed"] == 3000
    # 3000 orders less 3 × 4 with a difference of their own (a missing order is none of them)
    assert figures["matched"] == stats.matched == 3000 - 12
    assert figures["counts"] == stats.counts
    assert ours.differences == 15
    fen = stats.expected_income_fen
    assert figures["expected_income"] == f"{fen // 100}.{fen % 100:02d}"
    fen = stats.expected_fees_fen
    assert figures["expected_fees"] == f"{fen // 100}.{fen % 100:02d}"
    assert ours.seconds > 0 and ours.peak_rss_kib >= ours.rss_before_kib > 0
    assert fetched == ceiling.rows == 3000 - 3
