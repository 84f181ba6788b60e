"""Sold lines below the guide price that an approved promotion covered (R-P2, R-P4, R-S2)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from daiyun.domain.contracts import Party
from daiyun.domain.pricing import PriceCheck
from daiyun.domain.promotions.allowance import allowance_at
from daiyun.domain.promotions.approval import WrittenApproval
from daiyun.domain.promotions.plan import PromotionPlan
from daiyun.domain.settlement.inputs import SettlementLine

__all__ = ["apply_promotions"]


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
