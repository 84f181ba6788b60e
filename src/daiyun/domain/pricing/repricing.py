"""R-P5: a guide-price change reaches every listing; those it leaves out of bounds get a task."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from daiyun.domain.calendar import business_date, working_day_after
from daiyun.domain.contracts import ContractTerms
from daiyun.domain.money import Money
from daiyun.domain.pricing.listing import highest_price

__all__ = ["Listing", "ListingStatus", "RepricingTask", "repricing_tasks"]


class ListingStatus(StrEnum):
    """Whether buyers can buy the listing."""

    ON_SALE = "on_sale"
    OFF_SALE = "off_sale"


@dataclass(frozen=True, slots=True)
class Listing:
    """A store's offer of a SKU at a price."""

    store: str
    sku: str
    price: Money
    status: ListingStatus = ListingStatus.ON_SALE


@dataclass(frozen=True, slots=True)
class RepricingTask:
    """Store operations must bring a listing back within bounds by `due_on` (R-P5)."""

    store: str
    sku: str
    listing_price: Money
    guide_price: Money
    highest_price: Money
    rule: str  # R-P2: now below the new guide; R-P3: now above the cap
    due_on: date

    @property
    def message(self) -> str:
        """What to do, for the operator's dashboard."""
        if self.rule == "R-P2":
            problem = f"is below the new guide price {self.guide_price}"
        else:
            problem = f"is above the markup cap {self.highest_price}"
        return (
            f"{self.store} {self.sku}: listing price {self.listing_price} {problem};"
            f" reprice between {self.guide_price} and {self.highest_price} by {self.due_on}"
        )


def repricing_tasks(
    listings: Iterable[Listing],
    new_guide_prices: Mapping[str, Money],
    terms: ContractTerms,
    *,
    changed_at: datetime,
    promotion_prices: Mapping[tuple[str, str], Money] | None = None,
) -> list[RepricingTask]:
    """A task for every on-sale listing the new guide prices put below the floor or over the cap.

    Due by the contract's number of working days after the change's Beijing date.
    `promotion_prices` holds, per (store, SKU), the price of an approved promotion in force at
    `changed_at` (R-P4): a listing at or above it is not below its floor.
    """
    promotions = promotion_prices or {}
    due_on = working_day_after(business_date(changed_at), terms.price_change_working_days)
    tasks = []
    for listing in listings:
        guide = new_guide_prices.get(listing.sku)
        if guide is None or listing.status is not ListingStatus.ON_SALE:
            continue
        cap = highest_price(guide, terms.markup_cap)
        promotion = promotions.get((listing.store, listing.sku))
        floor = guide if promotion is None else min(guide, promotion)
        if listing.price < floor:
            rule = "R-P2"
        elif listing.price > cap:
            rule = "R-P3"
        else:
            continue
        tasks.append(
            RepricingTask(listing.store, listing.sku, listing.price, guide, cap, rule, due_on)
        )
    return tasks
