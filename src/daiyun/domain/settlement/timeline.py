"""The statement's clock (R-S6): issue by, confirm by and payment due, in PRC working days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from daiyun.domain.calendar import Month, working_day_after
from daiyun.domain.contracts import ContractTerms

__all__ = ["StatementTimeline", "confirm_by", "issue_by", "payment_due", "statement_timeline"]


@dataclass(frozen=True, slots=True)
class StatementTimeline:
    """A month's statement dates; the later ones are known once the earlier events happen."""

    month: Month
    issue_by: date
    confirm_by: date | None
    payment_due: date | None


def _day_of_following_month(month: Month, day: int) -> date:
    following = month.next()
    # A term like "the 31st" falls on the last day of a shorter month.
    return following.day(min(day, following.last_day.day))


def issue_by(month: Month, terms: ContractTerms) -> date:
    """R-S6: the statement of month M is issued by the issue day of M+1, inclusive."""
    return _day_of_following_month(month, terms.statement_issue_day)


def confirm_by(received_on: date, terms: ContractTerms) -> date:
    """R-S6: the N-th working day after the day of receipt (issuing is receipt)."""
    return working_day_after(received_on, terms.confirm_working_days)


def payment_due(month: Month, confirmed_on: date, terms: ContractTerms) -> date:
    """R-S6: the later of the due day of M+1 and the N-th working day after confirmation."""
    by_day = _day_of_following_month(month, terms.payment_due_day)
    after = working_day_after(confirmed_on, terms.payment_working_days_after_confirmation)
    return max(by_day, after)


def statement_timeline(
    month: Month,
    terms: ContractTerms,
    *,
    issued_on: date | None = None,
    confirmed_on: date | None = None,
) -> StatementTimeline:
    """Every date the events so far fix; a re-issue after a dispute restarts from its day."""
    if confirmed_on is not None and issued_on is None:
        raise ValueError("a statement is confirmed only after it is issued")
    if confirmed_on is not None and issued_on is not None and confirmed_on < issued_on:
        raise ValueError(f"confirmed on {confirmed_on} before it was issued on {issued_on}")
    return StatementTimeline(
        month=month,
        issue_by=issue_by(month, terms),
        confirm_by=confirm_by(issued_on, terms) if issued_on is not None else None,
        payment_due=payment_due(month, confirmed_on, terms) if confirmed_on is not None else None,
    )
