"""What one snapshot says an order is, in stored form: amounts, completion, price checks."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping

from daiyun.domain.money import Money, Rate
from daiyun.domain.orders.amounts import line_amounts
from daiyun.domain.orders.records import OrderLineRecord, OrderRecord, OrderStatus
from daiyun.domain.orders.state import LineState, OrderState
from daiyun.domain.pricing import PriceCheck, Sku, check_sold_price

__all__ = ["buyer_key", "line_states_of", "order_state_of"]


def buyer_key(secret: bytes, platform: str, buyer_id: str | None) -> str | None:
    """R-D1: a keyed hash of the buyer, for repeat-customer analysis; the id itself is dropped."""
    if not buyer_id:
        return None
    digest = hmac.new(secret, f"{platform}:{buyer_id}".encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def order_state_of(order: OrderRecord, buyer: str | None) -> OrderState:
    """The order as this snapshot shows it."""
    return OrderState(
        order_no=order.order_no,
        status=order.status,
        as_of=order.as_of,
        created_at=order.created_at,
        paid_at=order.paid_at,
        shipped_at=order.shipped_at,
        # R-S1: the platform's completion time, else the as-of time of the snapshot showing it.
        completed_at=order.completed_at
        or (order.as_of if order.status is OrderStatus.COMPLETED else None),
        closed_at=order.as_of if order.status is OrderStatus.CLOSED else None,
        total=order.total,
        paid=order.paid,
        shipping=order.shipping,
        refund=order.refund,
        has_sku_lines=order.has_sku_lines,
        buyer_key=buyer,
        province=order.province,
        city=order.city,
    )


def line_states_of(
    order: OrderRecord, catalogue: Mapping[str, Sku], markup_cap: Rate
) -> tuple[LineState, ...]:
    """The order's lines as this snapshot shows them, each priced against its guide price."""
    amounts = line_amounts(order)
    return tuple(
        _line_state(order, line, amount, catalogue.get(line.sku_code or ""), markup_cap)
        for line, amount in zip(order.lines, amounts, strict=True)
    )


def _line_state(
    order: OrderRecord, line: OrderLineRecord, amount: Money, sku: Sku | None, markup_cap: Rate
) -> LineState:
    status = line.status or order.status
    # R-P1: the guide price in force when the order was paid is the line's snapshot.
    guide = sku.guide_price_at(order.paid_at) if sku and order.paid_at else None
    if order.paid_at is None:
        check = PriceCheck.NOT_PAID
    else:
        check = check_sold_price(amount, line.units, guide, markup_cap)
    completed_at = None
    if status is OrderStatus.COMPLETED:
        completed_at = order.completed_at or order.as_of
    return LineState(
        line_no=line.line_no,
        sku_code=line.sku_code,
        title=line.title,
        units=line.units,
        unit_price=line.unit_price,
        line_amount=amount,
        guide_price=guide,
        price_check=check,
        status=status,
        completed_at=completed_at,
        refund_units=line.refund_units,
        refund_amount=line.refund_amount,
        refund_reason=line.refund_reason,
        refunded_at=line.refunded_at,
        source=line.source or order.source,
    )
