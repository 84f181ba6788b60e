"""R-F2: the brand ships within N hours of the buyer's payment; a late order is a breach record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

__all__ = ["LateShipment", "late_shipment"]

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
