"""R-P1: a SKU's guide prices over time, and the one in force at a moment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from daiyun.domain.money import Money

__all__ = ["GuidePrice", "GuidePriceConflict", "Sku"]


class GuidePriceConflict(ValueError):
    """A second, different guide price for the same SKU and the same effective time."""


@dataclass(frozen=True)
class GuidePrice:
    """The brand's retail guide price (零售指导价) from a moment on."""

    effective_from: datetime
    price: Money

    def __post_init__(self) -> None:
        if self.effective_from.tzinfo is None:
            raise ValueError("a guide price takes effect at an aware moment, not a naive one")
        if self.price.fen <= 0:
            raise ValueError(f"a guide price must be above zero, not {self.price}")


@dataclass(frozen=True)
class Sku:
    """A brand's product as sold: its seller code (商家编码) and guide-price history."""

    brand_code: str
    code: str
    name: str
    category: str
    fulfilment: str
    guide_prices: tuple[GuidePrice, ...] = ()

    def guide_price_at(self, moment: datetime) -> Money | None:
        """The guide price in force at `moment`; None before the first one."""
        found: GuidePrice | None = None
        # One pass, no sorting: this runs for every imported order line.
        for candidate in self.guide_prices:
            if candidate.effective_from <= moment and (
                found is None or candidate.effective_from > found.effective_from
            ):
                found = candidate
        return None if found is None else found.price

    def is_new_guide_price(self, candidate: GuidePrice) -> bool:
        """True when `candidate` adds to the history; False when it is already there.

        Raises GuidePriceConflict when the history has another price at the same moment:
        history is never rewritten, only added to.
        """
        for known in self.guide_prices:
            if known.effective_from == candidate.effective_from:
                if known.price == candidate.price:
                    return False
                raise GuidePriceConflict(
                    f"SKU {self.code} already has guide price {known.price} from "
                    f"{known.effective_from.isoformat()}; a different price {candidate.price} "
                    "for the same moment would rewrite history — give a later effective time"
                )
        return True
