"""Use cases: orders shipped late or not shipped in time, for the dashboard (R-F2, R-O1); a
store's month of breaches and its on-time rate (R-F2, R-F6), read from the stored orders when
asked, so every import keeps them up to date without the import doing anything more."""

from __future__ import annotations

from datetime import datetime, timedelta

from daiyun.domain.agency import User
from daiyun.domain.calendar import Month
from daiyun.domain.contracts import ContractTerms
from daiyun.domain.fulfilment import LateShipment, ShippingMonth, judge_month, late_shipment
from daiyun.domain.permissions import Permission, can
from daiyun.services.errors import NotFound
from daiyun.services.fulfilment.ports import FulfilmentUnitOfWork
from daiyun.services.scope import require_on_brand, visible_brands
from daiyun.services.unit_of_work import UnitOfWork

__all__ = ["late_shipments", "shipping_month"]

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


def shipping_month(
    uow: FulfilmentUnitOfWork, acting: User, *, store_code: str, month: Month, as_of: datetime
) -> ShippingMonth:
    """R-F2: the store's orders paid in `month` (Beijing time) by `as_of`, each judged against
    its contract's `shipping_sla_hours`: the breaches with their hours late, open ones measured
    to `as_of`, and the on-time rate; digital goods have no SLA (R-F6)."""
    missing = f"no store with code {store_code!r}"
    with uow:
        store = uow.stores.get(store_code)
        if store is None:
            raise NotFound(missing)
        require_on_brand(acting, Permission.VIEW_ORDERS, store.brand_code, missing=missing)
        contract = uow.contracts.get(store.contract_code)
        sla = contract.terms.shipping_sla_hours if contract is not None else _DEFAULT_HOURS
        paid = month.period()
        return judge_month(
            store_code, month, uow.shipping.paid_orders(store_code, paid),
            sla_hours=sla, as_of=as_of,
        )  # fmt: skip
