"""One order as its page shows it: lines with their price check, refunds, the files that
brought it, the statements that counted it, and a timeline of what happened (issue 15)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from daiyun.domain.contracts import Party
from daiyun.domain.money import Money, Rate
from daiyun.domain.orders.search import OrderLineView, OrderSummary
from daiyun.domain.pricing import PriceCheck, PromotionAllowance, highest_price

__all__ = [
    "LinePriceCheck",
    "OrderDetail",
    "OrderFile",
    "OrderRefund",
    "StatementMention",
    "TimelineEvent",
    "line_price_check",
    "order_timeline",
]


@dataclass(frozen=True)
class OrderRefund:
    """A refund the platform completed, for one line (line_no) or the whole order (None)."""

    line_no: int | None
    units: int
    amount: Money
    reason: str | None
    status: str
    completed_at: datetime | None


@dataclass(frozen=True)
class OrderFile:
    """An imported file that last moved the order or one of its lines forward, and where."""

    name: str
    format: str
    as_of: datetime
    imported_at: datetime
    actor: str
    rows: tuple[int, ...]  # the file's rows (1 = the header line) that carried the order


@dataclass(frozen=True)
class StatementMention:
    """A line of the order in the current version of a month's statement (R-S1, R-S8)."""

    line_no: int
    contract_code: str
    month: str  # "2026-10"
    version: int
    kind: str  # sale, return, concession (LineKind)
    rule: str
    status: str  # the statement's status: draft, issued, confirmed, …
    issued_at: datetime | None
    recognised: bool  # this statement holds the line's recognition (R-S1)


@dataclass(frozen=True)
class OrderDetail:
    """An order with everything its page shows; lines carry the catalogue's product name."""

    order: OrderSummary
    brand_name: str
    store_name: str
    contract_code: str
    buyer_key: str | None
    closed_at: datetime | None
    as_of: datetime
    product_names: dict[int, str]  # line_no → the catalogue's name of its SKU
    refunds: tuple[OrderRefund, ...]
    files: tuple[OrderFile, ...]
    statements: tuple[StatementMention, ...]


@dataclass(frozen=True)
class LinePriceCheck:
    """How a sold line stands against the floor (R-P2) and the cap (R-P3), after approved
    promotions (R-P4): `check` is a PriceCheck code; `gap` how far out of bounds it is."""

    check: PriceCheck
    unit_paid: Money | None  # line amount ÷ units, down to the fen; None for no units
    floor: Money | None  # the guide price
    cap: Money | None  # the highest price within the cap
    promotion: PromotionAllowance | None  # the approved promotion that covers the line
    gap: Money | None

    @property
    def is_violation(self) -> bool:
        """True when the line broke the floor or the cap with no promotion covering it."""
        return self.check.is_violation

    @property
    def brand_funded(self) -> bool:
        """R-S2: a brand-funded promotion; the line settles at the promotion's price."""
        return self.promotion is not None and self.promotion.funded_by is Party.BRAND


def line_price_check(
    line: OrderLineView, markup_cap: Rate, allowance: PromotionAllowance | None
) -> LinePriceCheck:
    """The line's price check as the import stored it (R-P2, R-P3), with the approved promotion
    that covers a sale below the guide price (R-P4) — the rule of promotions.apply_promotions:
    a line sold below guide, inside an approved promotion's window and at or above its price,
    is no violation; below even the promotion's price, it still is one."""
    check = PriceCheck(line.price_check)
    guide = line.guide_price
    unit_paid = Money(line.line_amount.fen // line.units) if line.units > 0 else None
    cap = None if guide is None else highest_price(guide, markup_cap)
    covering = None
    gap = None
    if guide is not None and check is PriceCheck.BELOW_GUIDE:
        if allowance is not None and line.line_amount >= allowance.price.times(line.units):
            check, covering = PriceCheck.IN_PROMOTION, allowance
        else:
            gap = guide.times(line.units) - line.line_amount
    elif cap is not None and check is PriceCheck.ABOVE_CAP:
        gap = line.line_amount - cap.times(line.units)
    return LinePriceCheck(check, unit_paid, guide, cap, covering, gap)


@dataclass(frozen=True)
class TimelineEvent:
    """Something that happened to the order: when, what (a code), and the values it names."""

    at: datetime
    kind: str  # created, paid, shipped, completed, closed, refund_line, refund_order,
    # imported, issued
    values: tuple[str, ...] = ()


_STEPS = ("created", "paid", "shipped", "completed")


def order_timeline(detail: OrderDetail) -> list[TimelineEvent]:
    """The order's life, oldest first: its status changes as the platform dated them, each
    refund, each file that brought it (by import time) and each statement issued with it.

    Ties keep this order: the order's own steps, then refunds, files, statements.
    """
    order = detail.order
    events: list[tuple[datetime, int, TimelineEvent]] = []

    def add(at: datetime | None, rank: int, kind: str, *values: str) -> None:
        if at is not None:
            events.append((at, rank, TimelineEvent(at, kind, values)))

    moments = (order.created_at, order.paid_at, order.shipped_at, order.completed_at)
    for rank, (kind, at) in enumerate(zip(_STEPS, moments, strict=True)):
        add(at, rank, kind)
    add(detail.closed_at, len(_STEPS), "closed")
    for refund in detail.refunds:
        if refund.line_no is None:
            add(refund.completed_at, 10, "refund_order", refund.amount.display())
        else:
            add(
                refund.completed_at, 10, "refund_line", str(refund.line_no), refund.amount.display()
            )
    for each in detail.files:
        add(each.imported_at, 20, "imported", each.name, each.actor)
    for contract, month, version, issued_at in _issued(detail.statements):
        add(issued_at, 30, "issued", contract, month, str(version))
    events.sort(key=lambda each: (each[0], each[1]))
    return [event for _, _, event in events]


def _issued(
    mentions: Sequence[StatementMention],
) -> Iterable[tuple[str, str, int, datetime | None]]:
    seen: set[tuple[str, str, int]] = set()
    for each in mentions:
        key = (each.contract_code, each.month, each.version)
        if each.issued_at is not None and key not in seen:
            seen.add(key)
            yield (*key, each.issued_at)
