"""Whole calendar months added to a date, clamping to the last day of a shorter month."""

from __future__ import annotations

import calendar
from datetime import date

__all__ = ["add_months"]

_MONTHS_PER_YEAR = 12


def add_months(day: date, months: int) -> date:
    """The same day of the month `months` later (or earlier), or that month's last day."""
    # R-C5: as the Civil Code (art. 203) counts months, a missing corresponding day becomes the
    # last day of the month: Jan 31 + 1 month is Feb 28 (Feb 29 in a leap year).
    month_index = day.year * _MONTHS_PER_YEAR + day.month - 1 + months
    year, month = divmod(month_index, _MONTHS_PER_YEAR)
    last_day = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last_day))
