"""Guide prices (R-P1), the floor (R-P2) and the markup cap (R-P3)."""

from daiyun.domain.pricing.checks import PriceCheck, check_sold_price
from daiyun.domain.pricing.guide_price import GuidePrice, GuidePriceConflict, Sku

__all__ = ["GuidePrice", "GuidePriceConflict", "PriceCheck", "Sku", "check_sold_price"]
