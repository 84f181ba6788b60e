"""PRC working days (chinese_calendar), Asia/Shanghai business dates and half-open periods.

A year chinese_calendar does not know yet is taken from the State Council notice the agency
recorded for it (holiday_notice.py, `daiyun calendar add`), read through the notice source the
application wires in (`use_notice_source`); with neither, the day is CalendarUnknown.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import chinese_calendar
from chinese_calendar.constants import holidays as _KNOWN_HOLIDAYS

from daiyun.domain.holiday_notice import HolidayNotice

__all__ = [
    "LOOKAHEAD_DAYS",
    "SHANGHAI",
    "CalendarUnknown",
    "Month",
    "NoticeSource",
    "Period",
    "business_date",
    "first_unknown_year",
    "forget_recorded_notices",
    "is_working_day",
    "library_knows",
    "notice_source",
    "recorded_notice",
    "start_of_day",
    "use_notice_source",
    "working_day_after",
    "working_days_between",
]

SHANGHAI = ZoneInfo("Asia/Shanghai")

# The years whose State Council holiday notice the installed package carries; only for messages.
_FIRST_YEAR = min(day.year for day in _KNOWN_HOLIDAYS)
_LAST_YEAR = max(day.year for day in _KNOWN_HOLIDAYS)

_MONTH_TEXT = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})", re.ASCII)


class CalendarUnknown(ValueError):
    """The PRC working-day calendar for a date is not known (its holiday notice is missing)."""


# Where the notices the agency recorded come from: the database, wired in by the application.
NoticeSource = Callable[[], Iterable[HolidayNotice]]

_notice_source: NoticeSource | None = None
# The notices read from the source so far, by year; replaced whole, never changed in place.
_recorded: dict[int, HolidayNotice] = {}


def use_notice_source(source: NoticeSource | None) -> None:
    """Take recorded notices from `source` from now on (None: none), forgetting those read."""
    global _notice_source, _recorded
    _notice_source, _recorded = source, {}


def notice_source() -> NoticeSource | None:
    """The notice source in use, if any."""
    return _notice_source


def forget_recorded_notices() -> None:
    """Read the notices again when next needed (one was recorded or corrected meanwhile)."""
    global _recorded
    _recorded = {}


def recorded_notice(year: int) -> HolidayNotice | None:
    """The notice recorded for `year`, read from the source the first time a year is missing
    (so a notice recorded by another process is found without a restart)."""
    global _recorded
    found = _recorded.get(year)
    if found is None and _notice_source is not None:
        _recorded = {notice.year: notice for notice in _notice_source()}
        found = _recorded.get(year)
    return found


def library_knows(year: int) -> bool:
    """True when the installed chinesecalendar carries the State Council's notice for `year`."""
    return _library_working_days(year) is not None


# Years whose days are kept at once: every year a deadline of the 1900–9998 range may reach is
# far more than any process asks for; the 64 most recently used are plenty.
_YEARS_KEPT = 64


@lru_cache(maxsize=_YEARS_KEPT)
def _library_working_days(year: int) -> frozenset[date] | None:
    """The PRC working days of `year` by the installed chinesecalendar, 调休 weekend workdays
    included, or None when it does not carry that year's notice. The package's tables never
    change while a process runs, so each year is worked out once (a dashboard asks about
    thousands of days: chinese_calendar.is_workday for each cost most of its time)."""
    try:
        chinese_calendar.is_workday(date(year, 6, 1))
    except NotImplementedError:
        return None
    first, last = date(year, 1, 1), date(year, 12, 31)
    every_day = (first + timedelta(days=offset) for offset in range((last - first).days + 1))
    return frozenset(day for day in every_day if chinese_calendar.is_workday(day))


# How far ahead to look for a year without its holiday notice: a statement issued by the 10th
# is confirmed within 5 working days and paid within 3 more, so six weeks warns in time for
# anything done from mid-November on (the State Council's notice comes in November or December).
LOOKAHEAD_DAYS = 45


def first_unknown_year(today: date, days: int = LOOKAHEAD_DAYS) -> int | None:
    """The first year from `today` to `days` days after whose working days are not known
    (neither chinesecalendar nor a recorded notice has it), or None: a deadline counted in
    working days from now could soon fall in it and be refused (R-O1)."""
    today = _plain_date(today)
    for year in range(today.year, (today + timedelta(days=days)).year + 1):
        if not library_knows(year) and recorded_notice(year) is None:
            return year
    return None


def _plain_date(day: date) -> date:
    # A datetime is a date too, but its calendar day depends on the time zone: refuse it.
    if isinstance(day, datetime):
        raise TypeError(f"{day!r} is a datetime; take its business_date() first")
    return day


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment.isoformat()} has no time zone; refusing to guess")
    return moment


def is_working_day(day: date) -> bool:
    """True when `day` is a PRC working day, including 调休 weekend workdays (R-O1)."""
    day = _plain_date(day)
    known = _library_working_days(day.year)
    if known is not None:
        return day in known
    # Holidays are set each year by State Council notice; a missing year is never guessed.
    notice = recorded_notice(day.year)
    if notice is None:
        raise CalendarUnknown(
            f"the PRC working-day calendar for {day.isoformat()} is not known: the installed "
            f"chinesecalendar knows only the years {_FIRST_YEAR}–{_LAST_YEAR}, and no notice "
            f"for {day.year} is recorded; record the State Council's holiday notice for "
            f"{day.year}, or install a chinesecalendar that has it"
        )
    return notice.is_working_day(day)


def working_day_after(day: date, n: int) -> date:
    """The n-th working day strictly after `day` (n >= 1), e.g. R-S6's 5th for confirmation."""
    # Parties and words: "N working days after D" is the N-th working day strictly after D.
    if type(n) is not int or n < 1:
        raise ValueError(f"n must be a whole number of working days, 1 or more, not {n!r}")
    current = _plain_date(day)
    remaining = n
    while remaining:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """How many working days lie in (start, end]: after `start`, up to and including `end`."""
    # (start, end] matches "strictly after": working_days_between(d, working_day_after(d, n)) == n.
    start, end = _plain_date(start), _plain_date(end)
    if end < start:
        raise ValueError(f"end {end.isoformat()} is before start {start.isoformat()}")
    days = (end - start).days
    return sum(is_working_day(start + timedelta(days=offset)) for offset in range(1, days + 1))


def business_date(moment: datetime) -> date:
    """The Asia/Shanghai calendar date of an aware moment."""
    return _aware(moment).astimezone(SHANGHAI).date()


def start_of_day(day: date) -> datetime:
    """Midnight at the start of `day` in Asia/Shanghai, aware."""
    day = _plain_date(day)
    return datetime(day.year, day.month, day.day, tzinfo=SHANGHAI)


@dataclass(frozen=True)
class Period:
    """A half-open span of time [start, end) between two aware moments."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        _aware(self.start)
        _aware(self.end)
        if not self.start < self.end:
            raise ValueError(
                f"period ends {self.end.isoformat()}, not after {self.start.isoformat()}"
            )

    def contains(self, moment: datetime) -> bool:
        """True when start <= moment < end."""
        return self.start <= _aware(moment) < self.end


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month, with boundaries at midnight Beijing time."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if type(self.year) is not int or type(self.month) is not int:
            raise TypeError(f"a month needs whole numbers, not {self.year!r}-{self.month!r}")
        if not 1 <= self.year <= 9999 or not 1 <= self.month <= 12:
            raise ValueError(f"{self.year}-{self.month} is not a month (year 1–9999, month 1–12)")

    @classmethod
    def parse(cls, text: str) -> Month:
        """Read "YYYY-MM", such as "2026-10"."""
        match = _MONTH_TEXT.fullmatch(text) if isinstance(text, str) else None
        if match is None:
            raise ValueError(f"{text!r} is not a month; write it as YYYY-MM, e.g. 2026-10")
        month = int(match["month"])
        if not 1 <= month <= 12:
            raise ValueError(f"{text!r} is not a month: month {month} is not between 01 and 12")
        return cls(int(match["year"]), month)

    @classmethod
    def of(cls, day: date) -> Month:
        """The month that `day` falls in."""
        day = _plain_date(day)
        return cls(day.year, day.month)

    @classmethod
    def containing(cls, moment: datetime) -> Month:
        """The month that an aware moment falls in, in Beijing time."""
        return cls.of(business_date(moment))

    @property
    def first_day(self) -> date:
        """The 1st of the month."""
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        """The last calendar day of the month."""
        if self.month == 12:
            return date(self.year, 12, 31)
        return self.next().first_day - timedelta(days=1)

    def next(self) -> Month:
        """The month after this one."""
        return Month(self.year + 1, 1) if self.month == 12 else Month(self.year, self.month + 1)

    def previous(self) -> Month:
        """The month before this one."""
        return Month(self.year - 1, 12) if self.month == 1 else Month(self.year, self.month - 1)

    def day(self, n: int) -> date:
        """The n-th calendar day of the month, such as R-S6's 10th or 15th."""
        last = self.last_day.day
        if type(n) is not int or not 1 <= n <= last:
            raise ValueError(f"{self} has no day {n!r}; it has days 1–{last}")
        return date(self.year, self.month, n)

    def period(self) -> Period:
        """[00:00 on the 1st, 00:00 on the next month's 1st), Asia/Shanghai."""
        return Period(start_of_day(self.first_day), start_of_day(self.next().first_day))

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"
