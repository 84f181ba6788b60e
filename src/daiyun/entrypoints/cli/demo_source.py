"""Where the demo's real listings come from, turned into the demo service's input."""

from __future__ import annotations

import os
from pathlib import Path

from daiyun.adapters.listings_2016 import BRAND_CODES, read_listings
from daiyun.services.demo import DemoBrand, DemoItem

__all__ = ["LISTINGS_FILE", "find_listings_file", "read_demo_brands"]

LISTINGS_FILE = "tmall_cosmetics_listings_2016.csv"


def find_listings_file() -> Path | None:
    """The listings file: $DAIYUN_SHARED_DATA_DIR, else ../shared/data/real beside the repo."""
    candidates: list[Path] = []
    if configured := os.environ.get("DAIYUN_SHARED_DATA_DIR"):
        candidates.append(Path(configured))
    repository = Path(__file__).resolve().parents[3]
    for base in (Path.cwd(), repository):
        candidates.append(base.parent / "shared" / "data" / "real")
    for folder in candidates:
        if (folder / LISTINGS_FILE).is_file():
            return folder / LISTINGS_FILE
    return None


def read_demo_brands(path: Path) -> tuple[list[DemoBrand], list[str]]:
    """The 22 brands of the listings file with their items; problems as readable lines."""
    items, problems = read_listings(path)
    by_store: dict[str, list[DemoItem]] = {}
    for item in items:
        by_store.setdefault(item.store_name, []).append(
            DemoItem(sku=item.item_id, title=item.title, guide_price=item.regular_price)
        )
    brands = []
    for store_name, brand_items in sorted(by_store.items()):
        if store_name not in BRAND_CODES:
            problems.append(f"{path.name}: store {store_name!r} has no brand code")
            continue
        code, name = BRAND_CODES[store_name]
        brands.append(DemoBrand(code, name, store_name, tuple(brand_items)))
    return brands, problems
