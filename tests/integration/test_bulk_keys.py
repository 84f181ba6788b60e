"""Foreign keys of a bulk write checked per key at the end of the block (adapters/db/bulk_keys).

PostgreSQL with the privilege: the per-row triggers are off inside the block and one statement
per key finds an orphan at its end. Without the privilege, and on SQLite, the declared keys
refuse the orphan row by row. Either way the orphan is refused, nothing of the write is kept,
and a valid write is kept whole.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from psycopg.errors import ForeignKeyViolation
from sqlalchemy import Connection, select, text
from sqlalchemy.exc import IntegrityError, OperationalError

from daiyun.adapters.db.bulk import BulkInserter, reserve_ids
from daiyun.adapters.db.bulk_keys import ForeignKeyBroken
from daiyun.adapters.db.tables import order_line, sales_order, sku, store
from daiyun.bootstrap import Daiyun
from tests.builders import beijing
from tests.integration.snapshots import database_snapshot

_ORDER = ("id", "store_id", "platform", "order_no", "status", "as_of", "total_fen", "paid_fen",
          "shipping_fen", "refund_fen", "has_sku_lines")  # fmt: skip
_LINE = ("id", "order_id", "line_no", "sku_id", "sku_code", "units", "unit_price_fen",
         "line_amount_fen", "status")  # fmt: skip
NO_SUCH_ID = 987_654_321


@pytest.fixture
def app(chando_store: str, daiyun_app: Daiyun) -> Daiyun:
    """daiyun on the database with chando's contract, store and SKUs."""
    return daiyun_app


def _write(connection: Connection, order_id_of_line: int | None, sku_id: int | None) -> int:
    """One order with one line, through the bulk inserter inside keys_checked_together."""
    store_id = connection.execute(select(store.c.id)).scalar_one()
    bulk = BulkInserter(connection)
    with bulk.keys_checked_together():
        (order_id,) = bulk.new_ids(sales_order, 1)
        as_of = beijing("2026-11-01 10:00")
        bulk.insert(sales_order, _ORDER, [
            (order_id, store_id, "tmall", f"T{order_id}", "paid", as_of, 13900, 13900, 0, 0, True)
        ])  # fmt: skip
        (line_id,) = bulk.new_ids(order_line, 1)
        bulk.insert(order_line, _LINE, [
            (line_id, order_id_of_line or order_id, 1, sku_id, "CD-CREAM-50", 1, 13900, 13900,
             "paid"),
        ])  # fmt: skip
    return order_id


def _sku_id(connection: Connection) -> int:
    return int(connection.execute(select(sku.c.id).where(sku.c.code == "CD-CREAM-50")).scalar_one())


def _replication_role(connection: Connection) -> str | None:
    if connection.dialect.name != "postgresql":
        return None
    return str(connection.exec_driver_sql("SHOW session_replication_role").scalar_one())


@pytest.mark.parametrize("orphan", ["order", "sku"])
def test_a_line_naming_no_parent_is_refused_and_nothing_is_kept(app: Daiyun, orphan: str) -> None:
    before = database_snapshot(app)
    with app.unit_of_work() as uow:
        connection = uow.connection
        order_id = NO_SUCH_ID if orphan == "order" else None
        sku_id = NO_SUCH_ID if orphan == "sku" else _sku_id(connection)
        with pytest.raises((ForeignKeyBroken, IntegrityError)) as refused:
            _write(connection, order_id, sku_id)
        if isinstance(refused.value, ForeignKeyBroken):  # checked per key at the block's end
            column = "order_id" if orphan == "order" else "sku_id"
            assert f"{column} = {NO_SUCH_ID} names no" in str(refused.value)
            assert _replication_role(connection) == "origin"  # the triggers are back on
        else:
            assert connection.dialect.name == "sqlite" or "foreign key" in str(refused.value)
    assert database_snapshot(app) == before


def test_on_postgresql_with_the_privilege_the_orphan_is_found_by_the_check(app: Daiyun) -> None:
    with app.unit_of_work() as uow:
        if uow.connection.dialect.name != "postgresql":
            pytest.skip("SQLite checks its keys row by row")
        with pytest.raises(ForeignKeyBroken, match=r"order_line row \d+: order_id = 987654321"):
            _write(uow.connection, NO_SUCH_ID, _sku_id(uow.connection))


def test_a_valid_write_is_kept_whole(app: Daiyun) -> None:
    with app.unit_of_work() as uow:
        order_id = _write(uow.connection, None, _sku_id(uow.connection))
        assert _replication_role(uow.connection) in (None, "origin")
        uow.commit()
    with app.engine.connect() as connection:
        lines = connection.execute(select(order_line.c.order_id, order_line.c.sku_id)).all()
    assert lines == [(order_id, _sku_id_of(app))]


def _sku_id_of(app: Daiyun) -> int:
    with app.engine.connect() as connection:
        return _sku_id(connection)


@contextmanager
def _plain_role(connection: Connection) -> Iterator[str]:
    """A role that may write daiyun's tables but not switch triggers off, for this transaction."""
    name = f"daiyun_plain_{secrets.token_hex(3)}"
    connection.exec_driver_sql(f"CREATE ROLE {name} NOSUPERUSER")
    connection.exec_driver_sql(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {name}")
    connection.exec_driver_sql(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {name}")
    connection.exec_driver_sql(f"SET ROLE {name}")
    yield name  # the transaction rolls back: the role and its grants go with it


def test_without_the_privilege_the_declared_keys_refuse_the_orphan(app: Daiyun) -> None:
    with app.unit_of_work() as uow:
        connection = uow.connection
        if connection.dialect.name != "postgresql":
            pytest.skip("the privilege is PostgreSQL's")
        sku_id = _sku_id(connection)
        with _plain_role(connection):
            order_id = _write(connection, None, sku_id)  # a valid write goes through
            found: Any = connection.execute(
                text("SELECT count(*) FROM order_line WHERE order_id = :id"), {"id": order_id}
            ).scalar_one()
            assert found == 1
            # COPY goes to the driver: its own error class, not SQLAlchemy's wrapper
            with (
                pytest.raises(ForeignKeyViolation, match="fk_order_line_order_id_sales_order"),
                connection.begin_nested(),
            ):
                _write(connection, NO_SUCH_ID, sku_id)


def _lines_of_orders_one_never_written(
    bulk: BulkInserter, store_id: int, sku_id: int, handed: list[int]
) -> None:
    """Three order ids handed out (into `handed`), orders written for the first and the third,
    and a line for each of the three."""
    with bulk.keys_checked_together():
        handed += bulk.new_ids(sales_order, 3)
        first, never, third = handed
        bulk.insert(sales_order, _ORDER, [
            (order_id, store_id, "tmall", f"T{order_id}", "paid", beijing("2026-11-01 10:00"),
             13900, 13900, 0, 0, True)
            for order_id in (first, third)
        ])  # fmt: skip
        line_ids = bulk.new_ids(order_line, 3)
        bulk.insert(order_line, _LINE, [
            (line_id, order_id, 1, sku_id, "CD-CREAM-50", 1, 13900, 13900, "paid")
            for line_id, order_id in zip(line_ids, (first, never, third), strict=True)
        ])  # fmt: skip


def test_a_line_naming_an_id_handed_out_to_an_order_never_written_is_an_orphan(
    app: Daiyun,
) -> None:
    """Lines naming orders written in the block are checked by the runs of ids handed out to
    orders whose every id was found written; ids 1..3 handed out and only 1 and 3 written, the
    run is not whole, and a line naming 2 is looked up and refused."""
    before = database_snapshot(app)
    with app.unit_of_work() as uow:
        connection = uow.connection
        if connection.dialect.name != "postgresql":
            pytest.skip("SQLite checks its keys row by row")
        store_id = connection.execute(select(store.c.id)).scalar_one()
        sku_id, bulk = _sku_id(connection), BulkInserter(connection)
        handed: list[int] = []
        with pytest.raises(ForeignKeyBroken) as refused:
            _lines_of_orders_one_never_written(bulk, store_id, sku_id, handed)
        never = handed[1]
        assert f"order_id = {never} names no sales_order" in str(refused.value)
        assert _replication_role(connection) == "origin"
    assert database_snapshot(app) == before


def test_the_skus_the_write_names_are_locked_until_it_ends(app: Daiyun) -> None:
    """As the per-row check would: a concurrent delete of a named SKU waits for the import."""
    with app.unit_of_work() as uow:
        if uow.connection.dialect.name != "postgresql":
            pytest.skip("SQLite has one writer at a time")
        sku_id = _sku_id(uow.connection)
        _write(uow.connection, None, sku_id)
        with app.engine.connect() as other:
            other.exec_driver_sql("SET lock_timeout = '300ms'")
            with pytest.raises(OperationalError, match="lock timeout"):
                other.execute(text("DELETE FROM sku WHERE id = :id"), {"id": sku_id})


def _batches_with_ids_from(
    beside: Connection, bulk: BulkInserter, store_id: int, line_skus: list[int], checked: list[int]
) -> None:
    """An order and its line per SKU given, each a batch: ids reserved on `beside`, keys checked
    after each batch; `checked` gets each batch whose check passed."""
    with bulk.keys_checked_together():
        for batch, line_sku in enumerate(line_skus):
            (order_id,) = reserve_ids(beside, sales_order, 1)
            (line_id,) = reserve_ids(beside, order_line, 1)
            bulk.adopt_ids(sales_order, [order_id])
            bulk.adopt_ids(order_line, [line_id])
            bulk.insert(sales_order, _ORDER, [
                (order_id, store_id, "tmall", f"B{batch}", "paid", beijing("2026-11-01 10:00"),
                 13900, 13900, 0, 0, True),
            ])  # fmt: skip
            bulk.insert(order_line, _LINE, [
                (line_id, order_id, 1, line_sku, "CD-CREAM-50", 1, 13900, 13900, "paid"),
            ])  # fmt: skip
            bulk.check_keys_so_far()
            checked.append(batch)


def test_ids_taken_on_another_connection_are_checked_when_the_check_runs_mid_block(
    app: Daiyun,
) -> None:
    """The import's pipeline: ids reserved on a second connection (reserve_ids), rows written
    here with them (adopt_ids), keys checked after each batch (check_keys_so_far). The orphan
    of the second batch is refused by its own check, and the first batch goes with the block."""
    before = database_snapshot(app)
    with app.unit_of_work() as uow:
        connection = uow.connection
        if connection.dialect.name != "postgresql":
            pytest.skip("SQLite takes ids under its one writer's lock, on its one connection")
        store_id = connection.execute(select(store.c.id)).scalar_one()
        line_skus, checked = [_sku_id(connection), NO_SUCH_ID], []
        with (
            app.engine.connect() as beside,
            pytest.raises(ForeignKeyBroken, match=f"order_line row \\d+: sku_id = {NO_SUCH_ID}"),
        ):
            _batches_with_ids_from(beside, BulkInserter(connection), store_id, line_skus, checked)
        assert checked == [0]
        assert _replication_role(connection) == "origin"
    assert database_snapshot(app) == before
