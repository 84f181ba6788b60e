"""Queries: brands, their contracts, stores and SKUs — each as far as the reader may see (R-D2)."""

from __future__ import annotations

from daiyun.domain.agency import Brand, Store, User
from daiyun.domain.contracts import ContractSpec, PlatformFeeSchedule
from daiyun.domain.orders.search import Page
from daiyun.domain.permissions import Permission
from daiyun.domain.pricing import Sku
from daiyun.services.contracts.overview import BrandOverview
from daiyun.services.errors import NotFound
from daiyun.services.scope import require_on_brand, visible_brands
from daiyun.services.unit_of_work import UnitOfWork

__all__ = [
    "brand_filter",
    "get_brand",
    "get_contract",
    "get_sku",
    "get_store",
    "list_brands",
    "list_contracts",
    "list_skus",
    "list_stores",
]

_VIEW = Permission.VIEW_BRAND


def brand_filter(acting: User, brand_code: str | None) -> tuple[str, ...] | None:
    """The brands a list may show: the one asked for (if visible), else all the reader sees."""
    if brand_code is None:
        return visible_brands(acting, _VIEW)
    require_on_brand(acting, _VIEW, brand_code, missing=f"no brand with code {brand_code!r}")
    return (brand_code,)


def list_brands(uow: UnitOfWork, acting: User) -> list[Brand]:
    """The brands the reader may see, in code order."""
    brands = visible_brands(acting, _VIEW)
    with uow:
        found = uow.brands.list_all()
    return [brand for brand in found if brands is None or brand.code in brands]


def get_brand(uow: UnitOfWork, acting: User, code: str) -> BrandOverview:
    """One brand with its contracts, stores and SKU count."""
    missing = f"no brand with code {code!r}"
    require_on_brand(acting, _VIEW, code, missing=missing)
    with uow:
        brand = uow.brands.get(code)
        if brand is None:
            raise NotFound(missing)
        contracts = tuple(c for c in uow.contracts.list_all() if c.brand_code == code)
        stores = tuple(s for s in uow.stores.list_all() if s.brand_code == code)
        sku_count = uow.catalog.count_by_brand().get(code, 0)
    return BrandOverview(brand, contracts, stores, sku_count)


def list_contracts(
    uow: UnitOfWork, acting: User, brand_code: str | None = None
) -> list[ContractSpec]:
    """Contracts of the brands the reader may see (or of one of them), in code order."""
    brands = brand_filter(acting, brand_code)
    with uow:
        found = uow.contracts.list_all()
    return sorted(
        (c for c in found if brands is None or c.brand_code in brands), key=lambda c: c.code
    )


def get_contract(
    uow: UnitOfWork, acting: User, code: str
) -> tuple[ContractSpec, tuple[PlatformFeeSchedule, ...]]:
    """One contract and its platform fee schedules."""
    missing = f"no contract with code {code!r}"
    with uow:
        contract = uow.contracts.get(code)
        if contract is None:
            raise NotFound(missing)
        require_on_brand(acting, _VIEW, contract.brand_code, missing=missing)
        return contract, uow.contracts.fee_schedules(code)


def list_stores(uow: UnitOfWork, acting: User, brand_code: str | None = None) -> list[Store]:
    """Stores of the brands the reader may see (or of one of them), in code order."""
    brands = brand_filter(acting, brand_code)
    with uow:
        found = uow.stores.list_all()
    return sorted(
        (s for s in found if brands is None or s.brand_code in brands), key=lambda s: s.code
    )


def get_store(uow: UnitOfWork, acting: User, code: str) -> Store:
    """One store."""
    missing = f"no store with code {code!r}"
    with uow:
        store = uow.stores.get(code)
    if store is None:
        raise NotFound(missing)
    require_on_brand(acting, _VIEW, store.brand_code, missing=missing)
    return store


def list_skus(uow: UnitOfWork, acting: User, brand_code: str, page: Page) -> tuple[list[Sku], int]:
    """One page of a brand's SKUs in code order, with the number of all of them."""
    require_on_brand(acting, _VIEW, brand_code, missing=f"no brand with code {brand_code!r}")
    with uow:
        if uow.brands.get(brand_code) is None:
            raise NotFound(f"no brand with code {brand_code!r}")
        skus = sorted(uow.catalog.get_many(brand_code).values(), key=lambda s: s.code)
    return skus[page.offset : page.offset + page.size], len(skus)


def get_sku(uow: UnitOfWork, acting: User, brand_code: str, sku_code: str) -> Sku:
    """One SKU of a brand, with its guide-price history (R-P1)."""
    missing = f"no SKU {sku_code!r} for brand {brand_code!r}"
    require_on_brand(acting, _VIEW, brand_code, missing=missing)
    with uow:
        sku = uow.catalog.get(brand_code, sku_code)
    if sku is None:
        raise NotFound(missing)
    return sku
