"""The demo's source: the real 2016 Tmall cosmetics listings, read through a port that
bootstrap wires in (adapters/listings_2016.py), turned into the demo's brands and items."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol

from daiyun.domain.money import Money
from daiyun.services.demo.agency import DemoBrand, DemoItem

__all__ = ["DemoListings", "ListedItem", "demo_brands"]


class ListedItem(Protocol):
    """One item of a store over the snapshot days."""

    @property
    def store_name(self) -> str: ...
    @property
    def item_id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def regular_price(self) -> Money: ...


class DemoListings(Protocol):
    """Reads the listings file, and knows each store's brand code and name."""

    @property
    def brand_codes(self) -> Mapping[str, tuple[str, str]]: ...
    def read(self, path: Path) -> tuple[Sequence[ListedItem], list[str]]: ...


def demo_brands(listings: DemoListings, path: Path) -> tuple[list[DemoBrand], list[str]]:
    """The 22 brands of the listings file with their items; problems as readable lines."""
    items, problems = listings.read(path)
    problems = list(problems)
    by_store: dict[str, list[DemoItem]] = {}
    for item in items:
        by_store.setdefault(item.store_name, []).append(
            DemoItem(sku=item.item_id, title=item.title, guide_price=item.regular_price)
        )
    brands = []
    for store_name, brand_items in sorted(by_store.items()):
        if store_name not in listings.brand_codes:
            problems.append(f"{path.name}: store {store_name!r} has no brand code")
            continue
        code, name = listings.brand_codes[store_name]
        brands.append(DemoBrand(code, name, store_name, tuple(brand_items)))
    return brands, problems
