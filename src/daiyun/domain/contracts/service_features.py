"""R-C3: the features each service category opens, and the refusal of a feature not bought.

A contract lists the services it buys from the provider categories of article 1; a feature of
daiyun is offered to a brand only when one of its contracts in force bought the service the
feature belongs to. Whole outsourcing (电商整包) buys every category. The table is written out
for people in docs/services.md. Pure: the caller gives the services and the day.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from daiyun.domain.contracts.choices import Service
from daiyun.domain.contracts.lifecycle import ContractLife, ends_on
from daiyun.domain.contracts.specs import ContractSpec

__all__ = [
    "FEATURE_SERVICE",
    "Feature",
    "ServiceNotBought",
    "features_of",
    "require_service",
    "services_in_force",
]


class Feature(StrEnum):
    """A part of daiyun that only a contract buying its service opens (R-C3)."""

    STOCK = "stock"  # stock lists, receipts, the stock report, replenishment lists
    STOCKOUTS = "stockouts"  # stockouts found on the listings and their tasks
    CUSTODY_LOSSES = "custody_losses"  # goods lost or damaged in the agency's custody (R-F7)
    PROMOTIONS = "promotions"  # promotion plans and the brand's written approvals (R-C7)
    AD_SPEND = "ad_spend"  # the month's ad spend against its band (R-B6)
    LISTINGS = "listings"  # listing prices and repricing tasks (R-P2..R-P5)


# R-C3: warehousing & logistics (仓储物流) holds the goods; marketing (营销推广) runs promotions
# and search ads; store operation (运营服务: listing, design, customer service) sets the prices.
FEATURE_SERVICE: Mapping[Feature, Service] = MappingProxyType(
    {
        Feature.STOCK: Service.WAREHOUSING_LOGISTICS,
        Feature.STOCKOUTS: Service.WAREHOUSING_LOGISTICS,
        Feature.CUSTODY_LOSSES: Service.WAREHOUSING_LOGISTICS,
        Feature.PROMOTIONS: Service.MARKETING,
        Feature.AD_SPEND: Service.MARKETING,
        Feature.LISTINGS: Service.STORE_OPERATION,
    }
)


class ServiceNotBought(PermissionError):
    """The brand's contracts in force did not buy the service a feature belongs to (R-C3)."""

    def __init__(self, brand_code: str, feature: Feature, service: Service) -> None:
        self.brand_code = brand_code
        self.feature = feature
        self.service = service
        super().__init__(
            f"brand {brand_code}'s contract did not buy the service {service.value}, "
            f"which {feature.value} belongs to (R-C3)"
        )


def features_of(services: Iterable[Service]) -> frozenset[Feature]:
    """Every feature the services open; whole outsourcing (整包) opens all (R-C3)."""
    bought = set(services)
    if Service.WHOLE_OUTSOURCING in bought:
        return frozenset(Feature)
    return frozenset(feature for feature, service in FEATURE_SERVICE.items() if service in bought)


def services_in_force(
    brand_code: str,
    contracts: Iterable[ContractSpec],
    lives: Mapping[str, ContractLife],
    day: date | None,
) -> frozenset[Service]:
    """The services bought by the brand's contracts not ended before `day` (R-C3, R-C6); a
    contract signed but not yet effective counts, the agency preparing its go-live (§2 ch.1
    art.4–5). Without a day (a look at records already kept): every contract of the brand."""
    bought: set[Service] = set()
    for spec in contracts:
        if spec.brand_code != brand_code:
            continue
        life = lives.get(spec.code)
        last = None if life is None else ends_on(spec, life)
        if day is not None and last is not None and day > last:
            continue
        bought.update(spec.services)
    return frozenset(bought)


def require_service(brand_code: str, services: Iterable[Service], feature: Feature) -> None:
    """Nothing when the services open `feature`; else ServiceNotBought naming the service."""
    if feature not in features_of(services):
        raise ServiceNotBought(brand_code, feature, FEATURE_SERVICE[feature])
