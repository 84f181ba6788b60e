"""Ad spend against the budget band of 10–20% of monthly sales (R-B6)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from daiyun.domain.advertising import AdSpend, BudgetStanding, ChannelSpend, ad_budget
from daiyun.domain.calendar import Month
from daiyun.domain.contracts import ContractTerms
from daiyun.domain.money import Money

OCTOBER = Month(2026, 10)
TERMS = ContractTerms()  # R-B6 defaults: 10% to 20%


def spend(channel: str, yuan: str, month: Month = OCTOBER) -> AdSpend:
    """Spend in the chando Tmall store."""
    return AdSpend("chando-tmall", month, channel, Money.of_yuan(yuan))


def test_spend_inside_the_band_by_channel() -> None:
    # Sales 123,456.78: floor 10% = 12,345.678 → 12,345.68; ceiling 20% = 24,691.356 → 24,691.36.
    # Spent 8,000.00 (直通车) + 6,000.00 (万相台) + 1,000.00 (直通车) = 15,000.00: within.
    result = ad_budget(
        OCTOBER,
        Money.of_yuan("123456.78"),
        [spend("直通车", "8000.00"), spend("万相台", "6000.00"), spend("直通车", "1000.00")],
        TERMS,
    )
    assert (result.floor, result.ceiling) == (
        Money.of_yuan("12345.68"),
        Money.of_yuan("24691.36"),
    )
    assert result.spent == Money.of_yuan("15000.00")
    assert result.standing is BudgetStanding.WITHIN
    assert result.remaining == Money.of_yuan("9691.36")
    # Channels largest first; 9,000.00 / 123,456.78 of sales.
    assert result.channels[0] == ChannelSpend(
        "直通车", Money.of_yuan("9000.00"), Decimal(900000) / Decimal(12345678)
    )


@pytest.mark.parametrize(
    ("spent", "standing"),
    [
        ("999.99", BudgetStanding.BELOW),  # floor of 10,000.00 sales is 1,000.00
        ("1000.00", BudgetStanding.WITHIN),
        ("2000.00", BudgetStanding.WITHIN),  # exactly the ceiling
        ("2000.01", BudgetStanding.ABOVE),
    ],
)
def test_the_band_edges_are_inclusive(spent: str, standing: BudgetStanding) -> None:
    result = ad_budget(OCTOBER, Money.of_yuan("10000.00"), [spend("钻展", spent)], TERMS)
    assert result.standing is standing


def test_a_month_without_sales_has_a_zero_band_and_no_shares() -> None:
    result = ad_budget(OCTOBER, Money(0), [spend("直通车", "10.00")], TERMS)
    assert (result.ceiling, result.standing) == (Money(0), BudgetStanding.ABOVE)
    assert result.channels[0].share_of_sales is None


def test_bad_spend_is_refused() -> None:
    with pytest.raises(ValueError, match="names its channel"):
        spend(" ", "1.00")
    with pytest.raises(ValueError, match="cannot be negative"):
        spend("直通车", "-1.00")
    with pytest.raises(ValueError, match="ad spend of 2026-09 given for 2026-10"):
        ad_budget(OCTOBER, Money(0), [spend("直通车", "1.00", Month(2026, 9))], TERMS)
