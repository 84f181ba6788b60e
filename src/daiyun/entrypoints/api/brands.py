"""/api/brands, /api/contracts, /api/stores: what the agency runs, as far as the reader sees."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from daiyun.domain.orders.search import MAX_PAGE_SIZE, Page
from daiyun.entrypoints.api.auth import Acting, Now, Uow
from daiyun.entrypoints.api.errors import ERROR_RESPONSES
from daiyun.entrypoints.api.schemas import (
    BrandDetailPublic,
    BrandPublic,
    ContractDetailPublic,
    ContractPublic,
    FeeSchedulePublic,
    PageOf,
    SkuPublic,
    StorePublic,
)
from daiyun.services.accounts.user_admin import disable_brand
from daiyun.services.contracts import brand_views

__all__ = ["router"]

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES, tags=["brands"])

PageNumber = Annotated[int, Query(ge=1, le=1_000_000, description="1-based page number")]
PageSize = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)]
BrandCode = Annotated[str | None, Query(max_length=40, description="only this brand")]


@router.get("/brands", response_model=list[BrandPublic])
def brands(uow: Uow, acting: Acting) -> list[BrandPublic]:
    """The brands you may see."""
    return [BrandPublic.of(brand) for brand in brand_views.list_brands(uow, acting)]


@router.get("/brands/{code}", response_model=BrandDetailPublic)
def brand(code: str, uow: Uow, acting: Acting) -> BrandDetailPublic:
    """A brand with its contracts, stores and SKU count."""
    found = brand_views.get_brand(uow, acting, code)
    return BrandDetailPublic(
        **BrandPublic.of(found.brand).model_dump(),
        contracts=[ContractPublic.of(contract) for contract in found.contracts],
        stores=[StorePublic.of(store) for store in found.stores],
        sku_count=found.sku_count,
    )


@router.post("/brands/{code}/disable", status_code=204)
def brand_disable(code: str, uow: Uow, acting: Acting, now: Now) -> None:
    """Lock a brand's people out: their sessions end and they can no longer log in."""
    disable_brand(uow, acting, code=code, at=now)


@router.get("/brands/{code}/skus", response_model=PageOf[SkuPublic])
def skus(
    code: str, uow: Uow, acting: Acting, page: PageNumber = 1, size: PageSize = 50
) -> PageOf[SkuPublic]:
    """A brand's SKUs with their guide-price history (R-P1), in code order."""
    found, total = brand_views.list_skus(uow, acting, code, Page(page, size))
    return PageOf[SkuPublic](
        items=[SkuPublic.of(sku) for sku in found], page=page, size=size, total=total
    )


@router.get("/brands/{code}/skus/{sku}", response_model=SkuPublic)
def sku(code: str, sku: str, uow: Uow, acting: Acting) -> SkuPublic:
    """One SKU of a brand."""
    return SkuPublic.of(brand_views.get_sku(uow, acting, code, sku))


@router.get("/contracts", response_model=list[ContractPublic])
def contracts(uow: Uow, acting: Acting, brand: BrandCode = None) -> list[ContractPublic]:
    """Contracts, in code order."""
    return [ContractPublic.of(c) for c in brand_views.list_contracts(uow, acting, brand)]


@router.get("/contracts/{code}", response_model=ContractDetailPublic)
def contract(code: str, uow: Uow, acting: Acting) -> ContractDetailPublic:
    """A contract with every term (R-C1) and its platform fee schedules."""
    found, fees = brand_views.get_contract(uow, acting, code)
    return ContractDetailPublic(
        **ContractPublic.of(found).model_dump(),
        terms=found.terms.to_texts(),
        platform_fees=[FeeSchedulePublic.of(schedule) for schedule in fees],
    )


@router.get("/stores", response_model=list[StorePublic])
def stores(uow: Uow, acting: Acting, brand: BrandCode = None) -> list[StorePublic]:
    """Stores, in code order."""
    return [StorePublic.of(s) for s in brand_views.list_stores(uow, acting, brand)]


@router.get("/stores/{code}", response_model=StorePublic)
def store(code: str, uow: Uow, acting: Acting) -> StorePublic:
    """One store."""
    return StorePublic.of(brand_views.get_store(uow, acting, code))
