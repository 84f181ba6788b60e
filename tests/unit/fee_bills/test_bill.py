"""The monthly commission bill (R-B2, R-B3, R-B5), worked by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from daiyun.domain.calendar import Month
from daiyun.domain.contracts.terms import ContractTerms
from daiyun.domain.fee_bills.bill import bill_figures
from daiyun.domain.fee_bills.overdue import days_overdue, termination_right_arose
from daiyun.domain.money import Money, Rate, round_half_up_to_fen

TERMS = ContractTerms()  # rate 0.05, VAT 0.06, issue by the 3rd, pay by the 5th, 10 days
OCTOBER = Month(2026, 10)


def test_a_plain_month_as_interfaces_md_shows_it() -> None:
    bill = bill_figures(OCTOBER, Money.of_yuan("12345.60"), TERMS)
    # R-B2: 1234560 fen × 0.05 = 61728 fen exactly → commission 617.28
    # R-B3: 61728 × 0.06 = 3703.68 fen → half-up 3704 → VAT 37.04; due 617.28 + 37.04 = 654.32
    assert bill.commission == Money.of_yuan("617.28")
    assert bill.vat == Money.of_yuan("37.04")
    assert bill.amount_due == Money.of_yuan("654.32")
    # R-B2: the 3rd and the 5th of November, calendar days; R-B5: more than 10 days overdue
    # from 5 + 11 = 16 November
    assert bill.issue_by == date(2026, 11, 3)
    assert bill.payment_due == date(2026, 11, 5)
    assert bill.termination_right_from == date(2026, 11, 16)


def test_the_commission_is_rounded_half_up_once_then_the_vat_on_it() -> None:
    terms = ContractTerms(model_b_commission_rate=Rate.of("0.03"))
    bill = bill_figures(OCTOBER, Money.of_yuan("12345.50"), terms)
    # R-B2: 1234550 × 0.03 = 37036.5 fen → half-up 37037 → 370.37
    # R-B3: 37037 × 0.06 = 2222.22 fen → 2222 → 22.22; due 370.37 + 22.22 = 392.59
    assert bill.commission == Money.of_yuan("370.37")
    assert bill.vat == Money.of_yuan("22.22")
    assert bill.amount_due == Money.of_yuan("392.59")


def test_december_is_billed_in_january_of_the_next_year() -> None:
    bill = bill_figures(Month(2026, 12), Money.of_yuan("100.00"), TERMS)
    assert (bill.issue_by, bill.payment_due) == (date(2027, 1, 3), date(2027, 1, 5))
    # R-B5: 5 January + 11 days
    assert bill.termination_right_from == date(2027, 1, 16)


def test_refunds_larger_than_income_bill_nothing_and_carry_the_shortfall() -> None:
    october = bill_figures(OCTOBER, Money.of_yuan("-600.00"), TERMS)
    # R-B2 (bill.py): no negative commission; October's bill is 0.00, −600.00 carried
    assert october.commission == Money.zero()
    assert october.vat == Money.zero()
    assert october.amount_due == Money.zero()
    assert october.carried_out == Money.of_yuan("-600.00")
    november = bill_figures(
        Month(2026, 11), Money.of_yuan("2000.00"), TERMS, carried_in=october.carried_out
    )
    # base 2000.00 − 600.00 = 1400.00; 140000 × 0.05 = 7000 fen → 70.00;
    # VAT 7000 × 0.06 = 420 fen → 4.20; due 74.20
    assert november.receipts == Money.of_yuan("2000.00")
    assert november.commission_base == Money.of_yuan("1400.00")
    assert november.commission == Money.of_yuan("70.00")
    assert november.amount_due == Money.of_yuan("74.20")
    assert november.carried_out == Money.zero()


def test_a_shortfall_larger_than_the_next_month_carries_on() -> None:
    bill = bill_figures(
        Month(2026, 11), Money.of_yuan("250.00"), TERMS, carried_in=Money.of_yuan("-600.00")
    )
    # 250.00 − 600.00 = −350.00: nothing billed, −350.00 on to December
    assert bill.amount_due == Money.zero()
    assert bill.carried_out == Money.of_yuan("-350.00")


def test_a_payment_eleven_days_late_gives_the_termination_right_ten_does_not() -> None:
    bill = bill_figures(OCTOBER, Money.of_yuan("12345.60"), TERMS)
    ten_late = date(2026, 11, 15)  # 5 November + 10
    eleven_late = date(2026, 11, 16)  # 5 November + 11
    assert days_overdue(bill.payment_due, ten_late) == 10
    assert days_overdue(bill.payment_due, eleven_late) == 11
    days = TERMS.fee_overdue_termination_days
    # R-B5: "more than 10 days overdue"
    assert not termination_right_arose(bill.payment_due, days, ten_late, date(2026, 12, 31))
    assert termination_right_arose(bill.payment_due, days, eleven_late, date(2026, 12, 31))
    # unpaid: not yet on the 15th, from the 16th
    assert not termination_right_arose(bill.payment_due, days, None, date(2026, 11, 15))
    assert termination_right_arose(bill.payment_due, days, None, date(2026, 11, 16))


@given(
    receipts_fen=st.integers(min_value=-(10**12), max_value=10**12),
    rate_thousandths=st.integers(min_value=0, max_value=300),
    vat_thousandths=st.integers(min_value=0, max_value=200),
)
def test_amount_due_is_commission_plus_vat_each_half_up_once(
    receipts_fen: int, rate_thousandths: int, vat_thousandths: int
) -> None:
    rate = Rate(Decimal(rate_thousandths) / 1000)
    vat_rate = Rate(Decimal(vat_thousandths) / 1000)
    terms = ContractTerms(model_b_commission_rate=rate, vat_rate=vat_rate)
    bill = bill_figures(OCTOBER, Money(receipts_fen), terms)
    # R-B2, R-B3: never negative; each rounded once from the exact product
    assert bill.commission.fen >= 0
    assert bill.vat.fen >= 0
    base = max(receipts_fen, 0)
    assert bill.commission == round_half_up_to_fen(Decimal(base) * rate.value)
    assert bill.vat == round_half_up_to_fen(Decimal(bill.commission.fen) * vat_rate.value)
    assert bill.amount_due == bill.commission + bill.vat
    assert bill.carried_out.fen == min(receipts_fen, 0)
