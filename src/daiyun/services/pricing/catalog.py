"""Use case: import a brand's SKUs and guide prices (R-P1) from catalogue entries."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from daiyun.domain.agency import AuditEntry
from daiyun.domain.catalog import CatalogEntry
from daiyun.domain.money import Money
from daiyun.domain.pricing import GuidePrice, GuidePriceConflict, Sku
from daiyun.services.errors import NotFound, Refused
from daiyun.services.pricing.listings import raise_repricing_tasks
from daiyun.services.unit_of_work import UnitOfWork

__all__ = ["CatalogImportOutcome", "apply_catalog", "import_catalog"]


@dataclass(frozen=True)
class CatalogImportOutcome:
    """What a catalogue import changed."""

    brand: str
    skus_added: int
    skus_updated: int
    guide_prices_added: int
    unchanged: int
    repricing_tasks: int = 0  # R-P5: listings the new guide prices put out of bounds


def import_catalog(
    uow: UnitOfWork,
    *,
    brand_code: str,
    entries: Sequence[CatalogEntry],
    at: datetime,
    actor: str,
) -> CatalogImportOutcome:
    """Add new SKUs, update names and categories, add new guide prices; all or nothing."""
    with uow:
        outcome = apply_catalog(uow, brand_code=brand_code, entries=entries, at=at, actor=actor)
        uow.commit()
    return outcome


def apply_catalog(
    uow: UnitOfWork,
    *,
    brand_code: str,
    entries: Sequence[CatalogEntry],
    at: datetime,
    actor: str,
) -> CatalogImportOutcome:
    """The catalogue import inside an open unit of work (the caller commits)."""
    if uow.brands.get(brand_code) is None:
        raise NotFound(f"no brand with code {brand_code!r}")
    known = uow.catalog.get_many(brand_code)
    added = updated = prices = unchanged = 0
    categories_changed = False
    new_guide_prices: dict[str, tuple[Money, datetime]] = {}
    for entry in entries:
        price = GuidePrice(entry.effective_from or at, entry.guide_price)
        current = known.get(entry.sku)
        if current is None:
            known[entry.sku] = _new_sku(brand_code, entry, price)
            uow.catalog.add(known[entry.sku], at)
            added += 1
            continue
        details_changed = _details_changed(current, entry)
        if details_changed:
            uow.catalog.update_details(_with_details(current, entry))
            categories_changed |= entry.category != current.category
        price_added = _add_guide_price(uow, current, price, at, actor)
        if price_added:
            new_guide_prices[entry.sku] = (price.price, price.effective_from)
        known[entry.sku] = _with_details(current, entry, price if price_added else None)
        updated += details_changed or price_added
        prices += price_added
        unchanged += not (details_changed or price_added)
    if added or updated:
        uow.audit.record(
            AuditEntry(
                at=at,
                actor=actor,
                action="catalog.import",
                entity="brand",
                entity_key=brand_code,
                brand_code=brand_code,
                after=json.dumps(
                    {"skus_added": added, "skus_updated": updated, "guide_prices_added": prices}
                ),
            )
        )
    # The reports' sums by category follow a SKU moved to another one. (A new SKU has no sales
    # yet: a line of a SKU the catalogue does not know is never stored.)
    if categories_changed:
        uow.orders.roll_up_categories(brand_code)
    tasks = raise_repricing_tasks(uow, brand_code, new_guide_prices, at)
    return CatalogImportOutcome(brand_code, added, updated, prices, unchanged, tasks)


def _add_guide_price(
    uow: UnitOfWork, current: Sku, price: GuidePrice, at: datetime, actor: str
) -> bool:
    try:
        if not current.is_new_guide_price(price):
            return False
    except GuidePriceConflict as conflict:
        raise Refused(str(conflict)) from conflict
    before = current.guide_price_at(price.effective_from)
    uow.catalog.add_guide_price(current.brand_code, current.code, price, at)
    # R-D3: a guide-price change is a price change, recorded with before and after.
    uow.audit.record(
        AuditEntry(
            at=at,
            actor=actor,
            action="guide_price.add",
            entity="sku",
            entity_key=f"{current.brand_code}/{current.code}",
            brand_code=current.brand_code,
            before=None if before is None else json.dumps({"guide_price": before.yuan_text()}),
            after=json.dumps(
                {
                    "guide_price": price.price.yuan_text(),
                    "effective_from": price.effective_from.isoformat(),
                }
            ),
        )
    )
    return True


def _new_sku(brand_code: str, entry: CatalogEntry, price: GuidePrice) -> Sku:
    return Sku(
        brand_code=brand_code,
        code=entry.sku,
        name=entry.name,
        category=entry.category,
        fulfilment=entry.fulfilment.value,
        guide_prices=(price,),
    )


def _details_changed(current: Sku, entry: CatalogEntry) -> bool:
    return (current.name, current.category, current.fulfilment) != (
        entry.name,
        entry.category,
        entry.fulfilment.value,
    )


def _with_details(current: Sku, entry: CatalogEntry, price: GuidePrice | None = None) -> Sku:
    history = current.guide_prices + ((price,) if price is not None else ())
    return Sku(
        brand_code=current.brand_code,
        code=current.code,
        name=entry.name,
        category=entry.category,
        fulfilment=entry.fulfilment.value,
        guide_prices=history,
    )
