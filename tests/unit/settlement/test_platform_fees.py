"""R-S5 (issue 17): the platform's deposit, annual fee and refund, and who bears them."""

from __future__ import annotations

from datetime import date

import pytest

from daiyun.domain.calendar import Month
from daiyun.domain.contracts import ContractTerms, Party, Platform, PlatformFeeSchedule
from daiyun.domain.ledger import UnbalancedEntry, issue_entry, platform_fee_entry
from daiyun.domain.money import Money
from daiyun.domain.settlement import Statement
from daiyun.domain.settlement.drilldown import drill_charges, drill_down
from daiyun.domain.settlement.platform_charges import (
    ChargeKind,
    FeeStore,
    charges_due,
    refund_share_percent,
    service_years_ending_in,
)
from tests.unit.settlement.settlement_builders import draft, sale

TMALL = PlatformFeeSchedule(
    Platform.TMALL, deposit=Money.of_yuan("10000.00"), annual_fee=Money.of_yuan("6000.00")
)
STORE = FeeStore("chando-tmall", Platform.TMALL, date(2026, 10, 1), TMALL)
BRAND_BEARS = ContractTerms(platform_fees_borne_by=Party.BRAND)
THRESHOLDS = ContractTerms(
    annual_fee_refund_half_from=Money.of_yuan("1000000.00"),
    annual_fee_refund_full_from=Money.of_yuan("3000000.00"),
)


def test_the_deposit_and_the_first_annual_fee_fall_due_on_go_live_r_s5() -> None:
    # Same day: in key order (annual_fee before deposit).
    [annual, deposit] = charges_due("C", Month.parse("2026-10"), [STORE], BRAND_BEARS)
    assert (deposit.kind, deposit.due_on, deposit.amount) == (
        ChargeKind.DEPOSIT, date(2026, 10, 1), Money.of_yuan("10000.00"),
    )  # fmt: skip
    assert (annual.kind, annual.due_on, annual.amount) == (
        ChargeKind.ANNUAL_FEE, date(2026, 10, 1), Money.of_yuan("6000.00"),
    )  # fmt: skip
    assert deposit.key == "platform-fee:C:chando-tmall:deposit:2026-10-01"
    assert deposit.borne_by is Party.BRAND and "borne by the brand" in deposit.memo
    # Nothing in the months between; the annual fee again on the anniversary, no deposit.
    assert charges_due("C", Month.parse("2026-11"), [STORE], BRAND_BEARS) == ()
    [again] = charges_due("C", Month.parse("2027-10"), [STORE], BRAND_BEARS)
    assert (again.kind, again.due_on) == (ChargeKind.ANNUAL_FEE, date(2027, 10, 1))


def test_the_annual_fee_is_refunded_half_or_in_full_at_the_contracts_thresholds_r_s5() -> None:
    # Thresholds 1,000,000.00 (half) and 3,000,000.00 (full); none named: no refund.
    assert refund_share_percent(Money.of_yuan("999999.99"), THRESHOLDS) == 0
    assert refund_share_percent(Money.of_yuan("1000000.00"), THRESHOLDS) == 50
    assert refund_share_percent(Money.of_yuan("2999999.99"), THRESHOLDS) == 50
    assert refund_share_percent(Money.of_yuan("3000000.00"), THRESHOLDS) == 100
    assert refund_share_percent(Money.of_yuan("9000000.00"), ContractTerms()) == 0
    # The service year 2026-10-01 … 2027-09-30 ends in September 2027: its refund falls due
    # on 2027-10-01, with October's new annual fee.
    month = Month.parse("2027-10")
    [year] = service_years_ending_in(month, [STORE])
    assert (year.start, year.end) == (date(2026, 10, 1), date(2027, 10, 1))
    charges = charges_due("C", month, [STORE], THRESHOLDS, {year: Money.of_yuan("1200000.00")})
    assert [(c.kind, c.amount) for c in charges] == [
        (ChargeKind.ANNUAL_FEE, Money.of_yuan("6000.00")),
        # 50% of 6,000.00 = 3,000.00 given back: negative.
        (ChargeKind.ANNUAL_FEE_REFUND, Money.of_yuan("-3000.00")),
    ]
    full = charges_due("C", month, [STORE], THRESHOLDS, {year: Money.of_yuan("3000000.00")})
    assert full[1].amount == Money.of_yuan("-6000.00")
    below = charges_due("C", month, [STORE], THRESHOLDS, {year: Money.of_yuan("999999.99")})
    assert [c.kind for c in below] == [ChargeKind.ANNUAL_FEE]


def _october(terms: ContractTerms) -> Statement:
    charges = charges_due("C", Month.parse("2026-10"), [STORE], terms)
    # 2 × 面霜 at guide 128.00, paid 256.00, 美容护肤 at 4% (the builders' fee table).
    return draft(
        "2026-10",
        [sale("T1", units=2, actual="256.00", guide="128.00", shipping="0.00")],
        terms=terms,
        charges=charges,
    )


def test_a_month_where_the_brand_bears_the_fees_deducts_them_from_the_remittance_r_s5() -> None:
    statement = _october(BRAND_BEARS)
    figures = statement.figures
    # settlement value 2 × 128.00 = 256.00; commission 5% = 12.80;
    # technical service fee 256.00 × 4% = 10.24; charges 10,000.00 + 6,000.00 = 16,000.00;
    # borne by the brand: 10.24 + 16,000.00 = 16,010.24;
    # remittance = 256.00 + 0.00 − 12.80 − 0.00 − 16,010.24 = −15,767.04 (the brand owes it).
    assert figures.settlement_value == Money.of_yuan("256.00")
    assert figures.commission == Money.of_yuan("12.80")
    assert figures.platform_fees == Money.of_yuan("10.24")
    assert figures.platform_charges == Money.of_yuan("16000.00")
    assert figures.platform_fees_borne == Money.of_yuan("16010.24")
    assert figures.remittance == Money.of_yuan("-15767.04")
    # R-S8: the charges and the remittance's formula add up to the figures.
    assert drill_charges(statement).adds_up_to(figures)
    remittance = drill_down(statement, "remittance").derivation
    assert remittance.result == figures.remittance.fen
    # The ledger: the issue entry balances with the fees borne credited to platform fees.
    entry = issue_entry("statement:C:2026-10:v1", "chando", date(2026, 11, 2), figures)
    postings = {p.account.value: p.amount for p in entry.postings}
    assert postings["platform_fees"] == Money.of_yuan("-16010.24")
    assert postings["goods_payable"] == Money.of_yuan("15767.04")


def test_a_month_where_the_operator_bears_the_fees_shows_them_without_deducting_r_s5() -> None:
    figures = _october(ContractTerms()).figures
    # Shown: 10.24 technical fee and 16,000.00 charged; borne by the brand: 0.00;
    # remittance = 256.00 − 12.80 = 243.20, as before issue 17.
    assert (figures.platform_fees, figures.platform_charges) == (
        Money.of_yuan("10.24"), Money.of_yuan("16000.00"),
    )  # fmt: skip
    assert figures.platform_fees_borne == Money.zero()
    assert figures.remittance == Money.of_yuan("243.20")


def test_a_platform_fee_entry_debits_platform_fees_and_credits_cash_r_s5() -> None:
    entry = platform_fee_entry("k", "chando", date(2026, 10, 1), Money.of_yuan("6000.00"))
    postings = {p.account.value: p.amount for p in entry.postings}
    assert postings == {
        "platform_fees": Money.of_yuan("6000.00"), "cash": Money.of_yuan("-6000.00"),
    }  # fmt: skip
    with pytest.raises(UnbalancedEntry, match=r"cannot be 0\.00"):
        platform_fee_entry("k", "chando", date(2026, 10, 1), Money.zero())
