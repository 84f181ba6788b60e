"""New orders written column by column: a batch of StoredColumns as rows, in bulk."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy import Table

from daiyun.adapters.db.bulk import BulkInserter
from daiyun.adapters.db.copy_binary import binary_copy_data
from daiyun.adapters.db.tables import order_line, refund, sales_order
from daiyun.adapters.db.types import UtcDateTime
from daiyun.domain.orders.columns import NO_PRICE, NO_TIME, Ints, StoredColumns, microseconds

__all__ = ["CopyData", "insert_new_orders", "new_orders_copy_data"]


NewIds = Callable[[Table, int], Sequence[int]]


@dataclass(frozen=True)
class CopyData:
    """One table's new rows as COPY … (FORMAT binary) data, with the ids they were given."""

    table: Table
    columns: list[str]
    ids: Sequence[int]
    data: bytes | memoryview


def insert_new_orders(
    bulk: BulkInserter,
    store_id: int,
    platform: str,
    sku_ids: dict[str, int],
    stored: StoredColumns,
) -> None:
    """Insert the batch's orders, lines and refunds (none of them stored before)."""
    for table, count, columns in _new_rows(bulk.new_ids, store_id, platform, sku_ids, stored):
        if bulk.takes_copy_data:
            bulk.insert_copy_data(table, list(columns), _copy_data(table, columns, count))
            continue
        columns = {
            name: _moment_texts(value, bulk.moment_suffix)
            if isinstance(table.c[name].type, UtcDateTime)
            else value
            for name, value in columns.items()
        }
        per_row = {name: _listed(value) for name, value in columns.items() if _varies(value)}
        same = {name: value for name, value in columns.items() if not _varies(value)}
        bulk.insert_as_stored(table, list(per_row), zip(*per_row.values(), strict=True), same)


def new_orders_copy_data(
    new_ids: NewIds, store_id: int, platform: str, sku_ids: dict[str, int], stored: StoredColumns
) -> list[CopyData]:
    """The batch's orders, lines and refunds as PostgreSQL COPY data, ids from `new_ids`.

    Touches no connection but through `new_ids`: it may run in another thread while the
    transaction writes the batch before.
    """
    return [
        CopyData(table, list(columns), columns["id"].tolist(), _copy_data(table, columns, count))
        for table, count, columns in _new_rows(new_ids, store_id, platform, sku_ids, stored)
    ]


def _new_rows(
    new_ids: NewIds,
    store_id: int,
    platform: str,
    sku_ids: dict[str, int],
    stored: StoredColumns,
) -> list[tuple[Table, int, dict[str, Any]]]:
    """Each table's new rows column by column: an Arrow or numpy array, a list, None (every row
    NULL) or one value for every row. Moments are microseconds since 1970 UTC (NO_TIME: none)."""
    orders = stored.orders
    as_of = microseconds(orders.as_of)
    count = len(orders.order_no)
    order_ids = np.array(new_ids(sales_order, count), np.int64)
    tables = [(sales_order, count, {
        "id": order_ids, "store_id": store_id, "platform": platform,
        "order_no": orders.order_no, "status": stored.status, "as_of": as_of,
        "created_at": orders.created_at, "paid_at": orders.paid_at, "shipped_at": None,
        "completed_at": stored.completed_at, "closed_at": stored.closed_at,
        "total_fen": orders.total,
        "paid_fen": orders.paid, "shipping_fen": orders.shipping,
        "refund_fen": 0, "has_sku_lines": True, "buyer_key": stored.buyer_key,
        "province": orders.province, "city": orders.city, "source_file": orders.order_file,
        "source_row": orders.order_row,
    })]  # fmt: skip
    count = len(orders.line_order)
    line_order_ids = order_ids[orders.line_order]
    tables.append((order_line, count, {
        "id": np.array(new_ids(order_line, count), np.int64), "order_id": line_order_ids,
        "line_no": stored.line_no, "sku_id": [sku_ids.get(code or "") for code in orders.sku_code],
        "sku_code": orders.sku_code, "title": orders.title, "units": orders.units,
        "unit_price_fen": orders.unit_price, "line_amount_fen": stored.line_amount,
        "guide_price_fen": _prices(stored.guide_price), "price_check": stored.price_check,
        "status": stored.line_status,
        "completed_at": stored.line_completed_at,
        "refund_units": stored.refund_units, "refund_fen": 0, "refund_reason": None,
        "refunded_at": None, "source_file": orders.item_file,
        "source_row": orders.line_row,
    }))  # fmt: skip
    refunded = stored.refund_lines
    count = len(refunded)
    if count:
        tables.append((refund, count, {
            "id": np.array(new_ids(refund, count), np.int64),
            "order_id": line_order_ids[refunded], "order_line_id": None,
            # The natural key of a line's refund: the line and its cumulative refund (0 fen).
            "refund_key": [f"line {n}:0" for n in stored.line_no[refunded].tolist()],
            "units": stored.refund_units[refunded], "amount_fen": 0, "reason": None,
            "status": "completed", "completed_at": as_of,
        }))  # fmt: skip
    return tables


def _copy_data(table: Table, columns: dict[str, Any], count: int) -> bytes | memoryview:
    return binary_copy_data(table, list(columns), list(columns.values()), count)


def _varies(value: Any) -> bool:
    return isinstance(value, (pa.Array, np.ndarray, list))


def _listed(value: pa.Array | np.ndarray | list[Any]) -> list[Any]:
    listed: list[Any]
    if isinstance(value, pa.Array):
        listed = value.to_pylist()
    elif isinstance(value, np.ndarray):
        listed = value.tolist()
    else:
        listed = value
    return listed


def _moment_texts(values: Any, suffix: str) -> Any:
    """Microseconds since 1970 UTC as the database's moment text ("2026-11-05 02:00:00.000000"
    and `suffix`); NO_TIME and None as null. One value for every row stays one value."""
    if values is None:
        return None
    if isinstance(values, int):
        return _moment_texts(np.array([values]), suffix)[0].as_py()
    present = values != NO_TIME
    moments = pa.array(np.where(present, values, 0), pa.timestamp("us"))
    texts = moments.cast(pa.string())  # 2026-11-05 02:00:00.000000, as isoformat(" ")
    if suffix:
        texts = pc.binary_join_element_wise(texts, suffix, "")
    moment_texts: pa.Array = pc.if_else(pa.array(present), texts, None)
    return moment_texts


def _prices(values: Ints) -> pa.Array:
    return pa.array(values, mask=values == NO_PRICE)
