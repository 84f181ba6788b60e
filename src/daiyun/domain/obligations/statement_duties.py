"""A month's statement duties (R-S6, R-S7, R-O1) from what has happened so far."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from daiyun.domain.calendar import Month
from daiyun.domain.contracts import ContractTerms, Party
from daiyun.domain.obligations.obligation import (
    CONSEQUENCE_TEXTS,
    Consequence,
    Obligation,
    ObligationKind,
    obligation_status,
)
from daiyun.domain.settlement.penalty import termination_deadline
from daiyun.domain.settlement.timeline import confirm_by, issue_by, payment_due

__all__ = ["StatementEvents", "statement_obligations"]


@dataclass(frozen=True, slots=True)
class StatementEvents:
    """The Beijing days a month's statement reached each step; None where not yet."""

    first_issued_on: date | None = None  # version 1: the issue duty
    last_issued_on: date | None = None  # the latest version: its answer clock (R-S6 restart)
    answered_on: date | None = None  # the brand's answer to the latest version
    confirmed_on: date | None = None  # the confirmation that fixed the payment due date
    paid_in_full_on: date | None = None
    # R-S7: days the brand caused the delay of payment; they do not count as days late.
    excused_days: frozenset[date] = field(default_factory=frozenset)


def statement_obligations(
    contract: str,
    brand: str,
    month: Month,
    terms: ContractTerms,
    events: StatementEvents,
    *,
    as_of: date,
) -> list[Obligation]:
    """Every duty of the month's statement that its events so far make due, in date order."""
    subject = f"statement {contract} {month}"

    def duty(
        kind: ObligationKind,
        party: Party,
        due: date,
        done: date | None,
        consequence: Consequence,
        *values: str,
    ) -> Obligation:
        status = obligation_status(due, done, as_of)
        text = CONSEQUENCE_TEXTS[consequence].format(*values)
        return Obligation(
            kind, party, subject, brand, due, status, done, text, _RULE[kind], consequence, values,
            contract=contract, month=month,
        )  # fmt: skip

    duties = [
        duty(
            ObligationKind.ISSUE_STATEMENT,
            Party.OPERATOR,
            issue_by(month, terms),
            events.first_issued_on,
            Consequence.STATEMENT_AWAITED,
        )
    ]
    if events.last_issued_on is not None:
        duties.append(
            duty(
                ObligationKind.ANSWER_STATEMENT,
                Party.BRAND,
                confirm_by(events.last_issued_on, terms),
                events.answered_on,
                Consequence.PAYMENT_CLOCK_WAITS,
            )
        )
    if events.confirmed_on is not None:
        due = payment_due(month, events.confirmed_on, terms)
        duties.append(
            duty(
                ObligationKind.PAY_REMITTANCE,
                Party.OPERATOR,
                due,
                events.paid_in_full_on,
                Consequence.LATE_PENALTY,
                terms.late_penalty_per_day.percent_text(),
            )
        )
        # R-S7: more than N days late gives the brand a termination right: pay by due + N,
        # later by each day of delay the brand caused (those days are not late).
        duties.append(
            duty(
                ObligationKind.PAY_BEFORE_TERMINATION,
                Party.OPERATOR,
                termination_deadline(due, terms, events.excused_days),
                events.paid_in_full_on,
                Consequence.TERMINATION_RIGHT,
            )
        )
    return duties


_RULE = {
    ObligationKind.ISSUE_STATEMENT: "R-S6",
    ObligationKind.ANSWER_STATEMENT: "R-S6",
    ObligationKind.PAY_REMITTANCE: "R-S7",
    ObligationKind.PAY_BEFORE_TERMINATION: "R-S7",
}
