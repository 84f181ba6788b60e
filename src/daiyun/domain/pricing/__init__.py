"""Guide prices (R-P1), the floor (R-P2) and the markup cap (R-P3)."""

from daiyun.domain.pricing.guide_price import GuidePrice, GuidePriceConflict, Sku

__all__ = ["GuidePrice", "GuidePriceConflict", "Sku"]
