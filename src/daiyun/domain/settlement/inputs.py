"""What a month's settlement reads: order lines, refunds and orders that cannot be settled."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from daiyun.domain.contracts import Platform
from daiyun.domain.money import Money
from daiyun.domain.orders.changes import RefundEvent
from daiyun.domain.orders.records import OrderStatus
from daiyun.domain.orders.state import LineState, OrderState
from daiyun.domain.pricing import PriceCheck

__all__ = [
    "QUALITY",
    "LineKey",
    "RefundRecord",
    "SettlementLine",
    "UnsettleableOrder",
]

# R-S9: the one refund reason charged to the brand (interfaces.md: `quality` or free text).
QUALITY = "quality"

_NO_SHIPPING = Money(0)

# An order line's natural key: (order number, line number); recognised at most once (R-S1).
LineKey = tuple[str, int]


@dataclass(frozen=True, slots=True)
class SettlementLine:
    """One stored order line as settlement needs it (R-S1, R-S2, R-S4, R-S5)."""

    order_no: str
    line_no: int
    sku: str | None
    category: str | None
    platform: Platform
    units: int
    # R-S4: what the buyer paid for the line, shipping excluded, order discounts included.
    actual_amount: Money
    # R-P1: the guide price in force when the order was paid.
    guide_price: Money | None
    status: OrderStatus
    # R-S1: completion time as the importer resolved it (platform's, else first as-of).
    completed_at: datetime | None
    price_check: PriceCheck = PriceCheck.WITHIN
    # R-S2: set only for a unit sold in an approved promotion funded by the brand.
    promotion_price: Money | None = None
    # The order's shipping income, carried by one line of the order only (interfaces.md).
    shipping: Money = _NO_SHIPPING
    # Where and when it sold, for the promotions that may cover it (R-P4).
    store: str | None = None
    paid_at: datetime | None = None

    @property
    def key(self) -> LineKey:
        """(order number, line number)."""
        return (self.order_no, self.line_no)

    @property
    def settlement_unit_price(self) -> Money | None:
        """R-S2: the brand-funded promotion price, else the guide price snapshot."""
        return self.promotion_price if self.promotion_price is not None else self.guide_price

    @classmethod
    def from_state(
        cls,
        order: OrderState,
        line: LineState,
        *,
        category: str | None,
        platform: Platform,
        carries_shipping: bool = False,
    ) -> SettlementLine:
        """The settlement view of a stored line; `carries_shipping` on one line per order."""
        return cls(
            order_no=order.order_no,
            line_no=line.line_no,
            sku=line.sku_code,
            category=category,
            platform=platform,
            units=line.units,
            actual_amount=line.line_amount,
            guide_price=line.guide_price,
            status=line.status,
            completed_at=line.completed_at,
            price_check=line.price_check,
            shipping=order.shipping if carries_shipping else Money(0),
        )


@dataclass(frozen=True, slots=True)
class RefundRecord:
    """One refund increment of a line, counted in the month it completes (R-S1, R-S9)."""

    order_no: str
    line_no: int
    units: int
    amount: Money
    reason: str | None
    completed_at: datetime

    @property
    def key(self) -> LineKey:
        """The refunded line's (order number, line number)."""
        return (self.order_no, self.line_no)

    @property
    def is_brand_borne(self) -> bool:
        """R-S9: a refund for a quality problem is charged to the brand."""
        return self.reason == QUALITY

    @classmethod
    def from_event(cls, order_no: str, event: RefundEvent) -> RefundRecord:
        """A line refund event of the importer; order-level events are UnsettleableOrders."""
        if event.line_no is None:
            raise ValueError(f"order {order_no}: an order-level refund has no line to settle")
        return cls(
            order_no, event.line_no, event.units, event.amount, event.reason, event.completed_at
        )


@dataclass(frozen=True, slots=True)
class UnsettleableOrder:
    """An order that cannot be settled and is listed, never guessed (R-S1)."""

    order_no: str
    reason: str
    completed_at: datetime | None = None
