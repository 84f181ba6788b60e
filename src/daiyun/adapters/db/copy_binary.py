"""Rows given column by column as PostgreSQL's binary COPY data, built with numpy.

The server reads binary COPY data without parsing text: every integer, moment and flag arrives
as the bytes it keeps. Writing a batch of new orders this way costs the server about a fifth
less than CSV (measured at 1,000,000 lines, the server being what an import waits for); the
bytes are laid out here a column at a time (numpy, Arrow), never a row at a time in Python.

The format (PostgreSQL's COPY documentation, "Binary Format"): a signature and two 32-bit
words; per row a 16-bit count of fields and per field a 32-bit length (-1 for NULL) and that
many bytes, big-endian; a 16-bit -1 at the end. Text is UTF-8 (the connection's encoding),
integers are two's complement, a moment is microseconds since 2000-01-01 00:00 UTC, a date days
since 2000-01-01 (given here as days since 1970).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy import BigInteger, Boolean, Date, Integer, String, Table

from daiyun.adapters.db.types import UtcDateTime
from daiyun.domain.orders.columns import NO_TIME

__all__ = ["binary_copy_data"]

_SIGNATURE = b"PGCOPY\n\xff\r\n\x00" + bytes(8)  # flags 0, no header extension
_TRAILER = b"\xff\xff"
_NULL = b"\xff\xff\xff\xff"  # a field's length -1
_SINCE_1970_AT_2000 = 946_684_800_000_000  # microseconds from 1970-01-01 to 2000-01-01 UTC
# kind: (width in bytes, big-endian numpy type)
_FIXED = {
    "int8": (8, ">i8"), "int4": (4, ">i4"), "bool": (1, "u1"), "moment": (8, ">i8"),
    "date": (4, ">i4"),
}  # fmt: skip
_DAYS_1970_TO_2000 = 10_957  # a date is days since 2000-01-01; columns give days since 1970

Column = Any  # None, one value for every row, a numpy array, a list, or an Arrow array


def binary_copy_data(
    table: Table, names: Sequence[str], columns: Sequence[Column], rows: int
) -> bytes | memoryview:
    """The rows as COPY … (FORMAT binary) data for `table`'s columns `names`.

    A column is None (NULL in every row), one value for every row, a numpy array, a list (None
    for NULL) or an Arrow array (its nulls NULL). A moment column holds microseconds since
    1970-01-01 UTC, NO_TIME for NULL.

    Each column becomes its fields' bytes (length and value) as an Arrow binary array, and
    Arrow joins them row by row: the rows' bytes, one after the other, are the data.
    """
    count = len(names).to_bytes(2, "big")
    if not rows:
        return _SIGNATURE + _TRAILER
    fields = [
        _fields(_kind(table, name), value, rows) for name, value in zip(names, columns, strict=True)
    ]
    # The signature goes before the first row's field count and the trailer after the last
    # row, so that the joined rows' bytes are the whole data, handed on without a copy.
    first = np.zeros(rows, bool)
    first[0] = True
    last = np.zeros(rows, bool)
    last[-1] = True
    before = pc.if_else(pa.array(first), _SIGNATURE + count, pa.scalar(count, pa.binary()))
    after = pc.if_else(pa.array(last), _TRAILER, pa.scalar(b"", pa.binary()))
    joined = pc.binary_join_element_wise(before, *fields, after, b"")
    offsets = np.frombuffer(joined.buffers()[1], np.int32, rows + 1, joined.offset * 4)
    content = joined.buffers()[2]
    assert content is not None  # every row has its field count at least
    return memoryview(content)[int(offsets[0]) : int(offsets[-1])]


def _kind(table: Table, name: str) -> str:
    column_type = table.c[name].type
    if isinstance(column_type, UtcDateTime):
        return "moment"
    if isinstance(column_type, Date):
        return "date"
    if isinstance(column_type, Boolean):
        return "bool"
    if isinstance(column_type, BigInteger):
        return "int8"
    if isinstance(column_type, Integer):
        return "int4"
    if isinstance(column_type, String):
        return "text"
    raise TypeError(f"{table.name}.{name}: no binary COPY for {column_type!r}")


def _fields(kind: str, value: Column, rows: int) -> pa.Scalar | pa.Array:
    """Each row's field of this column: its length and its bytes, or the length -1 (NULL)."""
    if value is None:
        return pa.scalar(_NULL, pa.binary())
    if kind == "text":
        return _text_fields(value)
    width, big_endian = _FIXED[kind]
    numbers, null = _numbers(value, rows, kind)
    if kind == "moment":
        null = null | (numbers == NO_TIME)
        numbers = np.where(null, 0, numbers - _SINCE_1970_AT_2000)
    elif kind == "date":
        numbers = numbers - _DAYS_1970_TO_2000
    layout = np.dtype([("length", ">i4"), ("value", big_endian)])
    laid = np.empty(rows, layout)
    laid["length"] = width
    laid["value"] = numbers
    fields = _fixed_size(laid.tobytes(), 4 + width, rows)
    if null.any():
        return pc.if_else(pa.array(null), pa.scalar(_NULL, pa.binary()), fields)
    return fields


def _fixed_size(data: bytes, width: int, rows: int) -> pa.Array:
    """`rows` fields of `width` bytes each, one after the other in `data`, as a binary array."""
    array = pa.FixedSizeBinaryArray.from_buffers(pa.binary(width), rows, [None, pa.py_buffer(data)])
    return array.cast(pa.binary())


def _numbers(value: Column, rows: int, kind: str) -> tuple[np.ndarray, np.ndarray]:
    """The values as int64 (0 where NULL) and where they are NULL."""
    if isinstance(value, pa.Array):
        null = np.asarray(value.is_null(), bool)
        zero = False if pa.types.is_boolean(value.type) else 0
        filled = value.fill_null(zero) if value.null_count else value
        return np.asarray(filled).astype(np.int64), null
    if isinstance(value, np.ndarray):
        return value.astype(np.int64), np.zeros(rows, bool)
    if isinstance(value, list):
        null = np.array([item is None for item in value], bool)
        return np.array([0 if item is None else int(item) for item in value], np.int64), null
    if isinstance(value, (bool, int, np.integer)):
        return np.full(rows, int(value), np.int64), np.zeros(rows, bool)
    raise TypeError(f"no {kind} column from {type(value).__name__}")


def _text_fields(value: Column) -> pa.Scalar | pa.Array:
    """Each text's length in UTF-8 bytes and those bytes; NULL's length -1."""
    if isinstance(value, str):
        encoded = value.encode()
        return pa.scalar(len(encoded).to_bytes(4, "big") + encoded, pa.binary())
    text = value if isinstance(value, pa.Array) else pa.array(value, pa.string())
    text = text.cast(pa.binary())
    lengths = pc.binary_length(text).fill_null(0)
    sizes = np.asarray(lengths).astype(">i4")
    fields = pc.binary_join_element_wise(
        _fixed_size(sizes.tobytes(), 4, len(text)), text.fill_null(b""), b""
    )
    if text.null_count:
        return pc.if_else(text.is_null(), pa.scalar(_NULL, pa.binary()), fields)
    return fields
