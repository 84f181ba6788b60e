"""Use cases: enter a month's advertising spend and read it against the budget band (R-B6)."""

from __future__ import annotations

import json
from datetime import datetime

from daiyun.domain.advertising import AdBudget, AdSpend, ad_budget
from daiyun.domain.agency import AuditEntry, Store, User
from daiyun.domain.calendar import Month
from daiyun.domain.contracts.service_features import Feature
from daiyun.domain.money import Money
from daiyun.domain.permissions import Permission
from daiyun.services.contracts.service_gate import require_brand_service
from daiyun.services.errors import NotFound
from daiyun.services.scope import require_on_brand
from daiyun.services.unit_of_work import UnitOfWork

__all__ = ["ad_budget_of", "record_ad_spend"]


def _store(
    uow: UnitOfWork, code: str, user: User | None = None, permission: Permission | None = None
) -> Store:
    missing = f"no store with code {code!r}"
    found = uow.stores.get(code)
    if found is None:
        raise NotFound(missing)
    if user is not None and permission is not None:
        require_on_brand(user, permission, found.brand_code, missing=missing)  # R-D2
    return found


def record_ad_spend(
    uow: UnitOfWork,
    *,
    store_code: str,
    month: Month,
    channel: str,
    amount: Money,
    at: datetime,
    actor: str,
    user: User | None = None,
) -> AdBudget:
    """The month's spend on a channel (entered again, it replaces); the budget after it."""
    spend = AdSpend(store_code, month, channel.strip(), amount)
    with uow:
        store = _store(uow, store_code, user, Permission.ENTER_AD_SPEND)
        require_brand_service(uow, store.brand_code, Feature.AD_SPEND, at)  # R-C3
        before = uow.ad_spend.get(store_code, month, spend.channel)
        uow.ad_spend.record(spend, at, actor)
        uow.audit.record(
            AuditEntry(
                at=at,
                actor=actor,
                action="ad_spend.record",
                entity="store",
                entity_key=f"{store_code}/{month}/{spend.channel}",
                brand_code=store.brand_code,
                before=None
                if before is None
                else json.dumps({"amount": before.amount.yuan_text()}),
                after=json.dumps({"amount": amount.yuan_text()}),
            )
        )
        budget = _budget(uow, store, month)
        uow.commit()
    return budget


def _budget(uow: UnitOfWork, store: Store, month: Month) -> AdBudget:
    contract = uow.contracts.get(store.contract_code)
    if contract is None:
        raise NotFound(f"no contract {store.contract_code!r} for store {store.code}")
    sales = uow.ad_spend.monthly_sales(store.code, month.period())
    return ad_budget(month, sales, uow.ad_spend.for_month(store.code, month), contract.terms)


def ad_budget_of(
    uow: UnitOfWork, *, store_code: str, month: Month, user: User | None = None
) -> AdBudget:
    """R-B6: the month's band as a share of its sales, against the spend entered."""
    with uow:
        store = _store(uow, store_code, user, Permission.VIEW_ORDERS)
        require_brand_service(uow, store.brand_code, Feature.AD_SPEND)  # R-C3
        return _budget(uow, store, month)
