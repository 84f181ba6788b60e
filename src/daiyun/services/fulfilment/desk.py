"""Use cases of the operations desk (issue 19, point 7): what the agency's operations staff
have to handle today — shipping breaches (R-F2), stockouts (R-F3), returns to handle (R-F5),
mis-shipments (R-F4) — each with its deadline, most urgent first; and the brand's own view of
them on its portal (R-D2: its own brand's only, another brand's not found). A brand's people
are told of a mis-shipment at once (R-F4): it is a notice on the portal's home until one of
them marks it seen, which is recorded with the moment.

Every read is one query of its kind whatever the number of brands and stores
(adapters/db/repositories/fulfilment_desk.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from daiyun.domain.agency import Store, User
from daiyun.domain.calendar import Month, business_date
from daiyun.domain.contracts import ContractTerms
from daiyun.domain.fulfilment.desk import (
    Breach,
    DeskStockout,
    ReturnToHandle,
    SeenMisShipment,
    SlaOrder,
    breaches_of,
    desk_stockouts,
)
from daiyun.domain.fulfilment.stockouts import Stockout
from daiyun.domain.permissions import Permission, can
from daiyun.services.errors import NotFound
from daiyun.services.fulfilment.stock import StockReport, stock_report
from daiyun.services.fulfilment.stockouts import StockoutUnitOfWork, stockout_done
from daiyun.services.scope import require_on_brand, visible_brands

__all__ = [
    "OPEN_BREACH_DAYS",
    "DeskQueries",
    "DeskScope",
    "DeskUnitOfWork",
    "OperationsDesk",
    "brand_stock",
    "desk_scope",
    "mark_misshipment_seen",
    "mark_stockout_done",
    "operations_desk",
    "unseen_misshipments",
    "visible_misshipments",
    "visible_stockouts",
]

# An order unshipped this long after payment is no longer a desk's today: its breach is kept
# (the month's breaches say it), but the desk looks back this far for open ones.
OPEN_BREACH_DAYS = 90
_DEFAULT_HOURS = ContractTerms().shipping_sla_hours  # R-F2: 72 unless the contract says


class DeskQueries(Protocol):
    """The desk's reads (adapters/db/repositories/fulfilment_desk.py)."""

    def sla_orders(
        self,
        brand_codes: Iterable[str] | None,
        store_code: str | None,
        *,
        as_of: datetime,
        default_hours: int,
        shipped_since: datetime,
        open_paid_since: datetime,
    ) -> list[SlaOrder]: ...
    def stockouts(
        self, brand_codes: Iterable[str] | None, *, started_since: date | None
    ) -> list[Stockout]: ...
    def returns_to_handle(
        self, brand_codes: Iterable[str] | None, store_code: str | None
    ) -> list[ReturnToHandle]: ...
    def misshipments(
        self, brand_codes: Iterable[str] | None, *, unseen_only: bool = False, limit: int = 200
    ) -> list[SeenMisShipment]: ...
    def misshipment_brand(self, misshipment_id: int) -> str | None: ...
    def mark_seen(self, misshipment_id: int, at: datetime, actor: str) -> bool: ...


class DeskUnitOfWork(StockoutUnitOfWork, Protocol):
    """The fulfilment unit of work with the stockouts and the desk's reads."""

    @property
    def desk(self) -> DeskQueries: ...


@dataclass(frozen=True)
class DeskScope:
    """Whose goods a view shows: the brands (None: every brand, agency staff) and one store
    (None: every store of them), and the stores to choose from."""

    brands: tuple[str, ...] | None
    store: str | None
    stores: tuple[Store, ...]


@dataclass(frozen=True)
class OperationsDesk:
    """Today's work as of `at` (business day `on`), each list most urgent first."""

    at: datetime
    on: date
    month: Month
    scope: DeskScope
    open_breaches: tuple[Breach, ...]
    closed_breaches: tuple[Breach, ...]
    stockouts: tuple[DeskStockout, ...]
    returns: tuple[ReturnToHandle, ...]
    misshipments: tuple[SeenMisShipment, ...]
    may_receive_returns: bool
    may_finish_stockouts: bool
    may_mark_seen: bool


def desk_scope(
    uow: DeskUnitOfWork, acting: User, *, brand_code: str | None, store_code: str | None
) -> DeskScope:
    """The brands and store `acting` asked for and may see (R-D2): another brand's — or none
    such — is not found. Inside an open unit of work."""
    brands = visible_brands(acting, Permission.VIEW_ORDERS)
    if brand_code is not None:
        missing = f"no brand with code {brand_code!r}"
        if uow.brands.get(brand_code) is None:
            raise NotFound(missing)
        require_on_brand(acting, Permission.VIEW_ORDERS, brand_code, missing=missing)
        brands = (brand_code,)
    if store_code is not None:
        missing = f"no store with code {store_code!r}"
        found = uow.stores.get(store_code)
        if found is None or (brands is not None and found.brand_code not in brands):
            raise NotFound(missing)
        require_on_brand(acting, Permission.VIEW_ORDERS, found.brand_code, missing=missing)
    stores = tuple(
        each
        for each in sorted(uow.stores.list_all(), key=lambda each: each.code)
        if brands is None or each.brand_code in brands
    )
    return DeskScope(brands, store_code, stores)


def _in_store(scope: DeskScope, store_code: str) -> bool:
    return scope.store is None or scope.store == store_code


def operations_desk(
    uow: DeskUnitOfWork,
    acting: User,
    *,
    at: datetime,
    brand_code: str | None = None,
    store_code: str | None = None,
) -> OperationsDesk:
    """R-F2–R-F5: the open shipping breaches (hours late so far) and those shipped late this
    month,
    the open stockouts with the duty now due, the returns whose goods have not come back, and
    the mis-shipments with whether the brand has seen them — of the brands and store asked
    for that `acting` may see."""
    on = business_date(at)
    month = Month.of(on)
    with uow:
        scope = desk_scope(uow, acting, brand_code=brand_code, store_code=store_code)
        orders = uow.desk.sla_orders(
            scope.brands, scope.store, as_of=at, default_hours=_DEFAULT_HOURS,
            shipped_since=month.period().start,
            open_paid_since=at - timedelta(days=OPEN_BREACH_DAYS),
        )  # fmt: skip
        stockouts = [
            each
            for each in uow.desk.stockouts(scope.brands, started_since=None)
            if _in_store(scope, each.store) and each.started_at <= at
        ]
        returns = uow.desk.returns_to_handle(scope.brands, scope.store)
        misshipments = [
            each
            for each in uow.desk.misshipments(scope.brands)
            if _in_store(scope, each.record.report.store)
        ]
    breaches = breaches_of(orders, as_of=at)
    return OperationsDesk(
        at=at,
        on=on,
        month=month,
        scope=scope,
        open_breaches=tuple(each for each in breaches if each.open),
        closed_breaches=tuple(each for each in breaches if not each.open),
        stockouts=tuple(desk_stockouts(stockouts, on=on)),
        returns=tuple(sorted(returns, key=ReturnToHandle.sort_key)),
        misshipments=tuple(misshipments),
        may_receive_returns=can(acting, Permission.HANDLE_RETURNS, acting.brand_code),
        may_finish_stockouts=can(acting, Permission.HANDLE_STOCKOUTS, acting.brand_code),
        may_mark_seen=acting.role.is_brand_role
        and can(acting, Permission.VIEW_ORDERS, acting.brand_code),
    )


def visible_stockouts(
    uow: DeskUnitOfWork,
    acting: User,
    *,
    at: datetime,
    brand_code: str | None = None,
    store_code: str | None = None,
) -> list[DeskStockout]:
    """The open stockouts `acting` may see as of `at`, most urgent first (R-F3, R-D2)."""
    with uow:
        scope = desk_scope(uow, acting, brand_code=brand_code, store_code=store_code)
        found = [
            each
            for each in uow.desk.stockouts(scope.brands, started_since=None)
            if _in_store(scope, each.store) and each.started_at <= at
        ]
    return desk_stockouts(found, on=business_date(at))


def visible_misshipments(
    uow: DeskUnitOfWork,
    acting: User,
    *,
    brand_code: str | None = None,
    store_code: str | None = None,
) -> list[SeenMisShipment]:
    """The mis-shipments `acting` may see, newest first, with the brand's first sight (R-F4)."""
    with uow:
        scope = desk_scope(uow, acting, brand_code=brand_code, store_code=store_code)
        return [
            each
            for each in uow.desk.misshipments(scope.brands)
            if _in_store(scope, each.record.report.store)
        ]


def unseen_misshipments(uow: DeskUnitOfWork, acting: User) -> list[SeenMisShipment]:
    """R-F4: the brand's mis-shipments none of its people has marked seen yet — the portal's
    notices. Agency staff and users without the orders' permission have none."""
    brand = acting.brand_code
    if not acting.role.is_brand_role or brand is None:
        return []
    if not can(acting, Permission.VIEW_ORDERS, brand):
        return []
    with uow:
        return uow.desk.misshipments((brand,), unseen_only=True)


def mark_misshipment_seen(
    uow: DeskUnitOfWork, acting: User, *, misshipment_id: int, at: datetime
) -> bool:
    """Someone of the brand has seen the mis-shipment (R-F4): its first sight recorded with
    the moment and who; False when one of them saw it before. Only the brand's own people
    (another brand's mis-shipment is not found; the agency's staff may not)."""
    missing = f"no mis-shipment {misshipment_id}"
    with uow:
        brand = uow.desk.misshipment_brand(misshipment_id)
        if brand is None:
            raise NotFound(missing)
        require_on_brand(acting, Permission.VIEW_ORDERS, brand, missing=missing)
        if not acting.role.is_brand_role:
            raise NotFound(missing)  # the brand's notice: only its own people see it through
        first = uow.desk.mark_seen(misshipment_id, at, acting.login)
        uow.commit()
    return first


def mark_stockout_done(
    uow: DeskUnitOfWork,
    acting: User,
    *,
    brand_code: str,
    sku_code: str,
    store_code: str | None,
    note: str,
    at: datetime,
) -> list[Stockout]:
    """The off-sale task of a stockout done from the desk, as `daiyun stock stockout-done`
    (R-F3): for the agency's people who may handle stockouts; another brand's not found."""
    missing = f"no brand with code {brand_code!r}"
    require_on_brand(acting, Permission.HANDLE_STOCKOUTS, brand_code, missing=missing)
    return stockout_done(
        uow, brand_code=brand_code, sku_code=sku_code, store_code=store_code, note=note,
        at=at, actor=acting.login,
    )  # fmt: skip


def brand_stock(uow: DeskUnitOfWork, acting: User, *, brand_code: str, at: datetime) -> StockReport:
    """The brand's stock as of `at` (R-F1) for whoever may see its orders (R-D2)."""
    require_on_brand(
        acting, Permission.VIEW_ORDERS, brand_code, missing=f"no brand with code {brand_code!r}"
    )
    return stock_report(uow, brand_code=brand_code, at=at)
