"""Use case: load the demo agency — 22 cosmetics brands from real 2016 Tmall listings."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from types import MappingProxyType
from typing import Any

from daiyun.domain.agency import Role, User
from daiyun.domain.calendar import is_working_day, start_of_day
from daiyun.domain.catalog import CatalogEntry, Fulfilment, infer_category
from daiyun.domain.contracts import (
    BrandSpec,
    ContractFile,
    ContractModel,
    ContractSpec,
    ContractTerms,
    Platform,
    PlatformFeeSchedule,
    Service,
    StoreSpec,
)
from daiyun.domain.money import Money, Rate
from daiyun.services.accounts.users import user_added
from daiyun.services.contracts.loading import apply_contract_file
from daiyun.services.pricing.catalog import apply_catalog
from daiyun.services.unit_of_work import UnitOfWork

__all__ = [
    "DEMO_PASSWORD",
    "DemoBrand",
    "DemoItem",
    "DemoOutcome",
    "demo_contract",
    "first_payment_day",
    "load_demo",
]

# Printed in the README: the demo is for trying daiyun out, never for real data.
DEMO_PASSWORD = "daiyun-demo-2026"
# Brands that collect the buyers' money themselves and pay the agency fees (model B, R-C2),
# each with its own fees (issue 18): commission on the receipts of its Alipay account (R-B2),
# the annual service fee in two instalments (R-B1), the service deposit (R-B4); VAT 6% on all
# of them (R-B3, the terms' default). The larger stores pay the higher fee and the lower rate.
_MODEL_B_FEES: dict[str, tuple[str, str, str]] = {
    # brand: (model_b_commission_rate, service_fee_annual, service_deposit)
    "herborist": ("0.025", "120000.00", "30000.00"),
    "aupres": ("0.03", "108000.00", "25000.00"),
    "maxfactor": ("0.035", "96000.00", "20000.00"),
    "inoherb": ("0.04", "84000.00", "20000.00"),
    "nivea": ("0.045", "72000.00", "15000.00"),
    "maxam": ("0.05", "60000.00", "10000.00"),
}
_MODEL_B = frozenset(_MODEL_B_FEES)
_SIGNED_ON = date(2026, 1, 5)
_GO_LIVE_ON = date(2026, 2, 1)
_AGENCY_STAFF = (("admin", Role.ADMIN), ("finance", Role.FINANCE), ("ops", Role.STORE_OPERATIONS))


@dataclass(frozen=True)
class DemoItem:
    """One listed product: its item id serves as the SKU code."""

    sku: str
    title: str
    guide_price: Money


@dataclass(frozen=True)
class DemoBrand:
    """A brand of the listings file with its store name and items."""

    code: str
    name: str
    store_name: str
    items: tuple[DemoItem, ...]


@dataclass
class DemoOutcome:
    """What loading the demo changed; all zeros on a second load."""

    brands: int = 0
    contracts_written: int = 0
    stores_written: int = 0
    skus_added: int = 0
    guide_prices_added: int = 0
    users_added: list[str] = field(default_factory=list)

    def as_document(self) -> dict[str, Any]:
        """The outcome as a JSON document."""
        return {
            "brands": self.brands,
            "contracts_written": self.contracts_written,
            "stores_written": self.stores_written,
            "skus_added": self.skus_added,
            "guide_prices_added": self.guide_prices_added,
            "users_added": self.users_added,
        }

    def summary(self) -> str:
        """One line for people."""
        if not (
            self.contracts_written
            or self.stores_written
            or self.skus_added
            or self.guide_prices_added
            or self.users_added
        ):
            return f"demo: {self.brands} brands already loaded, nothing changed"
        return (
            f"demo: {self.brands} brands, {self.contracts_written} contracts and "
            f"{self.stores_written} stores written, {self.skus_added} SKUs added, "
            f"{len(self.users_added)} users added (password {DEMO_PASSWORD})"
        )


def demo_contract(index: int, brand: DemoBrand) -> ContractFile:
    """The demo contract of the index-th brand: a believable mix of models and terms."""
    model = ContractModel.B if brand.code in _MODEL_B else ContractModel.A
    signed_on = _SIGNED_ON + timedelta(days=index % 7)
    effective_on = signed_on
    terms = ContractTerms(
        commission_rate=Rate.of(("0.05", "0.06", "0.045")[index % 3]),
        markup_cap=Rate.of(("0.10", "0.15")[index % 2]),
    )
    if model is ContractModel.B:
        rate, annual_fee, deposit = _MODEL_B_FEES[brand.code]
        terms = replace(
            terms,
            model_b_commission_rate=Rate.of(rate),
            service_fee_annual=Money.of_yuan(annual_fee),
            service_deposit=Money.of_yuan(deposit),
        )
        # R-C5, R-B1: a model B contract takes effect when the first payment is received; the
        # brand pays the first instalment on the first working day from signing on.
        effective_on = first_payment_day(signed_on)
    platforms = (Platform.TMALL,) if model is ContractModel.B else (Platform.TMALL, Platform.TAOBAO)
    # R-C3: every demo brand buys what the demo shows of it: store operation (prices),
    # marketing (promotions, ad spend) and warehousing & logistics (stock, stockouts, losses).
    services = (
        Service.STORE_OPERATION,
        Service.MARKETING,
        Service.WAREHOUSING_LOGISTICS,
        Service.IT_SYSTEMS,
    )
    return ContractFile(
        brand=BrandSpec(code=brand.code, name=brand.name),
        contract=ContractSpec(
            code=f"{brand.code.upper()}-2026",
            brand_code=brand.code,
            model=model,
            signed_on=signed_on,
            effective_on=effective_on,
            term_months=12,
            auto_renew=True,
            renewal_notice_months=1,
            platforms=platforms,
            services=services if model is ContractModel.A else services[:3],
            territory="mainland China",
            terms=terms,
        ),
        stores=(
            StoreSpec(
                code=f"{brand.code}-tmall",
                platform=Platform.TMALL,
                name=f"{brand.store_name}官方旗舰店",
                go_live_on=_GO_LIVE_ON,
            ),
        ),
        platform_fees=(
            PlatformFeeSchedule(
                platform=Platform.TMALL,
                deposit=Money.of_yuan("10000.00"),
                annual_fee=Money.of_yuan("6000.00"),
                category_rates=MappingProxyType({"彩妆": Rate.of("0.04"), "香水": Rate.of("0.04")}),
                default_rate=Rate.of("0.05"),
            ),
        ),
    )


def first_payment_day(signed_on: date) -> date:
    """The day a model B brand's first payment arrives: the first working day from signing on
    (a contract signed on a Saturday is paid for on Monday, within R-B1's 3 days)."""
    day = signed_on
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def load_demo(
    uow: UnitOfWork,
    brands: Sequence[DemoBrand],
    *,
    hash_password: Callable[[str], str],
    at: datetime,
    actor: str,
) -> DemoOutcome:
    """Load every demo brand, contract, store, SKU and user in one unit of work."""
    outcome = DemoOutcome(brands=len(brands))
    guide_prices_from = start_of_day(_SIGNED_ON)
    with uow:
        for index, brand in enumerate(sorted(brands, key=lambda b: b.code)):
            loaded = apply_contract_file(uow, demo_contract(index, brand), at=at, actor=actor)
            outcome.contracts_written += loaded.contract_created or loaded.contract_updated
            outcome.stores_written += len(loaded.stores_created) + len(loaded.stores_updated)
            entries = [_catalog_entry(item, guide_prices_from) for item in brand.items]
            catalog = apply_catalog(uow, brand_code=brand.code, entries=entries, at=at, actor=actor)
            outcome.skus_added += catalog.skus_added
            outcome.guide_prices_added += catalog.guide_prices_added
        # Every demo user shares the published DEMO_PASSWORD, so one argon2id hash serves them
        # all: hashing it for each of the 47 would take most of a fresh load (0.34 s each).
        password_hash: str | None = None
        for user in _demo_users(brands):
            if uow.users.get(user.login) is None:
                password_hash = password_hash or hash_password(DEMO_PASSWORD)
                uow.users.add(user, password_hash, at)
                uow.audit.record(user_added(user, at=at, actor=actor))
                outcome.users_added.append(user.login)
        uow.commit()
    return outcome


def _catalog_entry(item: DemoItem, effective_from: datetime) -> CatalogEntry:
    return CatalogEntry(
        sku=item.sku,
        name=item.title,
        category=infer_category(item.title),
        guide_price=item.guide_price,
        effective_from=effective_from,
        fulfilment=Fulfilment.PHYSICAL,
    )


def _demo_users(brands: Sequence[DemoBrand]) -> list[User]:
    staff = [User(login, login, role, None) for login, role in _AGENCY_STAFF]
    ordered = sorted(brands, key=lambda b: b.code)
    brand_people = [
        User(f"{brand.code}-finance", f"{brand.name} 财务", Role.BRAND_FINANCE, brand.code)
        for brand in ordered
    ]
    # A brand admin each, who approves the brand's promotions in writing (R-P4, R-C7), so the
    # promotion journey can be walked on the demo (issue 15, point 10).
    brand_admins = [
        User(f"{brand.code}-admin", f"{brand.name} 管理员", Role.BRAND_ADMIN, brand.code)
        for brand in ordered
    ]
    return staff + brand_people + brand_admins
