"""A contract's term ends, and its renewal notice falls due, on dates worked out by hand (R-C5)."""

from datetime import date

import pytest

from daiyun.domain.contracts import (
    ContractFileError,
    ContractModel,
    ContractSpec,
    ContractTerms,
    Platform,
    Service,
)


def contract(effective_on: date, term_months: int = 12, notice_months: int = 1) -> ContractSpec:
    """A model A contract signed on its effective date, with the default terms."""
    return ContractSpec(
        code="CHANDO-2026",
        brand_code="chando",
        model=ContractModel.A,
        signed_on=effective_on,
        effective_on=effective_on,
        term_months=term_months,
        auto_renew=True,
        renewal_notice_months=notice_months,
        platforms=(Platform.TMALL,),
        services=(Service.STORE_OPERATION,),
        territory="mainland China",
        terms=ContractTerms(),
    )


def test_a_one_year_contract_covers_up_to_the_same_day_a_year_later_r_c5() -> None:
    # [2026-01-05, 2027-01-05): 2027-01-05 is the first day no longer covered.
    assert contract(date(2026, 1, 5)).expires_on == date(2027, 1, 5)


def test_objection_to_renewal_is_due_a_month_before_the_terms_last_day_r_c5() -> None:
    # interfaces.md: the term 2026-01-05 – 2027-01-04 may be objected to until 2026-12-04.
    one_year = contract(date(2026, 1, 5))

    assert one_year.first_term_ends_on == date(2027, 1, 4)
    assert one_year.renewal_notice_by == date(2026, 12, 4)


def test_a_term_ending_in_a_shorter_month_ends_on_its_last_day_r_c5() -> None:
    # Jan 31 + 1 month: February has no 31st, so the term ends on the 28th (2026 is not leap).
    assert contract(date(2026, 1, 31), term_months=1).expires_on == date(2026, 2, 28)


def test_a_term_ending_in_a_leap_february_ends_on_the_29th_r_c5() -> None:
    # 2026-08-31 + 18 months = February 2028, a leap month with 29 days.
    assert contract(date(2026, 8, 31), term_months=18).expires_on == date(2028, 2, 29)


def test_a_notice_deadline_in_a_shorter_month_moves_earlier_never_later_r_c5() -> None:
    # Effective 2026-04-01: the last day is 2027-03-31; one month earlier has no 31st
    # February, so the 28th.
    one_year = contract(date(2026, 4, 1))

    assert one_year.first_term_ends_on == date(2027, 3, 31)
    assert one_year.renewal_notice_by == date(2027, 2, 28)


def test_a_three_month_notice_counts_back_from_expiry_across_the_year_end_r_c5() -> None:
    # Effective 2026-02-15 for 12 months: the last day 2027-02-14; 3 months before, 2026-11-14.
    assert contract(date(2026, 2, 15), notice_months=3).renewal_notice_by == date(2026, 11, 14)


def test_no_notice_period_means_objecting_up_to_the_last_day_r_c5() -> None:
    assert contract(date(2026, 1, 5), notice_months=0).renewal_notice_by == date(2027, 1, 4)


@pytest.mark.parametrize(
    ("term_months", "notice_months", "problem"),
    [
        (0, 0, "term_months: 0 is not a term; write a whole number of months, 1 or more"),
        (6, 7, "renewal_notice_months: 7 is not a notice period; write whole months, 0 to 6"),
        (12, -1, "renewal_notice_months: -1 is not a notice period; write whole months, 0 to 12"),
    ],
)
def test_a_contract_with_an_impossible_term_cannot_be_made_r_c5(
    term_months: int, notice_months: int, problem: str
) -> None:
    with pytest.raises(ContractFileError) as refused:
        contract(date(2026, 1, 5), term_months, notice_months)

    assert str(refused.value) == f"contract: {problem}"
