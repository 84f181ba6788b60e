"""Cells daiyun keeps, within their bounds (domain/orders/bounds.py): texts and times.

A text kept (a SKU code, a title, a place) is no longer than its column and holds no control
character; a time lies between 2000-01-01 and a year past its file's as-of time. Outside,
the cell raises CellProblem and the reader names its file, row and column: the same on every
database, where PostgreSQL would refuse the row and SQLite store it, or a year 10000 break
every page that shows it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from daiyun.adapters.platforms.cells import BEIJING, CellProblem, moment_or_none, text_or_none
from daiyun.domain.orders.bounds import EARLIEST_MOMENT, latest_moment

__all__ = ["kept_text", "moment_bound", "moment_reader", "text_check"]

_TOO_EARLY = f"before {EARLIEST_MOMENT:%Y-%m-%d}; no marketplace order is that old"


def kept_text(longest: int) -> Callable[[str], str | None]:
    """A reader of text daiyun keeps (a SKU code, a title, a place): cleaned, None when empty,
    checked as text_check(longest) checks it."""
    check = text_check(longest)

    def read(text: str) -> str | None:
        cleaned = text_or_none(text)
        return None if cleaned is None else check(cleaned)

    return read


def text_check(longest: int) -> Callable[[str], str]:
    """A check of a text daiyun keeps: a control character (NUL …) or more than `longest`
    characters raises CellProblem, on every database alike (PostgreSQL refuses both, SQLite
    would store them); any other text is given back."""
    too_long = f"longer than {longest} characters; at most {longest} are kept"

    def check(text: str) -> str:
        if not text.isprintable():  # rare: look for the character that is not text
            control = next((c for c in text if _is_control(c)), None)
            if control is not None:
                raise CellProblem(f"holds the control character {_code_point(control)}")
        if len(text) > longest:
            raise CellProblem(too_long)
        return text

    return check


def _is_control(character: str) -> bool:
    """A C0 or C1 control character, or DEL (Unicode category Cc)."""
    point = ord(character)
    return point < 0x20 or 0x7F <= point < 0xA0


def _code_point(character: str) -> str:
    return f"U+{ord(character):04X}"


def moment_bound(as_of: datetime) -> Callable[[datetime], datetime]:
    """A check of times in a file as of `as_of`: one before 2000 or more than a year after
    `as_of` raises CellProblem (domain/orders/bounds.py); any other is given back."""
    latest = latest_moment(as_of)
    too_late = (
        f"after {latest.astimezone(BEIJING):%Y-%m-%d %H:%M:%S} Beijing time, a year past the "
        "file's as-of time: a wrong year, or a wrong as-of time"
    )

    def within(moment: datetime) -> datetime:
        if moment < EARLIEST_MOMENT:
            raise CellProblem(_TOO_EARLY)
        if moment > latest:
            raise CellProblem(too_late)
        return moment

    return within


def moment_reader(as_of: datetime) -> Callable[[str], datetime | None]:
    """moment_or_none for a file as of `as_of`, its times bounded (moment_bound)."""
    within = moment_bound(as_of)

    def read(text: str) -> datetime | None:
        moment = moment_or_none(text)
        return None if moment is None else within(moment)

    return read
