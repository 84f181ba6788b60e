"""Sold lines below the guide price that an approved promotion covered (R-P2, R-P4, R-S2)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from daiyun.domain.contracts import Party
from daiyun.domain.money import Money, Rate
from daiyun.domain.pricing import PriceCheck, highest_price
from daiyun.domain.promotions.allowance import allowance_at
from daiyun.domain.promotions.approval import WrittenApproval
from daiyun.domain.promotions.plan import PromotionPlan
from daiyun.domain.settlement.inputs import SettlementLine

__all__ = ["PriceViolation", "apply_promotions", "sale_violations"]


def apply_promotions(
    lines: Sequence[SettlementLine],
    plans: Sequence[tuple[PromotionPlan, WrittenApproval | None]],
) -> list[SettlementLine]:
    """Lines sold below guide inside an approved promotion, at or above its price, are no
    violation (R-P2's exception); brand-funded ones settle at the promotion price (R-S2).

    A promotion counts when its version was approved in writing (R-C7) and the line was paid
    inside its window at one of its stores; anything else stays as the import checked it.
    """
    if not plans:
        return list(lines)
    covered = []
    for line in lines:
        if (
            line.price_check is not PriceCheck.BELOW_GUIDE
            or line.sku is None
            or line.store is None
            or line.paid_at is None
            or line.guide_price is None
        ):
            covered.append(line)
            continue
        allowance = allowance_at(plans, line.store, line.sku, line.guide_price, line.paid_at)
        if allowance is None or line.actual_amount < allowance.price.times(line.units):
            covered.append(line)  # no promotion, or sold below even the promotion's price
            continue
        brand_funded = allowance.funded_by is Party.BRAND
        covered.append(
            replace(
                line,
                price_check=PriceCheck.IN_PROMOTION,
                promotion_price=allowance.price if brand_funded else None,
            )
        )
    return covered


@dataclass(frozen=True, slots=True)
class PriceViolation:
    """A sold line that broke the floor or the cap with no approved promotion covering it."""

    store: str
    order_no: str
    line_no: int
    sku: str
    units: int
    actual_amount: Money
    guide_price: Money
    rule: str  # R-P2 below the guide price, R-P3 above the cap
    gap: Money  # below guide: guide × units − actual; above cap: actual − cap × units
    paid_at: datetime


def sale_violations(
    lines: Sequence[SettlementLine],
    plans: Sequence[tuple[PromotionPlan, WrittenApproval | None]],
    markup_cap: Rate,
) -> list[PriceViolation]:
    """R-P5: the lines still out of bounds once approved promotions are taken into account."""
    found = []
    for line in apply_promotions(lines, plans):
        if not line.price_check.is_violation or line.guide_price is None:
            continue
        if line.sku is None or line.store is None or line.paid_at is None:
            continue
        at_guide = line.guide_price.times(line.units)
        if line.price_check is PriceCheck.BELOW_GUIDE:
            rule, gap = "R-P2", at_guide - line.actual_amount
        else:
            rule = "R-P3"
            gap = line.actual_amount - highest_price(line.guide_price, markup_cap).times(line.units)
        found.append(
            PriceViolation(
                line.store,
                line.order_no,
                line.line_no,
                line.sku,
                line.units,
                line.actual_amount,
                line.guide_price,
                rule,
                gap,
                line.paid_at,
            )
        )
    return sorted(found, key=lambda v: (v.store, v.paid_at, v.order_no, v.line_no))
