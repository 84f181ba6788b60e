"""Statement lines' canonical JSON (lines.canonical_lines_json) built column by column (R-S8).

The content hash of a month's statement covers the canonical JSON of every line. Drafting a
month of millions of lines as columns (month_columns.py) must hash exactly the bytes that
`json.dumps` gives for the same lines as tuples, without making a tuple per line: here each
column becomes its JSON values (numbers as text, strings quoted, moments in Beijing time as
`datetime.isoformat` writes them) and Arrow joins them line by line. Anything outside what is
done in bulk (a string needing an escape, a moment before 1992 or after 9998) is written by
the json module value by value, so that the text is the same whatever the values.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from math import prod

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from daiyun.domain.calendar import SHANGHAI

__all__ = ["LINE_FIELDS", "MOMENT_FIELD", "lines_json_text", "moment_texts"]

# The fields of a statement line in the order of lines.StatementLine (the JSON array's order).
LINE_FIELDS: tuple[str, ...] = (
    "kind", "rule", "order_no", "line_no", "sku", "category", "platform", "at",
    "settlement_unit_price_fen", "fee_rate", "refund_reason", "units", "returned_units",
    "sales_fen", "returned_fen", "concession_fen", "brand_deduction_fen", "settlement_value_fen",
    "spread_fen", "platform_fee_fen", "shipping_income_fen", "price_violations",
)  # fmt: skip
MOMENT_FIELD = "at"  # microseconds since 1970-01-01 UTC in the columns

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_US_PER_DAY = 86_400_000_000
# Beijing time has been UTC+08:00 without daylight saving since 1991-09-15; moments from 1992
# on are written in bulk, earlier (and far future) ones one by one through zoneinfo.
_FIRST_BULK = (datetime(1992, 1, 1, tzinfo=UTC) - _EPOCH) // timedelta(microseconds=1)
_LAST_BULK = (datetime(9998, 12, 31, tzinfo=UTC) - _EPOCH) // timedelta(microseconds=1)
_OFFSET_US = 8 * 3600 * 1_000_000
_OFFSET_TEXT = b"+08:00"
# A string needing more than quotes in JSON: a quote, a backslash or a control character.
_NEEDS_ESCAPE = r'["\\\x00-\x1f]'
_NULL = pa.scalar("null", pa.string())
_QUOTE = pa.scalar('"', pa.string())
_FEW = 8  # fields with at most one distinct value per this many lines are written by value
_ZERO = ord("0")
_DAY_ZERO = date(1970, 1, 1)


def lines_json_text(columns: dict[str, pa.Array], first: bool) -> bytes:
    """The lines' canonical JSON arrays joined by commas, UTF-8, without the enclosing
    brackets; unless `first`, with a comma before the first line too (it follows a batch)."""
    count = len(columns[LINE_FIELDS[0]])
    if count == 0:
        return b""
    # Each field's JSON, as pieces; neighbouring fields with few distinct values (the kind and
    # rule, line number, SKU, category and platform, zeros of a sale) go together: their texts
    # are written once per distinct combination and repeated line by line.
    fields: list[list[str | pa.Array]] = []
    run: list[_Coded] = []
    for name in LINE_FIELDS:
        coded = _coded(name, columns[name], count)
        if run and (coded is None or _combinations(run) * len(coded.texts) * _FEW > count):
            fields.append([_run_texts(run)])
            run = []
        if coded is None:
            fields.append(_pieces(name, columns[name]))
        else:
            run.append(coded)
    if run:
        fields.append([_run_texts(run)])
    pieces: list[str | pa.Array] = [",["]
    for index, field in enumerate(fields):
        pieces += ([","] if index else []) + field
    pieces.append("]")
    text = _joined(_join(pieces, count))
    return text[1:] if first else text


@dataclass(frozen=True, slots=True)
class _Coded:
    """A field with few distinct values: their JSON texts, and each line's value's index."""

    texts: pa.Array
    codes: npt.NDArray[np.int64]


def _coded(name: str, column: pa.Array, count: int) -> _Coded | None:
    if name == MOMENT_FIELD or count < _FEW:
        return None
    encoded = pc.dictionary_encode(column, null_encoding="encode")
    values = encoded.dictionary
    if len(values) * _FEW > count:
        return None
    if pa.types.is_integer(values.type):
        texts = pc.fill_null(pc.cast(values, pa.string()), _NULL)
    else:
        (texts,) = _string_pieces(values)
    return _Coded(texts, _ints(encoded.indices))


def _combinations(run: list[_Coded]) -> int:
    return prod(len(coded.texts) for coded in run)


def _run_texts(run: list[_Coded]) -> pa.Array:
    """Each line's JSON of the neighbouring fields of `run`, joined by commas."""
    if len(run) == 1:
        return run[0].texts.take(pa.array(run[0].codes))
    key = run[0].codes
    for coded in run[1:]:
        key = key * len(coded.texts) + coded.codes
    distinct, which = np.unique(key, return_inverse=True)
    parts = []
    for coded in reversed(run):
        distinct, index = np.divmod(distinct, len(coded.texts))
        parts.append(coded.texts.take(pa.array(index)))
    texts = pc.binary_join_element_wise(*reversed(parts), ",")
    return texts.take(pa.array(which.reshape(len(key))))


def _join(pieces: list[str | pa.Array], count: int) -> pa.Array:
    """Each line's text: the pieces one after the other, texts the same on every line merged."""
    merged: list[str | pa.Array] = []
    for piece in pieces:
        if isinstance(piece, str) and merged and isinstance(merged[-1], str):
            merged[-1] += piece
        else:
            merged.append(piece)
    if len(merged) == 1 and isinstance(merged[0], str):
        return pa.repeat(pa.scalar(merged[0], pa.string()), count)  # one line, or all alike
    values = [
        piece if isinstance(piece, pa.Array) else pa.scalar(piece, pa.string()) for piece in merged
    ]
    return pc.binary_join_element_wise(*values, "")


def _joined(texts: pa.Array) -> bytes:
    """The texts one after the other, as bytes (the string array's own data, sliced)."""
    texts = texts.cast(pa.string())
    if texts.null_count:
        raise ValueError("a statement line's JSON is missing")
    offsets = np.frombuffer(texts.buffers()[1], np.int32, len(texts) + 1, texts.offset)
    data = texts.buffers()[2]
    if data is None:
        return b""
    return memoryview(data)[int(offsets[0]) : int(offsets[-1])].tobytes()


def _pieces(name: str, column: pa.Array) -> list[str | pa.Array]:
    """The field's JSON on every line, as texts (the same on every line) and arrays."""
    if column.null_count == len(column):
        return ["null"]
    if name == MOMENT_FIELD:
        return _moment_pieces(_ints(column))
    is_number = pa.types.is_integer(column.type)
    if not (is_number or pa.types.is_string(column.type)):
        raise TypeError(f"statement line field {name}: no JSON for {column.type}")
    if column.null_count == 0 and pc.all(pc.equal(column, column[0])).as_py():
        # The same value on every line (the kind, the rule, zeros on every sale line): one text.
        return [json.dumps(column[0].as_py(), ensure_ascii=False)]
    if is_number:
        return [pc.fill_null(pc.cast(column, pa.string()), _NULL)]
    return _string_pieces(column, folded=True)


def _string_pieces(column: pa.Array, *, folded: bool = False) -> list[str | pa.Array]:
    """Texts as JSON strings (NULL as null): quoted by Arrow (`folded`: the quotes left to the
    line's join when no text is NULL), or by the json module when some need escapes."""
    escaping = pc.match_substring_regex(column, _NEEDS_ESCAPE)
    if pc.any(escaping).as_py():
        # A few values need escapes: the json module writes every one of this batch's values.
        texts = [json.dumps(value, ensure_ascii=False) for value in column.to_pylist()]
        return [pa.array(texts, pa.string())]
    if folded and not column.null_count:
        return ['"', column, '"']
    quoted = pc.binary_join_element_wise(_QUOTE, column, _QUOTE, "")
    return [pc.fill_null(quoted, _NULL) if column.null_count else quoted]


def _ints(column: pa.Array) -> npt.NDArray[np.int64]:
    if column.null_count:
        raise ValueError("a statement line has no time")
    return np.asarray(column.to_numpy(zero_copy_only=False), dtype=np.int64)


def _moment_pieces(microseconds: npt.NDArray[np.int64]) -> list[str | pa.Array]:
    bulk = (microseconds >= _FIRST_BULK) & (microseconds <= _LAST_BULK)
    if not bulk.all():
        return [moment_texts(microseconds, quoted=True)]
    seconds, fractions = _bulk_moment_parts(microseconds)
    return ['"', seconds, fractions, '+08:00"']


def moment_texts(microseconds: npt.NDArray[np.int64], *, quoted: bool = False) -> pa.Array:
    """Moments (microseconds since 1970 UTC) as `datetime.astimezone(SHANGHAI).isoformat()`
    writes them ("2026-10-05T12:34:56.123456+08:00", no fraction on a whole second)."""
    bulk = (microseconds >= _FIRST_BULK) & (microseconds <= _LAST_BULK)
    seconds, fractions = _bulk_moment_parts(np.where(bulk, microseconds, _FIRST_BULK))
    mark = pa.scalar('"' if quoted else "", pa.string())
    suffix = pa.scalar('+08:00"' if quoted else "+08:00", pa.string())
    texts = pc.binary_join_element_wise(mark, seconds, fractions, suffix, "")
    if bulk.all():
        return texts
    values = texts.to_pylist()
    for index in np.flatnonzero(~bulk).tolist():
        moment = _EPOCH + timedelta(microseconds=int(microseconds[index]))
        text = moment.astimezone(SHANGHAI).isoformat()
        values[index] = f'"{text}"' if quoted else text
    return pa.array(values, pa.string())


def _bulk_moment_parts(microseconds: npt.NDArray[np.int64]) -> tuple[pa.Array, pa.Array]:
    """Moments from 1992 on at UTC+08:00: "YYYY-MM-DDTHH:MM:SS", and ".ffffff" or "" on a whole
    second, laid out byte by byte with numpy (the dates of a month are a few dozen)."""
    count = len(microseconds)
    days, in_day = np.divmod(microseconds + _OFFSET_US, _US_PER_DAY)
    seconds, fraction = np.divmod(in_day, 1_000_000)
    cells = np.empty((count, 19), np.uint8)
    distinct, which = np.unique(days, return_inverse=True)
    dates = np.frombuffer(
        "".join(str(_DAY_ZERO + timedelta(days=int(day))) + "T" for day in distinct).encode(),
        np.uint8,
    ).reshape(len(distinct), 11)
    cells[:, :11] = dates[which.reshape(count)]
    hour, seconds = np.divmod(seconds, 3600)
    minute, second = np.divmod(seconds, 60)
    for at, value in ((11, hour), (14, minute), (17, second)):
        tens, units = np.divmod(value, 10)
        cells[:, at] = tens + _ZERO
        cells[:, at + 1] = units + _ZERO
    cells[:, 13] = cells[:, 16] = ord(":")
    fractions = np.empty((count, 7), np.uint8)
    fractions[:, 0] = ord(".")
    rest = fraction
    for place in range(6, 0, -1):
        rest, digit = np.divmod(rest, 10)
        fractions[:, place] = digit + _ZERO
    whole = pa.array(fraction == 0)
    fraction_texts = pc.if_else(whole, pa.scalar("", pa.string()), _texts(fractions))
    return _texts(cells), fraction_texts


def _texts(cells: npt.NDArray[np.uint8]) -> pa.Array:
    """Rows of ASCII bytes of one width as a string array."""
    count, width = cells.shape
    array = pa.FixedSizeBinaryArray.from_buffers(
        pa.binary(width), count, [None, pa.py_buffer(np.ascontiguousarray(cells).tobytes())]
    )
    return array.cast(pa.binary()).cast(pa.string())
