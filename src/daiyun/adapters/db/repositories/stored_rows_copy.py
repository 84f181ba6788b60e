"""read_stored_rows on PostgreSQL: the stored columns by COPY … TO STDOUT, parsed by Arrow.

Importing an export again whose orders are stored already (the daily overlapping exports) reads
back every stored order and line of each batch to compare them column by column. Fetched as
rows, each value becomes a Python object first (about 10 s of a 1M-line re-import); here the
server writes the same SELECT as CSV and Arrow's reader turns it into the columns in C++. CSV
tells NULL (an empty field) from an empty text (`""`), and Arrow's reader is told the same.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from pyarrow import csv
from sqlalchemy import Connection

from daiyun.domain.orders.column_changes import StoredRows
from daiyun.domain.orders.columns import CHECKS, NO_PRICE, NO_TIME, STATUSES, Ints

__all__ = ["copy_stored_rows"]


def _microseconds(column: str) -> str:
    # Exact: extract() gives numeric (PostgreSQL 14+), so no float rounding on the way.
    return f"(extract(epoch FROM {column}) * 1000000)::bigint AS {column}"


_ORDER_COLUMNS: tuple[tuple[str, pa.DataType], ...] = (
    ("id", pa.int64()),
    ("order_no", pa.string()),
    ("status", pa.string()),
    ("buyer_key", pa.string()),
    ("province", pa.string()),
    ("city", pa.string()),
    ("as_of", pa.int64()),
    ("created_at", pa.int64()),
    ("paid_at", pa.int64()),
    ("completed_at", pa.int64()),
    ("closed_at", pa.int64()),
    ("total_fen", pa.int64()),
    ("paid_fen", pa.int64()),
    ("shipping_fen", pa.int64()),
    ("refund_fen", pa.int64()),
)
_LINE_COLUMNS: tuple[tuple[str, pa.DataType], ...] = (
    ("order_id", pa.int64()),
    ("status", pa.string()),
    ("price_check", pa.string()),
    ("guide_price_fen", pa.int64()),
    ("completed_at", pa.int64()),
    ("line_no", pa.int64()),
    ("unit_price_fen", pa.int64()),
    ("line_amount_fen", pa.int64()),
    ("refund_units", pa.int64()),
    ("refund_fen", pa.int64()),
)
_TIMES = frozenset({"as_of", "created_at", "paid_at", "completed_at", "closed_at"})


def _select(table: str, columns: tuple[tuple[str, pa.DataType], ...], where: str) -> str:
    names = ", ".join(_microseconds(name) if name in _TIMES else name for name, _ in columns)
    return f"COPY (SELECT {names} FROM {table} WHERE {where}) TO STDOUT (FORMAT csv)"


_ORDERS = _select(
    "sales_order", _ORDER_COLUMNS, "order_no = ANY(%s) AND store_id = %s AND platform = %s"
)
_LINES = _select("order_line", _LINE_COLUMNS, "order_id = ANY(%s)")
_LINES_BETWEEN = _select("order_line", _LINE_COLUMNS, "order_id BETWEEN %s AND %s")
# The orders of a batch imported from one file before have ids in runs (handed out in file
# order): their lines are read by one range of the (order_id, line_no) key, and the few of
# other orders in it dropped, when the range is at most this many times the orders read.
_DENSE = 2


def copy_stored_rows(
    connection: Connection, store_id: int, platform: str, order_nos: Sequence[str]
) -> StoredRows:
    """The store's orders of these numbers, and all their lines (stored_rows.read_stored_rows)."""
    driver: Any = connection.connection.driver_connection
    orders = _read(driver, _ORDERS, (list(order_nos), store_id, platform), _ORDER_COLUMNS)
    ids = _ints(orders["id"])
    lines = _lines(driver, ids)
    return StoredRows(
        order_no=_order_numbers(orders["order_no"]),
        status=_indexes(orders["status"], STATUSES, "order status"),
        as_of=_ints(orders["as_of"]),
        created_at=_ints(orders["created_at"]),
        paid_at=_ints(orders["paid_at"]),
        completed_at=_ints(orders["completed_at"]),
        closed_at=_ints(orders["closed_at"]),
        total=_ints(orders["total_fen"]),
        paid=_ints(orders["paid_fen"]),
        shipping=_ints(orders["shipping_fen"]),
        refund=_ints(orders["refund_fen"]),
        buyer_key=_texts(orders["buyer_key"]),
        province=_texts(orders["province"]),
        city=_texts(orders["city"]),
        line_order=_positions(ids, _ints(lines["order_id"])),
        line_no=_ints(lines["line_no"]),
        line_status=_indexes(lines["status"], STATUSES, "line status"),
        unit_price=_ints(lines["unit_price_fen"]),
        line_amount=_ints(lines["line_amount_fen"]),
        guide_price=_ints(lines["guide_price_fen"], NO_PRICE),
        price_check=_indexes(lines["price_check"], CHECKS, "price check"),
        line_completed_at=_ints(lines["completed_at"]),
        refund_units=_ints(lines["refund_units"]),
        refund_amount=_ints(lines["refund_fen"]),
    )


def _lines(driver: Any, ids: Ints) -> dict[str, pa.ChunkedArray | pa.Array]:
    """The lines of the orders `ids`: by one range of ids when they are dense (a probe of the
    key per order costs the server more than reading past a few lines it does not need)."""
    if not len(ids):
        return {name: pa.array([], type=kind) for name, kind in _LINE_COLUMNS}
    low, high = int(ids.min()), int(ids.max())
    if high - low + 1 > _DENSE * len(ids):
        return _read(driver, _LINES, (ids.tolist(),), _LINE_COLUMNS)
    lines = _read(driver, _LINES_BETWEEN, (low, high), _LINE_COLUMNS)
    wanted = np.isin(_ints(lines["order_id"]), ids)
    if wanted.all():
        return lines
    keep = pa.array(wanted)
    return {name: pc.filter(values, keep) for name, values in lines.items()}


def _read(
    driver: Any,
    statement: str,
    parameters: tuple[Any, ...],
    columns: tuple[tuple[str, pa.DataType], ...],
) -> dict[str, pa.ChunkedArray | pa.Array]:
    data = bytearray()
    with driver.cursor() as cursor, cursor.copy(statement, parameters) as copy:
        for block in copy:
            data += block
    if not data:
        return {name: pa.array([], type=kind) for name, kind in columns}
    table = csv.read_csv(
        io.BytesIO(data),
        read_options=csv.ReadOptions(column_names=[name for name, _ in columns], use_threads=False),
        parse_options=csv.ParseOptions(newlines_in_values=True),
        convert_options=csv.ConvertOptions(
            column_types=dict(columns),
            null_values=[""],
            strings_can_be_null=True,  # an empty field is NULL …
            quoted_strings_can_be_null=False,  # … and "" an empty text
        ),
    )
    return {name: table.column(name) for name, _ in columns}


def _ints(values: pa.ChunkedArray | pa.Array, none: int = NO_TIME) -> Ints:
    """Integers as an int64 array of its own, NULL as `none`."""
    filled = pc.fill_null(values, pa.scalar(none, pa.int64()))
    return np.array(filled.to_numpy(zero_copy_only=False), dtype=np.int64)


def _texts(values: pa.ChunkedArray | pa.Array) -> list[str | None]:
    texts: list[str | None] = values.to_pylist()
    return texts


def _order_numbers(values: pa.ChunkedArray | pa.Array) -> list[str]:
    if values.null_count:  # NOT NULL in the schema: never, unless the schema changed
        raise ValueError("a stored order has no order number")
    numbers: list[str] = values.to_pylist()
    return numbers


def _indexes(values: pa.ChunkedArray | pa.Array, known: Sequence[Any], what: str) -> Ints:
    """Each text's index in `known` (enum members by value); an unknown one is an error."""
    found = pc.index_in(values, value_set=pa.array([member.value for member in known]))
    if found.null_count:
        unknown = pc.filter(values, pc.is_null(found))[0].as_py()
        raise ValueError(f"a stored {what} {unknown!r} is not one daiyun knows")
    return np.array(found.to_numpy(zero_copy_only=False), dtype=np.int64)


def _positions(ids: Ints, wanted: Ints) -> Ints:
    """Each wanted id's position in `ids` (every one is there: the lines of these orders)."""
    if not len(wanted):
        return np.zeros(0, dtype=np.int64)
    if not len(ids):
        raise ValueError("stored lines were read without their orders")
    order = np.argsort(ids, kind="stable")
    found = np.searchsorted(ids, wanted, sorter=order)
    positions = order[np.minimum(found, len(ids) - 1)]
    if not np.array_equal(ids[positions], wanted):
        raise ValueError("a stored line names an order not read with it")
    return positions.astype(np.int64)
