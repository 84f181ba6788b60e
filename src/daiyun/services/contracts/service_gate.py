"""R-C3 at the service layer: a use case of a feature asks here first whether the brand's
contracts in force bought the feature's service, so that the command line (exit 1), the API
(403) and the pages (403) refuse alike. The table is domain/contracts/service_features.py."""

from __future__ import annotations

from datetime import datetime

from daiyun.domain.calendar import business_date
from daiyun.domain.contracts.service_features import (
    Feature,
    ServiceNotBought,
    features_of,
    require_service,
    services_in_force,
)
from daiyun.services.errors import RoleRefused
from daiyun.services.unit_of_work import UnitOfWork

__all__ = [
    "ServiceRefused",
    "open_features",
    "require_brand_service",
    "require_store_service",
]


class ServiceRefused(RoleRefused):
    """R-C3: the brand's contracts in force did not buy the feature's service; nothing was
    changed (exit 1, HTTP 403)."""


def require_brand_service(
    uow: UnitOfWork, brand_code: str, feature: Feature, at: datetime | None = None
) -> None:
    """ServiceRefused unless a contract of the brand in force at `at` (any of its contracts
    when no moment is given) bought the service `feature` belongs to (R-C3). A brand that is
    not stored is left to the use case, which answers NotFound as it always has."""
    contracts = [spec for spec in uow.contracts.list_all() if spec.brand_code == brand_code]
    if not contracts and uow.brands.get(brand_code) is None:
        return
    lives = uow.contracts.lives([spec.code for spec in contracts]) if at is not None else {}
    day = None if at is None else business_date(at)
    try:
        require_service(brand_code, services_in_force(brand_code, contracts, lives, day), feature)
    except ServiceNotBought as refused:
        raise ServiceRefused(str(refused)) from refused


def require_store_service(
    uow: UnitOfWork, store_code: str, feature: Feature, at: datetime | None = None
) -> None:
    """require_brand_service for the brand of the store; an unknown store is left to the use
    case (NotFound)."""
    store = uow.stores.get(store_code)
    if store is not None:
        require_brand_service(uow, store.brand_code, feature, at)


def open_features(
    uow: UnitOfWork, brand_code: str, at: datetime | None = None
) -> frozenset[Feature]:
    """Every feature the brand's contracts in force at `at` bought (R-C3), for what is shown
    to the brand (its navigation, its home's tasks) rather than refused."""
    with uow:
        contracts = [spec for spec in uow.contracts.list_all() if spec.brand_code == brand_code]
        lives = uow.contracts.lives([spec.code for spec in contracts]) if at is not None else {}
    day = None if at is None else business_date(at)
    return features_of(services_in_force(brand_code, contracts, lives, day))
