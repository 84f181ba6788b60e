"""Every listing price change passes one check: the floor (R-P2) and the cap (R-P3)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from daiyun.domain.contracts import Party
from daiyun.domain.money import Money, Rate

__all__ = ["ListingPriceRefused", "PromotionAllowance", "check_listing_price", "highest_price"]


class ListingPriceRefused(ValueError):
    """A listing price the floor or the cap forbids; the message names the rule and the prices."""

    def __init__(self, rule: str, message: str) -> None:
        super().__init__(f"{rule}: {message}")
        self.rule = rule


@dataclass(frozen=True, slots=True)
class PromotionAllowance:
    """An approved promotion in force for the listing: its price may go below the guide."""

    plan_code: str
    version: int
    price: Money
    funded_by: Party | None = None  # R-S2: brand-funded cuts settle at the promotion price


def highest_price(guide_price: Money, markup_cap: Rate) -> Money:
    """R-P3: the highest price within the cap, guide × (1 + cap), down to a whole fen."""
    exact = Decimal(guide_price.fen) * (1 + markup_cap.value)
    return Money(int(exact.to_integral_value(rounding=ROUND_FLOOR)))


def check_listing_price(
    attempted: Money,
    guide_price: Money | None,
    markup_cap: Rate,
    allowance: PromotionAllowance | None = None,
) -> None:
    """Refuse a listing price below the guide (R-P2) or above the cap (R-P3).

    Inside an approved promotion (R-P4) the floor is the promotion's price instead; the cap
    stays. A SKU without a guide price in force cannot be priced (R-P1).
    """
    if guide_price is None:
        raise ListingPriceRefused(
            "R-P1", f"no guide price in force: the brand sets one before {attempted} can be checked"
        )
    cap = highest_price(guide_price, markup_cap)
    if attempted > cap:
        raise ListingPriceRefused(
            "R-P3",
            f"{attempted} is above the markup cap: guide price {guide_price} +"
            f" {markup_cap.percent_text()} allows at most {cap}",
        )
    if attempted >= guide_price:
        return
    if allowance is None:
        raise ListingPriceRefused(
            "R-P2",
            f"{attempted} is below the guide price {guide_price} (cap {cap}) and no approved"
            " promotion covers this listing now",
        )
    if attempted < allowance.price:
        raise ListingPriceRefused(
            "R-P2",
            f"{attempted} is below the guide price {guide_price} and below the price"
            f" {allowance.price} approved in promotion {allowance.plan_code}"
            f" version {allowance.version}",
        )
