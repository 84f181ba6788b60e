"""Use cases: the brand edits its guide prices in the portal (R-P1, R-P5), checked per user."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from daiyun.domain.agency import User
from daiyun.domain.catalog import CatalogEntry
from daiyun.domain.money import Money
from daiyun.domain.permissions import Permission, can
from daiyun.services.errors import NotFound
from daiyun.services.pricing.catalog import CatalogImportOutcome, import_catalog
from daiyun.services.scope import require_on_brand
from daiyun.services.unit_of_work import UnitOfWork

__all__ = [
    "GuidePriceRow",
    "GuidePrices",
    "brand_guide_prices",
    "edit_guide_prices",
    "require_guide_price_editor",
]


@dataclass(frozen=True)
class GuidePriceRow:
    """One SKU of the brand with the guide price in force now."""

    sku: str
    name: str
    category: str
    guide_price: Money | None


@dataclass(frozen=True)
class GuidePrices:
    """A brand's SKUs and guide prices, and whether the reader may change them."""

    brand: str
    rows: tuple[GuidePriceRow, ...]
    editable: bool


def _missing(brand_code: str) -> str:
    return f"no brand with code {brand_code!r}"


def require_guide_price_editor(user: User, brand_code: str) -> None:
    """Refuse unless `user` may edit the brand's guide prices: its admin, or the agency's."""
    require_on_brand(user, Permission.EDIT_GUIDE_PRICES, brand_code, missing=_missing(brand_code))


def brand_guide_prices(uow: UnitOfWork, user: User, brand_code: str, at: datetime) -> GuidePrices:
    """The brand's SKUs in code order with the guide price in force at `at`."""
    require_on_brand(user, Permission.VIEW_BRAND, brand_code, missing=_missing(brand_code))
    with uow:
        if uow.brands.get(brand_code) is None:
            raise NotFound(_missing(brand_code))
        skus = sorted(uow.catalog.get_many(brand_code).values(), key=lambda sku: sku.code)
    rows = tuple(
        GuidePriceRow(sku.code, sku.name, sku.category, sku.guide_price_at(at)) for sku in skus
    )
    editable = can(user, Permission.EDIT_GUIDE_PRICES, brand_code)
    return GuidePrices(brand_code, rows, editable)


def edit_guide_prices(
    uow: UnitOfWork,
    user: User,
    *,
    brand_code: str,
    entries: Sequence[CatalogEntry],
    at: datetime,
) -> CatalogImportOutcome:
    """The brand's admin (or the agency's) imports SKUs and guide prices; all or nothing.

    R-P5: each listing a new guide price puts out of bounds gets a repricing task.
    """
    require_guide_price_editor(user, brand_code)
    return import_catalog(uow, brand_code=brand_code, entries=entries, at=at, actor=user.login)
