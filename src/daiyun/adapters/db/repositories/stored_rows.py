"""What a store has of a batch's orders, read column by column (domain/orders/column_changes)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from sqlalchemy import BigInteger, Connection, Integer, cast, func, select
from sqlalchemy.sql.elements import ColumnElement

from daiyun.adapters.db.matching import IN_CHUNK, one_of
from daiyun.adapters.db.tables import order_line, sales_order
from daiyun.domain.orders.column_changes import StoredRows
from daiyun.domain.orders.columns import CHECKS, NO_PRICE, NO_TIME, STATUSES, Ints

__all__ = ["microseconds_of", "read_stored_rows", "select_stored_rows"]

_ORDER_TIMES = ("as_of", "created_at", "paid_at", "completed_at", "closed_at")
_ORDER_INTS = ("total_fen", "paid_fen", "shipping_fen", "refund_fen")
_ORDER_TEXTS = ("order_no", "status", "buyer_key", "province", "city")
_LINE_INTS = ("line_no", "unit_price_fen", "line_amount_fen", "refund_units", "refund_fen")
_STATUS_INDEX = {status.value: i for i, status in enumerate(STATUSES)}
_CHECK_INDEX = {check.value: i for i, check in enumerate(CHECKS)}


def read_stored_rows(
    connection: Connection, store_id: int, platform: str, order_nos: Sequence[str]
) -> StoredRows:
    """The store's orders of these numbers, and all their lines."""
    if connection.dialect.name == "postgresql":
        from daiyun.adapters.db.repositories.stored_rows_copy import copy_stored_rows

        return copy_stored_rows(connection, store_id, platform, order_nos)
    return select_stored_rows(connection, store_id, platform, order_nos)


def select_stored_rows(
    connection: Connection, store_id: int, platform: str, order_nos: Sequence[str]
) -> StoredRows:
    """read_stored_rows by SELECT, row by row into Python (SQLite's way; on PostgreSQL the
    reference the COPY reader is tested against)."""
    postgresql = connection.dialect.name == "postgresql"
    orders: list[Any] = []
    columns = [
        sales_order.c.id,
        *(sales_order.c[name] for name in _ORDER_TEXTS),
        *(microseconds_of(sales_order.c[name], postgresql) for name in _ORDER_TIMES),
        *(sales_order.c[name] for name in _ORDER_INTS),
    ]
    chunk = max(len(order_nos), 1) if postgresql else IN_CHUNK
    for start in range(0, len(order_nos), chunk):
        query = select(*columns).where(
            one_of(connection, sales_order.c.order_no, order_nos[start : start + chunk]),
            sales_order.c.store_id == store_id,
            sales_order.c.platform == platform,
        )
        orders += connection.execute(query).all()
    (ids, order_no, status, buyer_key, province, city, *order_values) = _columns(orders, 15)
    index_of = {order_id: k for k, order_id in enumerate(ids)}
    lines: list[Any] = []
    columns = [
        order_line.c.order_id,
        order_line.c.status,
        order_line.c.price_check,
        order_line.c.guide_price_fen,
        microseconds_of(order_line.c.completed_at, postgresql),
        *(order_line.c[name] for name in _LINE_INTS),
    ]
    chunk = max(len(ids), 1) if postgresql else IN_CHUNK
    for start in range(0, len(ids), chunk):
        query = select(*columns).where(
            one_of(connection, order_line.c.order_id, ids[start : start + chunk])
        )
        lines += connection.execute(query).all()
    (line_order, line_status, price_check, guide, completed, *line_values) = _columns(lines, 10)
    as_of, created_at, paid_at, completed_at, closed_at, total, paid, shipping, refund = (
        _ints(values) for values in order_values
    )
    line_no, unit_price, line_amount, refund_units, refund_amount = (
        _ints(values) for values in line_values
    )
    return StoredRows(
        order_no=list(order_no),
        status=_ints([_STATUS_INDEX[name] for name in status]),
        as_of=as_of,
        created_at=created_at,
        paid_at=paid_at,
        completed_at=completed_at,
        closed_at=closed_at,
        total=total,
        paid=paid,
        shipping=shipping,
        refund=refund,
        buyer_key=list(buyer_key),
        province=list(province),
        city=list(city),
        line_order=_ints([index_of[order_id] for order_id in line_order]),
        line_no=line_no,
        line_status=_ints([_STATUS_INDEX[name] for name in line_status]),
        unit_price=unit_price,
        line_amount=line_amount,
        guide_price=_ints(guide, NO_PRICE),
        price_check=_ints([_CHECK_INDEX[name] for name in price_check]),
        line_completed_at=_ints(completed),
        refund_units=refund_units,
        refund_amount=refund_amount,
    )


def microseconds_of(column: ColumnElement[Any], postgresql: bool) -> ColumnElement[int]:
    """A moment column as whole microseconds since 1970 UTC, worked out exactly by the database
    (None stays None): no datetime made per value."""
    if postgresql:
        return cast(func.extract("epoch", column) * 1_000_000, BigInteger)
    # SQLite keeps naive UTC text with six decimals (types.UtcDateTime): whole seconds by
    # strftime, the decimals read as they are.
    seconds = cast(func.strftime("%s", column), Integer)
    return seconds * 1_000_000 + cast(func.substr(column, 21, 6), Integer)


def _columns(rows: list[Any], width: int) -> list[tuple[Any, ...]]:
    """The rows' values column by column."""
    return list(zip(*rows, strict=True)) if rows else [() for _ in range(width)]


def _ints(values: Sequence[int | None], none: int = NO_TIME) -> Ints:
    """Integers as an int64 array, None as `none`."""
    return np.array([none if value is None else value for value in values], np.int64).reshape(
        len(values)
    )
