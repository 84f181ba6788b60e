"""Use case: orders shipped late or not shipped in time, for the dashboard (R-F2, R-O1)."""

from __future__ import annotations

from datetime import datetime, timedelta

from daiyun.domain.agency import User
from daiyun.domain.contracts import ContractTerms
from daiyun.domain.fulfilment import LateShipment, late_shipment
from daiyun.domain.permissions import Permission, can
from daiyun.services.scope import visible_brands
from daiyun.services.unit_of_work import UnitOfWork

__all__ = ["late_shipments"]

# Orders shipped late are shown for a week after they shipped; unshipped ones until shipped.
_SHIPPED_WINDOW = timedelta(days=7)
_DEFAULT_HOURS = ContractTerms().shipping_sla_hours  # R-F2: 72 unless the contract says


def late_shipments(
    uow: UnitOfWork, acting: User, *, as_of: datetime, limit: int = 500
) -> list[LateShipment]:
    """R-F2: paid orders past their contract's shipping hours, oldest payment first."""
    if not can(acting, Permission.VIEW_ORDERS, acting.brand_code):
        return []
    brands = visible_brands(acting, Permission.VIEW_ORDERS)
    with uow:
        # Every contract gives at least an hour: fetch what may be late with each order's
        # contract hours, then judge each by its own contract.
        candidates = uow.order_queries.shipping_candidates(
            brands, as_of - timedelta(hours=1), as_of - _SHIPPED_WINDOW, limit
        )
    found = []
    for order, hours in candidates:
        if order.paid_at is None:
            continue
        sla = _DEFAULT_HOURS if hours is None else int(hours)
        late = late_shipment(
            order.store_code, order.order_no, order.paid_at, order.shipped_at,
            sla_hours=sla, as_of=as_of,
        )  # fmt: skip
        if late is not None:
            found.append(late)
    return found
