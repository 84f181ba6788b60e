"""Query: the agency at a glance — brands, their contracts, stores and SKU counts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from daiyun.domain.agency import Brand, Store, User
from daiyun.domain.contracts import ContractSpec
from daiyun.domain.permissions import Permission
from daiyun.services.kept import Kept, kept_or_worked_out
from daiyun.services.scope import visible_brands
from daiyun.services.unit_of_work import UnitOfWork

__all__ = ["AgencyOverview", "BrandOverview", "agency_overview"]


@dataclass(frozen=True)
class BrandOverview:
    """One client brand with what the agency runs for it."""

    brand: Brand
    contracts: tuple[ContractSpec, ...]
    stores: tuple[Store, ...]
    sku_count: int


@dataclass(frozen=True)
class AgencyOverview:
    """Every brand, in code order, with totals."""

    brands: tuple[BrandOverview, ...]

    @property
    def contract_count(self) -> int:
        """How many contracts in all."""
        return sum(len(entry.contracts) for entry in self.brands)

    @property
    def store_count(self) -> int:
        """How many stores in all."""
        return sum(len(entry.stores) for entry in self.brands)

    @property
    def sku_count(self) -> int:
        """How many SKUs in all."""
        return sum(entry.sku_count for entry in self.brands)


def agency_overview(
    uow: UnitOfWork, acting: User, *, kept: Kept[AgencyOverview] | None = None
) -> AgencyOverview:
    """Read the overview in a fixed, small number of queries; a brand user sees their own (R-D2).
    Given `kept`, read once until the database changes (issue 22)."""
    visible = visible_brands(acting, Permission.VIEW_BRAND)
    scope = None if visible is None else tuple(sorted(visible))
    return kept_or_worked_out(kept, uow, scope, lambda: _overview(uow, visible))


def _overview(uow: UnitOfWork, visible: Sequence[str] | None) -> AgencyOverview:
    with uow:
        brands = [b for b in uow.brands.list_all() if visible is None or b.code in visible]
        contracts: dict[str, list[ContractSpec]] = defaultdict(list)
        for contract in uow.contracts.list_all():
            contracts[contract.brand_code].append(contract)
        stores: dict[str, list[Store]] = defaultdict(list)
        for store in uow.stores.list_all():
            stores[store.brand_code].append(store)
        sku_counts = uow.catalog.count_by_brand()
    return AgencyOverview(
        tuple(
            BrandOverview(
                brand=brand,
                contracts=tuple(contracts[brand.code]),
                stores=tuple(stores[brand.code]),
                sku_count=sku_counts.get(brand.code, 0),
            )
            for brand in brands
        )
    )
