"""A month as a calendar grid, Monday first (R-O1, issue 21 point 7): each day's obligations,
and which days are PRC holidays (法定节假日) and which weekends are worked (调休), from the
working-day calendar (domain/calendar.py) and the holiday's name where it is known.

Pure: the obligations are given; a day whose calendar is not known is marked unknown."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

import chinese_calendar

from daiyun.domain.calendar import CalendarUnknown, Month, is_working_day, recorded_notice
from daiyun.domain.obligations.obligation import Obligation

__all__ = ["CalendarDay", "DayKind", "MonthGrid", "month_grid"]

_SATURDAY = 5


class DayKind(StrEnum):
    """What kind of day it is in the PRC working-day calendar."""

    WORKING = "working"  # a weekday worked
    WEEKEND = "weekend"  # a Saturday or Sunday off
    HOLIDAY = "holiday"  # a weekday off for a holiday (法定节假日)
    ADJUSTED_WORKING = "adjusted_working"  # a weekend day worked instead (调休上班)
    HOLIDAY_WEEKEND = "holiday_weekend"  # a weekend day inside a holiday
    UNKNOWN = "unknown"  # no notice for its year is known


@dataclass(frozen=True)
class CalendarDay:
    """One cell of the grid."""

    day: date
    in_month: bool  # False for the days of the weeks' ends in the months either side
    kind: DayKind
    holiday: str | None  # the holiday's name as its notice gives it (English or Chinese)
    obligations: tuple[Obligation, ...]

    @property
    def is_off(self) -> bool:
        """A day off: a weekend, or a holiday."""
        return self.kind in (DayKind.WEEKEND, DayKind.HOLIDAY, DayKind.HOLIDAY_WEEKEND)


@dataclass(frozen=True)
class MonthGrid:
    """The month's weeks, Monday to Sunday, each of seven days."""

    month: Month
    weeks: tuple[tuple[CalendarDay, ...], ...]

    @property
    def days(self) -> tuple[CalendarDay, ...]:
        """The month's own days, in order."""
        return tuple(cell for week in self.weeks for cell in week if cell.in_month)


def _holiday_name(day: date) -> str | None:
    try:
        _, name = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:
        notice = recorded_notice(day.year)
        if notice is None:
            return None
        return notice.days_off.get(day) or notice.working_days.get(day)
    return str(name) if name else None


def _kind(day: date) -> tuple[DayKind, str | None]:
    weekend = day.weekday() >= _SATURDAY
    try:
        working = is_working_day(day)
    except CalendarUnknown:
        return DayKind.UNKNOWN, None
    name = _holiday_name(day)
    if working:
        return (DayKind.ADJUSTED_WORKING, name) if weekend else (DayKind.WORKING, None)
    if weekend:
        return (DayKind.HOLIDAY_WEEKEND, name) if name else (DayKind.WEEKEND, None)
    return DayKind.HOLIDAY, name


def month_grid(month: Month, obligations: Sequence[Obligation]) -> MonthGrid:
    """The month's weeks, Monday first, each day with the obligations due on it (in order)."""
    by_day: dict[date, list[Obligation]] = {}
    for each in obligations:
        by_day.setdefault(each.due_on, []).append(each)
    first = month.first_day - timedelta(days=month.first_day.weekday())
    last = month.last_day + timedelta(days=6 - month.last_day.weekday())
    cells: list[CalendarDay] = []
    day = first
    while day <= last:
        kind, name = _kind(day)
        in_month = month.first_day <= day <= month.last_day
        shown = tuple(by_day.get(day, ())) if in_month else ()
        cells.append(CalendarDay(day, in_month, kind, name, shown))
        day += timedelta(days=1)
    weeks = tuple(tuple(cells[start : start + 7]) for start in range(0, len(cells), 7))
    return MonthGrid(month, weeks)
