"""Orders: the list with its search, sorting and filters; an order's page; exports of a list.

R-D2: every order read goes through the order services, which keep a brand's people to their
brand's orders — another brand's order is a 404 page, and an export holds only what the list
shows.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import date
from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from daiyun.domain.orders import OrderStatus
from daiyun.domain.orders.search import OrderFilter, OrderSort, OrderSorting, Page
from daiyun.entrypoints.api.auth import Principal, Uow, current_principal
from daiyun.entrypoints.web.i18n import labeller, language_of
from daiyun.entrypoints.web.order_export import (
    CSV_MEDIA,
    XLSX_MEDIA,
    Row,
    export_name,
    export_row,
    orders_csv,
    orders_xlsx,
)
from daiyun.entrypoints.web.rendering import render
from daiyun.services.contracts import brand_views
from daiyun.services.orders.views import EXPORT_ROW_CAP, each_order, order_page, search_orders

__all__ = ["order_url", "router"]

router = APIRouter(include_in_schema=False)
Signed = Annotated[Principal, Depends(current_principal)]
_PAGE_SIZE = 50
# The longest text each search field keeps: the longest value its column holds.
_LONGEST = {"order_no": 40, "sku": 64, "title": 300, "buyer": 64}


def order_url(store_code: str, order_no: str) -> str:
    """The address of an order's page: `/orders/{store}/{order_no}`, "/" kept as it is."""
    return f"/orders/{quote(store_code, safe='')}/{quote(order_no, safe='/')}"


def _day(text: str | None) -> date | None:
    with suppress(ValueError):
        return date.fromisoformat(text) if text else None
    return None


def _text(value: str | None, field: str) -> str | None:
    kept = (value or "").strip()[: _LONGEST[field]]
    return kept or None


class _Search:
    """A list's query, read once for the list and its exports: filter, sorting, and the
    query string that asks for them again."""

    def __init__(
        self,
        store: str | None,
        status: str | None,
        paid_from: str | None,
        paid_to: str | None,
        order_no: str | None,
        sku: str | None,
        title: str | None,
        buyer: str | None,
        sort: str | None,
        direction: str | None,
    ) -> None:
        self.where = OrderFilter(
            store_code=store or None,
            status=OrderStatus(status) if status in set(OrderStatus) else None,
            paid_from=_day(paid_from),
            paid_to=_day(paid_to),
            order_no_prefix=_text(order_no, "order_no"),
            sku_code=_text(sku, "sku"),
            title=_text(title, "title"),
            buyer_key=_text(buyer, "buyer"),
        )
        self.sorting = OrderSorting.parse(sort, direction)

    def query(self, **changed: str) -> str:
        """The query string of this search, with some parameters changed."""
        where = self.where
        values = {
            "store": where.store_code or "",
            "status": where.status.value if where.status else "",
            "paid_from": where.paid_from.isoformat() if where.paid_from else "",
            "paid_to": where.paid_to.isoformat() if where.paid_to else "",
            "order_no": where.order_no_prefix or "",
            "sku": where.sku_code or "",
            "title": where.title or "",
            "buyer": where.buyer_key or "",
            "sort": self.sorting.key.value,
            "dir": self.sorting.direction,
        }
        values.update(changed)
        return urlencode({name: value for name, value in values.items() if value})

    def sort_query(self, key: str) -> str:
        """The query that sorts by `key`: descending first, the other way when already so."""
        flip = self.sorting.key.value == key and self.sorting.descending
        return self.query(sort=key, dir="asc" if flip else "desc")


def _search(
    store: str | None = None,
    status: str | None = None,
    paid_from: str | None = None,
    paid_to: str | None = None,
    order_no: str | None = None,
    sku: str | None = None,
    title: str | None = None,
    buyer: str | None = None,
    sort: str | None = None,
    direction: Annotated[str | None, Query(alias="dir")] = None,
) -> _Search:
    return _Search(store, status, paid_from, paid_to, order_no, sku, title, buyer, sort, direction)


Searched = Annotated[_Search, Depends(_search)]


@router.get("/orders", response_class=HTMLResponse)
def orders(
    request: Request, principal: Signed, uow: Uow, search: Searched, page: int = 1
) -> HTMLResponse:
    number = max(1, min(page, 1_000_000))
    found, total = search_orders(
        uow, principal.user, search.where, Page(number, _PAGE_SIZE), search.sorting
    )
    stores = brand_views.list_stores(uow, principal.user)
    context = {
        "orders": found,
        "total": total,
        "where": search.where,
        "sorting": search.sorting,
        "search": search,
        "sort_keys": [key.value for key in OrderSort],
        "stores": stores,
        "statuses": list(OrderStatus),
        "page": number,
        "pages": max(1, -(-total // _PAGE_SIZE)),
        "export_cap": EXPORT_ROW_CAP,
    }
    return render(request, "orders.html", principal, context)


@router.get("/orders/export.csv")
def export_csv(request: Request, principal: Signed, uow: Uow, search: Searched) -> Response:
    """The list's orders as CSV (UTF-8 with a BOM, so that Excel reads the Chinese)."""
    content = orders_csv(_rows(request, principal, uow, search))
    return _download(content, CSV_MEDIA, export_name("csv"))


@router.get("/orders/export.xlsx")
def export_xlsx(request: Request, principal: Signed, uow: Uow, search: Searched) -> Response:
    """The list's orders as an XLSX workbook, written as a stream."""
    content = orders_xlsx(_rows(request, principal, uow, search))
    return _download(content, XLSX_MEDIA, export_name("xlsx"))


def _rows(request: Request, principal: Principal, uow: Uow, search: _Search) -> list[Row]:
    """The list's orders as the file's rows, all read before the file is written: the reading
    transaction (on SQLite, the database's write lock) is held only while the rows are read."""
    label = labeller(language_of(request))
    found = each_order(uow, principal.user, search.where, search.sorting)
    return [export_row(order, label) for order in found]


def _download(content: bytes, media_type: str, name: str) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(content, media_type=media_type, headers=headers)


@router.get("/orders/{store}/{order_no:path}", response_class=HTMLResponse)
def order(request: Request, principal: Signed, uow: Uow, store: str, order_no: str) -> HTMLResponse:
    """One order: header, lines with their price check, refunds, timeline, statements."""
    shown = order_page(uow, principal.user, store, order_no)
    context = {
        "shown": shown,
        "detail": shown.detail,
        "order": shown.detail.order,
        "buyer_query": urlencode({"buyer": shown.detail.buyer_key or ""}),
    }
    return render(request, "order.html", principal, context)
