"""A statement's dated duties (R-O1, R-S6, R-S7) on the real PRC working-day calendar."""

from __future__ import annotations

from datetime import date

import pytest

from daiyun.domain.calendar import Month
from daiyun.domain.contracts import ContractTerms, Party
from daiyun.domain.obligations import (
    ObligationKind,
    ObligationStatus,
    StatementEvents,
    obligation_status,
    statement_obligations,
)

TERMS = ContractTerms()  # issue by the 10th, answer in 5 working days, pay by the 15th / +3
OCTOBER = Month(2026, 10)


def duties(events: StatementEvents, as_of: date, month: Month = OCTOBER) -> dict[str, tuple]:
    """kind → (party, due, status, done) for the month's statement."""
    found = statement_obligations("CHANDO-2026", "chando", month, TERMS, events, as_of=as_of)
    return {o.kind.value: (o.party, o.due_on, o.status, o.done_on) for o in found}


def test_before_anything_happens_only_the_issue_duty_is_due() -> None:
    # R-S6: October's statement is issued by 10 November 2026, inclusive.
    assert duties(StatementEvents(), date(2026, 11, 10)) == {
        "issue_statement": (Party.OPERATOR, date(2026, 11, 10), ObligationStatus.OPEN, None)
    }
    assert duties(StatementEvents(), date(2026, 11, 11))["issue_statement"][2] == (
        ObligationStatus.MISSED
    )


def test_a_confirmed_unpaid_statement_misses_its_payment_and_nears_termination() -> None:
    # Issued Mon 9 Nov: answer by the 5th working day after = 10,11,12,13,16 → Mon 16 Nov.
    # Confirmed Thu 12 Nov: due = later of 15 Nov and 3rd working day after (13,16,17) = 17 Nov.
    # R-S7: more than 15 days late gives a termination right: pay by 17 Nov + 15 = 2 Dec.
    events = StatementEvents(
        first_issued_on=date(2026, 11, 9),
        last_issued_on=date(2026, 11, 9),
        answered_on=date(2026, 11, 12),
        confirmed_on=date(2026, 11, 12),
    )
    assert duties(events, date(2026, 11, 20)) == {
        "issue_statement": (
            Party.OPERATOR,
            date(2026, 11, 10),
            ObligationStatus.MET,
            date(2026, 11, 9),
        ),
        "answer_statement": (
            Party.BRAND,
            date(2026, 11, 16),
            ObligationStatus.MET,
            date(2026, 11, 12),
        ),
        "pay_remittance": (Party.OPERATOR, date(2026, 11, 17), ObligationStatus.MISSED, None),
        "pay_before_termination": (
            Party.OPERATOR,
            date(2026, 12, 2),
            ObligationStatus.OPEN,
            None,
        ),
    }


def test_a_statement_received_before_national_day_waits_out_the_holiday() -> None:
    # August's statement issued Wed 30 Sep 2026: 1–7 Oct are holidays; working days after are
    # Thu 8, Fri 9, Sat 10 (a make-up working day), Mon 12, Tue 13 → answer by Tue 13 Oct.
    events = StatementEvents(first_issued_on=date(2026, 9, 30), last_issued_on=date(2026, 9, 30))
    result = duties(events, date(2026, 10, 13), Month(2026, 8))
    assert result["answer_statement"] == (
        Party.BRAND,
        date(2026, 10, 13),
        ObligationStatus.OPEN,
        None,
    )
    # It was issued after 10 September: the issue duty was missed, though done.
    assert result["issue_statement"][2:] == (ObligationStatus.MISSED, date(2026, 9, 30))


def test_a_dispute_restarts_the_answer_clock_from_the_new_version() -> None:
    # Version 2 issued Mon 16 Nov after a dispute: answer by 17,18,19,20,23 → Mon 23 Nov.
    events = StatementEvents(first_issued_on=date(2026, 11, 9), last_issued_on=date(2026, 11, 16))
    result = duties(events, date(2026, 11, 18))
    assert result["answer_statement"][1:3] == (date(2026, 11, 23), ObligationStatus.OPEN)


def test_paying_in_full_late_meets_the_termination_duty_but_not_the_payment() -> None:
    events = StatementEvents(
        first_issued_on=date(2026, 11, 9),
        last_issued_on=date(2026, 11, 9),
        answered_on=date(2026, 11, 12),
        confirmed_on=date(2026, 11, 12),
        paid_in_full_on=date(2026, 11, 20),
    )
    result = duties(events, date(2026, 12, 31))
    assert result["pay_remittance"][2:] == (ObligationStatus.MISSED, date(2026, 11, 20))
    assert result["pay_before_termination"][2:] == (ObligationStatus.MET, date(2026, 11, 20))


def test_days_of_delay_the_brand_caused_push_the_termination_deadline_back() -> None:
    # Due Tue 17 Nov as above; the brand caused 20–22 Nov. R-S7: those 3 days do not count
    # late, so the 15th late day is 2 Dec + 3 = Sat 5 Dec; the payment stays due 17 Nov.
    events = StatementEvents(
        first_issued_on=date(2026, 11, 9),
        last_issued_on=date(2026, 11, 9),
        answered_on=date(2026, 11, 12),
        confirmed_on=date(2026, 11, 12),
        excused_days=frozenset({date(2026, 11, 20), date(2026, 11, 21), date(2026, 11, 22)}),
    )
    result = duties(events, date(2026, 12, 3))
    assert result["pay_remittance"][1:3] == (date(2026, 11, 17), ObligationStatus.MISSED)
    assert result["pay_before_termination"][1:3] == (date(2026, 12, 5), ObligationStatus.OPEN)


def test_the_consequence_names_the_contracts_penalty_rate() -> None:
    events = StatementEvents(
        date(2026, 11, 9), date(2026, 11, 9), date(2026, 11, 12), date(2026, 11, 12)
    )
    found = statement_obligations("C", "b", OCTOBER, TERMS, events, as_of=date(2026, 11, 12))
    payment = next(o for o in found if o.kind is ObligationKind.PAY_REMITTANCE)
    assert payment.consequence == "late penalty of 0.3% a day on the unpaid remittance"
    assert payment.to_json() == {
        "kind": "pay_remittance",
        "party": "operator",
        "subject": "statement C 2026-10",
        "brand": "b",
        "due_on": "2026-11-17",
        "status": "open",
        "done_on": None,
        "consequence": "late penalty of 0.3% a day on the unpaid remittance",
        "rule": "R-S7",
    }


@pytest.mark.parametrize(
    ("done_on", "as_of", "expected"),
    [
        (None, date(2026, 11, 17), ObligationStatus.OPEN),  # the due day itself is still on time
        (None, date(2026, 11, 18), ObligationStatus.MISSED),
        (date(2026, 11, 17), date(2026, 11, 30), ObligationStatus.MET),
        (date(2026, 11, 18), date(2026, 11, 30), ObligationStatus.MISSED),
        (date(2026, 11, 20), date(2026, 11, 16), ObligationStatus.OPEN),  # not done yet then
    ],
)
def test_status_at_the_edges_of_the_due_day(
    done_on: date | None, as_of: date, expected: ObligationStatus
) -> None:
    # R-O1: due 17 Nov 2026, inclusive.
    assert obligation_status(date(2026, 11, 17), done_on, as_of) is expected
