"""Cells of platform order files, read strictly: order numbers, amounts, counts, times, places.

Every reader takes a cell as a clerk sees it in a spreadsheet: `="1930679858170647"` (written so
that Excel keeps the digits) is 1930679858170647, a leading `'` is Excel's text mark, `元` after
an amount is its unit. A cell that still cannot be taken raises CellProblem with a message for
the clerk; the reader names the file, row and column. Amounts, counts and order numbers stay
within their bounds (domain/orders/bounds.py); so do the texts and times kept (cell_bounds.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from operator import call, itemgetter
from typing import Any, Generic, TypeVar

from daiyun.adapters.text_files import header_names
from daiyun.domain.money import InvalidAmount, Money
from daiyun.domain.orders.bounds import LARGEST_AMOUNT, LONGEST_ORDER_NUMBER, MOST_UNITS
from daiyun.domain.orders.provinces import PROVINCE_NAMES

__all__ = [
    "AMOUNT_TOO_LARGE",
    "BEIJING",
    "CellProblem",
    "Columns",
    "Failure",
    "Field",
    "RowReader",
    "always",
    "amount",
    "amount_or_zero",
    "clean_cell",
    "count_or_zero",
    "moment_or_none",
    "order_id",
    "order_number",
    "province_and_city",
    "text_or_none",
    "units",
    "whole_number",
]

_Value = TypeVar("_Value")

_NOT_AMOUNT = "not an amount"
_EMPTY_AMOUNT = "empty; an amount is needed here"
_NEGATIVE = "below zero; amounts here are never negative"
_NOT_ORDER_NUMBER = "not an order number (digits only)"
_EXCEL_ROUNDED = "an order number Excel has shortened; import the file as exported, unsaved"
_EMPTY_ORDER_NUMBER = "empty; every row needs its order number"
_NOT_UNITS = "not a whole number of units"
_NO_UNITS = "empty; the number of units is needed here"
_NOT_TIME = "not a time; write 2026-11-05 10:00:00 or 2026-11-05T10:00:00+08:00"
AMOUNT_TOO_LARGE = f"more than {LARGEST_AMOUNT.yuan_text()}; no amount of an order is that large"
_TOO_MANY_UNITS = f"more than {MOST_UNITS} units; no line of an order has that many"
_LONG_ORDER_ID = f"longer than {LONGEST_ORDER_NUMBER} characters; an order number is shorter"
# Platforms' own order numbers (Taobao's 16-19 digits, JD's); the daiyun order file takes more.
_LONGEST_ORDER_NUMBER = 30
# A number as Excel shows one too long for its cell: 1.93068E+15.
_EXCEL_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?[eE]\+[0-9]+")
# Digits before the point of amounts the common case reads without Money: all below the largest.
_AMOUNT_DIGITS = len(str(LARGEST_AMOUNT.fen // 100)) - 1
# Beijing time, as times without an offset are: UTC+08:00 (China has kept no summer time since
# 1991), the same instants as daiyun.domain.calendar.SHANGHAI.
BEIJING = timezone(timedelta(hours=8))
_MARKS = "='"  # the first characters of cells that need more than their spaces taken off
# Amounts repeat (0.00, 149.00 …): the text of each, up to this many, is read once per process.
_KNOWN_AMOUNTS: dict[str, Money] = {}
_MOST_KNOWN_AMOUNTS = 100_000

# Provinces, autonomous regions, municipalities and SARs, written in full or short; an address
# whose first word is none of these gives no province (never a street kept by mistake: R-D1).
_PROVINCES = PROVINCE_NAMES
# How the names of prefecture-level places end (杭州市, 延边朝鲜族自治州, 阿里地区, 锡林郭勒盟,
# 省直辖县级行政区划, a municipality's 浦东新区 or 县); nothing longer than a place name is kept.
_CITY_ENDINGS = ("市", "州", "地区", "盟", "区", "县", "行政区划")
_LONGEST_CITY = 12


class CellProblem(ValueError):
    """A cell's value cannot be taken; the message says why, for a clerk."""


@dataclass(frozen=True, slots=True)
class Field(Generic[_Value]):
    """Where a reader finds one value in a row (its column as the file writes it) and how."""

    at: int
    column: str
    read: Callable[[str], _Value]


@dataclass(frozen=True, slots=True)
class Failure:
    """A cell that could not be taken: its column as the file writes it, the cell, and why."""

    column: str
    value: str
    message: str


class RowReader:
    """Reads the values a record needs from each row; when a cell fails, names every one that does.

    The common case, a row without a problem, costs one C-level pass over the needed cells
    (itemgetter, map) plus each cell's own reader; failures are looked for only when one happens.
    """

    def __init__(self, fields: Sequence[Field[Any]], width: int) -> None:
        self.fields = tuple(fields)
        self.width = width
        positions = [field.at for field in self.fields] + [0]  # itemgetter of 2+ gives a tuple
        self._pick = itemgetter(*positions)
        self._readers = tuple(field.read for field in self.fields)

    def values(self, number: int, cells: list[str]) -> list[Any] | None:
        """The row's number, then the fields' values; None when a cell fails (see failures())."""
        if len(cells) < self.width:
            cells = cells + [""] * (self.width - len(cells))
        try:
            return [number, *map(call, self._readers, self._pick(cells))]
        except CellProblem:
            return None

    def failures(self, cells: list[str]) -> list[Failure]:
        """Every cell of the row that cannot be taken, with why."""
        if len(cells) < self.width:
            cells = cells + [""] * (self.width - len(cells))
        failures = []
        for field in self.fields:
            try:
                field.read(cells[field.at])
            except CellProblem as problem:
                failures.append(Failure(field.column, cells[field.at].strip(), str(problem)))
        return failures


def always(value: _Value) -> Callable[[str], _Value]:
    """A reader for a column the layout does not have: the same value for every row."""
    return lambda _: value


def clean_cell(text: str) -> str:
    """The cell as a clerk means it: no surrounding spaces, no `="…"` wrapper, no leading `'`."""
    text = text.strip()
    if text[:1] not in _MARKS:
        return text
    if text[:1] == "=" and text[1:2] == '"' and text[-1:] == '"' and len(text) >= 3:
        text = text[2:-1].strip()
    if text[:1] == "'":
        text = text[1:].strip()
    return text


def order_id(text: str) -> str:
    """An order number as any shop writes it: printable text (SO-20261001-0001, 1930679858170647)
    that fits the column, once cleaned (the daiyun order file, for any platform)."""
    number = clean_cell(text)
    if not number:
        raise CellProblem(_EMPTY_ORDER_NUMBER)
    if _EXCEL_NUMBER.fullmatch(number):
        raise CellProblem(_EXCEL_ROUNDED)
    if not number.isprintable():
        unprintable = ord(next(c for c in number if not c.isprintable()))
        message = f"holds U+{unprintable:04X}, which is not printable; an order number is"
        raise CellProblem(f"{message} letters, digits and signs")
    if len(number) > LONGEST_ORDER_NUMBER:
        raise CellProblem(_LONG_ORDER_ID)
    return number


def order_number(text: str) -> str:
    """An order number: digits only once cleaned (platforms use 16–19; 1–30 are taken)."""
    number = text if text.isdigit() else clean_cell(text)
    if number.isdigit() and number.isascii() and len(number) <= _LONGEST_ORDER_NUMBER:
        return number
    if not number:
        raise CellProblem(_EMPTY_ORDER_NUMBER)
    if "E+" in number.upper():
        raise CellProblem(_EXCEL_ROUNDED)
    raise CellProblem(_NOT_ORDER_NUMBER)


def amount(text: str) -> Money:
    """An amount in yuan, at most two decimals, never negative: "38.00", "38", "38.5元", "¥38"."""
    known = _KNOWN_AMOUNTS.get(text)
    if known is not None:
        return known
    money = _amount(text)
    if len(_KNOWN_AMOUNTS) < _MOST_KNOWN_AMOUNTS:
        _KNOWN_AMOUNTS[text] = money
    return money


def _amount(text: str) -> Money:
    cleaned = clean_cell(text)
    if cleaned[-1:] == "元":
        cleaned = cleaned[:-1].rstrip()
    whole, point, fraction = cleaned.partition(".")
    # The common case, read without a regular expression: ASCII digits, an optional point and
    # one or two decimals (str.isdigit alone would also take "²" and full-width digits), never
    # more than the largest amount.
    if whole.isdigit() and whole.isascii() and len(whole) <= _AMOUNT_DIGITS:
        if not point:
            return Money(int(whole) * 100)
        if 0 < len(fraction) <= 2 and fraction.isdigit() and fraction.isascii():
            return Money(int(whole) * 100 + int(fraction.ljust(2, "0")))
    if not cleaned:
        raise CellProblem(_EMPTY_AMOUNT)
    try:
        money = Money.of_yuan(cleaned)
    except InvalidAmount:
        raise CellProblem(_NOT_AMOUNT) from None
    except ValueError:  # more digits than Python turns into a number (4,300)
        raise CellProblem(AMOUNT_TOO_LARGE) from None
    if money.is_negative:
        raise CellProblem(_NEGATIVE)
    if money.fen > LARGEST_AMOUNT.fen:
        raise CellProblem(AMOUNT_TOO_LARGE)
    return money


def amount_or_zero(text: str) -> Money:
    """An amount, or nothing when the cell is empty."""
    return amount(text) if text.strip() else Money(0)


def units(text: str) -> int:
    """A number of units bought: a whole number, at least 1 and at most a million."""
    count = text if text.isdigit() else clean_cell(text)
    if count.isdigit() and count.isascii():
        number = whole_number(count, MOST_UNITS, _TOO_MANY_UNITS)
        if number >= 1:
            return number
    raise CellProblem(_NO_UNITS if not count else _NOT_UNITS)


def count_or_zero(text: str) -> int:
    """A number of units, 0 to a million; nothing when the cell is empty."""
    count = clean_cell(text)
    if not count:
        return 0
    if count.isdigit() and count.isascii():
        return whole_number(count, MOST_UNITS, _TOO_MANY_UNITS)
    raise CellProblem(_NOT_UNITS)


def whole_number(digits: str, most: int, too_many: str) -> int:
    """The number ASCII `digits` write, leading zeros and all; above `most`, CellProblem(too_many).

    Never reads more digits than `most` has: Python refuses to turn 4,300 or more into a number.
    """
    if len(digits) > len(str(most)):
        digits = digits.lstrip("0") or "0"
        if len(digits) > len(str(most)):
            raise CellProblem(too_many)
    number = int(digits)
    if number > most:
        raise CellProblem(too_many)
    return number


def text_or_none(text: str) -> str | None:
    """The cell's text, cleaned; None when it is empty."""
    cleaned = text.strip()
    if cleaned[:1] in _MARKS:  # "" is in any string: an empty cell goes here too
        cleaned = clean_cell(cleaned)
    return cleaned or None


def moment_or_none(text: str) -> datetime | None:
    """A time: ISO 8601 or 2016/7/11 10:23; without an offset it is Beijing time; empty is None."""
    if not text:
        return None
    if text[10:11] in (" ", "T") and text[4:5] == "-":
        # The common case, "2026-11-05 10:00:00", read with its offset in one step: several
        # times faster than attaching a time zone afterwards. Only a date and a time: after a
        # bare date, fromisoformat would take "+08:00" for the time 08:00.
        try:
            return datetime.fromisoformat(text + "+08:00")
        except ValueError:
            pass
    cleaned = clean_cell(text)
    if not cleaned:
        return None
    try:
        moment = datetime.fromisoformat(cleaned)
    except ValueError:
        moment = _loose_moment(cleaned)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=BEIJING)


def _loose_moment(text: str) -> datetime:
    """A time as Excel rewrites it: 2016/7/11 10:23 or 2016-7-11 10:23:05."""
    date_part, _, clock = text.replace("/", "-").partition(" ")
    parts = date_part.split("-") + (clock.strip().split(":") if clock.strip() else [])
    if len(parts) not in (3, 5, 6) or not all(
        p.isdigit() and p.isascii() and len(p) <= 4 for p in parts
    ):
        raise CellProblem(_NOT_TIME)
    year, month, day, hour, minute, second = [int(part) for part in parts] + [0] * (6 - len(parts))
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=BEIJING)
    except ValueError:
        raise CellProblem(_NOT_TIME) from None


def province_and_city(address: str) -> tuple[str | None, str | None]:
    """The province and city of an address such as "浙江省 杭州市 西湖区 …"; the rest is dropped.

    Only the first two words are looked at, and only when they are place names (R-D1: the
    street, and anything that might be one, is never kept).
    """
    words = address.split(maxsplit=2)
    if not words or words[0] not in _PROVINCES:
        return None, None
    city = words[1] if len(words) > 1 else None
    if (
        city is None
        or len(city) > _LONGEST_CITY
        or not city.endswith(_CITY_ENDINGS)
        or city.endswith("小区")  # a housing estate: part of a street address
        or not city.isprintable()  # NUL …: no place name (kept, PostgreSQL would refuse it)
    ):
        return words[0], None
    return words[0], city


class Columns:
    """A header's names and where each is."""

    def __init__(self, cells: list[str]) -> None:
        self.names = header_names(cells)
        self.width = len(self.names)
        self.at: dict[str, int] = {}
        for position, name in enumerate(self.names):
            self.at.setdefault(name, position)

    def first(self, *names: str) -> str:
        """The first of these names the header has (the last when it has none)."""
        return next((name for name in names if name in self.at), names[-1])

    def field(self, name: str, read: Callable[[str], _Value], absent: _Value) -> Field[_Value]:
        """Where the column is and how to read it; a column the header lacks gives `absent`."""
        if name in self.at:
            return Field(self.at[name], name, read)
        return Field(0, name, always(absent))
