"""A line's actual amount: what the buyer paid for it excluding shipping (R-S4, formats.md)."""

from __future__ import annotations

from daiyun.domain.money import Money, allocate
from daiyun.domain.orders.records import OrderRecord

__all__ = ["line_amounts"]


def line_amounts(order: OrderRecord) -> tuple[Money, ...]:
    """Each line's actual amount, in line order; they add up to the order's goods amount.

    Where the file gives every line's amount (买家实付金额) those stand. Otherwise the order's
    goods amount (买家应付货款) is split over its lines in proportion to price × units by
    largest remainder, ties to the earlier line, so the lines add up to the fen.
    """
    if all(line.line_amount is not None for line in order.lines):
        return tuple(line.line_amount for line in order.lines)  # type: ignore[misc]
    listed = [line.unit_price.fen * line.units for line in order.lines]
    goods = order.goods_amount if order.goods_amount is not None else Money(sum(listed))
    return tuple(allocate(goods, listed))
