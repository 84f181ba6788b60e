"""An obligation's consequence has a stable key beside its English (R-O1), and the dashboard's
two questions — due today? overdue? — are answered by the obligation itself."""

from __future__ import annotations

from datetime import date

from daiyun.domain.calendar import Month
from daiyun.domain.contracts import ContractTerms, Party
from daiyun.domain.obligations import (
    CONSEQUENCE_TEXTS,
    Consequence,
    Obligation,
    ObligationKind,
    ObligationStatus,
    StatementEvents,
    statement_obligations,
)

TERMS = ContractTerms()  # issue by the 10th, answer in 5 working days, pay by the 15th / +3


def test_each_duty_names_its_consequence_by_key_and_the_english_follows_from_it() -> None:
    # R-S6, R-S7: October's statement issued Mon 9 Nov and confirmed Thu 12 Nov.
    events = StatementEvents(
        first_issued_on=date(2026, 11, 9),
        last_issued_on=date(2026, 11, 9),
        answered_on=date(2026, 11, 12),
        confirmed_on=date(2026, 11, 12),
    )
    found = statement_obligations(
        "CHANDO-2026", "chando", Month(2026, 10), TERMS, events, as_of=date(2026, 11, 20)
    )
    assert [(o.kind, o.consequence_key, o.consequence_values) for o in found] == [
        (ObligationKind.ISSUE_STATEMENT, Consequence.STATEMENT_AWAITED, ()),
        (ObligationKind.ANSWER_STATEMENT, Consequence.PAYMENT_CLOCK_WAITS, ()),
        (ObligationKind.PAY_REMITTANCE, Consequence.LATE_PENALTY, ("0.3%",)),
        (ObligationKind.PAY_BEFORE_TERMINATION, Consequence.TERMINATION_RIGHT, ()),
    ]
    # The CLI and the JSON keep the English, word for word.
    assert [o.consequence for o in found] == [
        "the brand's answer and the payment wait for it; a breach of the statement clause",
        "the payment clock does not start; days of delay the brand causes carry no late penalty",
        "late penalty of 0.3% a day on the unpaid remittance",
        "the brand may terminate the contract",
    ]
    assert all(
        o.consequence == CONSEQUENCE_TEXTS[o.consequence_key].format(*o.consequence_values)
        for o in found
    )
    assert set(found[2].to_json()) == {
        "kind", "party", "subject", "brand", "due_on", "status", "done_on", "consequence", "rule",
    }  # fmt: skip


def _issue_duty(due_on: date, status: ObligationStatus, done_on: date | None) -> Obligation:
    return Obligation(
        ObligationKind.ISSUE_STATEMENT, Party.OPERATOR, "statement CHANDO-2026 2026-10", "chando",
        due_on, status, done_on, "…", "R-S6", Consequence.STATEMENT_AWAITED,
    )  # fmt: skip


def test_an_open_duty_is_due_on_its_last_day_only_and_a_missed_one_is_overdue_until_done() -> None:
    today = date(2026, 11, 10)
    due_today = _issue_duty(today, ObligationStatus.OPEN, None)
    later = _issue_duty(date(2026, 11, 11), ObligationStatus.OPEN, None)
    missed = _issue_duty(date(2026, 11, 9), ObligationStatus.MISSED, None)
    done_late = _issue_duty(date(2026, 11, 9), ObligationStatus.MISSED, today)
    met = _issue_duty(today, ObligationStatus.MET, today)
    assert [o.is_due_on(today) for o in (due_today, later, missed, done_late, met)] == [
        True, False, False, False, False,
    ]  # fmt: skip
    assert [o.is_overdue for o in (due_today, later, missed, done_late, met)] == [
        False, False, True, False, False,
    ]  # fmt: skip
