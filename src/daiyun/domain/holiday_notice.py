"""A year's holiday notice of the State Council (国务院办公厅关于…部分节假日安排的通知).

PRC working days (R-O1, glossary "working day") are set each year by this notice: the days off
of each holiday and the weekend days worked instead (调休). chinesecalendar carries the notices
it was released with; for a year it does not know yet, the agency records the notice itself
(`daiyun calendar add`), and the calendar uses it until a release that knows the year is
installed. Nothing here guesses: a notice says every day off and every 调休 working day.

The notice file (TOML), one table per holiday as the notice lists them:

    year = 2027
    source = "国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕…号）"

    [[holiday]]
    name = "元旦"
    first_day = 2027-01-01        # the first day off
    last_day = 2027-01-03         # the last day off, included
    working_days = []             # 调休: Saturdays or Sundays worked for this holiday
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import Any

__all__ = [
    "Holiday",
    "HolidayNotice",
    "HolidayNoticeError",
    "RecordedNotice",
    "parse_holiday_notice",
]

# No holiday of any notice since 1999 ran longer than the 2020 Spring Festival's 10 days; a span
# of more than a month is a typing mistake (a month or a year written wrong), not a holiday.
_LONGEST_HOLIDAY_DAYS = 31
_LONGEST_NAME = 40
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class HolidayNoticeError(ValueError):
    """A holiday notice that cannot be right: says which file, which holiday and what."""


@dataclass(frozen=True)
class Holiday:
    """One holiday of a notice: its days off [first_day, last_day] and its 调休 working days."""

    name: str
    first_day: date
    last_day: date  # included
    working_days: tuple[date, ...] = ()

    @property
    def days_off(self) -> tuple[date, ...]:
        """Every day from the first to the last day off, weekends included."""
        count = (self.last_day - self.first_day).days + 1
        return tuple(self.first_day + timedelta(days=offset) for offset in range(count))

    def __str__(self) -> str:
        span = f"{self.first_day.isoformat()} … {self.last_day.isoformat()}"
        worked = ", ".join(day.isoformat() for day in self.working_days) or "none"
        return f"{self.name}: {len(self.days_off)} day(s) off {span}; worked instead: {worked}"


@dataclass(frozen=True)
class HolidayNotice:
    """The State Council's notice for `year`: which days are off and which weekend days are
    worked. Holidays are kept in day order; a notice is checked whole when it is made."""

    year: int
    source: str
    holidays: tuple[Holiday, ...]

    def __post_init__(self) -> None:
        problems = _problems(self)
        if problems:
            raise HolidayNoticeError(f"the holiday notice for {self.year}: " + "; ".join(problems))
        ordered = tuple(
            replace(holiday, working_days=tuple(sorted(holiday.working_days)))
            for holiday in sorted(self.holidays, key=lambda holiday: holiday.first_day)
        )
        object.__setattr__(self, "holidays", ordered)

    @cached_property
    def days_off(self) -> dict[date, str]:
        """Every day off with its holiday's name."""
        return {day: holiday.name for holiday in self.holidays for day in holiday.days_off}

    @cached_property
    def working_days(self) -> dict[date, str]:
        """Every 调休 working day (a Saturday or Sunday) with the holiday it is worked for."""
        return {day: holiday.name for holiday in self.holidays for day in holiday.working_days}

    def is_working_day(self, day: date) -> bool:
        """A day of this notice's year: a weekday that is not off, or a 调休 working day."""
        if isinstance(day, datetime) or day.year != self.year:
            raise ValueError(f"{day!r} is not a day of {self.year}")
        if day in self.days_off:
            return False
        return day in self.working_days or day.weekday() < 5

    def to_document(self) -> dict[str, Any]:
        """The notice as JSON-ready data, in the notice file's words."""
        return {
            "year": self.year,
            "source": self.source,
            "holidays": [
                {
                    "name": holiday.name,
                    "first_day": holiday.first_day.isoformat(),
                    "last_day": holiday.last_day.isoformat(),
                    "days_off": len(holiday.days_off),
                    "working_days": [day.isoformat() for day in holiday.working_days],
                }
                for holiday in self.holidays
            ],
        }


@dataclass(frozen=True)
class RecordedNotice:
    """A notice as the agency recorded it: who recorded it and when (R-D3)."""

    notice: HolidayNotice
    recorded_at: datetime
    recorded_by: str


def _problems(notice: HolidayNotice) -> list[str]:
    if type(notice.year) is not int or not 1949 < notice.year < 10000:
        return [f"year {notice.year!r} is not a year after 1949"]
    problems = []
    if not isinstance(notice.source, str) or not notice.source.strip():
        problems.append("the source is missing: name the notice (its title and number)")
    if not notice.holidays:
        problems.append("it names no holiday")
    names: set[str] = set()
    taken: dict[date, str] = {}
    for holiday in notice.holidays:
        problems.extend(_holiday_problems(notice.year, holiday, names, taken))
    for holiday in notice.holidays:
        for day in holiday.working_days:
            if day in taken:
                problems.append(
                    f"{holiday.name}: {day.isoformat()} is both worked and off ({taken[day]})"
                )
    return problems


def _holiday_problems(
    year: int, holiday: Holiday, names: set[str], taken: dict[date, str]
) -> list[str]:
    name = holiday.name.strip() if isinstance(holiday.name, str) else ""
    if not name:
        return ["a holiday has no name"]
    if len(name) > _LONGEST_NAME:
        return [f"{name}: a holiday's name is at most {_LONGEST_NAME} characters"]
    if name in names:
        return [f"{name} is named twice; one holiday, one table"]
    names.add(name)
    problems = [
        f"{name}: {day.isoformat()} is not in {year}; a notice sets the days of its own year"
        for day in (holiday.first_day, holiday.last_day, *holiday.working_days)
        if day.year != year
    ]
    if problems:
        return problems
    if holiday.last_day < holiday.first_day:
        return [
            f"{name}: the last day off {holiday.last_day.isoformat()} is before the first "
            f"{holiday.first_day.isoformat()}"
        ]
    if (holiday.last_day - holiday.first_day).days + 1 > _LONGEST_HOLIDAY_DAYS:
        return [
            f"{name}: {holiday.first_day.isoformat()} … {holiday.last_day.isoformat()} is more "
            f"than {_LONGEST_HOLIDAY_DAYS} days off; check the dates"
        ]
    for day in holiday.days_off:
        if day in taken:
            problems.append(f"{name}: {day.isoformat()} is already off for {taken[day]}")
        taken.setdefault(day, name)
    if len(set(holiday.working_days)) != len(holiday.working_days):
        problems.append(f"{name}: a working day is listed twice")
    problems.extend(
        f"{name}: working day {day.isoformat()} is a {_WEEKDAY_NAMES[day.weekday()]}, a "
        "working day anyway; 调休 working days are Saturdays and Sundays"
        for day in holiday.working_days
        if day.weekday() < 5
    )
    return problems


# --- the notice file ----------------------------------------------------------------------

_TOP_KEYS = frozenset({"year", "source", "holiday"})
_HOLIDAY_KEYS = frozenset({"name", "first_day", "last_day", "working_days"})


def parse_holiday_notice(text: str, source_name: str) -> HolidayNotice:
    """Read a notice file (TOML, see the module's docstring); every mistake is named with the
    file and the holiday it is in."""

    def fail(message: str) -> HolidayNoticeError:
        return HolidayNoticeError(f"{source_name}: {message}")

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise fail(f"not a TOML file: {error}") from None
    unknown = sorted(set(document) - _TOP_KEYS)
    missing = sorted(_TOP_KEYS - set(document))
    if unknown or missing:
        raise fail(_keys_message("the file", unknown, missing, _TOP_KEYS))
    year, source, tables = document["year"], document["source"], document["holiday"]
    if type(year) is not int:
        raise fail(f"year = {year!r} is not a year, such as 2027")
    if not isinstance(source, str):
        raise fail(f"source = {source!r} is not text")
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise fail("holiday must be tables: [[holiday]] with name, first_day and last_day")
    holidays = [_holiday(table, number, fail) for number, table in enumerate(tables, start=1)]
    try:
        return HolidayNotice(year, source.strip(), tuple(holidays))
    except HolidayNoticeError as error:
        raise fail(str(error)) from None


def _holiday(table: Mapping[str, Any], number: int, fail: Any) -> Holiday:
    where = f"holiday {number}" + (
        f" ({table['name']})" if isinstance(table.get("name"), str) else ""
    )
    unknown = sorted(set(table) - _HOLIDAY_KEYS)
    missing = sorted({"name", "first_day", "last_day"} - set(table))
    if unknown or missing:
        raise fail(f"{where}: " + _keys_message("it", unknown, missing, _HOLIDAY_KEYS))
    if not isinstance(table["name"], str):
        raise fail(f"{where}: name = {table['name']!r} is not text")
    worked = table.get("working_days", [])
    if not isinstance(worked, list):
        raise fail(f"{where}: working_days must be a list of days, such as [2027-02-20]")
    return Holiday(
        table["name"].strip(),
        _day(table["first_day"], f"{where}: first_day", fail),
        _day(table["last_day"], f"{where}: last_day", fail),
        tuple(_day(value, f"{where}: working_days", fail) for value in worked),
    )


def _day(value: object, where: str, fail: Any) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise fail(f"{where} = {value!r} is not a day; write it as 2027-01-01")


def _keys_message(
    what: str, unknown: Sequence[str], missing: Sequence[str], known: frozenset[str]
) -> str:
    parts = []
    if missing:
        parts.append(f"{what} lacks {', '.join(missing)}")
    if unknown:
        parts.append(f"{what} has {', '.join(unknown)}, which a notice file has not")
    return "; ".join(parts) + f" (a notice file's keys: {', '.join(sorted(known))})"
