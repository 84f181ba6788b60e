"""Which approved promotion lets a listing go below its guide price now (R-P2, R-P4)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from daiyun.domain.money import Money
from daiyun.domain.pricing import PromotionAllowance
from daiyun.domain.promotions.approval import WrittenApproval
from daiyun.domain.promotions.plan import PromotionPlan

__all__ = ["allowance_at"]


def allowance_at(
    plans: Iterable[tuple[PromotionPlan, WrittenApproval | None]],
    store: str,
    sku: str,
    guide_price: Money,
    at: datetime,
) -> PromotionAllowance | None:
    """The lowest promotion price approved for this store and SKU at `at`, if any.

    A plan counts only when its status is approved AND its written approval covers this exact
    version and terms (R-C7), and `at` is inside its half-open window.
    """
    best: PromotionAllowance | None = None
    for plan, approval in plans:
        if approval is None or not approval.covers(plan) or not plan.allows(store, sku, at):
            continue
        price = plan.terms.price_for(sku, guide_price)
        if price is not None and (best is None or price < best.price):
            best = PromotionAllowance(plan.code, plan.version, price, plan.terms.funded_by)
    return best
