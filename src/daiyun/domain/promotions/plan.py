"""A promotion plan (R-P4): versions, a status machine, and what it allows once approved."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType

from daiyun.domain.calendar import Period
from daiyun.domain.contracts import Party
from daiyun.domain.money import Money, Rate, round_half_up_to_fen

__all__ = [
    "ALLOWED_NEXT",
    "IllegalPromotionMove",
    "PromotionPlan",
    "PromotionStatus",
    "PromotionTerms",
]


class IllegalPromotionMove(ValueError):
    """A move the plan's status does not allow, e.g. approving a draft."""


class PromotionStatus(StrEnum):
    """Where a plan stands; only an approved plan allows anything (R-P4, R-C7)."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"


# Editing is allowed from every status and makes a new draft version (R-C7: an approval
# covers exactly the version approved).
ALLOWED_NEXT: Mapping[PromotionStatus, frozenset[PromotionStatus]] = MappingProxyType(
    {
        PromotionStatus.DRAFT: frozenset({PromotionStatus.SUBMITTED}),
        PromotionStatus.SUBMITTED: frozenset({PromotionStatus.APPROVED, PromotionStatus.REJECTED}),
        PromotionStatus.APPROVED: frozenset(),
        PromotionStatus.REJECTED: frozenset(),
    }
)


@dataclass(frozen=True, slots=True)
class PromotionTerms:
    """What the brand approves: stores, SKUs with prices or one discount, window, budget, funder."""

    name: str
    stores: frozenset[str]
    window: Period  # Beijing-time edges, half-open [start, end)
    budget: Money
    funded_by: Party  # who bears the price cut; brand-funded sales settle at it (R-S2)
    prices: Mapping[str, Money] = field(default_factory=dict)  # SKU → promotion price
    discount: Rate | None = None  # or: every listed SKU at guide × (1 − discount)
    skus: frozenset[str] = frozenset()  # the SKUs a discount applies to

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("a promotion needs a name")
        if not self.stores:
            raise ValueError("a promotion needs at least one store")
        if bool(self.prices) == (self.discount is not None):
            raise ValueError("a promotion gives either SKU prices or one discount, not both")
        if self.discount is not None and not (0 < self.discount.value < 1):
            raise ValueError(
                f"a discount is between 0% and 100%, not {self.discount.percent_text()}"
            )
        if self.discount is not None and not self.skus:
            raise ValueError("a discount names the SKUs it applies to")
        if any(price.fen <= 0 for price in self.prices.values()):
            raise ValueError("a promotion price must be above zero")
        if self.budget.is_negative:
            raise ValueError("a budget cannot be negative")

    def covered_skus(self) -> frozenset[str]:
        """The SKUs the plan prices."""
        return frozenset(self.prices) if self.prices else self.skus

    def price_for(self, sku: str, guide_price: Money) -> Money | None:
        """The promotion price of `sku`; a discount rounds half-up to the fen once."""
        if sku in self.prices:
            return self.prices[sku]
        if self.discount is not None and sku in self.skus:
            keep = Rate.of(1 - self.discount.value)
            return round_half_up_to_fen(keep.apply(guide_price))
        return None

    def document(self) -> dict[str, object]:
        """The terms as plain JSON values in a canonical order (money in fen)."""
        return {
            "name": self.name,
            "stores": sorted(self.stores),
            "window": [self.window.start.isoformat(), self.window.end.isoformat()],
            "budget": self.budget.fen,
            "funded_by": self.funded_by.value,
            "prices": {sku: price.fen for sku, price in sorted(self.prices.items())},
            "discount": None if self.discount is None else self.discount.text(),
            "skus": sorted(self.skus),
        }

    def canonical_json(self) -> str:
        """The document as compact, sorted JSON: what is stored and what is fingerprinted."""
        return json.dumps(
            self.document(), ensure_ascii=False, sort_keys=True, separators=(",", ":")
        )

    def fingerprint(self) -> str:
        """SHA-256 of the canonical terms: what exactly an approval covers (R-C7)."""
        return hashlib.sha256(self.canonical_json().encode()).hexdigest()

    @classmethod
    def from_json(cls, text: str) -> PromotionTerms:
        """Terms back from their canonical JSON."""
        document = json.loads(text)
        start, end = (datetime.fromisoformat(moment) for moment in document["window"])
        discount = document["discount"]
        return cls(
            name=document["name"],
            stores=frozenset(document["stores"]),
            window=Period(start, end),
            budget=Money(document["budget"]),
            funded_by=Party(document["funded_by"]),
            prices={sku: Money(fen) for sku, fen in document["prices"].items()},
            discount=None if discount is None else Rate.of(discount),
            skus=frozenset(document["skus"]),
        )


@dataclass(frozen=True, slots=True)
class PromotionPlan:
    """One version of a plan; an edit makes the next version, back in draft."""

    code: str
    brand: str
    version: int
    terms: PromotionTerms
    status: PromotionStatus = PromotionStatus.DRAFT

    def change_status(self, new: PromotionStatus) -> PromotionPlan:
        """The plan in `new` status, or IllegalPromotionMove naming both statuses."""
        if new not in ALLOWED_NEXT[self.status]:
            raise IllegalPromotionMove(
                f"promotion {self.code} version {self.version} is {self.status.value}:"
                f" it cannot become {new.value}"
            )
        return replace(self, status=new)

    def edited(self, terms: PromotionTerms) -> PromotionPlan:
        """R-C7: new terms are a new version that needs its own approval."""
        return PromotionPlan(self.code, self.brand, self.version + 1, terms)

    def allows(self, store: str, sku: str, at: datetime) -> bool:
        """True when this approved version covers the store and SKU at `at` (R-P4)."""
        return (
            self.status is PromotionStatus.APPROVED
            and store in self.terms.stores
            and sku in self.terms.covered_skus()
            and self.terms.window.contains(at)
        )
