"""Use case: reconcile a store's month — its orders, its Alipay lines and the platform's fees —
listing every difference with its cause (R-X1, R-S5); read only what the user may see (R-D2).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from daiyun.domain.agency import User
from daiyun.domain.calendar import Month
from daiyun.domain.contracts import Platform, PlatformFeeSchedule
from daiyun.domain.permissions import Permission
from daiyun.domain.reconciliation import (
    ChargeKind,
    KnownOrder,
    MatchLine,
    MonthMatcher,
    Reconciliation,
    fee_kinds_of,
)
from daiyun.services.errors import NotFound
from daiyun.services.scope import require_on_brand
from daiyun.services.unit_of_work import UnitOfWork

__all__ = [
    "ReconciliationRepository",
    "ReconciliationUnitOfWork",
    "StoreMonth",
    "reconcile_store_month",
]

# Platforms whose money arrives in an Alipay account (formats.md).
_ALIPAY_PLATFORMS = frozenset({"tmall", "taobao"})


class ReconciliationRepository(Protocol):
    """What a store's month reconciliation reads (adapters/db/repositories/reconciliation.py)."""

    def month_material(
        self, store_code: str, month: Month, fee_kinds: frozenset[ChargeKind]
    ) -> tuple[list[MatchLine], Iterator[tuple[str | None, KnownOrder | None, list[MatchLine]]]]:
        """The month's lines naming no order, and each order number the month involves, once,
        with the order daiyun has under it and every line naming it (MonthMatcher.order);
        the groups are read as they are consumed, inside the unit of work."""
        ...


class ReconciliationUnitOfWork(UnitOfWork, Protocol):
    """The unit of work with what reconciliation reads (the Alipay unit of work)."""

    @property
    def reconciliation(self) -> ReconciliationRepository: ...


class StoreMonth:
    """A store's month reconciled, with the store's code for the documents."""

    def __init__(self, store_code: str, result: Reconciliation) -> None:
        self.store = store_code
        self.result = result

    def as_document(self) -> dict[str, object]:
        """The JSON of interfaces.md ("Money in"), money as yuan strings; beside its keys, the
        refunds on both sides, the fees given back and the charges not compared, and each
        difference's Alipay lines (账务流水号)."""
        result = self.result
        return {
            "store": self.store,
            "month": str(result.month),
            "orders_completed": result.orders_completed,
            "matched": result.matched,
            "expected_income": result.expected_income.yuan_text(),
            "alipay_income": result.alipay_income.yuan_text(),
            "expected_fees": result.expected_fees.yuan_text(),
            "alipay_fees": result.alipay_fees.yuan_text(),
            "counts": result.counts,
            "differences": [
                {
                    "cause": difference.cause.value,
                    "order_no": difference.order_no,
                    "expected": difference.expected.yuan_text(),
                    "actual": difference.actual.yuan_text(),
                    "difference": difference.difference.yuan_text(),
                    "entries": list(difference.entries),
                }
                for difference in result.differences
            ],
            "expected_refunds": result.expected_refunds.yuan_text(),
            "alipay_refunds": result.alipay_refunds.yuan_text(),
            "fees_returned": result.fees_returned.yuan_text(),
            "other_charges": result.other_charges.yuan_text(),
        }


def reconcile_store_month(
    uow: ReconciliationUnitOfWork, *, acting: User, store_code: str, month: Month
) -> StoreMonth:
    """The store's month reconciled (R-X1); NotFound for a store the user may not see (R-D2)
    or one whose money does not arrive in Alipay."""
    missing = f"no store with code {store_code!r}"
    with uow:
        store = uow.stores.get(store_code)
        if store is None:
            raise NotFound(missing)
        # R-D2: a brand's people reconcile their own stores only; another's does not exist.
        require_on_brand(acting, Permission.VIEW_STATEMENTS, store.brand_code, missing=missing)
        if store.platform not in _ALIPAY_PLATFORMS:
            raise NotFound(
                f"store {store_code} is on {store.platform}: its money does not arrive in an "
                "Alipay account, there is nothing to reconcile"
            )
        schedule = _schedule(uow.contracts.fee_schedules(store.contract_code), store.platform)
        # The month streamed one order number at a time: never held in memory whole.
        matcher = MonthMatcher(month, schedule.rate_for)
        loose, groups = uow.reconciliation.month_material(
            store_code, month, fee_kinds_of(store.platform)
        )
        for line in loose:
            matcher.loose(line)
        for order_no, order, lines in groups:
            matcher.order(order_no, order, lines)
    return StoreMonth(store_code, matcher.result())


def _schedule(schedules: tuple[PlatformFeeSchedule, ...], platform: str) -> PlatformFeeSchedule:
    """The contract's fee schedule for the platform; R-S5's defaults when it lists none."""
    for schedule in schedules:
        if schedule.platform == platform:
            return schedule
    return PlatformFeeSchedule(Platform(platform))
