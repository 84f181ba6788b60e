"""/api/listings, /api/repricing-tasks, /api/price-violations, /api/ad-spend (issue 6).

Every price change — one listing or an uploaded file — goes through the listing service's one
floor-and-cap check (R-P2, R-P3); the acting user is the session's or the token's.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Query
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from daiyun.domain.calendar import Month
from daiyun.domain.money import Money
from daiyun.entrypoints.api.auth import Acting, App, Now, Uow
from daiyun.entrypoints.api.errors import ERROR_RESPONSES
from daiyun.entrypoints.api.price_schemas import (
    AdBudgetPublic,
    AdSpendCreate,
    BulkPricesPublic,
    BulkRefusedPublic,
    ListingPricePublic,
    ListingRefusalPublic,
    PriceChange,
    PriceViolationPublic,
    RepricingTaskPublic,
    StoreListingsPublic,
)
from daiyun.services.advertising.ad_spend import ad_budget_of, record_ad_spend
from daiyun.services.pricing.listing_bulk import (
    BulkPricesRefused,
    PriceRow,
    PriceRowRefusal,
    set_listing_prices,
)
from daiyun.services.pricing.listing_views import store_listings
from daiyun.services.pricing.listings import (
    open_repricing_tasks,
    price_violations,
    set_listing_price,
)

__all__ = ["router"]

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES, tags=["prices"])

StoreCode = Annotated[str, Query(min_length=1, max_length=60, description="the store's code")]
MonthText = Annotated[
    str, Query(pattern=r"^20\d\d-(0[1-9]|1[0-2])$", description="YYYY-MM", examples=["2026-11"])
]
_BULK_REFUSED: dict[int | str, dict[str, Any]] = {
    409: {"model": BulkRefusedPublic, "description": "rows refused; none applied"}
}


@router.get("/listings", response_model=StoreListingsPublic)
def listings(store: StoreCode, uow: Uow, acting: Acting, now: Now) -> StoreListingsPublic:
    """A store's SKUs with the guide price now, the cap (R-P3) and the listing price."""
    return StoreListingsPublic.of(store_listings(uow, acting, store, now))


@router.put("/listings/{store}/{sku}/price", response_model=ListingPricePublic)
def listing_price(
    store: str, sku: str, change: PriceChange, uow: Uow, acting: Acting, now: Now
) -> ListingPricePublic:
    """Set a listing's price from `at` (default now); refused below guide or above the cap."""
    done = set_listing_price(
        uow,
        store_code=store,
        sku_code=sku,
        price=Money.of_yuan(change.price),
        at=change.at or now,
        actor=acting.login,
        user=acting,
        source="api",
    )
    return ListingPricePublic.of(done)


@router.post("/listings/prices", response_model=BulkPricesPublic, responses=_BULK_REFUSED)
def listing_prices(
    file: Annotated[bytes, File(description="CSV: store,sku,price")],
    uow: Uow,
    acting: Acting,
    now: Now,
    application: App,
) -> BulkPricesPublic | JSONResponse:
    """A file of prices, all or nothing: one refused row refuses every row, listing them all."""
    rows, problems = application.price_files.read(file)
    try:
        if problems:
            raise BulkPricesRefused(
                [PriceRowRefusal(p.row, "", "", "format", p.message) for p in problems]
            )
        done = set_listing_prices(
            uow,
            [PriceRow(r.row, r.store, r.sku, r.price) for r in rows],
            at=now,
            actor=acting.login,
            user=acting,
        )
    except BulkPricesRefused as refused:
        body = BulkRefusedPublic(
            detail=str(refused),
            refusals=[ListingRefusalPublic.of(each) for each in refused.refusals],
        )
        return JSONResponse(body.model_dump(), status_code=409)
    return BulkPricesPublic(changed=[ListingPricePublic.of(each) for each in done])


@router.get("/repricing-tasks", response_model=list[RepricingTaskPublic])
def repricing_tasks(
    uow: Uow,
    acting: Acting,
    brand: Annotated[str | None, Query(max_length=40, description="only this brand")] = None,
) -> list[RepricingTaskPublic]:
    """Listings a guide-price change left out of bounds, earliest deadline first (R-P5)."""
    found = open_repricing_tasks(uow, brand_code=brand, user=acting)
    return [RepricingTaskPublic.of(task) for task in found]


@router.get("/price-violations", response_model=list[PriceViolationPublic])
def violations(
    month: MonthText,
    uow: Uow,
    acting: Acting,
    store: Annotated[str | None, Query(max_length=60)] = None,
    brand: Annotated[str | None, Query(max_length=40)] = None,
) -> list[PriceViolationPublic]:
    """Sold lines of the month below guide or above the cap with no approved promotion."""
    found = price_violations(
        uow, month=Month.parse(month), brand_code=brand, store_code=store, user=acting
    )
    return [PriceViolationPublic.of(each) for each in found]


@router.get("/ad-spend", response_model=AdBudgetPublic)
def ad_spend(store: StoreCode, month: MonthText, uow: Uow, acting: Acting) -> AdBudgetPublic:
    """The month's ad budget band (a share of sales, R-B6) against the spend entered."""
    budget = ad_budget_of(uow, store_code=store, month=Month.parse(month), user=acting)
    return AdBudgetPublic.of(store, budget)


@router.post("/ad-spend", response_model=AdBudgetPublic)
def ad_spend_record(spend: AdSpendCreate, uow: Uow, acting: Acting, now: Now) -> AdBudgetPublic:
    """The month's spend on one channel (entered again, it replaces); the budget after it."""
    try:
        budget = record_ad_spend(
            uow,
            store_code=spend.store,
            month=Month.parse(spend.month),
            channel=spend.channel,
            amount=Money.of_yuan(spend.amount),
            at=now,
            actor=acting.login,
            user=acting,
        )
    except ValueError as error:
        raise RequestValidationError(
            [{"loc": ["body"], "msg": str(error), "type": "value_error"}]
        ) from error
    return AdBudgetPublic.of(spend.store, budget)
