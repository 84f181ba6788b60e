"""Use cases: set a listing's price through the one floor-and-cap check; repricing tasks (R-P5)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from daiyun.domain.agency import AuditEntry, Store, User
from daiyun.domain.calendar import Month
from daiyun.domain.contracts.service_features import Feature
from daiyun.domain.money import Money
from daiyun.domain.permissions import AccessRefused, Permission
from daiyun.domain.pricing import (
    Listing,
    ListingPriceRefused,
    ListingStatus,
    PromotionAllowance,
    RepricingTask,
    check_listing_price,
    highest_price,
    repricing_tasks,
)
from daiyun.domain.promotions import PriceViolation, allowance_at, sale_violations
from daiyun.services.contracts.service_gate import require_brand_service
from daiyun.services.errors import NotFound, Refused, RoleRefused
from daiyun.services.scope import require_on_brand
from daiyun.services.unit_of_work import UnitOfWork

__all__ = [
    "ListingPriceSet",
    "ListingRefused",
    "open_repricing_tasks",
    "price_listing",
    "price_violations",
    "raise_repricing_tasks",
    "set_listing_price",
]


@dataclass(frozen=True)
class ListingPriceSet:
    """A price accepted: before and after, and the promotion that allowed it, if any."""

    listing: Listing
    previous: Money | None
    guide_price: Money
    allowance: PromotionAllowance | None
    tasks_resolved: int


def _store(uow: UnitOfWork, code: str, user: User | None, permission: Permission) -> Store:
    missing = f"no store with code {code!r}"
    found = uow.stores.get(code)
    if found is None:
        raise NotFound(missing)
    if user is not None:
        try:
            require_on_brand(user, permission, found.brand_code, missing=missing)
        except AccessRefused as refused:
            raise RoleRefused(str(refused)) from refused
    return found


class ListingRefused(Refused):
    """A refused listing price, with what the refusal names: rule, guide, cap, attempted price."""

    def __init__(
        self,
        message: str,
        *,
        rule: str,
        guide_price: Money | None,
        highest: Money | None,
        attempted: Money,
    ) -> None:
        super().__init__(message)
        self.rule = rule
        self.guide_price = guide_price
        self.highest_price = highest
        self.attempted = attempted


def set_listing_price(
    uow: UnitOfWork,
    *,
    store_code: str,
    sku_code: str,
    price: Money,
    at: datetime,
    actor: str,
    user: User | None = None,
    source: str = "cli",
) -> ListingPriceSet:
    """Every way a price changes ends here: floor (R-P2), cap (R-P3), promotions (R-P4)."""
    with uow:
        done = price_listing(
            uow,
            store_code=store_code,
            sku_code=sku_code,
            price=price,
            at=at,
            actor=actor,
            user=user,
            source=source,
        )
        uow.commit()
    return done


def price_listing(
    uow: UnitOfWork,
    *,
    store_code: str,
    sku_code: str,
    price: Money,
    at: datetime,
    actor: str,
    user: User | None,
    source: str,
) -> ListingPriceSet:
    """set_listing_price's check and write inside an open unit of work the caller commits."""
    store = _store(uow, store_code, user, Permission.SET_LISTING_PRICES)
    require_brand_service(uow, store.brand_code, Feature.LISTINGS, at)  # R-C3
    sku = uow.catalog.get(store.brand_code, sku_code)
    if sku is None:
        raise NotFound(f"no SKU {sku_code!r} in brand {store.brand_code}'s catalogue")
    contract = uow.contracts.get(store.contract_code)
    if contract is None:  # a store is always saved with its contract
        raise NotFound(f"no contract {store.contract_code!r} for store {store.code}")
    guide = sku.guide_price_at(at)
    allowance = None
    if guide is not None and price < guide:
        in_force = uow.promotions.approved_in_force(store.brand_code, at)
        allowance = allowance_at(in_force, store.code, sku.code, guide, at)
    try:
        check_listing_price(price, guide, contract.terms.markup_cap, allowance)
    except ListingPriceRefused as refused:
        raise ListingRefused(
            f"listing {store.code} {sku.code}: {refused}",
            rule=refused.rule,
            guide_price=guide,
            highest=None if guide is None else highest_price(guide, contract.terms.markup_cap),
            attempted=price,
        ) from refused
    assert guide is not None  # checked: no guide price is refused above (R-P1)
    before = uow.listings.get(store.code, sku.code)
    status = before.status if before is not None else ListingStatus.ON_SALE
    offer = Listing(store.code, sku.code, price, status)
    uow.listings.save(offer, at)
    resolved = uow.listings.resolve_tasks(store.code, sku.code, at)
    # R-D3: a price change, with before and after and what allowed it.
    after: dict[str, object] = {"price": price.yuan_text(), "source": source}
    if allowance is not None:
        after["promotion"] = f"{allowance.plan_code} v{allowance.version}"
    uow.audit.record(
        AuditEntry(
            at=at,
            actor=actor,
            action="listing.price",
            entity="listing",
            entity_key=f"{store.code}/{sku.code}",
            brand_code=store.brand_code,
            before=None if before is None else json.dumps({"price": before.price.yuan_text()}),
            after=json.dumps(after, ensure_ascii=False),
        )
    )
    return ListingPriceSet(
        offer, None if before is None else before.price, guide, allowance, resolved
    )


def raise_repricing_tasks(
    uow: UnitOfWork,
    brand_code: str,
    new_guide_prices: Mapping[str, tuple[Money, datetime]],
    at: datetime,
) -> int:
    """R-P5 inside an open unit of work: a task per listing a new guide price puts out of bounds.

    Each guide price counts from the later of its effective time and `at`.
    """
    if not new_guide_prices:
        return 0
    listings = uow.listings.of_brand(brand_code, new_guide_prices)
    contracts = {store.code: store.contract_code for store in uow.stores.list_all()}
    tasks: list[RepricingTask] = []
    for sku_code, (guide, effective_from) in new_guide_prices.items():
        changed_at = max(effective_from, at)
        in_force = uow.promotions.approved_in_force(brand_code, changed_at)
        for offer in (each for each in listings if each.sku == sku_code):
            contract = uow.contracts.get(contracts[offer.store])
            if contract is None:
                continue
            allowance = allowance_at(in_force, offer.store, sku_code, guide, changed_at)
            promotions = {} if allowance is None else {(offer.store, sku_code): allowance.price}
            tasks += repricing_tasks(
                [offer],
                {sku_code: guide},
                contract.terms,
                changed_at=changed_at,
                promotion_prices=promotions,
            )
    return uow.listings.add_tasks(tasks, at)


def open_repricing_tasks(
    uow: UnitOfWork, *, brand_code: str | None = None, user: User | None = None
) -> list[RepricingTask]:
    """Listings still out of bounds after a guide-price change, earliest deadline first."""
    with uow:
        if user is not None and brand_code is not None:
            if uow.brands.get(brand_code) is None:
                raise NotFound(f"no brand with code {brand_code!r}")
            _brand_allowed(user, brand_code)
        if brand_code is not None:  # the tasks of one brand asked for (R-C3)
            require_brand_service(uow, brand_code, Feature.LISTINGS)
        elif user is not None and user.role.is_brand_role:
            brand_code = user.brand_code
        return uow.listings.open_tasks(brand_code)


def price_violations(
    uow: UnitOfWork,
    *,
    month: Month,
    brand_code: str | None = None,
    store_code: str | None = None,
    user: User | None = None,
) -> list[PriceViolation]:
    """Sold lines of the month that broke the floor or the cap with no approved promotion
    covering them (R-P2, R-P3, R-P5), per store; a brand user sees only their brand (R-D2)."""
    with uow:
        if store_code is not None:
            store = _store(uow, store_code, user, Permission.VIEW_ORDERS)
            brands = [store.brand_code]
        elif brand_code is not None:
            if uow.brands.get(brand_code) is None:
                raise NotFound(f"no brand with code {brand_code!r}")
            if user is not None:
                _brand_allowed(user, brand_code)
            brands = [brand_code]
        else:
            brands = [b.code for b in uow.brands.list_all()]
            if user is not None and user.role.is_brand_role:
                brands = [code for code in brands if code == user.brand_code]
        found: list[PriceViolation] = []
        for code in brands:
            lines = uow.listings.out_of_bounds_sales(code, store_code, month)
            if not lines:
                continue
            contract_of = {
                s.code: s.contract_code for s in uow.stores.list_all() if s.brand_code == code
            }
            plans = uow.promotions.approved_versions(code)
            for contract_code in sorted(set(contract_of.values())):
                contract = uow.contracts.get(contract_code)
                if contract is None:
                    continue
                mine = [
                    line for line in lines if contract_of.get(line.store or "") == contract_code
                ]
                found += sale_violations(mine, plans, contract.terms.markup_cap)
        return found


def _brand_allowed(user: User, brand_code: str) -> None:
    missing = f"no brand with code {brand_code!r}"
    try:
        require_on_brand(user, Permission.VIEW_ORDERS, brand_code, missing=missing)
    except AccessRefused as refused:
        raise RoleRefused(str(refused)) from refused
