"""The periods a contract's reports cover and when each is due (R-R1).

A weekly report covers an ISO week, Monday to Sunday (`2026-W41`); a monthly one a calendar
month (`2026-10`); a yearly one a calendar year (`2026`) — all in Beijing time. It is due
`weekly_report_days` days after the week's Sunday, `monthly_report_days` days after the month's
last day, and on day `yearly_report_day` of the January after the year. Made on or before its
due day (Beijing) it is on time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from daiyun.domain.calendar import Month, Period, business_date, start_of_day
from daiyun.domain.contracts.terms import ContractTerms

__all__ = ["ReportKind", "ReportPeriod", "is_on_time", "periods_between"]

_WEEK = re.compile(r"(?P<year>\d{4})-W(?P<week>\d{2})", re.ASCII)
_MONTH = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})", re.ASCII)
_YEAR = re.compile(r"(?P<year>\d{4})", re.ASCII)
_FIRST_YEAR, _LAST_YEAR = 1900, 9998


class ReportKind(StrEnum):
    """Which report: R-R1 names three."""

    WEEKLY = "weekly"
    MONTHLY = "monthly"
    YEARLY = "yearly"

    @property
    def example(self) -> str:
        return {"weekly": "2026-W41", "monthly": "2026-10", "yearly": "2026"}[self.value]


@dataclass(frozen=True, order=True)
class ReportPeriod:
    """One period of one kind: its first and last day (both inclusive, Beijing dates)."""

    kind: ReportKind
    first_day: date
    last_day: date

    @classmethod
    def parse(cls, kind: ReportKind | str, text: str) -> ReportPeriod:
        """`2026-W41` (weekly), `2026-10` (monthly) or `2026` (yearly); anything else is a
        ValueError saying what was expected."""
        try:
            kind = ReportKind(kind)
        except ValueError:
            raise ValueError(
                f"{kind!r} is not a kind of report; say weekly, monthly or yearly"
            ) from None
        if not isinstance(text, str):
            raise ValueError(f"{text!r} is not a period")
        wanted = f"a {kind.value} period is written like {kind.example}"
        if kind is ReportKind.WEEKLY:
            match = _WEEK.fullmatch(text)
            if match is None:
                raise ValueError(f"{text!r} is not a week: {wanted} (ISO year and week)")
            year, week = int(match["year"]), int(match["week"])
            _check_year(text, year)
            weeks = date(year, 12, 28).isocalendar().week
            if not 1 <= week <= weeks:
                raise ValueError(f"{text!r} is not a week: ISO year {year} has weeks 01–{weeks}")
            monday = date.fromisocalendar(year, week, 1)
            return cls(kind, monday, monday + timedelta(days=6))
        if kind is ReportKind.MONTHLY:
            match = _MONTH.fullmatch(text)
            if match is None:
                raise ValueError(f"{text!r} is not a month: {wanted}")
            _check_year(text, int(match["year"]))
            month = Month.parse(text)
            return cls(kind, month.first_day, month.last_day)
        match = _YEAR.fullmatch(text)
        if match is None:
            raise ValueError(f"{text!r} is not a year: {wanted}")
        year = int(match["year"])
        _check_year(text, year)
        return cls(kind, date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def containing(cls, kind: ReportKind, day: date) -> ReportPeriod:
        """The period of `kind` that `day` falls in."""
        if kind is ReportKind.WEEKLY:
            monday = day - timedelta(days=day.weekday())
            return cls(kind, monday, monday + timedelta(days=6))
        if kind is ReportKind.MONTHLY:
            month = Month.of(day)
            return cls(kind, month.first_day, month.last_day)
        return cls(kind, date(day.year, 1, 1), date(day.year, 12, 31))

    @property
    def text(self) -> str:
        """How the period is written: `2026-W41`, `2026-10`, `2026`."""
        if self.kind is ReportKind.WEEKLY:
            iso = self.first_day.isocalendar()
            return f"{iso.year:04d}-W{iso.week:02d}"
        if self.kind is ReportKind.MONTHLY:
            return f"{self.first_day.year:04d}-{self.first_day.month:02d}"
        return f"{self.first_day.year:04d}"

    def __str__(self) -> str:
        return self.text

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    def span(self) -> Period:
        """[00:00 Beijing of the first day, 00:00 Beijing of the day after the last)."""
        return Period(start_of_day(self.first_day), start_of_day(self.last_day + timedelta(1)))

    @property
    def ends_at(self) -> datetime:
        """The moment the period is over and its report can be made."""
        return self.span().end

    def next(self) -> ReportPeriod:
        return ReportPeriod.containing(self.kind, self.last_day + timedelta(days=1))

    def previous(self) -> ReportPeriod:
        """The period just before: the week, month or year before."""
        return ReportPeriod.containing(self.kind, self.first_day - timedelta(days=1))

    def year_before(self) -> ReportPeriod:
        """The same period a year earlier: the same ISO week (week 52 for a week 53), the same
        month, the year before."""
        if self.kind is ReportKind.WEEKLY:
            iso = self.first_day.isocalendar()
            weeks = date(iso.year - 1, 12, 28).isocalendar().week
            monday = date.fromisocalendar(iso.year - 1, min(iso.week, weeks), 1)
            return ReportPeriod(self.kind, monday, monday + timedelta(days=6))
        if self.kind is ReportKind.MONTHLY:
            month = Month(self.first_day.year - 1, self.first_day.month)
            return ReportPeriod(self.kind, month.first_day, month.last_day)
        return self.previous()

    def due_on(self, terms: ContractTerms) -> date:
        """R-R1: the last day the report may be made on and still be on time."""
        if self.kind is ReportKind.WEEKLY:
            return self.last_day + timedelta(days=terms.weekly_report_days)
        if self.kind is ReportKind.MONTHLY:
            return self.last_day + timedelta(days=terms.monthly_report_days)
        january = Month(self.last_day.year + 1, 1)
        return january.day(min(terms.yearly_report_day, january.last_day.day))


def is_on_time(made_at: datetime, due_on: date) -> bool:
    """R-R1: made on or before its due day, in Beijing time."""
    return business_date(made_at) <= due_on


def periods_between(kind: ReportKind, first_day: date, last_day: date) -> list[ReportPeriod]:
    """Every period of `kind` with at least one day in [first_day, last_day], in order."""
    found: list[ReportPeriod] = []
    period = ReportPeriod.containing(kind, first_day)
    while period.first_day <= last_day:
        found.append(period)
        period = period.next()
    return found


def _check_year(text: str, year: int) -> None:
    if not _FIRST_YEAR <= year <= _LAST_YEAR:
        raise ValueError(f"{text!r}: the year must be {_FIRST_YEAR}–{_LAST_YEAR}")
