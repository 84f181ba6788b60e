"""R-B6: the month's advertising budget is a share of its sales; spend is tracked against it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from daiyun.domain.calendar import Month
from daiyun.domain.contracts import ContractTerms
from daiyun.domain.money import Money, round_half_up_to_fen

__all__ = ["AdBudget", "AdSpend", "BudgetStanding", "ChannelSpend", "ad_budget"]


class BudgetStanding(StrEnum):
    """Where the month's actual spend stands against the band."""

    BELOW = "below"  # under the floor share: the store is under-advertised
    WITHIN = "within"
    ABOVE = "above"  # over the ceiling share: spend the brand did not agree to


@dataclass(frozen=True, slots=True)
class AdSpend:
    """Money spent on one advertising channel (直通车, 钻展, 万相台…) in a store's month."""

    store: str
    month: Month
    channel: str
    amount: Money

    def __post_init__(self) -> None:
        if not self.channel.strip():
            raise ValueError("an ad spend names its channel")
        if self.amount.is_negative:
            raise ValueError(f"ad spend on {self.channel} cannot be negative: {self.amount}")


@dataclass(frozen=True, slots=True)
class ChannelSpend:
    """One channel's total and its share of the month's sales."""

    channel: str
    amount: Money
    share_of_sales: Decimal | None  # None when the month had no sales


@dataclass(frozen=True, slots=True)
class AdBudget:
    """The month's band and actual spend, with how each figure was reached."""

    month: Month
    sales: Money
    floor: Money  # sales × minimum share, half-up once
    ceiling: Money  # sales × maximum share, half-up once
    spent: Money
    channels: tuple[ChannelSpend, ...]
    standing: BudgetStanding

    @property
    def remaining(self) -> Money:
        """What may still be spent this month within the ceiling (negative when over)."""
        return self.ceiling - self.spent


def ad_budget(
    month: Month, sales: Money, spends: Iterable[AdSpend], terms: ContractTerms
) -> AdBudget:
    """R-B6: the band [min share, max share] × the month's sales, against actual spend."""
    by_channel: dict[str, int] = {}
    for spend in spends:
        if spend.month != month:
            raise ValueError(f"ad spend of {spend.month} given for {month}")
        by_channel[spend.channel] = by_channel.get(spend.channel, 0) + spend.amount.fen
    spent = Money(sum(by_channel.values()))
    floor = round_half_up_to_fen(terms.ad_budget_min_share.apply(sales))
    ceiling = round_half_up_to_fen(terms.ad_budget_max_share.apply(sales))
    if spent < floor:
        standing = BudgetStanding.BELOW
    elif spent > ceiling:
        standing = BudgetStanding.ABOVE
    else:
        standing = BudgetStanding.WITHIN
    channels = tuple(
        ChannelSpend(
            channel,
            Money(fen),
            (Decimal(fen) / Decimal(sales.fen)) if sales.fen > 0 else None,
        )
        for channel, fen in sorted(by_channel.items(), key=lambda item: (-item[1], item[0]))
    )
    return AdBudget(month, sales, floor, ceiling, spent, channels, standing)
