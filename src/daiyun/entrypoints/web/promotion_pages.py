"""Pages: promotions — the operator drafts, edits and submits; the brand's admin answers in writing.

The brand portal's page of a plan shows the exact version's terms and fingerprint, and after
an answer the written record: who, when, which version and fingerprint (R-C7).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from daiyun.domain.agency import Role
from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.promotions import PromotionTerms
from daiyun.entrypoints.api.auth import Now, Principal, Uow, current_principal
from daiyun.entrypoints.api.price_schemas import PromotionDraft
from daiyun.entrypoints.api.promotions import promotion_terms
from daiyun.entrypoints.web.price_pages import beijing_input
from daiyun.entrypoints.web.rendering import render
from daiyun.services.contracts import brand_views
from daiyun.services.errors import NotFound, Refused
from daiyun.services.promotions.plans import (
    approve_promotion,
    draft_promotion,
    reject_promotion,
    submit_promotion,
)
from daiyun.services.promotions.views import get_promotion, list_promotions

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
Signed = Annotated[Principal, Depends(current_principal)]
_OPERATORS = frozenset({Role.ADMIN, Role.PROJECT_MANAGER, Role.STORE_OPERATIONS})
Field = Annotated[str, Form(max_length=4000)]


@router.get("/promotions", response_class=HTMLResponse)
def promotions(request: Request, principal: Signed, uow: Uow) -> HTMLResponse:
    found = list_promotions(uow, principal.user)
    can_draft = principal.user.role in _OPERATORS
    return render(request, "promotions.html", principal, {"plans": found, "can_draft": can_draft})


def _form_of(terms: PromotionTerms, code: str) -> dict[str, str]:
    def local(moment: Any) -> str:
        return str(moment.astimezone(SHANGHAI).strftime("%Y-%m-%dT%H:%M"))

    return {
        "code": code,
        "name": terms.name,
        "stores": ", ".join(sorted(terms.stores)),
        "prices": "\n".join(f"{sku}={p.yuan_text()}" for sku, p in sorted(terms.prices.items())),
        "discount": "" if terms.discount is None else terms.discount.percent_text(),
        "skus": ", ".join(sorted(terms.skus)),
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
    form: dict[str, str],
    message: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    stores = brand_views.list_stores(uow, principal.user, brand)
    context = {"brand": brand, "form": form, "stores": stores, "message": message}
    return render(request, "promotion_form.html", principal, context, status_code=status_code)


@router.get("/promotions/new", response_class=HTMLResponse)
def promotion_new(request: Request, principal: Signed, uow: Uow, brand: str = "") -> HTMLResponse:
    if not brand:
        brands = brand_views.list_brands(uow, principal.user)
        return render(request, "promotion_brands.html", principal, {"brands": brands})
    return _form_page(request, principal, uow, brand, {"funded_by": "brand"})


@router.get("/promotions/{brand}/{code}/edit", response_class=HTMLResponse)
def promotion_edit(
    request: Request, brand: str, code: str, principal: Signed, uow: Uow
) -> HTMLResponse:
    found = get_promotion(uow, principal.user, brand, code)
    return _form_page(request, principal, uow, brand, _form_of(found.plan.terms, code))


def _terms(form: dict[str, str]) -> PromotionTerms:
    prices = {}
    for line in form["prices"].splitlines():
        sku, separator, price = line.partition("=")
        if line.strip() and not separator:
            raise ValueError(f"promotion prices: write SKU=PRICE, not {line.strip()!r}")
        if line.strip():
            prices[sku.strip()] = price.strip()
    start, end = beijing_input(form["start"]), beijing_input(form["end"])
    if start is None or end is None:
        raise ValueError("the window needs a start and an end (Beijing time)")
    draft = PromotionDraft(
        code=form["code"].strip(),
        name=form["name"],
        stores=[s.strip() for s in form["stores"].split(",") if s.strip()],
        prices=prices,
        discount=form["discount"].strip() or None,
        skus=[s.strip() for s in form["skus"].split(",") if s.strip()],
        start=start,
        end=end,
        budget=form["budget"].strip(),
        funded_by=form["funded_by"],  # type: ignore[arg-type]  # validated by the model
    )
    return promotion_terms(draft)


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError | RequestValidationError):
        return "; ".join(
            f"{'.'.join(str(p) for p in e['loc'] if p != 'body')}: {e['msg']}"
            for e in error.errors()
        )
    return str(error)


@router.post("/promotions/{brand}")
def promotion_draft(
    request: Request,
    brand: str,
    principal: Signed,
    uow: Uow,
    now: Now,
    code: Field,
    name: Field,
    stores: Field,
    start: Field,
    end: Field,
    budget: Field,
    funded_by: Field,
    prices: Field = "",
    discount: Field = "",
    skus: Field = "",
) -> Response:
    form = {
        "code": code, "name": name, "stores": stores, "prices": prices, "discount": discount,
        "skus": skus, "start": start, "end": end, "budget": budget, "funded_by": funded_by,
    }  # fmt: skip
    try:
        terms = _terms(form)
        plan = draft_promotion(
            uow, brand_code=brand, code=code.strip(), terms=terms, by=principal.user.login,
            at=now,
        )  # fmt: skip
    except (ValueError, ValidationError, RequestValidationError, Refused) as error:
        return _form_page(request, principal, uow, brand, form, _message(error), 409)
    except NotFound as missing:
        if not brand_views.list_stores(uow, principal.user, brand):
            raise
        return _form_page(request, principal, uow, brand, form, str(missing), 409)
    return RedirectResponse(f"/promotions/{brand}/{plan.code}", status_code=303)


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
    role = principal.user.role
    context = {
        "found": found,
        "plan": found.plan,
        "terms": found.plan.terms,
        "can_draft": role in _OPERATORS,
        "can_answer": role is Role.BRAND_ADMIN,
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
            submit_promotion(uow, brand_code=brand, code=code, by=login, at=now)
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
    return RedirectResponse(f"/promotions/{brand}/{code}", status_code=303)
