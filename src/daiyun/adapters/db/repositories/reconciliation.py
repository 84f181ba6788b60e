"""What a store's month reconciliation reads: its orders, their lines and refunds, and its
Alipay lines (R-X1), streamed in order-number order. domain/reconciliation/matching.py decides
what belongs to the month."""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import count, groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Select, and_, select
from sqlalchemy.sql.elements import ColumnElement

from daiyun.adapters.db.alipay_tables import alipay_entry
from daiyun.adapters.db.matching import IN_CHUNK, one_of
from daiyun.adapters.db.tables import order_line, refund, sales_order, sku, store
from daiyun.domain.calendar import SHANGHAI, Month, Period
from daiyun.domain.money import Money
from daiyun.domain.orders import OrderStatus
from daiyun.domain.reconciliation import (
    ChargeKind,
    ExpectedLine,
    KnownOrder,
    MatchLine,
    RecordedRefund,
    is_loose,
    stored_role,
)

__all__ = ["OrderGroup", "SqlReconciliationRepository"]

# One order number of the month: the order daiyun has under it, and the lines naming it.
OrderGroup = tuple[str | None, KnownOrder | None, list[MatchLine]]

_COMPLETED = OrderStatus.COMPLETED.value
_STREAM_ROWS = 10_000
_KINDS = {member.value: member for member in ChargeKind}
# What matching reads of an Alipay line; _ORDER_NO is the order number's place in a row.
_ENTRY_COLUMNS = (
    alipay_entry.c.order_no,
    alipay_entry.c.entry_no,
    alipay_entry.c.occurred_at,
    alipay_entry.c.income_fen,
    alipay_entry.c.expense_fen,
    alipay_entry.c.business_type,
    alipay_entry.c.charge_kind,
)
_ORDER_NO = 0


class SqlReconciliationRepository:
    """A store's month as reconciliation reads it."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def month_material(
        self, store_code: str, month: Month, fee_kinds: frozenset[ChargeKind]
    ) -> tuple[list[MatchLine], Iterator[OrderGroup]]:
        """What the month may involve, for MonthMatcher: the lines of the month naming no
        order (other charges, withdrawals…), and, one order number at a time in order-number
        order, the order daiyun has under it (None: none) with its lines and all its refunds,
        and every Alipay line naming it, whenever it occurred. The order numbers are those of
        the orders completed in the month, those its Alipay lines name, those with refunds
        completed in it; refunds paid out naming no order come under None, first.

        The orders completed in the month are streamed (server-side cursors on PostgreSQL)
        from four queries in order-number order — orders, their lines, their refunds, the
        Alipay lines naming them — merged here: the month is never held in memory. The few
        others (orders of other months, or unknown, that the month's lines or refunds name)
        are read by number and merged in. Consume the groups inside the unit of work."""
        connection = self._connection
        store_id = int(
            connection.execute(select(store.c.id).where(store.c.code == store_code)).scalar_one()
        )
        period = month.period()
        in_month = and_(
            sales_order.c.store_id == store_id,
            sales_order.c.status == _COMPLETED,
            sales_order.c.completed_at >= period.start,
            sales_order.c.completed_at < period.end,
        )
        loose: list[MatchLine] = []
        unnamed: list[MatchLine] = []
        query = select(*_ENTRY_COLUMNS).where(
            alipay_entry.c.store_id == store_id,
            alipay_entry.c.occurred_at >= period.start,
            alipay_entry.c.occurred_at < period.end,
            alipay_entry.c.order_no.is_(None),
        )
        for row in connection.execute(query):
            line = _line_of(row, fee_kinds)
            (loose if is_loose(line) else unnamed).append(line)
        others = self._others(store_id, period, in_month, fee_kinds)
        return loose, self._groups(store_id, in_month, unnamed, others, fee_kinds)

    def _others(
        self, store_id: int, period: Period, in_month: Any, fee_kinds: frozenset[ChargeKind]
    ) -> list[OrderGroup]:
        """The order numbers the month involves that are not of an order completed in it:
        named by the month's Alipay lines, or with refunds completed in it; each with the
        order daiyun has under it and every line naming it."""
        connection = self._connection
        completed_here = (
            select(sales_order.c.id)
            .where(in_month, sales_order.c.order_no == _entry_order_no(connection))
            .exists()
        )
        named = select(alipay_entry.c.order_no).where(
            alipay_entry.c.store_id == store_id,
            alipay_entry.c.occurred_at >= period.start,
            alipay_entry.c.occurred_at < period.end,
            alipay_entry.c.order_no.is_not(None),
            ~completed_here,
        )
        refunded = (
            select(sales_order.c.order_no)
            .join(refund, refund.c.order_id == sales_order.c.id)
            .where(
                sales_order.c.store_id == store_id,
                refund.c.status == "completed",
                refund.c.completed_at >= period.start,
                refund.c.completed_at < period.end,
                ~in_month,
            )
        )
        numbers = {str(each) for each in connection.execute(named).scalars()}
        numbers.update(str(each) for each in connection.execute(refunded).scalars())
        order_nos = sorted(numbers)
        orders = {order.order_no: order for order in self._orders(store_id, order_nos)}
        lines: dict[str, list[MatchLine]] = defaultdict(list)
        for chunk in _chunks(order_nos):
            query = select(*_ENTRY_COLUMNS).where(
                alipay_entry.c.store_id == store_id,
                one_of(connection, alipay_entry.c.order_no, chunk),
            )
            for row in connection.execute(query):
                lines[row[_ORDER_NO]].append(_line_of(row, fee_kinds))
        return [(order_no, orders.get(order_no), lines[order_no]) for order_no in order_nos]

    def _groups(
        self,
        store_id: int,
        in_month: Any,
        unnamed: list[MatchLine],
        others: list[OrderGroup],
        fee_kinds: frozenset[ChargeKind],
    ) -> Iterator[OrderGroup]:
        connection = self._connection
        if unnamed:
            yield None, None, unnamed
        by_number = sales_order.c.order_no
        # The month's orders with their lines (an order without lines in one row of NULLs).
        orders = (
            select(
                by_number,
                sales_order.c.completed_at,
                sales_order.c.total_fen,
                sales_order.c.shipping_fen,
                sales_order.c.has_sku_lines,
                order_line.c.line_no,
                order_line.c.line_amount_fen,
                sku.c.category,
            )
            .select_from(
                sales_order.outerjoin(
                    order_line, order_line.c.order_id == sales_order.c.id
                ).outerjoin(sku, sku.c.id == order_line.c.sku_id)
            )
            .where(in_month)
        )
        refunds = (
            select(by_number, refund.c.refund_key, refund.c.amount_fen, refund.c.completed_at)
            .join(sales_order, sales_order.c.id == refund.c.order_id)
            .where(in_month, refund.c.status == "completed", refund.c.completed_at.is_not(None))
        )
        entries = (
            select(*_ENTRY_COLUMNS)
            .join(
                sales_order,
                and_(
                    sales_order.c.store_id == alipay_entry.c.store_id,
                    sales_order.c.order_no == _entry_order_no(connection),
                ),
            )
            .where(in_month)
        )
        order_rows = _streamed(connection, orders.order_by(by_number, order_line.c.line_no))
        refund_rows = _Cursor(_streamed(connection, refunds.order_by(by_number)))
        entry_rows = _Cursor(_streamed(connection, entries.order_by(by_number)))

        def month_orders() -> Iterator[OrderGroup]:
            for order_no, rows in groupby(order_rows, key=itemgetter(0)):
                order = _streamed_order(list(rows), refund_rows.take(order_no))
                named = [_line_of(row, fee_kinds) for row in entry_rows.take(order_no)]
                yield order_no, order, named

        yield from heapq.merge(month_orders(), others, key=_number_of)

    def _orders(self, store_id: int, order_nos: Sequence[str]) -> list[KnownOrder]:
        connection = self._connection
        heads: dict[int, Any] = {}
        for chunk in _chunks(order_nos):
            query = select(
                sales_order.c.id,
                sales_order.c.order_no,
                sales_order.c.status,
                sales_order.c.completed_at,
                sales_order.c.total_fen,
                sales_order.c.shipping_fen,
                sales_order.c.has_sku_lines,
            ).where(
                sales_order.c.store_id == store_id,
                one_of(connection, sales_order.c.order_no, chunk),
            )
            heads.update((int(row.id), row) for row in connection.execute(query))
        lines: dict[int, list[ExpectedLine]] = defaultdict(list)
        refunds: dict[int, list[RecordedRefund]] = defaultdict(list)
        ids = sorted(heads)
        for start in range(0, len(ids), IN_CHUNK):
            chunk_ids = ids[start : start + IN_CHUNK]
            line_query = (
                select(
                    order_line.c.order_id,
                    order_line.c.line_no,
                    order_line.c.line_amount_fen,
                    sku.c.category,
                )
                .outerjoin(sku, sku.c.id == order_line.c.sku_id)
                .where(order_line.c.order_id.in_(chunk_ids))
                .order_by(order_line.c.order_id, order_line.c.line_no)
            )
            for row in connection.execute(line_query):
                lines[int(row.order_id)].append(
                    ExpectedLine(int(row.line_no), Money(int(row.line_amount_fen)), row.category)
                )
            refund_query = select(
                refund.c.order_id, refund.c.refund_key, refund.c.amount_fen, refund.c.completed_at
            ).where(
                refund.c.order_id.in_(chunk_ids),
                refund.c.status == "completed",
                refund.c.completed_at.is_not(None),
            )
            for row in connection.execute(refund_query):
                refunds[int(row.order_id)].append(
                    RecordedRefund(
                        _refunded_line_no(row.refund_key),
                        Money(int(row.amount_fen)),
                        row.completed_at.astimezone(SHANGHAI),
                    )
                )
        return [
            _known_order(head, lines[order_id], refunds[order_id])
            for order_id, head in heads.items()
        ]


def _known_order(head: Any, lines: list[ExpectedLine], refunds: list[RecordedRefund]) -> KnownOrder:
    shipping = Money(int(head.shipping_fen))
    if not head.has_sku_lines and not lines:
        # An order without SKU lines (an order-level report): its goods as one line, at the
        # platform's default rate (no category).
        lines = [ExpectedLine(0, Money(int(head.total_fen)) - shipping, None)]
    completed = head.completed_at if head.status == _COMPLETED else None
    return KnownOrder(
        head.order_no,
        None if completed is None else completed.astimezone(SHANGHAI),
        shipping,
        tuple(lines),
        tuple(sorted(refunds, key=lambda each: (each.completed_at, each.line_no or 0))),
    )


_cursor_names = count(1)


def _streamed(connection: Connection, query: Select[Any]) -> Iterator[Sequence[Any]]:
    """The rows of `query` as the driver gives them, a batch at a time: a server-side cursor
    on PostgreSQL (its timestamptz come back as aware datetimes), SQLite's own cursor
    otherwise (its moments, text, made aware by the columns' types). Read straight from the
    driver: SQLAlchemy's rows would cost more than the rest of the reading."""
    dialect = connection.dialect
    compiled = query.compile(dialect=dialect)
    parameters = compiled.construct_params()
    for bind, name in compiled.bind_names.items():
        process = bind.type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            parameters[name] = process(parameters[name])
    driver: Any = connection.connection.driver_connection
    if dialect.name == "postgresql":
        with driver.cursor(name=f"daiyun_reconcile_{next(_cursor_names)}") as cursor:
            cursor.execute(compiled.string, parameters)
            while rows := cursor.fetchmany(_STREAM_ROWS):
                yield from rows
        return
    processors = [
        column.type.dialect_impl(dialect).result_processor(dialect, None)
        for column in query.selected_columns
    ]
    # Only the moments have a processor on SQLite (text to an aware datetime).
    converted = [(place, process) for place, process in enumerate(processors) if process]
    cursor = driver.cursor()
    try:
        cursor.execute(compiled.string, [parameters[name] for name in compiled.positiontup or ()])
        while rows := cursor.fetchmany(_STREAM_ROWS):
            for row in rows:
                if converted:
                    row = list(row)
                    for place, process in converted:
                        if row[place] is not None:
                            row[place] = process(row[place])
                yield row
    finally:
        cursor.close()


def _line_of(row: Sequence[Any], fee_kinds: frozenset[ChargeKind]) -> MatchLine:
    order_no, entry_no, occurred_at, income_fen, expense_fen, business_type, kind = row
    charge_kind = None if kind is None else _KINDS[kind]
    role = stored_role(charge_kind, business_type, order_no, income_fen, fee_kinds)
    return MatchLine(entry_no, order_no, occurred_at, income_fen, expense_fen, role)


def _entry_order_no(connection: Connection) -> ColumnElement[Any]:
    """alipay_entry.order_no, compared as sales_order.order_no is (byte by byte on
    PostgreSQL, collation "C", migration 0009)."""
    column: ColumnElement[Any] = alipay_entry.c.order_no
    return column.collate("C") if connection.dialect.name == "postgresql" else column


def _streamed_order(rows: list[Any], refunds: list[Any]) -> KnownOrder:
    """An order completed in the month, from its streamed rows: one per line, its head's
    columns in each (an order without lines, one row with no line)."""
    order_no, completed_at, total_fen, shipping_fen, has_sku_lines = rows[0][:5]
    shipping = Money(int(shipping_fen))
    expected = [
        ExpectedLine(int(row[5]), Money(int(row[6])), row[7]) for row in rows if row[5] is not None
    ]
    if not has_sku_lines and not expected:
        expected = [ExpectedLine(0, Money(int(total_fen)) - shipping, None)]
    recorded = [
        RecordedRefund(_refunded_line_no(row[1]), Money(int(row[2])), row[3]) for row in refunds
    ]
    recorded.sort(key=lambda each: (each.completed_at, each.line_no or 0))
    return KnownOrder(order_no, completed_at, shipping, tuple(expected), tuple(recorded))


class _Cursor:
    """Rows streamed in order-number order (the first column), taken one number at a time."""

    def __init__(self, rows: Iterator[Any]) -> None:
        self._rows = rows
        self._next: Any = next(rows, None)

    def take(self, order_no: str) -> list[Any]:
        """The rows of `order_no`; rows of smaller numbers before them are passed over."""
        taken: list[Any] = []
        while self._next is not None and self._next[0] <= order_no:
            if self._next[0] == order_no:
                taken.append(self._next)
            self._next = next(self._rows, None)
        return taken


def _number_of(group: OrderGroup) -> str:
    return group[0] or ""


def _refunded_line_no(refund_key: str) -> int | None:
    """The line a stored refund names: its key is "line N:…" ("order:…" names none)."""
    where, _, _ = refund_key.partition(":")
    kind, _, number = where.partition(" ")
    return int(number) if kind == "line" and number.isdigit() else None


def _chunks(values: Sequence[str]) -> Iterable[list[str]]:
    for start in range(0, len(values), IN_CHUNK):
        yield list(values[start : start + IN_CHUNK])
