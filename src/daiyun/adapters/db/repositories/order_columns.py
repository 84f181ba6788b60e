"""New orders written column by column: a batch of StoredColumns as rows, in bulk."""

from __future__ import annotations

from itertools import repeat
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from daiyun.adapters.db.bulk import BulkInserter
from daiyun.adapters.db.tables import order_line, refund, sales_order
from daiyun.domain.orders.columns import NO_PRICE, NO_TIME, Ints, StoredColumns, microseconds

__all__ = ["insert_new_orders"]

_ORDER_COLUMNS = (
    "id", "store_id", "platform", "order_no", "status", "as_of", "created_at", "paid_at",
    "shipped_at", "completed_at", "closed_at", "total_fen", "paid_fen", "shipping_fen",
    "refund_fen", "has_sku_lines", "buyer_key", "province", "city", "source_file", "source_row",
)  # fmt: skip
_LINE_COLUMNS = (
    "id", "order_id", "line_no", "sku_id", "sku_code", "title", "units", "unit_price_fen",
    "line_amount_fen", "guide_price_fen", "price_check", "status", "completed_at",
    "refund_units", "refund_fen", "refund_reason", "refunded_at", "source_file", "source_row",
)  # fmt: skip
_REFUND_COLUMNS = (
    "id", "order_id", "order_line_id", "refund_key", "units", "amount_fen", "reason", "status",
    "completed_at",
)  # fmt: skip


def insert_new_orders(
    bulk: BulkInserter,
    store_id: int,
    platform: str,
    sku_ids: dict[str, int],
    stored: StoredColumns,
) -> None:
    """Insert the batch's orders, lines and refunds (none of them stored before)."""
    orders = stored.orders
    suffix = bulk.moment_suffix
    as_of = _moment_texts(np.array([microseconds(orders.as_of)]), suffix)[0]
    order_ids = np.array(bulk.new_ids(sales_order, len(orders.order_no)), np.int64)
    bulk.insert_as_stored(
        sales_order,
        _ORDER_COLUMNS,
        zip(
            order_ids.tolist(), repeat(store_id), repeat(platform), orders.order_no,
            stored.status, repeat(as_of), _moment_texts(orders.created_at, suffix),
            _moment_texts(orders.paid_at, suffix), repeat(None),
            _moment_texts(stored.completed_at, suffix), _moment_texts(stored.closed_at, suffix),
            orders.total.tolist(), orders.paid.tolist(), orders.shipping.tolist(), repeat(0),
            repeat(True), stored.buyer_key, orders.province, orders.city,
            repeat(orders.order_file), orders.order_row.tolist(),
        ),
    )  # fmt: skip
    line_order_ids = order_ids[orders.line_order]
    line_ids = np.array(bulk.new_ids(order_line, len(orders.line_order)), np.int64)
    bulk.insert_as_stored(
        order_line,
        _LINE_COLUMNS,
        zip(
            line_ids.tolist(), line_order_ids.tolist(), stored.line_no.tolist(),
            [sku_ids.get(code or "") for code in orders.sku_code], orders.sku_code,
            orders.title, orders.units.tolist(), orders.unit_price.tolist(),
            stored.line_amount.tolist(), _prices(stored.guide_price), stored.price_check,
            stored.line_status, _moment_texts(stored.line_completed_at, suffix),
            stored.refund_units.tolist(), repeat(0), repeat(None), repeat(None),
            repeat(orders.item_file), orders.line_row.tolist(),
        ),
    )  # fmt: skip
    refunded = stored.refund_lines
    if len(refunded) == 0:
        return
    refund_ids = bulk.new_ids(refund, len(refunded))
    bulk.insert_as_stored(
        refund,
        _REFUND_COLUMNS,
        zip(
            refund_ids, line_order_ids[refunded].tolist(), repeat(None),
            # The natural key of a line's refund: the line and its cumulative refund (0 fen).
            [f"line {n}:0" for n in stored.line_no[refunded].tolist()],
            stored.refund_units[refunded].tolist(), repeat(0), repeat(None),
            repeat("completed"), repeat(as_of),
        ),
    )  # fmt: skip


def _moment_texts(values: Ints, suffix: str) -> list[Any]:
    """Microseconds since 1970 UTC as the database's moment text; NO_TIME as None."""
    present = values != NO_TIME
    moments = pa.array(np.where(present, values, 0), pa.timestamp("us"))
    texts = moments.cast(pa.string())  # 2026-11-05 02:00:00.000000, as isoformat(" ")
    if suffix:
        texts = pc.binary_join_element_wise(texts, suffix, "")
    listed: list[Any] = pc.if_else(pa.array(present), texts, None).to_pylist()
    return listed


def _prices(values: Ints) -> list[int | None]:
    return [None if value == NO_PRICE else value for value in values.tolist()]
