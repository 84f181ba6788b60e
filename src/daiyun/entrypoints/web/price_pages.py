"""Pages: a store's listings with the price form, repricing tasks, price violations, ad spend.

A refused price is shown inline on the listing page, naming the rule, the guide price, the cap
and the attempted price; nothing was changed (R-P2, R-P3).
"""

from __future__ import annotations

from contextlib import suppress
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from daiyun.domain.calendar import SHANGHAI, Month
from daiyun.domain.money import InvalidAmount, Money
from daiyun.entrypoints.api.auth import Now, Principal, Uow, current_principal, daiyun_of
from daiyun.entrypoints.api.schemas import NO_NUL
from daiyun.entrypoints.api.uploads import read_small_upload
from daiyun.entrypoints.web.money_field import FieldError, FieldErrors, FormCheck
from daiyun.entrypoints.web.price_texts import PRICE_TEXTS
from daiyun.entrypoints.web.rendering import done, render
from daiyun.services.advertising.ad_spend import ad_budget_of, record_ad_spend
from daiyun.services.contracts import brand_views
from daiyun.services.errors import NotFound, Refused
from daiyun.services.pricing.listing_bulk import (
    BulkPricesRefused,
    PriceRow,
    PriceRowRefusal,
    set_listing_prices,
)
from daiyun.services.pricing.listing_views import list_price_stores, store_listings
from daiyun.services.pricing.listings import (
    open_repricing_tasks,
    price_violations,
    set_listing_price,
)

__all__ = ["beijing_input", "router"]

router = APIRouter(include_in_schema=False)
Signed = Annotated[Principal, Depends(current_principal)]


def beijing_input(text: str) -> datetime | None:
    """A datetime-local field's value as a Beijing moment; None when empty or unreadable."""
    with suppress(ValueError):
        moment = datetime.fromisoformat(text.strip()) if text.strip() else None
        if moment is not None and 2000 <= moment.year <= 2099:
            return moment if moment.tzinfo else moment.replace(tzinfo=SHANGHAI)
    return None


def _month(text: str | None, now: datetime) -> Month:
    with suppress(ValueError):
        return Month.parse(text or "")
    return Month.containing(now)


@router.get("/listings", response_class=HTMLResponse)
def stores(
    request: Request,
    principal: Signed,
    uow: Uow,
    brand: Annotated[str, Query(max_length=60)] = "",
) -> HTMLResponse:
    found = list_price_stores(uow, principal.user)
    brands = brand_views.list_brands(uow, principal.user)
    chosen = brand if brand in {b.code for b in brands} else ""
    context = {
        "stores": [s for s in found if not chosen or s.brand_code == chosen],
        "brands": brands if len(brands) > 1 else [],
        "brand_names": {b.code: b.name for b in brands},
        "brand": chosen,
    }
    return render(request, "listing_stores.html", principal, context)


def _listing_page(
    request: Request,
    principal: Principal,
    uow: Uow,
    store: str,
    now: datetime,
    extra: dict[str, Any],
    status_code: int = 200,
) -> HTMLResponse:
    found = store_listings(uow, principal.user, store, now)
    context = {
        "found": found, "message": None, "refusals": (), "form": {}, "errors": {}, **extra,
    }  # fmt: skip
    return render(request, "listings.html", principal, context, status_code=status_code)


@router.get("/listings/{store}", response_class=HTMLResponse)
def listings(
    request: Request, store: str, principal: Signed, uow: Uow, now: Now, changed: str = ""
) -> HTMLResponse:
    return _listing_page(request, principal, uow, store, now, {"changed": changed[:60]})


def _sku_of(typed: str) -> str:
    """The code of a picked SKU: the picker's option may bring "code — name — price"."""
    return typed.strip().split("—", 1)[0].split(" ", 1)[0].strip()


@router.post("/listings/{store}")
def listing_price(
    request: Request,
    store: str,
    principal: Signed,
    uow: Uow,
    now: Now,
    sku: Annotated[str, Form(max_length=200, pattern=NO_NUL)] = "",
    price: Annotated[str, Form(max_length=20, pattern=NO_NUL)] = "",
    effective_at: Annotated[str, Form(max_length=40, pattern=NO_NUL)] = "",
) -> Response:
    form = {"sku": sku, "price": price, "effective_at": effective_at}
    found = store_listings(uow, principal.user, store, now)  # R-D2: NotFound before anything
    check = FormCheck()
    code = _sku_of(sku)
    if code not in {row.sku for row in found.rows}:
        check.refuse("sku", PRICE_TEXTS["error_unknown_sku"], code or "—")
    amount = check.money(price, "price", PRICE_TEXTS["price"], positive=True)
    at = beijing_input(effective_at) if effective_at.strip() else now
    if at is None:
        check.refuse("effective_at", PRICE_TEXTS["error_effective_at"], effective_at.strip())
    try:
        check.done()
        assert amount is not None and at is not None
        set_listing_price(
            uow, store_code=store, sku_code=code, price=amount, at=at,
            actor=principal.user.login, user=principal.user, source="web",
        )  # fmt: skip
    except FieldErrors as wrong:
        extra = {"errors": wrong.by_field(), "form": form}
        return _listing_page(request, principal, uow, store, now, extra, status_code=422)
    except (Refused, NotFound, InvalidAmount) as refused:
        extra = {"message": str(refused), "form": form}
        return _listing_page(request, principal, uow, store, now, extra, status_code=409)
    return done(f"/listings/{store}?changed={code}", "price_set", code, amount.display())


@router.post("/listings/{store}/upload")
def listing_upload(
    request: Request,
    store: str,
    principal: Signed,
    uow: Uow,
    now: Now,
    file: Annotated[UploadFile, File()],
) -> Response:
    reader = daiyun_of(request).price_files
    rows, problems = reader.read(read_small_upload(file, "price"))
    try:
        if problems:
            raise BulkPricesRefused(
                [PriceRowRefusal(p.row, "", "", "format", p.message) for p in problems]
            )
        set_listing_prices(
            uow,
            [PriceRow(r.row, r.store, r.sku, r.price) for r in rows],
            at=now,
            actor=principal.user.login,
            user=principal.user,
        )
    except BulkPricesRefused as refused:
        extra = {"message": str(refused), "refusals": refused.refusals}
        return _listing_page(request, principal, uow, store, now, extra, status_code=409)
    return RedirectResponse(f"/listings/{store}?changed={len(rows)}", status_code=303)


@router.get("/repricing-tasks", response_class=HTMLResponse)
def repricing_tasks(request: Request, principal: Signed, uow: Uow) -> HTMLResponse:
    tasks = open_repricing_tasks(uow, user=principal.user)
    return render(request, "repricing_tasks.html", principal, {"tasks": tasks})


@router.get("/price-violations", response_class=HTMLResponse)
def violations(
    request: Request,
    principal: Signed,
    uow: Uow,
    now: Now,
    month: str | None = None,
    store: str | None = None,
) -> HTMLResponse:
    chosen = _month(month, now)
    found = price_violations(uow, month=chosen, store_code=store or None, user=principal.user)
    stores = list_price_stores(uow, principal.user)
    context = {
        "violations": found,
        "month": chosen,
        "store": store or "",
        "stores": stores,
        "store_names": {s.code: s.name for s in stores},
        "total_gap": Money.total(v.gap for v in found),
    }
    return render(request, "price_violations.html", principal, context)


def _ad_spend_page(
    request: Request,
    principal: Principal,
    uow: Uow,
    store: str | None,
    month: Month,
    message: str | None = None,
    status_code: int = 200,
    *,
    errors: dict[str, FieldError] | None = None,
    form: dict[str, str] | None = None,
) -> HTMLResponse:
    stores = list_price_stores(uow, principal.user)
    chosen = store or (stores[0].code if stores else None)
    budget = None
    if chosen is not None:
        budget = ad_budget_of(uow, store_code=chosen, month=month, user=principal.user)
    names = {s.code: s.name for s in stores}
    context = {
        "stores": stores, "store": chosen, "store_name": names.get(chosen or "", ""),
        "month": month, "budget": budget, "message": message, "errors": errors or {},
        "form": form or {},
    }  # fmt: skip
    return render(request, "ad_spend.html", principal, context, status_code=status_code)


@router.get("/ad-spend", response_class=HTMLResponse)
def ad_spend(
    request: Request,
    principal: Signed,
    uow: Uow,
    now: Now,
    store: str | None = None,
    month: str | None = None,
) -> HTMLResponse:
    return _ad_spend_page(request, principal, uow, store or None, _month(month, now))


@router.post("/ad-spend")
def ad_spend_record(
    request: Request,
    principal: Signed,
    uow: Uow,
    now: Now,
    store: Annotated[str, Form(max_length=60, pattern=NO_NUL)],
    month: Annotated[str, Form(max_length=7, pattern=NO_NUL)],
    channel: Annotated[str, Form(max_length=40)] = "",
    amount: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    chosen = _month(month, now)
    check = FormCheck()
    if not channel.strip():
        check.refuse("channel", PRICE_TEXTS["error_channel"])
    money = check.money(amount, "amount", PRICE_TEXTS["ad_amount"])
    try:
        check.done()
        assert money is not None
        record_ad_spend(
            uow, store_code=store, month=chosen, channel=channel.strip(), amount=money,
            at=now, actor=principal.user.login, user=principal.user,
        )  # fmt: skip
    except FieldErrors as wrong:
        form = {"channel": channel, "amount": amount}
        return _ad_spend_page(request, principal, uow, store, chosen, None, 422,
                              errors=wrong.by_field(), form=form)  # fmt: skip
    except (Refused, ValueError) as refused:
        form = {"channel": channel, "amount": amount}
        return _ad_spend_page(request, principal, uow, store, chosen, str(refused), 409, form=form)
    return done(f"/ad-spend?store={store}&month={chosen}", "ad_spend_recorded", store, chosen,
                money.display(), channel.strip())  # fmt: skip
