"""The operations desk (issue 19, point 7): what the agency's operations staff — and, for its
own goods, the brand — have to handle today, each with its deadline.

- shipping breaches (R-F2, R-F6): orders unshipped past their ship-by time, with the hours late
  so far, and the month's orders shipped late;
- stockouts (R-F3): the brand's notice and replenishment days, then the off-sale task;
- returns to handle (R-F5): accepted requests whose goods have not come back, with the
  window's last day;
- mis-shipments (R-F4): recorded, and whether the brand has seen them yet.

Pure: the stored rows come in, the rows with their deadlines and urgency go out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from daiyun.domain.calendar import business_date
from daiyun.domain.fulfilment.misshipments import MisShipment
from daiyun.domain.fulfilment.returns import ReturnKind
from daiyun.domain.fulfilment.shipping import LateShipment, late_shipment
from daiyun.domain.fulfilment.stockouts import Stockout, StockoutState

__all__ = [
    "Breach",
    "DeskStockout",
    "ReturnToHandle",
    "SeenMisShipment",
    "SlaOrder",
    "breaches_of",
    "desk_stockouts",
]


@dataclass(frozen=True, slots=True)
class SlaOrder:
    """A paid order of physical goods that may be late (R-F2, R-F6): its brand and store, when
    paid and shipped (None: not yet), and its contract's `shipping_sla_hours`."""

    brand: str
    store: str
    order_no: str
    paid_at: datetime
    shipped_at: datetime | None
    sla_hours: int


@dataclass(frozen=True, slots=True)
class Breach:
    """A late order of a brand: shipped after its ship-by time, or still open past it."""

    brand: str
    late: LateShipment

    @property
    def open(self) -> bool:
        return self.late.shipped_at is None

    @property
    def due_on(self) -> date:
        """The ship-by time's business day (Beijing): the SLA's due day (R-O1)."""
        return business_date(self.late.ship_by)


def breaches_of(orders: Iterable[SlaOrder], *, as_of: datetime) -> list[Breach]:
    """R-F2: each order judged against its own contract's hours as of `as_of` (a shipment
    after `as_of` not known yet); the late ones, open first by hours late (the longest
    waiting first), then the shipped ones by payment."""
    found = []
    for order in orders:
        late = late_shipment(
            order.store, order.order_no, order.paid_at, order.shipped_at,
            sla_hours=order.sla_hours, as_of=as_of,
        )  # fmt: skip
        if late is not None:
            found.append(Breach(order.brand, late))
    found.sort(
        key=lambda each: (
            not each.open,
            -each.late.hours_late if each.open else 0,
            each.late.paid_at,
            each.late.store,
            each.late.order_no,
        )
    )
    return found


@dataclass(frozen=True, slots=True)
class DeskStockout:
    """An open stockout as of a day, with the duty now due and its last day (R-F3)."""

    stockout: Stockout
    state: StockoutState
    deadline: date

    @property
    def task_open(self) -> bool:
        return self.state is StockoutState.TASK_OPEN


def desk_stockouts(stockouts: Iterable[Stockout], *, on: date) -> list[DeskStockout]:
    """The open stockouts as of `on`, most urgent first: the earliest deadline (a task open
    since its replenishment day passed comes before any duty still running), then store, SKU."""
    rows = [
        DeskStockout(each, each.state(on), each.deadline(on)) for each in stockouts if each.open
    ]
    rows.sort(key=lambda row: (row.deadline, row.stockout.store, row.stockout.sku))
    return rows


@dataclass(frozen=True, slots=True)
class ReturnToHandle:
    """An accepted return or exchange whose goods of one order line have not come back yet
    (R-F5): the request's window's last day (None for quality: no window)."""

    request_id: int
    brand: str
    store: str
    order_no: str
    line_no: int
    sku: str | None
    units: int
    kind: ReturnKind
    reason: str
    received_on: date
    requested_on: date
    window_ends: date | None

    def sort_key(self) -> tuple[date, date, str, str, int]:
        """Most urgent first: the window's last day (quality, without one, by its request
        day), then the request day, store, order and line."""
        first = self.window_ends if self.window_ends is not None else self.requested_on
        return (first, self.requested_on, self.store, self.order_no, self.line_no)


@dataclass(frozen=True, slots=True)
class SeenMisShipment:
    """A mis-shipment and when someone of the brand first saw it on the portal (R-F4);
    None while unseen, when it is a notice on the portal's home."""

    record: MisShipment
    seen_at: datetime | None = None
    seen_by: str | None = None

    @property
    def deadline(self) -> date:
        """R-F4: the brand is told at once — the day it was recorded."""
        return business_date(self.record.recorded_at)
