"""What a month's statement reads: a contract's stored order lines, refunds, SKU-less orders.

`read_month_inputs` reads the whole month into objects, as draft_statement takes it: the
reference the streamed draft (month_stream.py) is tested against. The SKU-less orders, and the
out-of-bounds sales of the price pages, are read here for both.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Row, and_, func, select

from daiyun.adapters.db.tables import (
    contract,
    order_line,
    refund,
    sales_order,
    sku,
    statement,
    statement_recognition,
    store,
)
from daiyun.domain.calendar import Month
from daiyun.domain.contracts import Platform
from daiyun.domain.money import Money
from daiyun.domain.orders import OrderStatus
from daiyun.domain.pricing import PriceCheck
from daiyun.domain.settlement import LineKey, RefundRecord, SettlementLine, UnsettleableOrder
from daiyun.domain.settlement.drafting import NO_SKU_LINES
from daiyun.domain.settlement.records import MonthInputs

__all__ = [
    "orders_without_sku_lines",
    "read_month_inputs",
    "read_out_of_bounds_sales",
    "store_ids_of",
]

_IN_CHUNK = 900
_STREAM_ROWS = 20_000
# Enum members by stored text: a dict lookup per line instead of an Enum call per line.
_PLATFORMS = {member.value: member for member in Platform}
_STATUSES = {member.value: member for member in OrderStatus}
_PRICE_CHECKS = {member.value: member for member in PriceCheck}
_NO_SHIPPING = Money(0)
_first_line = order_line.alias()  # Core: the ORM's import costs 0.1 s of every command


def read_month_inputs(connection: Connection, contract_code: str, month: Month) -> MonthInputs:
    """R-S1: every line of the contract's stores completed in the month or refunded in it."""
    period = month.period()
    store_ids = store_ids_of(connection, contract_code)
    refunds, refunded = _refunds(connection, store_ids, period.start, period.end)
    in_month = and_(
        order_line.c.completed_at >= period.start, order_line.c.completed_at < period.end
    )
    completed_in_month = select(order_line.c.order_id).where(in_month)
    query = _line_query(month, completed_in_month).where(in_month, _of_stores(store_ids))
    month_lines = _MonthLines()
    # Streamed (a server-side cursor on PostgreSQL): the driver never holds the whole month.
    streamed = query.execution_options(stream_results=True, yield_per=_STREAM_ROWS)
    for row in connection.execute(streamed):
        month_lines.take(row)
    by_order: dict[int, list[int]] = {}
    for order_id, line_no in refunded:
        by_order.setdefault(order_id, []).append(line_no)
    order_ids = list(by_order)
    for start in range(0, len(order_ids), _IN_CHUNK):
        chunk = order_ids[start : start + _IN_CHUNK]
        query = _line_query(month, chunk).where(order_line.c.order_id.in_(chunk))
        for row in connection.execute(query):
            if int(row.line_no) in by_order[int(row.order_id)] and not month_lines.holds(row):
                month_lines.take(row)
    return MonthInputs(
        lines=month_lines.lines,
        refunds=refunds,
        unsettleable=_orders_without_sku_lines(connection, store_ids, period.start, period.end),
        recognised_elsewhere=frozenset(month_lines.elsewhere),
        line_ids=month_lines.line_ids,
    )


class _MonthLines:
    """The month's lines as they are read: each row becomes its line at once, and is let go."""

    def __init__(self) -> None:
        self.lines: list[SettlementLine] = []
        self.line_ids: dict[LineKey, int] = {}
        self.elsewhere: list[LineKey] = []
        # One Money per amount and one text per SKU, category and store: they repeat across a
        # month's lines, and a million copies of each would double the month's memory.
        self._money: dict[int, Money] = {0: _NO_SHIPPING}
        self._texts: dict[str, str] = {}

    def holds(self, row: Row[Any]) -> bool:
        """Whether this stored line was taken already."""
        return self.line_ids.get((row.order_no, int(row.line_no))) == int(row.id)

    def take(self, row: Row[Any]) -> None:
        line = _settlement_line(row, self._money, self._texts)
        line_id, key = int(row[0]), (line.order_no, line.line_no)
        self.line_ids[key] = line_id
        if row[-1]:
            self.elsewhere.append(key)
        self.lines.append(line)


def read_out_of_bounds_sales(
    connection: Connection, store_ids: Sequence[int], month: Month
) -> list[SettlementLine]:
    """R-P5: lines paid in the month whose price broke the floor or the cap when imported."""
    period = month.period()
    paid_in_month = select(sales_order.c.id).where(
        _of_stores(store_ids),
        sales_order.c.paid_at >= period.start,
        sales_order.c.paid_at < period.end,
    )
    query = _line_query(month, paid_in_month).where(
        _of_stores(store_ids),
        sales_order.c.paid_at >= period.start,
        sales_order.c.paid_at < period.end,
        order_line.c.price_check.in_([PriceCheck.BELOW_GUIDE.value, PriceCheck.ABOVE_CAP.value]),
    )
    return [_settlement_line(row) for row in connection.execute(query)]


def _of_stores(store_ids: Sequence[int]) -> Any:
    return sales_order.c.store_id.in_(list(store_ids))


def _line_query(month: Month, order_ids: Any) -> Any:
    """The lines' columns; `order_ids` (a select or a list) holds at least the lines' orders."""
    # interfaces.md: the order's shipping is carried by its lowest line number, among all of
    # its lines: one grouped pass over the orders read, joined once (not a subquery per row).
    first_lines = (
        select(_first_line.c.order_id, func.min(_first_line.c.line_no).label("line_no"))
        .where(_first_line.c.order_id.in_(order_ids))
        .group_by(_first_line.c.order_id)
        .subquery()
    )
    # R-S1: recognised by an issued statement of another month of any of the contract's
    # months; this month's own earlier version does not count against its re-draft. The
    # recognition's primary key is the order line: the outer join adds no row.
    elsewhere = (
        select(statement_recognition.c.order_line_id)
        .join(statement, statement.c.id == statement_recognition.c.statement_id)
        .where(statement.c.month != str(month))
        .subquery()
    )
    return (
        select(
            order_line.c.id,
            order_line.c.order_id,
            sales_order.c.order_no,
            order_line.c.line_no,
            order_line.c.sku_code,
            sku.c.category,
            store.c.platform,
            order_line.c.units,
            order_line.c.line_amount_fen,
            order_line.c.guide_price_fen,
            order_line.c.status,
            order_line.c.completed_at,
            order_line.c.price_check,
            sales_order.c.shipping_fen,
            sales_order.c.paid_at,
            store.c.code.label("store_code"),
            (order_line.c.line_no == first_lines.c.line_no).label("carries_shipping"),
            elsewhere.c.order_line_id.is_not(None).label("elsewhere"),
        )
        .join(sales_order, sales_order.c.id == order_line.c.order_id)
        .join(store, store.c.id == sales_order.c.store_id)
        .join(first_lines, first_lines.c.order_id == order_line.c.order_id)
        .outerjoin(sku, sku.c.id == order_line.c.sku_id)
        .outerjoin(elsewhere, elsewhere.c.order_line_id == order_line.c.id)
    )


def _settlement_line(
    row: Sequence[Any], money: dict[int, Money] | None = None, texts: dict[str, str] | None = None
) -> SettlementLine:
    # Positional unpacking, in _line_query's column order: no lookup by name per value.
    (
        _, _, order_no, line_no, sku_code, category, platform, units, amount, guide_price,
        status, completed_at, price_check, shipping, paid_at, store_code, carries_shipping, _,
    ) = row  # fmt: skip
    known = {} if money is None else money
    if texts is not None:
        sku_code = sku_code and texts.setdefault(sku_code, sku_code)
        category = category and texts.setdefault(category, category)
        store_code = texts.setdefault(store_code, store_code)
    amount, shipping = int(amount), int(shipping) if carries_shipping else 0
    actual = known.get(amount) or known.setdefault(amount, Money(amount))
    shipped = known.get(shipping) or known.setdefault(shipping, Money(shipping))
    guide = None
    if guide_price is not None:
        guide_price = int(guide_price)
        guide = known.get(guide_price) or known.setdefault(guide_price, Money(guide_price))
    return SettlementLine(
        order_no,
        int(line_no),
        sku_code or None,
        category,
        _PLATFORMS[platform],
        int(units),
        actual,
        guide,  # R-P1: the guide price snapshot stored on the line when it was paid.
        _STATUSES[status],
        completed_at,
        _PRICE_CHECKS[price_check],
        None,  # promotion_price: set by apply_promotions (R-S2)
        shipped,  # interfaces.md: the order's shipping is carried by its first line only.
        store_code,
        paid_at,
    )


def _refunds(
    connection: Connection, store_ids: Sequence[int], start: Any, end: Any
) -> tuple[list[RefundRecord], set[tuple[int, int]]]:
    """R-S9: line refunds completed in the month, and the (order id, line no) they name."""
    query = (
        select(
            refund.c.order_id,
            sales_order.c.order_no,
            refund.c.refund_key,
            refund.c.units,
            refund.c.amount_fen,
            refund.c.reason,
            refund.c.completed_at,
        )
        .join(sales_order, sales_order.c.id == refund.c.order_id)
        .where(
            _of_stores(store_ids),
            refund.c.status == "completed",
            refund.c.completed_at >= start,
            refund.c.completed_at < end,
        )
    )
    records: list[RefundRecord] = []
    named: set[tuple[int, int]] = set()
    for row in connection.execute(query):
        line_no = _refunded_line_no(row.refund_key)
        if line_no is None:
            continue  # an order-level refund of a report without lines: never recognised
        named.add((int(row.order_id), line_no))
        records.append(
            RefundRecord(
                row.order_no,
                line_no,
                int(row.units),
                Money(int(row.amount_fen)),
                row.reason,
                row.completed_at,
            )
        )
    return records, named


def _refunded_line_no(refund_key: str) -> int | None:
    """The line a refund names: the order repository keys line refunds "line N:TOTAL"."""
    where, _, _ = refund_key.partition(":")
    kind, _, number = where.partition(" ")
    return int(number) if kind == "line" and number.isdigit() else None


def _orders_without_sku_lines(
    connection: Connection, store_ids: Sequence[int], start: Any, end: Any
) -> list[UnsettleableOrder]:
    """R-S1: orders completed in the month that have no SKU lines: listed, never guessed."""
    query = select(sales_order.c.order_no, sales_order.c.completed_at).where(
        _of_stores(store_ids),
        sales_order.c.has_sku_lines.is_(False),
        sales_order.c.status == OrderStatus.COMPLETED.value,
        sales_order.c.completed_at >= start,
        sales_order.c.completed_at < end,
    )
    return [
        UnsettleableOrder(row.order_no, NO_SKU_LINES, row.completed_at)
        for row in connection.execute(query)
    ]


def orders_without_sku_lines(
    connection: Connection, contract_code: str, month: Month
) -> list[UnsettleableOrder]:
    """R-S1: the contract's orders completed in the month that have no SKU lines."""
    period = month.period()
    store_ids = store_ids_of(connection, contract_code)
    return _orders_without_sku_lines(connection, store_ids, period.start, period.end)


def store_ids_of(connection: Connection, contract_code: str) -> list[int]:
    """The ids of the contract's stores."""
    stores = select(store.c.id).join(contract, contract.c.id == store.c.contract_id)
    stores = stores.where(contract.c.code == contract_code)
    return [int(each) for each in connection.execute(stores).scalars()]
