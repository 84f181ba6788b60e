"""Queries: a store's listings against their guide prices and caps, as far as the reader sees."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from daiyun.domain.agency import Store, User
from daiyun.domain.money import Money, Rate
from daiyun.domain.permissions import Permission
from daiyun.domain.pricing import ListingStatus, highest_price
from daiyun.services.errors import NotFound
from daiyun.services.scope import require_on_brand, visible_brands
from daiyun.services.unit_of_work import UnitOfWork

__all__ = ["ListingRow", "StoreListings", "list_price_stores", "store_listings"]


@dataclass(frozen=True, slots=True)
class ListingRow:
    """A SKU of the store's brand: its guide price now, the cap, and the listing, if any."""

    sku: str
    name: str
    guide_price: Money | None
    highest_price: Money | None  # R-P3: guide × (1 + cap), down to the fen
    price: Money | None  # None: not listed yet
    status: ListingStatus | None


@dataclass(frozen=True, slots=True)
class StoreListings:
    """A store, its contract's markup cap and every SKU of its brand with the listing."""

    store: Store
    markup_cap: Rate
    rows: tuple[ListingRow, ...]


def store_listings(uow: UnitOfWork, acting: User, store_code: str, at: datetime) -> StoreListings:
    """The store's SKUs in code order, priced as at `at` (R-P1, R-P2, R-P3)."""
    missing = f"no store with code {store_code!r}"
    with uow:
        store = uow.stores.get(store_code)
        if store is None:
            raise NotFound(missing)
        require_on_brand(acting, Permission.VIEW_BRAND, store.brand_code, missing=missing)
        contract = uow.contracts.get(store.contract_code)
        if contract is None:
            raise NotFound(f"no contract {store.contract_code!r} for store {store.code}")
        cap = contract.terms.markup_cap
        listed = {
            offer.sku: offer for offer in uow.listings.of_brand(store.brand_code)
            if offer.store == store.code
        }  # fmt: skip
        rows = []
        for code, sku in sorted(uow.catalog.get_many(store.brand_code).items()):
            guide = sku.guide_price_at(at)
            offer = listed.get(code)
            rows.append(
                ListingRow(
                    code,
                    sku.name,
                    guide,
                    None if guide is None else highest_price(guide, cap),
                    None if offer is None else offer.price,
                    None if offer is None else offer.status,
                )
            )
    return StoreListings(store, cap, tuple(rows))


def list_price_stores(uow: UnitOfWork, acting: User) -> list[Store]:
    """The stores whose listings the reader may see, in code order."""
    brands = visible_brands(acting, Permission.VIEW_BRAND)
    with uow:
        stores = uow.stores.list_all()
    return sorted(
        (s for s in stores if brands is None or s.brand_code in brands), key=lambda s: s.code
    )
