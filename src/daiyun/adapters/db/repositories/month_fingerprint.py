"""A month's inputs in one number: aggregates over the lines, refunds and recognitions that a
draft reads, so that issuing can tell whether they changed without drafting again (R-S8)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from sqlalchemy import BigInteger, Connection, and_, case, cast, func, select

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
from daiyun.domain.orders import OrderStatus
from daiyun.domain.pricing import PriceCheck

__all__ = ["read_inputs_fingerprint"]

# Row values are reduced modulo a prime below 2**31, so that the sums of ten million rows stay
# inside a 64-bit integer on SQLite (which refuses to overflow) as on PostgreSQL.
_PRIME = 2_147_483_629
_STATUS_CODES = {member.value: index for index, member in enumerate(OrderStatus, start=1)}
_CHECK_CODES = {member.value: index for index, member in enumerate(PriceCheck, start=1)}


def read_inputs_fingerprint(connection: Connection, contract_code: str, month: Month) -> str:
    """sha256 of count and weighted sums over every column a draft of the month reads."""
    period = month.period()
    seconds = _epoch_seconds(connection.dialect.name)
    of_contract = and_(
        store.c.id == sales_order.c.store_id,
        contract.c.id == store.c.contract_id,
        contract.c.code == contract_code,
    )
    in_month = and_(refund.c.completed_at >= period.start, refund.c.completed_at < period.end)
    month_refunds = refund.c.status == "completed", in_month
    refunded_orders = select(refund.c.order_id).where(*month_refunds)
    lines = _lines(month, seconds, of_contract).where(
        order_line.c.completed_at >= period.start, order_line.c.completed_at < period.end
    )
    # R-S9: the lines the month's refunds name, wherever they completed.
    refunded_lines = _lines(month, seconds, of_contract).where(
        order_line.c.order_id.in_(refunded_orders)
    )
    refund_value = _big(refund.c.id) * 31 + _big(refund.c.order_id) * 3
    refund_value += _big(refund.c.units) * 1009 + _big(refund.c.amount_fen) * 7
    refund_value += func.coalesce(seconds(refund.c.completed_at), 0)
    refund_value += func.length(refund.c.refund_key) * 7919
    refund_value += func.coalesce(func.length(refund.c.reason), 0) * 65_537
    refunds = (
        select(*_sums(refund_value % _PRIME, refund.c.id))
        .select_from(refund)
        .join(sales_order, sales_order.c.id == refund.c.order_id)
        .join(store, store.c.id == sales_order.c.store_id)
        .join(contract, of_contract)
        .where(*month_refunds)
    )
    orders_value = _big(sales_order.c.id) * 31 + func.coalesce(
        seconds(sales_order.c.completed_at), 0
    )
    orders = (
        select(*_sums(orders_value % _PRIME, sales_order.c.id))
        .select_from(sales_order)
        .join(store, store.c.id == sales_order.c.store_id)
        .join(contract, of_contract)
        .where(
            sales_order.c.has_sku_lines.is_(False),
            sales_order.c.status == OrderStatus.COMPLETED.value,
            sales_order.c.completed_at >= period.start,
            sales_order.c.completed_at < period.end,
        )
    )
    digest = hashlib.sha256(str(month).encode())
    for query in (lines, refunded_lines, refunds, orders):
        row = connection.execute(query).one()
        digest.update(repr(tuple(int(value or 0) for value in row)).encode())
    # R-S5: the fee rate follows the SKU's category; a brand has thousands of SKUs, not millions.
    categories = (
        select(sku.c.id, sku.c.category)
        .join(contract, contract.c.brand_id == sku.c.brand_id)
        .where(contract.c.code == contract_code)
        .order_by(sku.c.id)
    )
    digest.update(repr([tuple(row) for row in connection.execute(categories)]).encode())
    return digest.hexdigest()


def _lines(month: Month, seconds: Callable[[Any], Any], of_contract: Any) -> Any:
    """Aggregates of the contract's order lines, as the month's draft reads them."""
    # R-S1: recognised by an issued statement of another month (this month's own does not count).
    elsewhere = (
        select(statement_recognition.c.order_line_id)
        .join(statement, statement.c.id == statement_recognition.c.statement_id)
        .where(statement.c.month != str(month))
        .subquery()
    )
    value = _big(order_line.c.id) * 31 + _big(order_line.c.order_id) * 3
    value += _big(order_line.c.line_no) * 7919 + _big(order_line.c.units) * 1009
    value += _big(order_line.c.line_amount_fen) * 7
    value += func.coalesce(_big(order_line.c.guide_price_fen), -1) * 13
    value += case(_STATUS_CODES, value=order_line.c.status, else_=0) * 1_000_003
    value += case(_CHECK_CODES, value=order_line.c.price_check, else_=0) * 65_537
    value += func.coalesce(seconds(order_line.c.completed_at), 0)
    value += func.coalesce(seconds(sales_order.c.paid_at), 0) * 3
    value += _big(sales_order.c.shipping_fen) * 17 + _big(sales_order.c.store_id) * 101
    value += func.coalesce(_big(order_line.c.sku_id), 0) * 53
    value += func.coalesce(func.length(order_line.c.sku_code), 0) * 37
    value += func.coalesce(func.length(sku.c.category), 0) * 29
    value += case((elsewhere.c.order_line_id.is_(None), 0), else_=1_000_000_007)
    return (
        select(*_sums(value % _PRIME, order_line.c.id))
        .select_from(order_line)
        .join(sales_order, sales_order.c.id == order_line.c.order_id)
        .join(store, store.c.id == sales_order.c.store_id)
        .join(contract, of_contract)
        .outerjoin(sku, sku.c.id == order_line.c.sku_id)
        .outerjoin(elsewhere, elsewhere.c.order_line_id == order_line.c.id)
    )


def _big(column: Any) -> Any:
    return cast(column, BigInteger)


def _sums(value: Any, row_id: Any) -> tuple[Any, ...]:
    # The weighted sum tells apart two rows that swapped a value, which the plain sum cannot.
    weighted = (value * (_big(row_id) % 1021 + 1)) % _PRIME
    return (func.count(), func.sum(_big(row_id)), func.sum(value), func.sum(weighted))


def _epoch_seconds(dialect: str) -> Any:
    if dialect == "postgresql":
        return lambda column: cast(func.floor(func.extract("epoch", column)), BigInteger)
    # SQLite keeps moments as naive UTC text (types.UtcDateTime); strftime reads them as UTC.
    return lambda column: cast(func.strftime("%s", column), BigInteger)
