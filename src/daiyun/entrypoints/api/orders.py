"""/api/orders and /api/imports: orders with filters, one order with its lines, imported files."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from daiyun.domain.orders import OrderStatus
from daiyun.domain.orders.search import OrderFilter, Page
from daiyun.entrypoints.api.auth import Acting, Uow
from daiyun.entrypoints.api.brands import PageNumber, PageSize
from daiyun.entrypoints.api.errors import ERROR_RESPONSES
from daiyun.entrypoints.api.schemas import ImportPublic, OrderDetailPublic, OrderPublic, PageOf
from daiyun.services.orders.views import get_order, list_imports, search_orders

__all__ = ["router"]

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES, tags=["orders"])

StoreCode = Annotated[str | None, Query(max_length=60, description="only this store")]


@router.get("/orders", response_model=PageOf[OrderPublic])
def orders(
    uow: Uow,
    acting: Acting,
    store: StoreCode = None,
    status: OrderStatus | None = None,
    paid_from: Annotated[date | None, Query(description="paid on or after (Beijing)")] = None,
    paid_to: Annotated[date | None, Query(description="paid on or before (Beijing)")] = None,
    order_no: Annotated[str | None, Query(max_length=40)] = None,
    page: PageNumber = 1,
    size: PageSize = 50,
) -> PageOf[OrderPublic]:
    """Orders, latest payment first."""
    where = OrderFilter(
        store_code=store, status=status, paid_from=paid_from, paid_to=paid_to, order_no=order_no
    )
    found, total = search_orders(uow, acting, where, Page(page, size))
    return PageOf[OrderPublic](
        items=[OrderPublic.of(order) for order in found], page=page, size=size, total=total
    )


@router.get("/stores/{code}/orders/{order_no}", response_model=OrderDetailPublic)
def order(code: str, order_no: str, uow: Uow, acting: Acting) -> OrderDetailPublic:
    """One order of a store, with its lines."""
    return OrderDetailPublic.of(get_order(uow, acting, code, order_no))


@router.get("/imports", response_model=PageOf[ImportPublic])
def imports(
    uow: Uow, acting: Acting, store: StoreCode = None, page: PageNumber = 1, size: PageSize = 50
) -> PageOf[ImportPublic]:
    """Order files imported, newest first."""
    found, total = list_imports(uow, acting, store, Page(page, size))
    return PageOf[ImportPublic](
        items=[ImportPublic.of(record) for record in found], page=page, size=size, total=total
    )
