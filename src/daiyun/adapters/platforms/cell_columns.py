"""Columns of cells read as the row-by-row readers read each cell, without reading each cell.

A column's cells go through the reader's own function (cells.py) once per distinct text, so
the values are the reference's by construction; the many-valued columns (times, amounts) are
read vectorised under a strict pattern, and any cell outside it goes to the reference function.
A cell the reference refuses raises OutsidePattern: the row-by-row reader then reports it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from daiyun.adapters.platforms.cells import CellProblem, province_and_city
from daiyun.domain.orders.bounds import EARLIEST_MOMENT, LARGEST_AMOUNT, MOST_UNITS, latest_moment
from daiyun.domain.orders.columns import NO_TIME, STATUSES, Ints, OutsidePattern, microseconds

__all__ = [
    "ascii_or_none",
    "fen_of",
    "moments_of",
    "per_distinct",
    "places_of",
    "statuses_of",
    "units_of",
]

Read = Callable[[str], Any]
_TIME = (r"^[1-9][0-9]{3}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01]) "
         r"(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$")  # fmt: skip
_BEIJING_SECONDS = 8 * 3600
# Amounts as exports write them: read as the reference reads them (cells.amount), vectorised.
_PLAIN_AMOUNT = r"^(?:0|[1-9][0-9]{0,9})\.[0-9]{2}$"  # below LARGEST_AMOUNT
_ASCII_SPACE = rb"\t\n\x0b\x0c\r\x1c-\x1f "
_TWO_WORDS = (rb"^[" + _ASCII_SPACE + rb"]*(?P<first>[^" + _ASCII_SPACE + rb"]*)(?:["
              + _ASCII_SPACE + rb"]+(?P<second>[^" + _ASCII_SPACE + rb"]+))?")  # fmt: skip


def per_distinct(cells: pa.ChunkedArray, read: Read, encoding: str) -> list[Any]:
    """read(cell text) for every row, calling `read` once per distinct cell."""
    values, indexes = _distinct(cells, read, encoding)
    spread: list[Any] = _objects(values)[indexes].tolist()
    return spread


def _distinct(
    cells: pa.ChunkedArray | pa.Array, read: Read, encoding: str
) -> tuple[list[Any], Ints]:
    """read(text) of each distinct cell, and each row's index into them."""
    values = cells.combine_chunks() if isinstance(cells, pa.ChunkedArray) else cells
    encoded = values.dictionary_encode()
    try:
        read_values = [read(raw.decode(encoding)) for raw in encoded.dictionary.to_pylist()]
    except (CellProblem, UnicodeDecodeError) as problem:
        raise OutsidePattern(f"a cell with a problem: {problem}") from None
    return read_values, np.asarray(encoded.indices).astype(np.int64)


def _objects(values: list[Any]) -> Any:
    """A numpy array of these Python objects, one element each (tuples stay whole)."""
    array = np.empty(len(values), dtype=object)
    for i, value in enumerate(values):
        array[i] = value
    return array


def statuses_of(cells: pa.ChunkedArray, read: Read, encoding: str) -> Ints:
    """Each row's status as its index in STATUSES; -1 where the cell gives none."""
    values, indexes = _distinct(cells, read, encoding)
    index = {status: i for i, status in enumerate(STATUSES)}
    return np.array([index.get(status, -1) for status in values] + [-1], np.int64)[indexes]


def fen_of(cells: pa.ChunkedArray, read: Read, encoding: str) -> Ints:
    """Each row's amount in fen; plain `123.45` cells vectorised, the others through `read`."""
    values = cells.combine_chunks()
    text = ascii_or_none(values)
    plain = pc.fill_null(pc.match_substring_regex(text, _PLAIN_AMOUNT), False)
    digits = pc.replace_substring(pc.if_else(plain, text, "0.00"), ".", "")
    fen = np.asarray(pc.cast(digits, pa.int64()), np.int64).copy()
    others = np.flatnonzero(~np.asarray(plain))
    if len(others):
        amounts, indexes = _distinct(values.take(pa.array(others)), read, encoding)
        fen[others] = np.array([amount.fen for amount in amounts], np.int64)[indexes]
    if len(fen) and int(np.abs(fen).max()) > LARGEST_AMOUNT.fen:  # `read` refuses it
        raise OutsidePattern("an amount too large")
    return fen


def units_of(cells: pa.ChunkedArray, read: Read, encoding: str) -> Ints:
    values, indexes = _distinct(cells, read, encoding)
    if values and max(values) > MOST_UNITS:  # `read` refuses them
        raise OutsidePattern("too many units")
    return np.array(values, np.int64)[indexes]


def moments_of(
    cells: pa.ChunkedArray, read: Read, encoding: str, as_of: datetime | None = None
) -> Ints:
    """Beijing wall times as microseconds UTC; empty cells NO_TIME; other forms via `read`.

    With `as_of`, a time before 2000 or more than a year after it leaves the pattern, as `read`
    refuses it (domain/orders/bounds.py): the row-by-row reader reports it.
    """
    values = cells.combine_chunks()
    text = values.cast(pa.string()) if encoding == "utf-8" else ascii_or_none(values)
    strict = pc.match_substring_regex(text, _TIME)
    strict_text = pc.if_else(strict, text, None)
    parsed = pc.strptime(strict_text, "%Y-%m-%d %H:%M:%S", "s", error_is_null=True)
    seconds = np.asarray(parsed.cast(pa.int64()).fill_null(0), np.int64) - _BEIJING_SECONDS
    result = np.where(np.asarray(strict.fill_null(False)), seconds * 1_000_000, NO_TIME)
    empty = np.asarray(pc.equal(pc.binary_length(values), 0))
    others = ~np.asarray(strict.fill_null(False)) & ~empty
    if others.any():  # Excel's 2016/7/11 10:23, ISO 8601 with an offset …: as the reference
        rows = np.flatnonzero(others)
        moments = per_distinct(values.take(pa.array(rows)), read, encoding)
        result[rows] = [NO_TIME if m is None else microseconds(m) for m in moments]
    # Arrow rolls an impossible day over (2026-02-30 → 03-02): the pattern allows only that
    # (day 29-31 past its month's end), and a rolled-over day is 1-3, never the day written.
    written_day = pc.cast(pc.utf8_slice_codeunits(strict_text, 8, 10), pa.int64())
    differs = np.asarray(pc.not_equal(written_day, pc.day(parsed)).fill_null(True))
    bad = np.asarray(strict.fill_null(False)) & differs
    if bad.any():  # such as 2026-02-30 10:00:00: the reference reports it
        raise OutsidePattern("a time that is no time")
    if as_of is not None:
        _check_within(result, as_of)
    return result.astype(np.int64)


def _check_within(moments: Ints, as_of: datetime) -> None:
    """OutsidePattern when a time is before 2000 or more than a year after `as_of`."""
    given = moments[moments != NO_TIME]
    earliest, latest = microseconds(EARLIEST_MOMENT), microseconds(latest_moment(as_of))
    if len(given) and (int(given.min()) < earliest or int(given.max()) > latest):
        raise OutsidePattern("a time out of range")


def ascii_or_none(values: pa.Array) -> pa.Array:
    """The cells as text where they are ASCII (then the same in GBK), else null."""
    ascii_only = pc.match_substring_regex(values, rb"^[\x00-\x7f]*$")
    return pc.if_else(ascii_only, values, None).cast(pa.string())


def places_of(
    cells: pa.ChunkedArray, read: Read, encoding: str
) -> tuple[list[str | None], list[str | None]]:
    """province_and_city of each address, decoding only its first two words (R-D1)."""
    values = cells.combine_chunks()
    words = pc.extract_regex(values, _TWO_WORDS)
    pairs = pc.binary_join_element_wise(
        words.field("first"), words.field("second"), pa.scalar(b" ", pa.binary())
    )
    encoded = pairs.dictionary_encode()
    places: list[tuple[str | None, str | None] | None] = []
    for raw in encoded.dictionary.to_pylist():
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            raise OutsidePattern("an address that is not text") from None
        # A space Python splits on but the pattern does not (such as U+3000): whole address.
        places.append(None if any(c.isspace() for c in text.replace(" ", "", 1)) else
                      province_and_city(text))  # fmt: skip
    spread = _objects(places)[np.asarray(encoded.indices)]
    for row in [i for i, place in enumerate(spread.tolist()) if place is None]:
        raw = values[row].as_py()
        try:
            address = read(raw.decode(encoding))
        except UnicodeDecodeError:
            raise OutsidePattern("an address that is not text") from None
        spread[row] = province_and_city(address or "")
    provinces = [place[0] for place in spread.tolist()]
    cities = [place[1] for place in spread.tolist()]
    return provinces, cities
