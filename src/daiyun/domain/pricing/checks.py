"""R-P2 floor and R-P3 cap: does a sold line's actual unit price stay within them?"""

from __future__ import annotations

from enum import StrEnum

from daiyun.domain.money import Money, Rate

__all__ = ["PriceCheck", "check_sold_price"]


class PriceCheck(StrEnum):
    """How a sold line's actual unit price stands against its guide price and the cap."""

    WITHIN = "within"
    BELOW_GUIDE = "below_guide"  # R-P2
    ABOVE_CAP = "above_cap"  # R-P3
    NO_GUIDE_PRICE = "no_guide_price"  # the SKU had no guide price yet when it was paid
    NOT_PAID = "not_paid"  # nothing sold yet: nothing to check
    NO_SKU = "no_sku"  # an order-level report without SKU lines
    IN_PROMOTION = "in_promotion"  # below guide, inside an approved promotion (R-P2, R-P4)

    @property
    def is_violation(self) -> bool:
        """True when the sale broke the floor or the cap."""
        return self in _VIOLATIONS


_VIOLATIONS = frozenset({PriceCheck.BELOW_GUIDE, PriceCheck.ABOVE_CAP})


def check_sold_price(
    line_amount: Money, units: int, guide_price: Money | None, markup_cap: Rate
) -> PriceCheck:
    """Check the actual unit price (line amount ÷ units, discounts included, R-S4).

    Compared exactly, without dividing: below guide when amount < guide × units; above the
    cap when amount > guide × units × (1 + cap).
    """
    if guide_price is None:
        return PriceCheck.NO_GUIDE_PRICE
    at_guide = guide_price.times(units)
    if line_amount < at_guide:
        return PriceCheck.BELOW_GUIDE
    if line_amount.fen > at_guide.fen * (1 + markup_cap.value):
        return PriceCheck.ABOVE_CAP
    return PriceCheck.WITHIN
