"""The goods' dated duties as obligations (issue 19, R-O1): the brand's shipping SLA for each
late order (R-F2) and the stockout duties with the operator's off-sale task (R-F3) — one duty
source of `Daiyun.duty_sources()`, read by `daiyun obligations list`, /api/obligations,
/obligations and the dashboard.

Bounded, and two queries whatever the number of stores and orders: only late orders (a big
store's month has thousands shipped in time, and the on-time rate counts those) — those shipped
in the month of `as_of` or the month before, and those still unshipped of the last 90 days —
and the stockouts open or started in those two months."""

from __future__ import annotations

from datetime import date, timedelta

from daiyun.domain.calendar import Month, start_of_day
from daiyun.domain.contracts import ContractTerms
from daiyun.domain.fulfilment.desk import breaches_of
from daiyun.domain.obligations import Obligation
from daiyun.domain.obligations.fulfilment_duties import shipping_obligations, stockout_obligations
from daiyun.services.errors import NotFound
from daiyun.services.fulfilment.desk import OPEN_BREACH_DAYS, DeskUnitOfWork
from daiyun.services.obligations.sources import obligation_order

__all__ = ["list_fulfilment_obligations"]

_DEFAULT_HOURS = ContractTerms().shipping_sla_hours


def list_fulfilment_obligations(
    uow: DeskUnitOfWork, *, as_of: date, brand_code: str | None = None
) -> list[Obligation]:
    """R-F2, R-F3: the brands' (one brand's, if given) goods duties as of the day `as_of`,
    judged at its end (midnight after it, Beijing)."""
    moment = start_of_day(as_of + timedelta(days=1))
    since = Month.of(as_of).previous()
    brands = None if brand_code is None else (brand_code,)
    with uow:
        if brand_code is not None and uow.brands.get(brand_code) is None:
            raise NotFound(f"no brand with code {brand_code!r}")
        orders = uow.desk.sla_orders(
            brands, None, as_of=moment, default_hours=_DEFAULT_HOURS,
            shipped_since=since.period().start,
            open_paid_since=moment - timedelta(days=OPEN_BREACH_DAYS),
        )  # fmt: skip
        stockouts = uow.desk.stockouts(brands, started_since=since.first_day)
    found = shipping_obligations(breaches_of(orders, as_of=moment), as_of=as_of)
    found += stockout_obligations(stockouts, as_of=as_of)
    return sorted(found, key=obligation_order)
