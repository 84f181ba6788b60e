"""What a month's statement reads: a contract's stored order lines, refunds, SKU-less orders."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Row, and_, func, select
from sqlalchemy.orm import aliased

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
from daiyun.domain.settlement import RefundRecord, SettlementLine, UnsettleableOrder
from daiyun.domain.settlement.drafting import NO_SKU_LINES
from daiyun.domain.settlement.records import MonthInputs

__all__ = ["read_month_inputs", "read_out_of_bounds_sales"]

_IN_CHUNK = 900
# Enum members by stored text: a dict lookup per line instead of an Enum call per line.
_PLATFORMS = {member.value: member for member in Platform}
_STATUSES = {member.value: member for member in OrderStatus}
_PRICE_CHECKS = {member.value: member for member in PriceCheck}
_NO_SHIPPING = Money(0)
_first_line = aliased(order_line)


def read_month_inputs(connection: Connection, contract_code: str, month: Month) -> MonthInputs:
    """R-S1: every line of the contract's stores completed in the month or refunded in it."""
    period = month.period()
    stores = select(store.c.id).join(contract, contract.c.id == store.c.contract_id)
    stores = stores.where(contract.c.code == contract_code)
    store_ids = [int(each) for each in connection.execute(stores).scalars()]
    refunds, refunded = _refunds(connection, store_ids, period.start, period.end)
    in_month = and_(
        order_line.c.completed_at >= period.start, order_line.c.completed_at < period.end
    )
    rows = list(connection.execute(_line_query(month).where(in_month, _of_stores(store_ids))))
    by_order: dict[int, list[int]] = {}
    for order_id, line_no in refunded:
        by_order.setdefault(order_id, []).append(line_no)
    seen = {int(row.id) for row in rows}
    order_ids = list(by_order)
    for start in range(0, len(order_ids), _IN_CHUNK):
        chunk = order_ids[start : start + _IN_CHUNK]
        for row in connection.execute(_line_query(month).where(order_line.c.order_id.in_(chunk))):
            if int(row.line_no) in by_order[int(row.order_id)] and int(row.id) not in seen:
                seen.add(int(row.id))
                rows.append(row)
    lines = [_settlement_line(row) for row in rows]
    return MonthInputs(
        lines=lines,
        refunds=refunds,
        unsettleable=_orders_without_sku_lines(connection, store_ids, period.start, period.end),
        recognised_elsewhere=frozenset(
            (row.order_no, int(row.line_no)) for row in rows if row.elsewhere
        ),
        line_ids={(row.order_no, int(row.line_no)): int(row.id) for row in rows},
    )


def read_out_of_bounds_sales(
    connection: Connection, store_ids: Sequence[int], month: Month
) -> list[SettlementLine]:
    """R-P5: lines paid in the month whose price broke the floor or the cap when imported."""
    period = month.period()
    query = _line_query(month).where(
        _of_stores(store_ids),
        sales_order.c.paid_at >= period.start,
        sales_order.c.paid_at < period.end,
        order_line.c.price_check.in_([PriceCheck.BELOW_GUIDE.value, PriceCheck.ABOVE_CAP.value]),
    )
    return [_settlement_line(row) for row in connection.execute(query)]


def _of_stores(store_ids: Sequence[int]) -> Any:
    return sales_order.c.store_id.in_(list(store_ids))


def _line_query(month: Month) -> Any:
    first_line_no = (
        select(func.min(_first_line.c.line_no))
        .where(_first_line.c.order_id == order_line.c.order_id)
        .scalar_subquery()
    )
    # R-S1: recognised by an issued statement of another month of any of the contract's
    # months; this month's own earlier version does not count against its re-draft.
    elsewhere = (
        select(statement_recognition.c.order_line_id)
        .join(statement, statement.c.id == statement_recognition.c.statement_id)
        .where(
            statement_recognition.c.order_line_id == order_line.c.id,
            statement.c.month != str(month),
        )
        .exists()
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
            (order_line.c.line_no == first_line_no).label("carries_shipping"),
            elsewhere.label("elsewhere"),
        )
        .join(sales_order, sales_order.c.id == order_line.c.order_id)
        .join(store, store.c.id == sales_order.c.store_id)
        .outerjoin(sku, sku.c.id == order_line.c.sku_id)
    )


def _settlement_line(row: Row[Any]) -> SettlementLine:
    return SettlementLine(
        order_no=row.order_no,
        line_no=int(row.line_no),
        sku=row.sku_code if row.sku_code else None,
        category=row.category,
        platform=_PLATFORMS[row.platform],
        units=int(row.units),
        actual_amount=Money(int(row.line_amount_fen)),
        # R-P1: the guide price snapshot stored on the line when it was paid.
        guide_price=None if row.guide_price_fen is None else Money(int(row.guide_price_fen)),
        status=_STATUSES[row.status],
        completed_at=row.completed_at,
        price_check=_PRICE_CHECKS[row.price_check],
        # interfaces.md: the order's shipping is carried by its first line only.
        shipping=Money(int(row.shipping_fen)) if row.carries_shipping else _NO_SHIPPING,
        store=row.store_code,
        paid_at=row.paid_at,
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
