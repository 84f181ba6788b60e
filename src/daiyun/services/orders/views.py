"""Queries: orders and order-file imports, as far as the reader may see (R-D2)."""

from __future__ import annotations

from dataclasses import replace

from daiyun.domain.agency import User
from daiyun.domain.orders.search import ImportRecord, OrderFilter, OrderSummary, Page
from daiyun.domain.permissions import Permission
from daiyun.services.errors import NotFound
from daiyun.services.scope import require_on_brand, visible_brands
from daiyun.services.unit_of_work import UnitOfWork

__all__ = ["get_order", "list_imports", "search_orders"]

_VIEW = Permission.VIEW_ORDERS


def _scoped(uow: UnitOfWork, acting: User, store_code: str | None) -> tuple[str, ...] | None:
    brands = visible_brands(acting, _VIEW)
    if store_code is not None:
        missing = f"no store with code {store_code!r}"
        store = uow.stores.get(store_code)
        if store is None:
            raise NotFound(missing)
        require_on_brand(acting, _VIEW, store.brand_code, missing=missing)
    return brands


def search_orders(
    uow: UnitOfWork, acting: User, where: OrderFilter, page: Page
) -> tuple[list[OrderSummary], int]:
    """One page of the orders matching `where` among those the reader may see, and the count."""
    with uow:
        brands = _scoped(uow, acting, where.store_code)
        if brands is not None and where.brand_codes is not None:
            brands = tuple(code for code in where.brand_codes if code in brands)
        elif brands is None:
            brands = where.brand_codes
        return uow.order_queries.search(replace(where, brand_codes=brands), page)


def get_order(uow: UnitOfWork, acting: User, store_code: str, order_no: str) -> OrderSummary:
    """One order of a store with its lines."""
    with uow:
        _scoped(uow, acting, store_code)
        order = uow.order_queries.get(store_code, order_no)
    if order is None:
        raise NotFound(f"no order {order_no!r} in store {store_code!r}")
    return order


def list_imports(
    uow: UnitOfWork, acting: User, store_code: str | None, page: Page
) -> tuple[list[ImportRecord], int]:
    """The order files imported (newest first) into the stores the reader may see."""
    with uow:
        brands = _scoped(uow, acting, store_code)
        return uow.order_queries.imports(brands, store_code, page)
