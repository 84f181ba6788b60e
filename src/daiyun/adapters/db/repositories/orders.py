"""A store's orders, lines, refunds and imported files in the database, written in bulk."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Row, and_, bindparam, insert, select, update

from daiyun.adapters.db.bulk import BulkInserter
from daiyun.adapters.db.matching import IN_CHUNK, one_of
from daiyun.adapters.db.repositories.sales_rollups import (
    PaidDays,
    roll_up,
    roll_up_categories,
)
from daiyun.adapters.db.tables import (
    brand,
    import_file,
    order_line,
    refund,
    sales_order,
    sku,
    store,
)
from daiyun.domain.money import Money
from daiyun.domain.orders import ImportedFile, OrderStatus
from daiyun.domain.orders.changes import OrderWrite, RefundEvent, StoredOrder
from daiyun.domain.orders.state import Change, LineState, OrderState
from daiyun.domain.pricing import PriceCheck

if TYPE_CHECKING:  # numpy and pyarrow load only for an import that writes columns
    from daiyun.adapters.db.repositories.new_orders import NewOrderWriter
    from daiyun.adapters.db.repositories.rollup_sums import RollupSums
    from daiyun.domain.orders.column_changes import StoredRows

__all__ = ["SqlOrderRepository"]


class SqlOrderRepository:
    """Orders by (platform, store, order number); lines by (order, line number)."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._stores: dict[str, tuple[int, str]] = {}
        self._order_ids: dict[tuple[int, str], int] = {}
        self._sku_ids: dict[int, dict[str, int]] = {}
        self._bulk = BulkInserter(connection)
        # For the sales rollups: the days the orders written order by order were paid on (their
        # days are worked out again), and the new orders' sums written in batches.
        self._paid_days = PaidDays()
        self._sums: RollupSums | None = None
        self._categories: dict[int, dict[str, str]] = {}

    def _store(self, store_code: str) -> tuple[int, str]:
        if store_code not in self._stores:
            row = self._connection.execute(
                select(store.c.id, store.c.platform, store.c.brand_id).where(
                    store.c.code == store_code
                )
            ).one()
            self._stores[store_code] = (int(row.id), str(row.platform))
            skus = select(sku.c.code, sku.c.id, sku.c.category).where(
                sku.c.brand_id == row.brand_id
            )
            found = self._connection.execute(skus).all()
            self._sku_ids[int(row.id)] = {code: int(sku_id) for code, sku_id, _ in found}
            self._categories[int(row.id)] = {code: category or "" for code, _, category in found}
        return self._stores[store_code]

    def lock(self, store_code: str) -> None:
        # One import per store at a time: a second one waits, then sees the first's orders.
        # (SQLite's BEGIN IMMEDIATE already gives the whole database to one writer.)
        store_id, _ = self._store(store_code)
        if self._connection.dialect.name == "postgresql":
            self._connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({int(store_id)})")
            # The catalogue as it is once the lock is held: a catalogue import that moved a
            # category holds the brand's stores' locks while it regroups (roll_up_categories).
            del self._stores[store_code]
            self._store(store_code)

    def states(self, store_code: str, order_nos: Sequence[str]) -> dict[str, StoredOrder]:
        store_id, platform = self._store(store_code)
        orders: dict[int, OrderState] = {}
        # Ids are needed only until this batch is written: memory stays flat on any file size.
        self._order_ids.clear()
        for start in range(0, len(order_nos), IN_CHUNK):
            chunk = list(order_nos[start : start + IN_CHUNK])
            rows = self._connection.execute(
                select(sales_order).where(
                    one_of(self._connection, sales_order.c.order_no, chunk),
                    sales_order.c.store_id == store_id,
                    sales_order.c.platform == platform,
                )
            )
            for row in rows:
                orders[int(row.id)] = _order_state(row)
                self._order_ids[(store_id, row.order_no)] = int(row.id)
        lines: dict[int, dict[int, LineState]] = defaultdict(dict)
        ids = list(orders)
        for start in range(0, len(ids), IN_CHUNK):
            query = select(order_line).where(
                one_of(self._connection, order_line.c.order_id, ids[start : start + IN_CHUNK])
            )
            for row in self._connection.execute(query):
                lines[int(row.order_id)][int(row.line_no)] = _line_state(row)
        return {state.order_no: StoredOrder(state, lines[oid]) for oid, state in orders.items()}

    def has_orders(self, store_code: str) -> bool:
        store_id, platform = self._store(store_code)
        query = select(sales_order.c.id).where(
            sales_order.c.store_id == store_id, sales_order.c.platform == platform
        )
        return self._connection.execute(query.limit(1)).first() is not None

    def stored_rows(self, store_code: str, order_nos: Sequence[str]) -> StoredRows:
        from daiyun.adapters.db.repositories.stored_rows import read_stored_rows

        store_id, platform = self._store(store_code)
        return read_stored_rows(self._connection, store_id, platform, order_nos)

    @contextmanager
    def new_orders(self, store_code: str, check_stored: bool) -> Iterator[NewOrderWriter]:
        """A writer of batches of new orders; with `check_stored` it first checks that the store
        has none of a batch's orders. Keys are checked per key, not per row (bulk_keys)."""
        from daiyun.adapters.db.repositories.new_orders import NewOrderWriter
        from daiyun.adapters.db.repositories.rollup_sums import RollupSums

        store = self._store(store_code)
        if self._sums is None:
            self._sums = RollupSums()
        writer = NewOrderWriter(
            self._connection,
            self._bulk,
            store,
            self._sku_ids[store[0]],
            check_stored,
            (self._sums, self._categories[store[0]]),
        )
        try:
            with self._bulk.keys_checked_together():
                yield writer
        finally:
            writer.close()

    def write(self, store_code: str, writes: Sequence[OrderWrite]) -> None:
        store_id, platform = self._store(store_code)
        self._paid_days.see(store_id, [w.result.state.paid_at for w in writes])
        fresh = [w for w in writes if w.order_change is Change.NEW]
        moved = [w for w in writes if w.order_change is Change.UPDATED]
        if fresh:
            self._insert_orders(store_id, platform, fresh)
        if moved:
            self._update_orders(store_id, moved)
        sku_ids = self._sku_ids[store_id]
        new_lines: list[tuple[Any, ...]] = []
        changed_lines: list[dict[str, Any]] = []
        refunds: list[tuple[Any, ...]] = []
        for write in writes:
            order_id = self._order_ids[(store_id, write.order_no)]
            for line_no, change in write.line_changes.items():
                line = write.result.lines[line_no]
                if change is Change.NEW:
                    sku_id = sku_ids.get(line.sku_code or "")
                    new_lines.append(_line_row(order_id, sku_id, line, write))
                elif change is Change.UPDATED:
                    changed_lines.append(_line_update(order_id, line))
            refunds += [_refund_row(order_id, event) for event in write.refund_events]
        if new_lines:
            ids = self._bulk.new_ids(order_line, len(new_lines))
            self._bulk.insert(
                order_line,
                ("id", *_LINE_COLUMNS),
                [(i, *row) for i, row in zip(ids, new_lines, strict=True)],
            )
        if changed_lines:
            self._connection.execute(_LINE_UPDATE, changed_lines)
        if refunds:
            ids = self._bulk.new_ids(refund, len(refunds))
            self._bulk.insert(
                refund,
                ("id", *_REFUND_COLUMNS),
                [(i, *row) for i, row in zip(ids, refunds, strict=True)],
            )

    def _insert_orders(self, store_id: int, platform: str, writes: list[OrderWrite]) -> None:
        ids = self._bulk.new_ids(sales_order, len(writes))
        rows = []
        for order_id, write in zip(ids, writes, strict=True):
            self._order_ids[(store_id, write.order_no)] = order_id
            values = _order_values(write.result.state, write)
            rows.append(
                (
                    order_id,
                    store_id,
                    platform,
                    write.order_no,
                    *(values[name] for name in _ORDER_FIELDS),
                )
            )
        self._bulk.insert(
            sales_order, ("id", "store_id", "platform", "order_no", *_ORDER_FIELDS), rows
        )

    def _update_orders(self, store_id: int, writes: list[OrderWrite]) -> None:
        rows = []
        for write in writes:
            values = _order_values(write.result.state, write)
            values["order_id"] = self._order_ids[(store_id, write.order_no)]
            rows.append(values)
        self._connection.execute(_ORDER_UPDATE, rows)

    def roll_up(self, store_code: str) -> None:
        """The store's sales rollups brought up to the orders written since (rollup_tables.py):
        the new orders' sums written in batches merged in, then the days of the orders written
        one by one (new or changed) worked out again from their lines. An order paid once keeps
        its payment time, so no other day's sums moved."""
        store_id, _ = self._store(store_code)
        if self._sums is not None:
            self._sums.write(self._connection, self._bulk, store_id)
        for first_day, last_day in self._paid_days.take(store_id):
            roll_up(self._connection, store_id, first_day, last_day)

    def roll_up_categories(self, brand_code: str) -> None:
        """The brand's sales rollup by category, worked out again over its every day."""
        brand_id = self._connection.execute(
            select(brand.c.id).where(brand.c.code == brand_code)
        ).scalar_one()
        if self._connection.dialect.name == "postgresql":
            # No import of the brand's stores between this regrouping and its commit: each
            # store's import lock, in the order of the stores' ids (lock()).
            stores = select(store.c.id).where(store.c.brand_id == brand_id).order_by(store.c.id)
            for store_id in self._connection.execute(stores).scalars().all():
                self._connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({int(store_id)})")
        roll_up_categories(self._connection, int(brand_id))

    def knows_file(self, store_code: str, sha256: str) -> bool:
        store_id, _ = self._store(store_code)
        query = select(import_file.c.id).where(
            import_file.c.store_id == store_id, import_file.c.sha256 == sha256
        )
        return self._connection.execute(query).first() is not None

    def record_file(self, store_code: str, imported: ImportedFile) -> None:
        store_id, _ = self._store(store_code)
        self._connection.execute(
            insert(import_file).values(
                store_id=store_id,
                sha256=imported.sha256,
                name=imported.name,
                format=imported.format,
                as_of=imported.as_of,
                imported_at=imported.imported_at,
                actor=imported.actor,
                orders_new=imported.orders_new,
                orders_updated=imported.orders_updated,
                lines_new=imported.lines_new,
                lines_updated=imported.lines_updated,
                rejected_rows=imported.rejected_rows,
            )
        )


_ORDER_FIELDS = (
    "status", "as_of", "created_at", "paid_at", "shipped_at", "completed_at", "closed_at",
    "total_fen", "paid_fen", "shipping_fen", "refund_fen", "has_sku_lines", "buyer_key",
    "province", "city", "source_file", "source_row",
)  # fmt: skip
_ORDER_UPDATE = (
    update(sales_order)
    .where(sales_order.c.id == bindparam("order_id"))
    .values({name: bindparam(name) for name in _ORDER_FIELDS})
)
_LINE_FIELDS = (
    "unit_price_fen", "line_amount_fen", "guide_price_fen", "price_check", "status",
    "completed_at", "refund_units", "refund_fen", "refund_reason", "refunded_at",
)  # fmt: skip
_LINE_UPDATE = (
    update(order_line)
    .where(
        and_(
            order_line.c.order_id == bindparam("line_order_id"),
            order_line.c.line_no == bindparam("line_line_no"),
        )
    )
    .values({name: bindparam(name) for name in _LINE_FIELDS})
)


def _order_values(state: OrderState, write: OrderWrite) -> dict[str, Any]:
    return {
        "status": state.status.value,
        "as_of": state.as_of,
        "created_at": state.created_at,
        "paid_at": state.paid_at,
        "shipped_at": state.shipped_at,
        "completed_at": state.completed_at,
        "closed_at": state.closed_at,
        "total_fen": state.total.fen,
        "paid_fen": state.paid.fen,
        "shipping_fen": state.shipping.fen,
        "refund_fen": state.refund.fen,
        "has_sku_lines": state.has_sku_lines,
        "buyer_key": state.buyer_key,
        "province": state.province,
        "city": state.city,
        "source_file": write.source.file if write.source else None,
        "source_row": write.source.row if write.source else None,
    }


def _line_values(line: LineState) -> dict[str, Any]:
    return {
        "unit_price_fen": line.unit_price.fen,
        "line_amount_fen": line.line_amount.fen,
        "guide_price_fen": None if line.guide_price is None else line.guide_price.fen,
        "price_check": line.price_check.value,
        "status": line.status.value,
        "completed_at": line.completed_at,
        "refund_units": line.refund_units,
        "refund_fen": line.refund_amount.fen,
        "refund_reason": line.refund_reason,
        "refunded_at": line.refunded_at,
    }


_LINE_COLUMNS = (
    "order_id", "line_no", "sku_id", "sku_code", "title", "units", *_LINE_FIELDS,
    "source_file", "source_row",
)  # fmt: skip


def _line_row(
    order_id: int, sku_id: int | None, line: LineState, write: OrderWrite
) -> tuple[Any, ...]:
    source = line.source or write.source
    values = _line_values(line)
    return (
        order_id, line.line_no, sku_id, line.sku_code, line.title, line.units,
        *(values[name] for name in _LINE_FIELDS),
        source.file if source else None, source.row if source else None,
    )  # fmt: skip


def _line_update(order_id: int, line: LineState) -> dict[str, Any]:
    values = _line_values(line)
    values.update(line_order_id=order_id, line_line_no=line.line_no)
    return values


_REFUND_COLUMNS = (
    "order_id", "order_line_id", "refund_key", "units", "amount_fen", "reason", "status",
    "completed_at",
)  # fmt: skip


def _refund_row(order_id: int, event: RefundEvent) -> tuple[Any, ...]:
    # Natural key: the line and the cumulative refund after this event; a re-run finds it.
    where = "order" if event.line_no is None else f"line {event.line_no}"
    return (
        order_id, None, f"{where}:{event.total.fen}", event.units, event.amount.fen,
        event.reason, "completed", event.completed_at,
    )  # fmt: skip


def _order_state(row: Row[Any]) -> OrderState:
    return OrderState(
        order_no=row.order_no,
        status=OrderStatus(row.status),
        as_of=row.as_of,
        created_at=row.created_at,
        paid_at=row.paid_at,
        shipped_at=row.shipped_at,
        completed_at=row.completed_at,
        closed_at=row.closed_at,
        total=Money(row.total_fen),
        paid=Money(row.paid_fen),
        shipping=Money(row.shipping_fen),
        refund=Money(row.refund_fen),
        has_sku_lines=bool(row.has_sku_lines),
        buyer_key=row.buyer_key,
        province=row.province,
        city=row.city,
    )


def _line_state(row: Row[Any]) -> LineState:
    return LineState(
        line_no=int(row.line_no),
        sku_code=row.sku_code,
        title=row.title,
        units=int(row.units),
        unit_price=Money(row.unit_price_fen),
        line_amount=Money(row.line_amount_fen),
        guide_price=None if row.guide_price_fen is None else Money(row.guide_price_fen),
        price_check=PriceCheck(row.price_check),
        status=OrderStatus(row.status),
        completed_at=row.completed_at,
        refund_units=int(row.refund_units),
        refund_amount=Money(row.refund_fen),
        refund_reason=row.refund_reason,
        refunded_at=row.refunded_at,
    )
