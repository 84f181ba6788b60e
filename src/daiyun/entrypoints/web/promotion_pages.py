"""Pages: promotions — the operator drafts, edits and submits; the brand's admin answers in writing.

The brand portal's page of a plan shows the exact version's terms and fingerprint, and after
an answer the written record: who, when, which version and fingerprint (R-C7).
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from itertools import zip_longest
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, Response

from daiyun.domain.agency import Role
from daiyun.domain.calendar import SHANGHAI, Period
from daiyun.domain.contracts import Party
from daiyun.domain.money import InvalidRate, Money, Rate
from daiyun.domain.promotions import PromotionStatus, PromotionTerms
from daiyun.entrypoints.api.auth import Now, Principal, Uow, current_principal
from daiyun.entrypoints.web.money_field import FieldError, FieldErrors, FormCheck, half_width
from daiyun.entrypoints.web.price_pages import beijing_input
from daiyun.entrypoints.web.price_texts import PRICE_TEXTS
from daiyun.entrypoints.web.rendering import done, render
from daiyun.services.contracts import brand_views
from daiyun.services.errors import NotFound, Refused
from daiyun.services.pricing.guide_prices import brand_guide_prices
from daiyun.services.promotions.plans import (
    approve_promotion,
    draft_promotion,
    reject_promotion,
    submit_promotion,
)
from daiyun.services.promotions.views import get_promotion, list_promotions, review_promotion

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
Signed = Annotated[Principal, Depends(current_principal)]
_OPERATORS = frozenset({Role.ADMIN, Role.PROJECT_MANAGER, Role.STORE_OPERATIONS})
Field = Annotated[str, Form(max_length=4000)]


@router.get("/promotions", response_class=HTMLResponse)
def promotions(
    request: Request,
    principal: Signed,
    uow: Uow,
    brand: Annotated[str, Query(max_length=60)] = "",
    status: Annotated[str, Query(max_length=20)] = "",
) -> HTMLResponse:
    brands = brand_views.list_brands(uow, principal.user)
    chosen = brand if brand in {b.code for b in brands} else ""
    status = status if status in {s.value for s in PromotionStatus} else ""
    found = list_promotions(uow, principal.user, chosen or None)
    names = {b.code: b.name for b in brands}
    context = {
        "plans": [plan for plan in found if not status or plan.status.value == status],
        "can_draft": principal.user.role in _OPERATORS,
        "brands": brands if len(brands) > 1 else [],
        "brand_names": names,
        "brand": chosen,
        "status": status,
        "statuses": list(PromotionStatus),
    }
    return render(request, "promotions.html", principal, context)


def _form_of(terms: PromotionTerms, code: str) -> dict[str, Any]:
    def local(moment: Any) -> str:
        return str(moment.astimezone(SHANGHAI).strftime("%Y-%m-%dT%H:%M"))

    return {
        "code": code,
        "name": terms.name,
        "stores": sorted(terms.stores),
        "lines": [(sku, p.yuan_text()) for sku, p in sorted(terms.prices.items())],
        "discount": "" if terms.discount is None else terms.discount.percent_text(),
        "discount_skus": sorted(terms.skus),
        "start": local(terms.window.start),
        "end": local(terms.window.end),
        "budget": terms.budget.yuan_text(),
        "funded_by": terms.funded_by.value,
    }


def _form_page(
    request: Request,
    principal: Principal,
    uow: Uow,
    brand: str,
    form: dict[str, Any],
    now: datetime,
    *,
    editing: str = "",
    errors: dict[str, FieldError] | None = None,
    message: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    stores = brand_views.list_stores(uow, principal.user, brand)
    catalogue = brand_guide_prices(uow, principal.user, brand, now)
    filled = [line for line in form.get("lines", []) if any(line)]
    skus = [sku for sku in form.get("discount_skus", []) if sku]
    context = {
        "brand": brand,
        "form": form,
        "lines": filled + [("", "")] * max(1, 3 - len(filled)),
        "discount_skus": skus + [""] * max(1, 3 - len(skus)),
        "stores": stores,
        "catalogue": catalogue.rows,
        "editing": editing,
        "errors": errors or {},
        "message": message,
    }
    return render(request, "promotion_form.html", principal, context, status_code=status_code)


@router.get("/promotions/new", response_class=HTMLResponse)
def promotion_new(
    request: Request, principal: Signed, uow: Uow, now: Now, brand: str = ""
) -> HTMLResponse:
    if not brand:
        brands = brand_views.list_brands(uow, principal.user)
        return render(request, "promotion_brands.html", principal, {"brands": brands})
    stores = brand_views.list_stores(uow, principal.user, brand)
    form = {"funded_by": "brand", "stores": [stores[0].code] if len(stores) == 1 else []}
    return _form_page(request, principal, uow, brand, form, now)


@router.get("/promotions/{brand}/{code}/edit", response_class=HTMLResponse)
def promotion_edit(
    request: Request, brand: str, code: str, principal: Signed, uow: Uow, now: Now
) -> HTMLResponse:
    found = get_promotion(uow, principal.user, brand, code)
    form = _form_of(found.plan.terms, code)
    return _form_page(request, principal, uow, brand, form, now, editing=code)


_CODE = re.compile(r"[A-Za-z0-9_.\-]{1,60}")
T = PRICE_TEXTS


def _sku_of(typed: str) -> str:
    """The code of a picked SKU: the picker's option is "code — name — price"."""
    return typed.strip().split("—", 1)[0].split(" ", 1)[0].strip()


def _read_terms(form: dict[str, Any], skus: set[str], stores: set[str]) -> PromotionTerms:
    """The form's terms, or FieldErrors with every field's problem at once."""
    check = FormCheck()
    if not _CODE.fullmatch(form["code"].strip()):
        check.refuse("code", T["error_code"])
    if not form["name"].strip():
        check.refuse("name", T["error_required"], T["name"][0], T["name"][1])
    if not form["stores"]:
        check.refuse("stores", T["error_no_store"])
    for store in form["stores"]:
        if store not in stores:
            check.refuse("stores", T["error_unknown_store"], store)
    prices: dict[str, Money] = {}
    for index, (typed_sku, typed_price) in enumerate(form["lines"]):
        sku, field = _sku_of(typed_sku), f"line-{index}"
        if not sku and not typed_price.strip():
            continue
        if not sku:
            check.refuse(field, T["error_line_without_sku"], typed_price.strip())
            continue
        if sku not in skus:
            check.refuse(field, T["error_unknown_sku"], sku)
            continue
        if sku in prices:
            check.refuse(field, T["error_sku_twice"], sku)
            continue
        price = check.money(typed_price, field, (f"{sku} {T['promotion_price'][0]}",
                                                  f"{sku} {T['promotion_price'][1]}"),
                            positive=True)  # fmt: skip
        if price is not None:
            prices[sku] = price
    discount: Rate | None = None
    typed_discount = half_width(form["discount"].strip())
    if typed_discount:
        try:
            discount = Rate.of(typed_discount if typed_discount.endswith("%") else
                               f"{typed_discount}%")  # fmt: skip
        except InvalidRate:
            discount = None
        if discount is None or not Decimal(0) < discount.value < Decimal(1):
            check.refuse("discount", T["error_discount"], form["discount"].strip())
            discount = None
    discount_skus = [_sku_of(sku) for sku in form["discount_skus"] if _sku_of(sku)]
    for sku in discount_skus:
        if sku not in skus:
            check.refuse("discount_skus", T["error_unknown_sku"], sku)
    if typed_discount and not discount_skus:
        check.refuse("discount_skus", T["error_discount_skus"])
    has_lines = any(any(part.strip() for part in line) for line in form["lines"])
    if has_lines and typed_discount:
        check.refuse("discount", T["error_prices_and_discount"])
    if not has_lines and not typed_discount:
        check.refuse("lines", T["error_no_prices"])
    start, end = beijing_input(form["start"]), beijing_input(form["end"])
    if start is None:
        check.refuse("start", T["error_moment"], T["start"][0], T["start"][1])
    if end is None:
        check.refuse("end", T["error_moment"], T["end"][0], T["end"][1])
    if start is not None and end is not None and end <= start:
        check.refuse("end", T["error_end_before_start"])
    budget = check.money(form["budget"], "budget", T["budget"])
    if form["funded_by"] not in {party.value for party in Party}:
        check.refuse("funded_by", T["error_funded_by"])
    check.done()
    assert start is not None and end is not None and budget is not None
    return PromotionTerms(
        name=form["name"].strip(),
        stores=frozenset(form["stores"]),
        window=Period(start, end),
        budget=budget,
        funded_by=Party(form["funded_by"]),
        prices=prices,
        discount=discount,
        skus=frozenset(discount_skus) if discount is not None else frozenset(),
    )


Many = Annotated[list[str], Form(max_length=500)]


@router.post("/promotions/{brand}")
def promotion_draft(
    request: Request,
    brand: str,
    principal: Signed,
    uow: Uow,
    now: Now,
    code: Field = "",
    name: Field = "",
    start: Field = "",
    end: Field = "",
    budget: Field = "",
    funded_by: Field = "brand",
    discount: Field = "",
    editing: Field = "",
    stores: Many = [],  # noqa: B006 — FastAPI copies a default list per request
    line_sku: Many = [],  # noqa: B006
    line_price: Many = [],  # noqa: B006
    discount_sku: Many = [],  # noqa: B006
) -> Response:
    # R-D2: another brand's form does not exist for this reader (NotFound, before anything).
    catalogue = brand_guide_prices(uow, principal.user, brand, now)
    brand_stores = brand_views.list_stores(uow, principal.user, brand)
    lines = list(zip_longest(line_sku, line_price, fillvalue=""))
    form: dict[str, Any] = {
        "code": code.strip(), "name": name, "stores": [s.strip() for s in stores if s.strip()],
        "lines": [(sku[:100], price[:40]) for sku, price in lines], "discount": discount,
        "discount_skus": [s[:100] for s in discount_sku], "start": start, "end": end,
        "budget": budget, "funded_by": funded_by,
    }  # fmt: skip
    editing = editing.strip()
    if editing:
        form["code"] = editing  # an edit makes the next version of that very plan (R-C7)
    try:
        terms = _read_terms(
            form, {row.sku for row in catalogue.rows}, {s.code for s in brand_stores}
        )
        plan = draft_promotion(
            uow, brand_code=brand, code=form["code"], terms=terms, by=principal.user.login,
            at=now,
        )  # fmt: skip
    except FieldErrors as wrong:
        return _form_page(request, principal, uow, brand, form, now, editing=editing,
                          errors=wrong.by_field(), status_code=422)  # fmt: skip
    except (ValueError, Refused, NotFound) as error:
        return _form_page(request, principal, uow, brand, form, now, editing=editing,
                          message=str(error), status_code=409)  # fmt: skip
    return done(f"/promotions/{brand}/{plan.code}", "promotion_saved", plan.code, plan.version)


@router.get("/promotions/{brand}/{code}", response_class=HTMLResponse)
def promotion(
    request: Request,
    brand: str,
    code: str,
    principal: Signed,
    uow: Uow,
    version: Annotated[int | None, Query(ge=1, le=1_000_000)] = None,
) -> HTMLResponse:
    return _promotion_page(request, principal, uow, brand, code, version)


def _promotion_page(
    request: Request,
    principal: Principal,
    uow: Uow,
    brand: str,
    code: str,
    version: int | None,
    message: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    found = get_promotion(uow, principal.user, brand, code, version)
    review = review_promotion(uow, principal.user, found)
    role = principal.user.role
    context = {
        "found": found,
        "plan": found.plan,
        "terms": found.plan.terms,
        "review": review,
        "can_draft": role in _OPERATORS,
        "can_answer": review.can_answer,
        "message": message,
    }
    return render(request, "promotion.html", principal, context, status_code=status_code)


@router.post("/promotions/{brand}/{code}/{action}")
def promotion_move(
    request: Request,
    brand: str,
    code: str,
    action: str,
    principal: Signed,
    uow: Uow,
    now: Now,
    version: Annotated[int, Form(ge=1, le=1_000_000)] = 1,
    reason: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    login = principal.user.login
    try:
        if action == "submit":
            plan = submit_promotion(uow, brand_code=brand, code=code, by=login, at=now)
            version = plan.version
        elif action == "approve":
            approve_promotion(uow, brand_code=brand, code=code, version=version, by=login, at=now)
        elif action == "reject":
            reject_promotion(
                uow, brand_code=brand, code=code, version=version, by=login, at=now,
                reason=reason.strip(),
            )  # fmt: skip
        else:
            raise NotFound(f"no action {action!r} on a promotion")
    except Refused as refused:
        return _promotion_page(request, principal, uow, brand, code, None, str(refused), 409)
    said = {"submit": "promotion_submitted", "approve": "promotion_approved"}
    return done(f"/promotions/{brand}/{code}", said.get(action, "promotion_rejected"), code,
                version)  # fmt: skip
