"""Queries: orders and order-file imports, as far as the reader may see (R-D2)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from daiyun.domain.agency import User
from daiyun.domain.contracts import ContractTerms
from daiyun.domain.money import Rate
from daiyun.domain.orders.detail import (
    LinePriceCheck,
    OrderDetail,
    TimelineEvent,
    line_price_check,
    order_timeline,
)
from daiyun.domain.orders.search import (
    ImportRecord,
    OrderFilter,
    OrderSorting,
    OrderSummary,
    Page,
)
from daiyun.domain.permissions import Permission
from daiyun.domain.pricing import PriceCheck
from daiyun.domain.promotions import allowance_at
from daiyun.services.errors import NotFound
from daiyun.services.scope import require_on_brand, visible_brands
from daiyun.services.unit_of_work import UnitOfWork

__all__ = [
    "EXPORT_ROW_CAP",
    "OrderPage",
    "each_order",
    "get_order",
    "list_imports",
    "order_page",
    "search_orders",
]

_VIEW = Permission.VIEW_ORDERS
_NEWEST_FIRST = OrderSorting()
# An export holds at most this many orders (the page says so): a file Excel opens at once.
EXPORT_ROW_CAP = 50_000


def _scoped(uow: UnitOfWork, acting: User, store_code: str | None) -> tuple[str, ...] | None:
    brands = visible_brands(acting, _VIEW)
    if store_code is not None:
        missing = f"no store with code {store_code!r}"
        store = uow.stores.get(store_code)
        if store is None:
            raise NotFound(missing)
        require_on_brand(acting, _VIEW, store.brand_code, missing=missing)
    return brands


def _visible(uow: UnitOfWork, acting: User, where: OrderFilter) -> OrderFilter:
    """`where` narrowed to the brands the reader may see (R-D2)."""
    brands = _scoped(uow, acting, where.store_code)
    if brands is not None and where.brand_codes is not None:
        brands = tuple(code for code in where.brand_codes if code in brands)
    elif brands is None:
        brands = where.brand_codes
    return replace(where, brand_codes=brands)


def search_orders(
    uow: UnitOfWork,
    acting: User,
    where: OrderFilter,
    page: Page,
    sorting: OrderSorting = _NEWEST_FIRST,
) -> tuple[list[OrderSummary], int]:
    """One page of the orders matching `where` among those the reader may see, and the count."""
    with uow:
        return uow.order_queries.search(_visible(uow, acting, where), page, sorting)


def each_order(
    uow: UnitOfWork,
    acting: User,
    where: OrderFilter,
    sorting: OrderSorting,
    limit: int = EXPORT_ROW_CAP,
) -> Iterator[OrderSummary]:
    """The orders matching `where` that the reader may see (R-D2), in the list's order, at most
    `limit`, for an export; the unit of work stays open while they are read."""
    with uow:
        yield from uow.order_queries.each(_visible(uow, acting, where), sorting, limit)


@dataclass(frozen=True)
class OrderPage:
    """An order with its price checks (line_no → check) and its timeline."""

    detail: OrderDetail
    checks: dict[int, LinePriceCheck]
    timeline: list[TimelineEvent]
    markup_cap: Rate


def order_page(uow: UnitOfWork, acting: User, store_code: str, order_no: str) -> OrderPage:
    """One order of a store as its page shows it; another brand's order does not exist to a
    brand user (R-D2). Sales below the guide price are checked against the brand's approved
    promotions (R-P2, R-P4, R-C7), sales above it against the contract's cap (R-P3)."""
    with uow:
        _scoped(uow, acting, store_code)
        detail = uow.order_queries.detail(store_code, order_no)
        if detail is None:
            raise NotFound(f"no order {order_no!r} in store {store_code!r}")
        contract = uow.contracts.get(detail.contract_code)
        cap = (contract.terms if contract is not None else ContractTerms()).markup_cap
        order = detail.order
        below = [line for line in order.lines if line.price_check == PriceCheck.BELOW_GUIDE]
        plans = uow.promotions.approved_versions(order.brand_code) if below else []
    checks = {}
    for line in order.lines:
        allowance = None
        if line in below and line.sku_code and line.guide_price and order.paid_at:
            allowance = allowance_at(
                plans, order.store_code, line.sku_code, line.guide_price, order.paid_at
            )
        checks[line.line_no] = line_price_check(line, cap, allowance)
    return OrderPage(detail, checks, order_timeline(detail), cap)


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
