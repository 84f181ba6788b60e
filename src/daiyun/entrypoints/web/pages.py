"""The pages: dashboard, brands, a brand, orders with filters, users — all behind a login."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from daiyun.domain.orders.search import OrderFilter, Page
from daiyun.entrypoints.api.auth import Now, Principal, Uow, current_principal
from daiyun.entrypoints.web.desk_pages import home_page
from daiyun.entrypoints.web.rendering import render
from daiyun.services.contracts import brand_views
from daiyun.services.contracts.overview import agency_overview
from daiyun.services.orders.views import search_orders

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
Signed = Annotated[Principal, Depends(current_principal)]
_PAGE_SIZE = 50


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, principal: Signed, uow: Uow, now: Now) -> HTMLResponse:
    return home_page(request, principal, uow, now)


@router.get("/brands", response_class=HTMLResponse)
def brands(request: Request, principal: Signed, uow: Uow) -> HTMLResponse:
    overview = agency_overview(uow, principal.user)
    return render(request, "brands.html", principal, {"overview": overview})


@router.get("/brands/{code}", response_class=HTMLResponse)
def brand(request: Request, code: str, principal: Signed, uow: Uow) -> HTMLResponse:
    found = brand_views.get_brand(uow, principal.user, code)
    orders, total = search_orders(
        uow, principal.user, OrderFilter(brand_codes=(code,)), Page(1, 10)
    )
    context = {"entry": found, "orders": orders, "order_total": total}
    return render(request, "brand.html", principal, context)
