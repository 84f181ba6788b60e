"""What an order search asks for and what it answers: filters, pages, summaries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from daiyun.domain.calendar import start_of_day
from daiyun.domain.money import Money
from daiyun.domain.orders.records import OrderStatus

__all__ = ["ImportRecord", "OrderFilter", "OrderLineView", "OrderSummary", "Page"]

MAX_PAGE_SIZE = 200


@dataclass(frozen=True)
class OrderFilter:
    """Orders of some brands: by store, status, paid time [from, until) and order number."""

    brand_codes: tuple[str, ...] | None = None  # None: every brand (agency staff only)
    store_code: str | None = None
    status: OrderStatus | None = None
    paid_from: date | None = None  # Beijing business dates, both included
    paid_to: date | None = None
    order_no: str | None = None

    @property
    def paid_since(self) -> datetime | None:
        """The first moment counted: 00:00 Beijing time of `paid_from`."""
        return None if self.paid_from is None else start_of_day(self.paid_from)

    @property
    def paid_before(self) -> datetime | None:
        """The first moment no longer counted: 00:00 Beijing time after `paid_to` ([a, b))."""
        return None if self.paid_to is None else start_of_day(self.paid_to + timedelta(days=1))


@dataclass(frozen=True)
class Page:
    """Which slice of a long list: 1-based page number, at most MAX_PAGE_SIZE rows."""

    number: int = 1
    size: int = 50

    def __post_init__(self) -> None:
        if self.number < 1:
            raise ValueError("page numbers start at 1")
        if not 1 <= self.size <= MAX_PAGE_SIZE:
            raise ValueError(f"a page holds 1 to {MAX_PAGE_SIZE} rows")

    @property
    def offset(self) -> int:
        """How many rows come before this page."""
        return (self.number - 1) * self.size


@dataclass(frozen=True)
class OrderLineView:
    """One line of an order as people read it."""

    line_no: int
    sku_code: str | None
    title: str | None
    units: int
    unit_price: Money
    line_amount: Money
    guide_price: Money | None
    price_check: str
    status: OrderStatus
    refund_units: int
    refund_amount: Money


@dataclass(frozen=True)
class OrderSummary:
    """One order in a list: where it was sold, where it stands, what was paid."""

    brand_code: str
    store_code: str
    platform: str
    order_no: str
    status: OrderStatus
    created_at: datetime | None
    paid_at: datetime | None
    shipped_at: datetime | None
    completed_at: datetime | None
    total: Money
    paid: Money
    shipping: Money
    refunded: Money
    province: str | None
    city: str | None
    lines: tuple[OrderLineView, ...] = ()


@dataclass(frozen=True)
class ImportRecord:
    """One order file imported into a store, and what it changed."""

    brand_code: str
    store_code: str
    name: str
    format: str
    sha256: str
    as_of: datetime
    imported_at: datetime
    actor: str
    orders_new: int
    orders_updated: int
    lines_new: int
    lines_updated: int
    rejected_rows: int
