"""Guide prices (R-P1), the floor (R-P2) and the markup cap (R-P3)."""

from daiyun.domain.pricing.checks import PriceCheck, check_sold_price
from daiyun.domain.pricing.guide_price import GuidePrice, GuidePriceConflict, Sku
from daiyun.domain.pricing.listing import (
    ListingPriceRefused,
    PromotionAllowance,
    check_listing_price,
    highest_price,
)
from daiyun.domain.pricing.repricing import (
    Listing,
    ListingStatus,
    RepricingTask,
    repricing_tasks,
)

__all__ = [
    "GuidePrice",
    "GuidePriceConflict",
    "Listing",
    "ListingPriceRefused",
    "ListingStatus",
    "PriceCheck",
    "PromotionAllowance",
    "RepricingTask",
    "Sku",
    "check_listing_price",
    "check_sold_price",
    "highest_price",
    "repricing_tasks",
]
