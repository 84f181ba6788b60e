"""Promotion plans and the brand's written approval (R-P4, R-C7)."""

from daiyun.domain.promotions.allowance import allowance_at
from daiyun.domain.promotions.approval import WrittenApproval, approve, reject
from daiyun.domain.promotions.plan import (
    ALLOWED_NEXT,
    IllegalPromotionMove,
    PromotionPlan,
    PromotionStatus,
    PromotionTerms,
)
from daiyun.domain.promotions.sales import PriceViolation, apply_promotions, sale_violations

__all__ = [
    "ALLOWED_NEXT",
    "IllegalPromotionMove",
    "PriceViolation",
    "PromotionPlan",
    "PromotionStatus",
    "PromotionTerms",
    "WrittenApproval",
    "allowance_at",
    "apply_promotions",
    "approve",
    "reject",
    "sale_violations",
]
