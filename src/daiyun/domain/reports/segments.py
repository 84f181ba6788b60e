"""How the report groups buyers and prices (R-R2): RFM segments and price bands.

RFM: each buyer of the contract with a paid order up to the period's end is placed by recency
(days from their last paid order to the period's end) and frequency (their paid orders of the
contract up to then); monetary value is reported per segment (their lines' amounts). Fixed,
documented thresholds rather than quantiles, so that two reports compare:

| segment | recency | orders |
| --- | --- | --- |
| champions | last order within 30 days | 3 or more |
| loyal | within 90 days | 2 or more (not champions) |
| new | within 30 days | 1 |
| promising | 31–90 days | 1 |
| at_risk | 91–180 days | any |
| lost | more than 180 days | any |
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from daiyun.domain.money import Money

__all__ = [
    "PRICE_BANDS",
    "RFM_SEGMENTS",
    "SEGMENT_NAMES",
    "PriceBand",
    "RfmCutoffs",
    "rfm_segment",
]

RFM_SEGMENTS = ("champions", "loyal", "new", "promising", "at_risk", "lost")
SEGMENT_NAMES = {
    "champions": ("核心客户", "Champions"),
    "loyal": ("忠诚客户", "Loyal"),
    "new": ("新客户", "New"),
    "promising": ("潜力客户", "Promising"),
    "at_risk": ("流失风险", "At risk"),
    "lost": ("已流失", "Lost"),
}
_RECENT, _MIDDLE, _OLD = 30, 90, 180


@dataclass(frozen=True)
class RfmCutoffs:
    """The moments the recency thresholds fall on, counted back from the period's end."""

    recent: datetime  # a last order at or after this is within 30 days
    middle: datetime  # within 90 days
    old: datetime  # within 180 days

    @classmethod
    def before(cls, end: datetime) -> RfmCutoffs:
        return cls(
            end - timedelta(days=_RECENT),
            end - timedelta(days=_MIDDLE),
            end - timedelta(days=_OLD),
        )


def rfm_segment(last_paid: datetime, orders: int, cutoffs: RfmCutoffs) -> str:
    """The segment of a buyer whose last paid order was at `last_paid`, with `orders` orders
    (the reports' repository writes the same as a SQL CASE;
    tests/integration/test_report_sales_property.py checks they agree)."""
    if last_paid >= cutoffs.recent and orders >= 3:
        return "champions"
    if last_paid >= cutoffs.middle and orders >= 2:
        return "loyal"
    if last_paid >= cutoffs.recent:
        return "new"
    if last_paid >= cutoffs.middle:
        return "promising"
    if last_paid >= cutoffs.old:
        return "at_risk"
    return "lost"


@dataclass(frozen=True)
class PriceBand:
    """Unit prices in [low, high); high None has no upper bound."""

    name: str
    low: Money
    high: Money | None


PRICE_BANDS: tuple[PriceBand, ...] = (
    PriceBand("<50", Money.zero(), Money.of_yuan(50)),
    PriceBand("50-100", Money.of_yuan(50), Money.of_yuan(100)),
    PriceBand("100-200", Money.of_yuan(100), Money.of_yuan(200)),
    PriceBand("200-500", Money.of_yuan(200), Money.of_yuan(500)),
    PriceBand("500-1000", Money.of_yuan(500), Money.of_yuan(1000)),
    PriceBand(">=1000", Money.of_yuan(1000), None),
)
