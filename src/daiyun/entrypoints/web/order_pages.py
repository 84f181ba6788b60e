"""Orders: the list with its filters."""

from __future__ import annotations

from contextlib import suppress
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from daiyun.domain.orders import OrderStatus
from daiyun.domain.orders.search import OrderFilter, Page
from daiyun.entrypoints.api.auth import Principal, Uow, current_principal
from daiyun.entrypoints.web.rendering import render
from daiyun.services.contracts import brand_views
from daiyun.services.orders.views import search_orders

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
Signed = Annotated[Principal, Depends(current_principal)]
_PAGE_SIZE = 50


def _day(text: str | None) -> date | None:
    with suppress(ValueError):
        return date.fromisoformat(text) if text else None
    return None


@router.get("/orders", response_class=HTMLResponse)
def orders(
    request: Request,
    principal: Signed,
    uow: Uow,
    store: str | None = None,
    status: str | None = None,
    paid_from: str | None = None,
    paid_to: str | None = None,
    order_no: str | None = None,
    page: int = 1,
) -> HTMLResponse:
    where = OrderFilter(
        store_code=store or None,
        status=OrderStatus(status) if status in set(OrderStatus) else None,
        paid_from=_day(paid_from),
        paid_to=_day(paid_to),
        order_no=(order_no or "").strip() or None,
    )
    number = max(1, min(page, 1_000_000))
    found, total = search_orders(uow, principal.user, where, Page(number, _PAGE_SIZE))
    stores = brand_views.list_stores(uow, principal.user)
    context = {
        "orders": found,
        "total": total,
        "where": where,
        "stores": stores,
        "statuses": list(OrderStatus),
        "page": number,
        "pages": max(1, -(-total // _PAGE_SIZE)),
        "query": request.url.query,
    }
    return render(request, "orders.html", principal, context)
