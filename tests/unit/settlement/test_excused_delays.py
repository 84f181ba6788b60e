"""Days of delay the brand caused (R-S7, §2 ch.6 art.5): no penalty on them, not counted late.

Worked by hand on the rules.md defaults: 0.3% a day of what is unpaid at the start of the day,
a termination right after more than 15 days late.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daiyun.domain.contracts import ContractTerms
from daiyun.domain.money import Money
from daiyun.domain.settlement import (
    DelayNotExcusable,
    ExcusedDelay,
    Payment,
    check_excusable,
    excused_days,
    late_penalty,
    termination_deadline,
)
from tests.builders import beijing
from tests.unit.settlement.settlement_builders import yuan

TERMS = ContractTerms()  # 0.3% a day; the brand may terminate after more than 15 days late
DUE = date(2026, 12, 15)
DAY = timedelta(days=1)


def delay(first: str, last: str, reason: str = "品牌方更换收款账户") -> ExcusedDelay:
    """A span recorded by agency finance on 2026-12-28."""
    return ExcusedDelay(
        date.fromisoformat(first), date.fromisoformat(last), reason, "finance",
        beijing("2026-12-28 10:00"),
    )  # fmt: skip


def test_a_span_the_brand_caused_is_neither_charged_nor_counted_late() -> None:
    """R-S7: 100,000.00 due 2026-12-15, paid in full 2026-12-25; the brand caused 12-18..12-20.

    Calendar days late: 12-16 … 12-25 = 25 − 15 = 10.
    Excused: 12-18, 12-19, 12-20 = 3.  Charged: 10 − 3 = 7 (12-16, 12-17, 12-21 … 12-25).
    Penalty: 7 × 0.3% × 100,000.00 = 7 × 300.00 = 2,100.00 (without the span: 3,000.00).
    """
    span = delay("2026-12-18", "2026-12-20")
    penalty = late_penalty(
        yuan("100000.00"),
        DUE,
        [Payment(date(2026, 12, 25), yuan("100000.00"))],
        as_of=date(2026, 12, 31),
        terms=TERMS,
        excused_days=excused_days([span]),
    )
    assert span.days == 3
    assert (penalty.calendar_days_late, penalty.days_late) == (10, 7)
    assert penalty.amount == yuan("2100.00")
    # Two periods on the same base, split by the excused days (R-S8: the figure's inputs).
    assert [(p.first_day, p.last_day, p.days) for p in penalty.periods] == [
        (date(2026, 12, 16), date(2026, 12, 17), 2),
        (date(2026, 12, 21), date(2026, 12, 25), 5),
    ]
    assert penalty.accrued_fen == Decimal("210000.000")  # 7 × 10,000,000 fen × 0.003


def test_excused_days_stop_the_termination_right_that_calendar_days_would_give() -> None:
    """R-S7: 1,000.00 unpaid through 2027-01-03 is 19 calendar days late; with 12-18..12-21
    excused only 19 − 4 = 15 count: not more than 15, no termination right. 15 × 3.00 = 45.00.
    """
    penalty = late_penalty(
        yuan("1000.00"), DUE, [], as_of=date(2027, 1, 3), terms=TERMS,
        excused_days=excused_days([delay("2026-12-18", "2026-12-21")]),
    )  # fmt: skip
    assert (penalty.calendar_days_late, penalty.days_late) == (19, 15)
    assert penalty.amount == yuan("45.00")
    assert not penalty.termination_right


def test_the_termination_deadline_moves_by_the_excused_days() -> None:
    """R-S7: pay by due + 15 = 2026-12-30; with 12-18..12-20 excused, 3 days later: 2027-01-02.
    A span right after the deadline moves it too: paying on those days adds no day late."""
    assert termination_deadline(DUE, TERMS) == date(2026, 12, 30)
    spans = [delay("2026-12-18", "2026-12-20")]
    assert termination_deadline(DUE, TERMS, excused_days(spans)) == date(2027, 1, 2)
    spans.append(delay("2027-01-03", "2027-01-04"))
    assert termination_deadline(DUE, TERMS, excused_days(spans)) == date(2027, 1, 4)


@pytest.mark.parametrize(
    ("first", "last", "reason", "message"),
    [
        (
            "2026-12-18", "2026-12-20", "  ",
            "say why the brand caused the delay: the reason is empty",
        ),
        (
            "2026-12-20", "2026-12-18", "x",
            "the span 2026-12-20..2026-12-18 ends before it starts: the first day must be on "
            "or before the last",
        ),
        (
            "2026-12-10", "2026-12-15", "x",
            "the span 2026-12-10..2026-12-15 ends on or before the payment due date 2026-12-15: "
            "only days after it are late, so it would excuse nothing (R-S7)",
        ),
        (
            "2026-12-27", "2026-12-29", "x",
            "the span 2026-12-27..2026-12-29 ends after today 2026-12-28: record a delay once "
            "it has happened",
        ),
        (
            "2026-12-20", "2026-12-22", "x",
            "the span 2026-12-20..2026-12-22 overlaps the span 2026-12-18..2026-12-20 (recorded "
            "by finance on 2026-12-28): spans of one statement may not overlap; record only the "
            "days not excused yet",
        ),
        (
            "2026-12-18", "2026-12-20", "again",
            "the span 2026-12-18..2026-12-20 is recorded already (recorded by finance on "
            "2026-12-28)",
        ),
    ],
)  # fmt: skip
def test_a_span_that_cannot_be_recorded_says_why(
    first: str, last: str, reason: str, message: str
) -> None:
    with pytest.raises(DelayNotExcusable) as refused:
        check_excusable(
            date.fromisoformat(first), date.fromisoformat(last), reason,
            [delay("2026-12-18", "2026-12-20")], payment_due=DUE, today=date(2026, 12, 28),
        )  # fmt: skip
    assert str(refused.value) == message


def test_a_span_beside_another_or_over_the_due_day_may_be_recorded() -> None:
    """Adjacent spans share no day; a span from before the due date excuses its late days."""
    recorded = [delay("2026-12-18", "2026-12-20")]
    for first, last in (("2026-12-21", "2026-12-21"), ("2026-12-12", "2026-12-17")):
        check_excusable(
            date.fromisoformat(first), date.fromisoformat(last), "x", recorded,
            payment_due=DUE, today=date(2026, 12, 28),
        )  # fmt: skip


# R-S7 properties, for any debt, payments and spans.
days_after_due = st.integers(min_value=-5, max_value=40)


@st.composite
def late_remittances(
    draw: st.DrawFn,
) -> tuple[Money, list[Payment], date, frozenset[date]]:
    """A remittance, payments on days around the due day, a day asked about, excused days."""
    due_fen = draw(st.integers(min_value=1, max_value=10_000_000_00))
    payments, left = [], due_fen
    for offset in draw(st.lists(days_after_due, max_size=4)):
        if left <= 0:
            break
        fen = draw(st.integers(min_value=1, max_value=left))
        payments.append(Payment(DUE + offset * DAY, Money(fen)))
        left -= fen
    as_of = DUE + draw(st.integers(min_value=0, max_value=45)) * DAY
    excused = frozenset(DUE + offset * DAY for offset in draw(st.sets(days_after_due)))
    return Money(due_fen), payments, as_of, excused


@given(late_remittances(), st.sets(days_after_due))
def test_excusing_more_days_never_increases_the_penalty(
    remittance: tuple[Money, list[Payment], date, frozenset[date]], more: set[int]
) -> None:
    """R-S7: adding excused days never raises the penalty, the days late or the right."""
    amount, payments, as_of, excused = remittance
    fewer = late_penalty(amount, DUE, payments, as_of=as_of, terms=TERMS, excused_days=excused)
    wider = excused | {DUE + offset * DAY for offset in more}
    most = late_penalty(amount, DUE, payments, as_of=as_of, terms=TERMS, excused_days=wider)
    assert most.accrued_fen <= fewer.accrued_fen
    assert most.amount <= fewer.amount
    assert most.days_late <= fewer.days_late
    assert most.calendar_days_late == fewer.calendar_days_late  # excusing changes no date
    assert most.termination_right <= fewer.termination_right


@given(late_remittances())
def test_excusing_every_late_day_leaves_no_penalty(
    remittance: tuple[Money, list[Payment], date, frozenset[date]],
) -> None:
    """R-S7: when the brand caused every day of the delay, nothing accrues and none counts."""
    amount, payments, as_of, _ = remittance
    every_day = frozenset(DUE + offset * DAY for offset in range(1, (as_of - DUE).days + 1))
    penalty = late_penalty(amount, DUE, payments, as_of=as_of, terms=TERMS, excused_days=every_day)
    assert (penalty.amount, penalty.days_late, penalty.periods) == (Money(0), 0, ())
    assert not penalty.termination_right


@given(late_remittances())
def test_paying_in_full_by_the_termination_deadline_never_gives_the_right(
    remittance: tuple[Money, list[Payment], date, frozenset[date]],
) -> None:
    """R-S7: paid in full on the deadline, not more than 15 days count; a day later, they do
    (the deadline is never followed by an excused day)."""
    amount, _, _, excused = remittance
    deadline = termination_deadline(DUE, TERMS, excused)
    on_time = late_penalty(
        amount, DUE, [Payment(deadline, amount)], as_of=deadline + 60 * DAY, terms=TERMS,
        excused_days=excused,
    )  # fmt: skip
    a_day_later = late_penalty(
        amount, DUE, [Payment(deadline + DAY, amount)], as_of=deadline + 60 * DAY, terms=TERMS,
        excused_days=excused,
    )  # fmt: skip
    assert (on_time.days_late, on_time.termination_right) == (TERMS.termination_days_late, False)
    assert a_day_later.termination_right
