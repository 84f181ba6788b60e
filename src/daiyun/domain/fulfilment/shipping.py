"""R-F2: the brand ships within N hours of the buyer's payment; a late order is a breach record.

R-F6: digital goods have no shipment and no SLA. A month's orders are those paid in it, Beijing
time (an order paid at 23:59:59 on the 31st is the month's; at 00:00 on the 1st the next's).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from daiyun.domain.calendar import Month
from daiyun.domain.orders.records import OrderStatus

__all__ = ["LateShipment", "PaidOrder", "ShippingMonth", "judge_month", "late_shipment"]

_HOUR = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class LateShipment:
    """An order shipped after its ship-by time, or not shipped by `as_of`, with the hours late."""

    store: str
    order_no: str
    paid_at: datetime
    ship_by: datetime
    shipped_at: datetime | None
    hours_late: int  # whole hours, a part hour counted as one


def late_shipment(
    store: str,
    order_no: str,
    paid_at: datetime,
    shipped_at: datetime | None,
    *,
    sla_hours: int,
    as_of: datetime,
) -> LateShipment | None:
    """R-F2: late when shipped after paid + N hours, or still unshipped at `as_of` after it."""
    if paid_at.tzinfo is None or as_of.tzinfo is None:
        raise ValueError("shipping times are aware moments, not naive ones")
    ship_by = paid_at + timedelta(hours=sla_hours)
    until = shipped_at if shipped_at is not None and shipped_at <= as_of else None
    end = until if until is not None else as_of
    if end <= ship_by:
        return None
    late = end - ship_by
    hours = late // _HOUR + (1 if late % _HOUR else 0)
    return LateShipment(store, order_no, paid_at, ship_by, until, hours)


@dataclass(frozen=True, slots=True)
class PaidOrder:
    """What the SLA needs of an order: when paid, when shipped, its status, and whether all its
    goods are digital (R-F6)."""

    order_no: str
    paid_at: datetime
    shipped_at: datetime | None
    status: OrderStatus
    digital: bool


_RATE = Decimal("0.0001")


@dataclass(frozen=True)
class ShippingMonth:
    """A store's month of paid orders against the SLA as of a moment (R-F2, R-F6).

    `judged` are the orders shipped by `as_of` or unshipped past their ship-by time; of them
    `on_time` shipped by it. Not judged: digital goods (no SLA), orders still inside their hours
    (`pending`), and `unknown` — closed without shipping (the buyer's refund before shipment:
    nothing was owed; when it closed only the import that saw it knows) or shipped at a time
    the platform's file does not give."""

    store: str
    month: Month
    as_of: datetime
    sla_hours: int
    breaches: tuple[LateShipment, ...]
    orders: int = 0
    digital: int = 0
    pending: int = 0
    unknown: int = 0
    on_time: int = 0
    late: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "late", len(self.breaches))

    @property
    def judged(self) -> int:
        return self.on_time + self.late

    @property
    def on_time_rate(self) -> Decimal | None:
        """on time ÷ judged, to four places (half up); None when nothing was judged."""
        if self.judged == 0:
            return None
        return (Decimal(self.on_time) / Decimal(self.judged)).quantize(_RATE, ROUND_HALF_UP)


def judge_month(
    store: str,
    month: Month,
    orders: Iterable[PaidOrder],
    *,
    sla_hours: int,
    as_of: datetime,
) -> ShippingMonth:
    """R-F2: each order paid in `month` by `as_of`, judged against the SLA as of `as_of`;
    breaches by payment time. A shipment after `as_of` is not known yet at `as_of`."""
    period = month.period()
    counts = {"orders": 0, "digital": 0, "pending": 0, "unknown": 0, "on_time": 0}
    breaches = []
    for order in orders:
        if not period.contains(order.paid_at) or order.paid_at > as_of:
            continue
        counts["orders"] += 1
        if order.digital:
            counts["digital"] += 1  # R-F6: no shipment, no SLA
            continue
        shipped = order.shipped_at is not None and order.shipped_at <= as_of
        if order.shipped_at is None and order.status in _NOT_AWAITING_SHIPMENT:
            counts["unknown"] += 1
            continue
        late = late_shipment(
            store, order.order_no, order.paid_at, order.shipped_at,
            sla_hours=sla_hours, as_of=as_of,
        )  # fmt: skip
        if late is not None:
            breaches.append(late)
        elif shipped:
            counts["on_time"] += 1
        else:
            counts["pending"] += 1
    breaches.sort(key=lambda late: (late.paid_at, late.order_no))
    return ShippingMonth(store, month, as_of, sla_hours, tuple(breaches), **counts)


# Without a shipping time: closed (refunded before shipment) or shipped at a time not given.
_NOT_AWAITING_SHIPMENT = frozenset({OrderStatus.CLOSED, OrderStatus.SHIPPED, OrderStatus.COMPLETED})
