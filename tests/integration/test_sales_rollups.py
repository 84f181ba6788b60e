"""The sales rollups the reports read (issue 20, point 5; R-R2) follow the orders and the
catalogue: an import's orders are in them when it commits, a refused import leaves them as they
were, and a catalogue that moves a SKU to another category or adds a SKU moves its sales with it.
(The rollups' figures against the lines: test_orders_import_columns.py, both import paths;
test_report_sales_property.py, drawn orders.)"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor, wait
from pathlib import Path

import pytest
from alembic import command

from daiyun.adapters.db.migrate import alembic_config
from daiyun.adapters.db.repositories.orders import SqlOrderRepository
from daiyun.adapters.db.repositories.reports import SqlReportRepository
from daiyun.bootstrap import Daiyun
from daiyun.domain.reports.periods import ReportPeriod
from tests.builders import daiyun_order_row, write_catalog_csv, write_daiyun_orders
from tests.integration.cli_runner import run_daiyun
from tests.integration.snapshots import database_snapshot

OCTOBER = ReportPeriod.parse("monthly", "2026-10").span()


def _categories(app: Daiyun) -> list[tuple[str, int, int, int]]:
    with app.engine.connect() as connection:
        rows = SqlReportRepository(connection).sales_by("CHANDO-2026", OCTOBER, "category")
    return [(row.key, row.orders, row.units, row.amount.fen) for row in rows]


def _orders(database_url: str, tmp_path: Path) -> None:
    # 1001: a cream (2 × 139.00) and a mask (1 × 59.00); 1002: a cream; 1003: two masks
    # (2 × 59.00); 1004 is not paid (in no rollup).
    orders = write_daiyun_orders(
        tmp_path / "orders.csv",
        [
            daiyun_order_row("1001"),
            daiyun_order_row(
                "1001", 2, sku="CD-MASK-5", units="1", unit_price="59.00", line_amount="59.00"
            ),
            daiyun_order_row("1002", buyer_key="tb_buyer_2"),
            daiyun_order_row(
                "1003", sku="CD-MASK-5", units="2", unit_price="59.00", line_amount="118.00"
            ),
            daiyun_order_row("1004", status="unpaid", paid_at=""),
        ],
    )
    result = run_daiyun(
        database_url, "orders", "import", "--store", "chando-tmall", "--json", str(orders),
        "--as-of", "2026-10-06T10:00:00+08:00",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr


def test_a_catalogue_that_moves_a_sku_to_another_category_moves_its_sales(
    chando_store: str, daiyun_app: Daiyun, tmp_path: Path
) -> None:
    _orders(chando_store, tmp_path)
    # 面霜: 1001 and 1002, 2 + 2 creams, 278.00 × 2 = 556.00; 面膜: 1001 and 1003, 1 + 2
    # masks, 59.00 + 118.00 = 177.00.
    assert _categories(daiyun_app) == [("面膜", 2, 3, 17700), ("面霜", 2, 4, 55600)]
    catalog = write_catalog_csv(
        tmp_path / "catalog.csv", [("CD-MASK-5", "活泉保湿面膜5片", "面霜", "59.00", "2026-01-01")]
    )
    result = run_daiyun(chando_store, "catalog", "import", "--brand", "chando", str(catalog))
    assert result.exit_code == 0, result.stderr
    # The mask now a 面霜: 1001 counts once there (two lines, one order), so 1001, 1002 and
    # 1003 make 3 orders, 4 + 3 = 7 units, 556.00 + 177.00 = 733.00.
    assert _categories(daiyun_app) == [("面霜", 3, 7, 73300)]


def test_a_refused_import_leaves_the_rollups_as_they_were(
    chando_store: str, daiyun_app: Daiyun, tmp_path: Path
) -> None:
    _orders(chando_store, tmp_path)
    before = database_snapshot(daiyun_app)
    bad = write_daiyun_orders(
        tmp_path / "bad.csv",
        [
            daiyun_order_row("2001", paid_at="2026-10-07 10:00:00"),
            daiyun_order_row("2002", units="x"),
        ],
    )
    result = run_daiyun(
        chando_store, "orders", "import", "--store", "chando-tmall", str(bad),
        "--as-of", "2026-10-07T12:00:00+08:00",
    )  # fmt: skip
    assert result.exit_code == 2
    assert database_snapshot(daiyun_app) == before  # the rollups among every table


def test_a_catalogue_moving_a_category_waits_for_an_import_of_the_brands_store(
    chando_store: str, daiyun_app: Daiyun, tmp_path: Path
) -> None:
    # PostgreSQL: an import holds its store's lock until it commits, with the categories it
    # read; a catalogue import that regroups the brand's categories waits for it, so that the
    # import's sums never overwrite the regrouped ones with the old categories. (SQLite has
    # one writer at a time anyway.)
    if not chando_store.startswith("postgresql"):
        pytest.skip("SQLite gives the whole database to one writer")
    _orders(chando_store, tmp_path)
    catalog = write_catalog_csv(
        tmp_path / "catalog.csv", [("CD-MASK-5", "活泉保湿面膜5片", "面霜", "59.00", "2026-01-01")]
    )
    with daiyun_app.engine.connect() as importing:
        importing.begin()
        SqlOrderRepository(importing).lock("chando-tmall")  # an import under way
        with ThreadPoolExecutor(1) as pool:
            catalogue = pool.submit(
                run_daiyun, chando_store, "catalog", "import", "--brand", "chando", str(catalog)
            )
            finished, _ = wait([catalogue], timeout=1.5)
            assert not finished  # waiting for the import's lock
            importing.rollback()
            assert catalogue.result(timeout=30).exit_code == 0
    assert _categories(daiyun_app) == [("面霜", 3, 7, 73300)]


def test_the_migration_works_the_rollups_out_from_the_orders_already_stored(
    chando_store: str, daiyun_app: Daiyun, tmp_path: Path
) -> None:
    # A database with orders at revision 0025 (before the rollups), upgraded: its reports read
    # the same figures as an import would have kept.
    _orders(chando_store, tmp_path)
    kept = _categories(daiyun_app)
    with daiyun_app.engine.connect() as connection:
        totals = SqlReportRepository(connection).sales("CHANDO-2026", OCTOBER)
    daiyun_app.engine.dispose()
    command.downgrade(alembic_config(chando_store), "0025")
    command.upgrade(alembic_config(chando_store), "head")
    assert _categories(daiyun_app) == kept == [("面膜", 2, 3, 17700), ("面霜", 2, 4, 55600)]
    with daiyun_app.engine.connect() as connection:
        # 1001, 1002 and 1003 paid on 10-05: 2 + 1 + 2 + 2 = 7 units, 278.00 + 59.00 + 278.00
        # + 118.00 = 733.00.
        assert SqlReportRepository(connection).sales("CHANDO-2026", OCTOBER) == totals
        assert (totals.orders, totals.units, totals.amount.fen) == (3, 7, 73300)
