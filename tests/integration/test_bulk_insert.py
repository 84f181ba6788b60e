"""The bulk inserter's shared values: written as literals on SQLite, per row on PostgreSQL,
read back exactly — a quote in a file name included."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from daiyun.adapters.db.bulk import BulkInserter
from daiyun.adapters.db.tables import sales_order, store
from daiyun.bootstrap import Daiyun

FILE_NAME = "O'Brien's export; DROP TABLE sales_order;--.csv"


@pytest.fixture
def app(chando_store: str, daiyun_app: Daiyun) -> Daiyun:
    """daiyun on the database with chando's contract, store and SKUs."""
    return daiyun_app


def test_values_shared_by_every_row_are_stored_exactly(app: Daiyun) -> None:
    with app.unit_of_work() as uow:
        bulk = BulkInserter(uow.connection)
        store_id = uow.connection.execute(select(store.c.id)).scalar_one()
        ids = bulk.new_ids(sales_order, 2)
        as_of = "2026-11-01 02:00:00.000000" + bulk.moment_suffix
        bulk.insert_as_stored(
            sales_order,
            ["id", "order_no", "total_fen"],
            [(ids[0], "A-1", 100), (ids[1], "A-2", 250)],
            {
                "store_id": store_id, "platform": "tmall", "status": "paid", "as_of": as_of,
                "paid_fen": 0, "shipping_fen": 0, "refund_fen": 0, "has_sku_lines": True,
                "shipped_at": None, "source_file": FILE_NAME,
            },
        )  # fmt: skip
        uow.commit()
    with app.engine.connect() as connection:
        rows = connection.execute(
            select(
                sales_order.c.order_no, sales_order.c.total_fen, sales_order.c.source_file,
                sales_order.c.has_sku_lines, sales_order.c.shipped_at, sales_order.c.store_id,
            ).order_by(sales_order.c.id)
        ).all()  # fmt: skip
    assert [tuple(row) for row in rows] == [
        ("A-1", 100, FILE_NAME, True, None, store_id),
        ("A-2", 250, FILE_NAME, True, None, store_id),
    ]


@pytest.mark.parametrize("step", [1, 3])
def test_new_ids_are_the_ids_the_sequence_handed_out(app: Daiyun, step: int) -> None:
    """Consecutive ids come back as a range; when they are not (another session took some
    meanwhile, played here by a sequence stepping by 3) that set is left unused and as many
    again are taken and listed: every id one the sequence handed out, none handed out again."""
    with app.unit_of_work() as uow:
        connection = uow.connection
        if connection.dialect.name != "postgresql":
            pytest.skip("SQLite hands out ids under its one writer's lock")
        connection.exec_driver_sql(f"ALTER SEQUENCE sales_order_id_seq INCREMENT BY {step}")
        before = connection.exec_driver_sql("SELECT nextval('sales_order_id_seq')").scalar_one()
        ids = BulkInserter(connection).new_ids(sales_order, 5)
        after = connection.exec_driver_sql("SELECT nextval('sales_order_id_seq')").scalar_one()
        if step == 1:
            assert ids == [before + 1, before + 2, before + 3, before + 4, before + 5]
            assert after == before + 6
        else:
            # the first five (before + 3 .. before + 15) left unused, the next five listed
            assert ids == [before + 18, before + 21, before + 24, before + 27, before + 30]
            assert after == before + 33
