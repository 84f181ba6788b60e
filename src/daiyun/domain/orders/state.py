"""An order as stored, and how a snapshot moves it forward but never back (R-S1)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from daiyun.domain.money import Money
from daiyun.domain.orders.records import OrderStatus, SourceRow
from daiyun.domain.pricing.checks import PriceCheck

__all__ = [
    "Change",
    "LineState",
    "OrderState",
    "advance_line",
    "advance_order",
    "status_rank",
]

# How far along a status is. Completed and closed are both final: neither follows the other.
_RANK = {
    OrderStatus.UNPAID: 0,
    OrderStatus.PAID: 1,
    OrderStatus.SHIPPED: 2,
    OrderStatus.COMPLETED: 3,
    OrderStatus.CLOSED: 3,
}


class Change(StrEnum):
    """What a snapshot did to a stored order or line."""

    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(frozen=True, slots=True)
class LineState:
    """A stored order line."""

    line_no: int
    sku_code: str | None
    title: str | None
    units: int
    unit_price: Money
    line_amount: Money
    guide_price: Money | None
    price_check: PriceCheck
    status: OrderStatus
    completed_at: datetime | None
    refund_units: int
    refund_amount: Money
    refund_reason: str | None
    refunded_at: datetime | None
    # Where the line was read (item file and row); provenance, not state: never compared.
    source: SourceRow | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class OrderState:
    """A stored order (lines apart): the furthest any snapshot has taken it."""

    order_no: str
    status: OrderStatus
    as_of: datetime
    created_at: datetime | None
    paid_at: datetime | None
    shipped_at: datetime | None
    completed_at: datetime | None
    closed_at: datetime | None
    total: Money
    paid: Money
    shipping: Money
    refund: Money
    has_sku_lines: bool
    buyer_key: str | None
    province: str | None
    city: str | None


def status_rank(status: OrderStatus) -> int:
    """How far along a status is (0 unpaid … 3 completed or closed): it only moves up."""
    return _RANK[status]


def _later(status: OrderStatus, incoming: OrderStatus) -> OrderStatus:
    return incoming if _RANK[incoming] > _RANK[status] else status


def advance_order(stored: OrderState, incoming: OrderState) -> OrderState:
    """The stored order moved forward by a snapshot; an older snapshot changes nothing.

    Field by field: a status only moves to a later one; a time once known stays (the first
    import that showed completion fixes the completion time, R-S1); refunds only grow; the
    amounts are the newest snapshot's. `as_of` advances only with a real change, so that
    `advance_order(s, x) == s` tells "nothing new".
    """
    if incoming.as_of < stored.as_of:
        return stored
    advanced = replace(
        stored,
        status=_later(stored.status, incoming.status),
        created_at=stored.created_at or incoming.created_at,
        paid_at=stored.paid_at or incoming.paid_at,
        shipped_at=stored.shipped_at or incoming.shipped_at,
        completed_at=stored.completed_at or incoming.completed_at,
        closed_at=stored.closed_at or incoming.closed_at,
        total=incoming.total,
        paid=incoming.paid,
        shipping=incoming.shipping,
        refund=max(stored.refund, incoming.refund),
        buyer_key=stored.buyer_key or incoming.buyer_key,
        province=stored.province or incoming.province,
        city=stored.city or incoming.city,
    )
    return stored if advanced == stored else replace(advanced, as_of=incoming.as_of)


def advance_line(stored: LineState, incoming: LineState) -> LineState:
    """A stored line moved forward by a newer snapshot of its order (the caller checks as_of)."""
    status = _later(stored.status, incoming.status)
    grows = incoming.refund_amount > stored.refund_amount
    if stored.price_check is PriceCheck.NOT_PAID:
        # First seen before payment: the sale is priced (R-P1 snapshot) once it is paid.
        stored = replace(
            stored,
            unit_price=incoming.unit_price,
            line_amount=incoming.line_amount,
            guide_price=incoming.guide_price,
            price_check=incoming.price_check,
        )
    return replace(
        stored,
        status=status,
        completed_at=stored.completed_at or incoming.completed_at,
        refund_units=max(stored.refund_units, incoming.refund_units),
        refund_amount=max(stored.refund_amount, incoming.refund_amount),
        refund_reason=incoming.refund_reason if grows else stored.refund_reason,
        refunded_at=stored.refunded_at or incoming.refunded_at,
    )
