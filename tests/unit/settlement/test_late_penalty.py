"""Late remittance penalty worked by hand (R-S7): 0.3% a day of what is unpaid at the day's start.

Day convention: the due day is not late; each later day is charged on what was unpaid when it
began, so a payment made on a day still counts as unpaid that day and lowers the base from the
next day. Paying everything on due + k is k days late (R-S7: payment date − due date).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from daiyun.domain.contracts import ContractTerms
from daiyun.domain.money import Money
from daiyun.domain.settlement import Payment, PenaltyPeriod, late_penalty
from tests.unit.settlement.settlement_builders import yuan

TERMS = ContractTerms()  # 0.3% a day, termination right after more than 15 days late
DUE = date(2026, 11, 16)  # Monday
DAY = timedelta(days=1)


def test_a_partial_payment_lowers_the_base_from_the_day_after_it_is_paid() -> None:
    """10,000.00 due 11-16; 4,000.00 paid 11-18; the other 6,000.00 paid 11-21.

    11-17: 10,000.00 × 0.3% = 30.00
    11-18: 10,000.00 × 0.3% = 30.00 (unpaid at the start of the day it was paid)
    11-19, 11-20, 11-21: 6,000.00 × 0.3% = 18.00 each = 54.00
    total 30.00 + 30.00 + 54.00 = 114.00 over 21 − 16 = 5 days.
    """
    penalty = late_penalty(
        yuan("10000.00"),
        DUE,
        [
            Payment(date(2026, 11, 18), yuan("4000.00")),
            Payment(date(2026, 11, 21), yuan("6000.00")),
        ],
        as_of=date(2026, 11, 30),
        terms=TERMS,
    )
    assert penalty.days_late == penalty.calendar_days_late == 5
    assert penalty.amount == yuan("114.00")
    # exact fen: 2 × 1,000,000 × 0.003 = 6,000.000; 3 × 600,000 × 0.003 = 5,400.000
    first = PenaltyPeriod(DUE + DAY, DUE + 2 * DAY, 2, yuan("10000.00"), Decimal("6000.000"))
    second = PenaltyPeriod(DUE + 3 * DAY, DUE + 5 * DAY, 3, yuan("6000.00"), Decimal("5400.000"))
    assert penalty.periods == (first, second)
    assert not penalty.termination_right


def test_the_penalty_is_rounded_once_not_day_by_day() -> None:
    """1,234.57 paid in full on 11-19, 3 days late.

    Each day 123,457 fen × 0.003 = 370.371 fen; 3 days = 1,111.113 fen → 11.11.
    (Rounded daily it would be 3 × 3.70 = 11.10.)
    """
    penalty = late_penalty(
        yuan("1234.57"), DUE, [Payment(date(2026, 11, 19), yuan("1234.57"))],
        as_of=date(2026, 11, 30), terms=TERMS,
    )  # fmt: skip
    assert penalty.accrued_fen == Decimal("1111.113")
    assert penalty.amount == yuan("11.11")


def test_days_of_delay_the_brand_caused_are_neither_charged_nor_counted() -> None:
    """As the first example, but 11-18 was the brand's delay (R-S7, §2 ch.6 art.5).

    11-17: 30.00; 11-18 excused (its payment still lowers the base from 11-19);
    11-19 … 11-21: 3 × 18.00 = 54.00; total 84.00 over 4 days.
    """
    penalty = late_penalty(
        yuan("10000.00"),
        DUE,
        [
            Payment(date(2026, 11, 18), yuan("4000.00")),
            Payment(date(2026, 11, 21), yuan("6000.00")),
        ],
        as_of=date(2026, 11, 30),
        terms=TERMS,
        excused_days={date(2026, 11, 18)},
    )
    assert (penalty.calendar_days_late, penalty.days_late) == (5, 4)
    assert penalty.amount == yuan("84.00")


def test_a_payment_before_the_due_day_lowers_the_first_late_days_base() -> None:
    """4,000.00 of 10,000.00 paid 11-10; the rest on 11-17: one day on 6,000.00 = 18.00."""
    penalty = late_penalty(
        yuan("10000.00"),
        DUE,
        [
            Payment(date(2026, 11, 10), yuan("4000.00")),
            Payment(date(2026, 11, 17), yuan("6000.00")),
        ],
        as_of=date(2026, 11, 30),
        terms=TERMS,
    )
    assert penalty.amount == yuan("18.00")


def test_payment_on_the_due_day_costs_nothing() -> None:
    """R-S7: days late = payment date − due date = 0."""
    penalty = late_penalty(
        yuan("10000.00"), DUE, [Payment(DUE, yuan("10000.00"))], as_of=date(2026, 12, 31),
        terms=TERMS,
    )  # fmt: skip
    assert (penalty.days_late, penalty.amount, penalty.periods) == (0, Money(0), ())


def test_an_unpaid_balance_accrues_up_to_and_including_the_day_asked_about() -> None:
    """1,000.00 unpaid: through 12-01 is 15 days × 3.00 = 45.00, no termination right yet;
    through 12-02 is 16 days × 3.00 = 48.00, more than 15 days: the brand may terminate."""
    fifteen = late_penalty(yuan("1000.00"), DUE, [], as_of=date(2026, 12, 1), terms=TERMS)
    sixteen = late_penalty(yuan("1000.00"), DUE, [], as_of=date(2026, 12, 2), terms=TERMS)
    assert (fifteen.days_late, fifteen.amount, fifteen.termination_right) == (
        15,
        yuan("45.00"),
        False,
    )
    assert (sixteen.days_late, sixteen.amount, sixteen.termination_right) == (
        16,
        yuan("48.00"),
        True,
    )


def test_payments_after_the_day_asked_about_are_not_yet_known() -> None:
    """As of 11-18, a payment dated 11-21 has not happened: 2 days × 30.00 = 60.00."""
    penalty = late_penalty(
        yuan("10000.00"), DUE, [Payment(date(2026, 11, 21), yuan("10000.00"))],
        as_of=date(2026, 11, 18), terms=TERMS,
    )  # fmt: skip
    assert penalty.amount == yuan("60.00")
