"""A month's inputs in one number: aggregates over the lines, refunds and recognitions that a
draft reads, so that issuing can tell whether they changed without drafting again (R-S8).

Issuing sums the lines' values in SQL (`line_value`); the streamed draft sums the same values
worked out over the columns it read (`line_values`, numpy), the two written side by side here
and tested to agree on both databases.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
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

__all__ = [
    "FingerprintParts",
    "fingerprint_of",
    "line_value",
    "line_values",
    "read_fingerprint_parts",
    "read_inputs_fingerprint",
    "weighted_value",
]

# Row values are reduced modulo a prime below 2**31, so that the sums of ten million rows stay
# inside a 64-bit integer on SQLite (which refuses to overflow) as on PostgreSQL.
_PRIME = 2_147_483_629
_STATUS_CODES = {member.value: index for index, member in enumerate(OrderStatus, start=1)}
_CHECK_CODES = {member.value: index for index, member in enumerate(PriceCheck, start=1)}


def read_inputs_fingerprint(connection: Connection, contract_code: str, month: Month) -> str:
    """sha256 of count and weighted sums over every column a draft of the month reads."""
    parts = read_fingerprint_parts(connection, contract_code, month)
    seconds = _epoch_seconds(connection.dialect.name)
    period = month.period()
    elsewhere = _elsewhere(month)
    value = line_value(seconds, elsewhere.c.order_line_id)
    lines = (
        select(*_sums(value, order_line.c.id))
        .select_from(order_line)
        .join(sales_order, sales_order.c.id == order_line.c.order_id)
        .join(store, store.c.id == sales_order.c.store_id)
        .join(contract, _of_contract(contract_code))
        .outerjoin(sku, sku.c.id == order_line.c.sku_id)
        .outerjoin(elsewhere, elsewhere.c.order_line_id == order_line.c.id)
        .where(order_line.c.completed_at >= period.start, order_line.c.completed_at < period.end)
    )
    return fingerprint_of(parts, tuple(connection.execute(lines).one()))


@dataclass(frozen=True)
class FingerprintParts:
    """All of a month's inputs' fingerprint but its lines completed in the month: the lines
    its refunds name, its refunds, its orders without SKU lines and the brand's categories."""

    month: Month
    sums: tuple[tuple[int, ...], ...]
    categories: tuple[tuple[Any, ...], ...]


def read_fingerprint_parts(
    connection: Connection, contract_code: str, month: Month
) -> FingerprintParts:
    """FingerprintParts, read now (before the month's lines are: a change in between makes
    the issue refuse, never pass)."""
    period = month.period()
    seconds = _epoch_seconds(connection.dialect.name)
    of_contract = _of_contract(contract_code)
    in_month = and_(refund.c.completed_at >= period.start, refund.c.completed_at < period.end)
    month_refunds = refund.c.status == "completed", in_month
    refunded_orders = select(refund.c.order_id).where(*month_refunds)
    # R-S9: the lines the month's refunds name, wherever they completed.
    elsewhere = _elsewhere(month)
    refunded_lines = (
        select(*_sums(line_value(seconds, elsewhere.c.order_line_id), order_line.c.id))
        .select_from(order_line)
        .join(sales_order, sales_order.c.id == order_line.c.order_id)
        .join(store, store.c.id == sales_order.c.store_id)
        .join(contract, of_contract)
        .outerjoin(sku, sku.c.id == order_line.c.sku_id)
        .outerjoin(elsewhere, elsewhere.c.order_line_id == order_line.c.id)
        .where(order_line.c.order_id.in_(refunded_orders))
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
    sums = tuple(
        tuple(connection.execute(query).one()) for query in (refunded_lines, refunds, orders)
    )
    # R-S5: the fee rate follows the SKU's category; a brand has thousands of SKUs, not millions.
    categories = (
        select(sku.c.id, sku.c.category)
        .join(contract, contract.c.brand_id == sku.c.brand_id)
        .where(contract.c.code == contract_code)
        .order_by(sku.c.id)
    )
    return FingerprintParts(
        month, sums, tuple(tuple(row) for row in connection.execute(categories))
    )


def fingerprint_of(parts: FingerprintParts, lines: tuple[Any, ...]) -> str:
    """The fingerprint from its parts and the (count, sum of ids, sum of line_value, sum of
    weighted_value) of the month's lines, however they were summed (here, or line by line)."""
    digest = hashlib.sha256(str(parts.month).encode())
    for row in (lines, *parts.sums):
        digest.update(repr(tuple(int(value or 0) for value in row)).encode())
    digest.update(repr([tuple(row) for row in parts.categories]).encode())
    return digest.hexdigest()


def line_value(seconds: Callable[[Any], Any], elsewhere_line: Any) -> Any:
    """A line's value in the fingerprint, below _PRIME; the query reads order_line,
    sales_order and sku, and `elsewhere_line` is NULL unless another month's issued statement
    recognised the line (R-S1: this month's own does not count)."""
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
    value += case((elsewhere_line.is_(None), 0), else_=1_000_000_007)
    return value % _PRIME


def line_values(lines: pa.RecordBatch, elsewhere: Any) -> tuple[int, int, int, int]:
    """line_value of every line of `lines`, worked out in numpy: (count, sum of ids, sum of
    values, sum of weighted values), as issuing's SQL sums them. `lines` holds line_id,
    order_id, line_no, units, actual_fen (line_amount_fen), guide_fen, status, price_check,
    completed_at and paid_at (microseconds since 1970 UTC), order_shipping, store_id, sku_id,
    sku (sku_code, "" as NULL: the same length) and category; `elsewhere` flags the lines
    another month's issued statement recognised."""
    if len(lines) == 0:
        return (0, 0, 0, 0)

    def ints(name: str, none: int = 0) -> npt.NDArray[np.int64]:
        column = pc.fill_null(lines.column(name), none)
        return np.asarray(column.to_numpy(zero_copy_only=False), dtype=np.int64)

    def seconds(name: str) -> npt.NDArray[np.int64]:
        # floor(extract(epoch)) (PostgreSQL), strftime('%s') (SQLite): whole seconds, down.
        column = lines.column(name)
        found = np.floor_divide(ints(name), 1_000_000)
        return np.where(np.asarray(pc.is_null(column)), 0, found)

    def codes(name: str, known: dict[str, int]) -> npt.NDArray[np.int64]:
        texts = lines.column(name)
        found = pc.index_in(texts, value_set=pa.array(list(known)))
        numbers = np.array(list(known.values()), dtype=np.int64)
        return np.where(np.asarray(pc.is_null(found)), 0, numbers[ints_of(pc.fill_null(found, 0))])

    def lengths(name: str) -> npt.NDArray[np.int64]:
        return ints_of(pc.fill_null(pc.utf8_length(lines.column(name)), 0))

    ids = ints("line_id")
    value = ids * 31 + ints("order_id") * 3
    value += ints("line_no") * 7919 + ints("units") * 1009
    value += ints("actual_fen") * 7
    value += ints("guide_fen", -1) * 13
    value += codes("status", _STATUS_CODES) * 1_000_003
    value += codes("price_check", _CHECK_CODES) * 65_537
    value += seconds("completed_at")
    value += seconds("paid_at") * 3
    value += ints("order_shipping") * 17 + ints("store_id") * 101
    value += ints("sku_id") * 53
    value += lengths("sku") * 37
    value += lengths("category") * 29
    value += np.where(np.asarray(elsewhere, dtype=bool), 1_000_000_007, 0)
    # SQL's % keeps the dividend's sign, as fmod does.
    value = np.fmod(value, _PRIME)
    weighted = np.fmod(value * (ids % 1021 + 1), _PRIME)
    return (len(ids), _exact_sum(ids), _exact_sum(value), _exact_sum(weighted))


def ints_of(values: pa.Array | pa.ChunkedArray) -> npt.NDArray[np.int64]:
    return np.asarray(values.to_numpy(zero_copy_only=False), dtype=np.int64)


def _exact_sum(values: npt.NDArray[np.int64]) -> int:
    bound = max(abs(int(values.min())), abs(int(values.max())))
    return int(values.sum()) if bound * len(values) < 2**62 else sum(values.tolist())


def weighted_value(value: Any, row_id: Any) -> Any:
    """A value weighted by its row's id: the weighted sum tells apart two rows that swapped a
    value, which the plain sum cannot."""
    return (value * (_big(row_id) % 1021 + 1)) % _PRIME


def _of_contract(contract_code: str) -> Any:
    return and_(
        store.c.id == sales_order.c.store_id,
        contract.c.id == store.c.contract_id,
        contract.c.code == contract_code,
    )


def _elsewhere(month: Month) -> Any:
    # R-S1: recognised by an issued statement of another month (this month's own does not count).
    return (
        select(statement_recognition.c.order_line_id)
        .join(statement, statement.c.id == statement_recognition.c.statement_id)
        .where(statement.c.month != str(month))
        .subquery()
    )


def _big(column: Any) -> Any:
    return cast(column, BigInteger)


def _sums(value: Any, row_id: Any) -> tuple[Any, ...]:
    weighted = weighted_value(value, row_id)
    return (func.count(), func.sum(_big(row_id)), func.sum(value), func.sum(weighted))


def _epoch_seconds(dialect: str) -> Callable[[Any], Any]:
    if dialect == "postgresql":
        return lambda column: cast(func.floor(func.extract("epoch", column)), BigInteger)
    # SQLite keeps moments as naive UTC text (types.UtcDateTime); strftime reads them as UTC.
    return lambda column: cast(func.strftime("%s", column), BigInteger)
