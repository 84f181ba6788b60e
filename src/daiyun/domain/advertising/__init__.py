"""Advertising spend against the contract's budget band (R-B6)."""

from daiyun.domain.advertising.budget import (
    AdBudget,
    AdSpend,
    BudgetStanding,
    ChannelSpend,
    ad_budget,
)

__all__ = ["AdBudget", "AdSpend", "BudgetStanding", "ChannelSpend", "ad_budget"]
