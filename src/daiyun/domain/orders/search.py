"""What an order search asks for and what it answers: filters, sorting, pages, summaries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from daiyun.domain.calendar import start_of_day
from daiyun.domain.money import Money
from daiyun.domain.orders.records import OrderStatus

__all__ = [
    "STATUS_ORDER",
    "ImportRecord",
    "OrderFilter",
    "OrderLineView",
    "OrderSort",
    "OrderSorting",
    "OrderSummary",
    "Page",
    "prefix_bounds",
]

MAX_PAGE_SIZE = 200

# The last code point; no order number holds it (cell_bounds keeps no such character).
_LAST_CODE_POINT = 0x10FFFF
_SURROGATES = range(0xD800, 0xE000)


def prefix_bounds(prefix: str) -> tuple[str, str | None]:
    """Texts starting with `prefix` are those t with low <= t < high (high None: no end).

    Compared code point by code point — byte order of UTF-8, as SQLite's BINARY and
    PostgreSQL's "C" collation compare order numbers — so a prefix search is a range scan of
    the order-number index instead of a LIKE that either database may not take to the index.
    """
    stem = prefix
    while stem:
        last = ord(stem[-1])
        if last < _LAST_CODE_POINT:
            following = last + 1
            if following in _SURROGATES:  # not encodable: the next code point is U+E000
                following = _SURROGATES.stop
            return prefix, stem[:-1] + chr(following)
        stem = stem[:-1]  # …U+10FFFF: every longer text still starts below the next stem
    return prefix, None


class OrderSort(StrEnum):
    """What a list of orders can be sorted by."""

    PAID_AT = "paid_at"  # payment time; orders never paid come last either way
    AMOUNT = "amount"  # what the buyer paid
    STATUS = "status"  # along the order's life: unpaid, paid, shipped, completed, closed


# An order's statuses in the order of its life, for sorting by status.
STATUS_ORDER: tuple[OrderStatus, ...] = (
    OrderStatus.UNPAID,
    OrderStatus.PAID,
    OrderStatus.SHIPPED,
    OrderStatus.COMPLETED,
    OrderStatus.CLOSED,
)


@dataclass(frozen=True)
class OrderSorting:
    """A sort key and its direction; ties are broken by the order's id, in the same
    direction, so that every page of a list holds each order exactly once."""

    key: OrderSort = OrderSort.PAID_AT
    descending: bool = True

    @classmethod
    def parse(cls, key: str | None, direction: str | None) -> OrderSorting:
        """From a page's query (`sort=amount&dir=asc`); anything unknown is the default."""
        chosen = OrderSort(key) if key in set(OrderSort) else OrderSort.PAID_AT
        return cls(chosen, direction != "asc")

    @property
    def direction(self) -> str:
        """ "desc" or "asc", as a page's query writes it."""
        return "desc" if self.descending else "asc"


@dataclass(frozen=True)
class OrderFilter:
    """Orders of some brands: by store, status, paid time [from, until), order number (exact
    or its start), a line's SKU code, a line's title or product name (a part of it) and the
    buyer's key (R-D1: the keyed hash, never the buyer's identity)."""

    brand_codes: tuple[str, ...] | None = None  # None: every brand (agency staff only)
    store_code: str | None = None
    status: OrderStatus | None = None
    paid_from: date | None = None  # Beijing business dates, both included
    paid_to: date | None = None
    order_no: str | None = None
    order_no_prefix: str | None = None
    sku_code: str | None = None
    title: str | None = None
    buyer_key: str | None = None

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
