"""The termination right on an overdue fee (R-B5): the annual fee or the commission more than
`fee_overdue_termination_days` days overdue.

A fee due on D is 1 day overdue on D+1 and N days overdue on D+N; it is *more than* N days
overdue from D+N+1. That day is the termination right's first day, and the right arises when
the fee is still not paid in full at its start: paid in full on D+N (10 days late with the
default), no right; paid in full on D+N+1 (11 days late) or later, or not at all, the right.
"""

from __future__ import annotations

from datetime import date, timedelta

__all__ = ["days_overdue", "termination_right_arose", "termination_right_from"]


def termination_right_from(due_on: date, overdue_days: int) -> date:
    """The first day a fee due on `due_on` is more than `overdue_days` days overdue (R-B5)."""
    if type(overdue_days) is not int or overdue_days < 0:
        raise ValueError(f"overdue days must be a whole number, 0 or more, not {overdue_days!r}")
    return due_on + timedelta(days=overdue_days + 1)


def days_overdue(due_on: date, paid_on: date) -> int:
    """How many days late a fee due on `due_on` was paid in full on `paid_on` (0: on time)."""
    return max(0, (paid_on - due_on).days)


def termination_right_arose(
    due_on: date, overdue_days: int, paid_in_full_on: date | None, today: date
) -> bool:
    """True when, as of `today`, the brand's overdue fee has given the operator the right to
    terminate (R-B5): the right's first day has come and the fee was not paid in full before it.
    """
    right_from = termination_right_from(due_on, overdue_days)
    if paid_in_full_on is not None and paid_in_full_on < right_from:
        return False
    return today >= right_from
