"""The annual service fee's instalments (R-B1, R-C5, R-B5), worked by hand."""

from __future__ import annotations

from datetime import date

from daiyun.domain.contracts.terms import ContractTerms
from daiyun.domain.fee_bills.instalments import instalments, refundable_service_fee
from daiyun.domain.money import Money, Rate

TERMS = ContractTerms(service_fee_annual=Money.of_yuan("60000.00"))  # half, 3 days, 5 months


def test_a_signing_on_31_january_effective_the_same_day() -> None:
    first, second = instalments(TERMS, date(2026, 1, 31), date(2026, 1, 31))
    # R-B1: 60000.00 × 0.5 = 30000.00 within 3 days: 31 Jan + 3 = 3 February
    assert (first.amount, first.due_on) == (Money.of_yuan("30000.00"), date(2026, 2, 3))
    # R-B1: the rest 5 months after 31 January: 31 June does not exist → 30 June
    assert (second.amount, second.due_on) == (Money.of_yuan("30000.00"), date(2026, 6, 30))
    # R-B5: more than 10 days overdue from the due day + 11
    assert first.termination_right_from == date(2026, 2, 14)
    assert second.termination_right_from == date(2026, 7, 11)


def test_one_month_from_31_january_is_the_end_of_february() -> None:
    terms = ContractTerms(service_fee_annual=Money.of_yuan("100.00"), second_instalment_months=1)
    assert instalments(terms, date(2026, 1, 31), date(2026, 1, 31))[1].due_on == date(2026, 2, 28)
    # 2028 is a leap year: 29 February
    assert instalments(terms, date(2028, 1, 31), date(2028, 1, 31))[1].due_on == date(2028, 2, 29)


def test_model_b_counts_the_second_from_the_first_payment() -> None:
    # R-C5: signed 31 January, first payment received 2 February, so effective 2 February;
    # the second instalment is 5 months after it: 2 July
    first, second = instalments(TERMS, date(2026, 1, 31), date(2026, 2, 2))
    assert first.due_on == date(2026, 2, 3)
    assert second.due_on == date(2026, 7, 2)


def test_the_first_share_is_rounded_once_and_the_second_is_the_rest() -> None:
    terms = ContractTerms(
        service_fee_annual=Money.of_yuan("10000.01"), first_instalment_share=Rate.of("0.3")
    )
    first, second = instalments(terms, date(2026, 3, 1), date(2026, 3, 1))
    # 1000001 fen × 0.3 = 300000.3 → 300000 fen = 3000.00; the rest 10000.01 − 3000.00 = 7000.01
    assert first.amount == Money.of_yuan("3000.00")
    assert second.amount == Money.of_yuan("7000.01")


def test_no_fee_agreed_means_no_instalments() -> None:
    assert instalments(ContractTerms(), date(2026, 1, 31), date(2026, 1, 31)) == ()


def test_the_fee_is_not_refundable_once_service_starts() -> None:
    paid = Money.of_yuan("30000.00")
    # R-B1: ended before the service started: all back; from its first day: nothing
    assert refundable_service_fee(paid, date(2026, 2, 2), date(2026, 2, 1)) == paid
    assert refundable_service_fee(paid, date(2026, 2, 2), date(2026, 2, 2)) == Money.zero()
