"""What a contract file describes: the brand, its contract, its stores and platform fees."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import MappingProxyType

from daiyun.domain.contracts.choices import ContractModel, Platform, Service
from daiyun.domain.contracts.months import add_months
from daiyun.domain.contracts.problems import ContractFileError, ContractProblem
from daiyun.domain.contracts.spec_checks import (
    code_problem,
    fee_schedule_problem,
    listing_problem,
    name_problem,
    renewal_notice_problem,
    store_platform_problem,
    term_months_problem,
)
from daiyun.domain.contracts.tax_id import tax_id_problem
from daiyun.domain.contracts.term_values import check_term_value
from daiyun.domain.contracts.terms import ContractTerms
from daiyun.domain.money import Money, Rate

__all__ = [
    "DEFAULT_RENEWAL_NOTICE_MONTHS",
    "DEFAULT_SERVICES",
    "DEFAULT_TERM_MONTHS",
    "DEFAULT_TERRITORY",
    "BrandSpec",
    "ContractFile",
    "ContractSpec",
    "PlatformFeeSchedule",
    "StoreSpec",
]

DEFAULT_TERRITORY = "mainland China"  # R-C4: 合作区域：中国大陆 (§2 ch.1 art.6)
DEFAULT_TERM_MONTHS = 12  # R-C5: 有效期一年 (§2 ch.8 art.1)
DEFAULT_RENEWAL_NOTICE_MONTHS = 1  # R-C5: 合同期满前一个月 (§2 ch.8 art.1)
# R-C3: store operation is what every 代运营 contract in the source buys (§2 ch.1 art.3, §4 art.2).
DEFAULT_SERVICES = (Service.STORE_OPERATION,)
_DEFAULT_CATEGORY = "default"  # the key of a fee table's default rate in contract files


def _refuse(source: str, problems: Iterable[tuple[str, str | None]]) -> None:
    """Raise every problem found making a `source` ("brand", "contract", …) in code."""
    found = [
        ContractProblem(source, None, field_name, message)
        for field_name, message in problems
        if message is not None
    ]
    if found:
        raise ContractFileError(found)


@dataclass(frozen=True)
class BrandSpec:
    """A brand the operator runs stores for: its stable code, its name and, when the file gives
    it, its taxpayer id (统一社会信用代码) for the VAT invoices of model B's fees (R-B3)."""

    code: str
    name: str
    tax_id: str | None = None

    def __post_init__(self) -> None:
        _refuse(
            "brand",
            [
                ("code", code_problem(self.code, "brand")),
                ("name", name_problem(self.name)),
                ("tax_id", None if self.tax_id is None else tax_id_problem(self.tax_id)),
            ],
        )


@dataclass(frozen=True)
class ContractSpec:
    """The agreement between the operator and one brand, and every term it sets."""

    code: str
    brand_code: str
    model: ContractModel
    signed_on: date
    # R-C5: effective on signing; model B on receipt of the first payment, which the file states.
    effective_on: date
    term_months: int
    auto_renew: bool
    renewal_notice_months: int
    platforms: tuple[Platform, ...]
    services: tuple[Service, ...]
    territory: str
    terms: ContractTerms

    def __post_init__(self) -> None:
        object.__setattr__(self, "platforms", tuple(Platform(each) for each in self.platforms))
        object.__setattr__(self, "services", tuple(Service(each) for each in self.services))
        _refuse(
            "contract",
            [
                ("code", code_problem(self.code, "contract")),
                ("brand_code", code_problem(self.brand_code, "brand")),
                ("term_months", term_months_problem(self.term_months)),
                (
                    "renewal_notice_months",
                    renewal_notice_problem(self.renewal_notice_months, self.term_months),
                ),
                ("platforms", listing_problem(self.platforms, "platforms")),
                ("services", listing_problem(self.services, "services")),
                ("territory", name_problem(self.territory)),
            ],
        )

    @property
    def expires_on(self) -> date:
        """The first day the first term no longer covers: [effective_on, expires_on) (R-C5)."""
        return add_months(self.effective_on, self.term_months)

    @property
    def first_term_ends_on(self) -> date:
        """The first term's last day: the day before `expires_on` (R-C5)."""
        return self.expires_on - timedelta(days=1)

    @property
    def renewal_notice_by(self) -> date:
        """The last day either party can object in writing to the first term's renewal (R-C5):
        the term's last day less the notice months (2027-01-04 less one month: 2026-12-04).
        Later terms' deadlines: domain/contracts/lifecycle.py `term_of`."""
        # R-C5: a month without the day clamps to its last day: earlier, never late.
        return add_months(self.first_term_ends_on, -self.renewal_notice_months)


@dataclass(frozen=True)
class StoreSpec:
    """One shop of the brand on one platform, with its planned go-live date (R-C4)."""

    code: str
    platform: Platform
    name: str
    go_live_on: date | None

    def __post_init__(self) -> None:
        object.__setattr__(self, "platform", Platform(self.platform))
        _refuse(
            "store", [("code", code_problem(self.code, "store")), ("name", name_problem(self.name))]
        )


def _rates(rates: Mapping[str, Rate]) -> Mapping[str, Rate]:
    return MappingProxyType(dict(rates))


@dataclass(frozen=True)
class PlatformFeeSchedule:
    """What a platform charges a store: deposit, annual fee and per-category rates (R-S5)."""

    platform: Platform
    # R-S5: 保证金 10,000 and 技术服务费年费 6,000 a year (§2 ch.3 art.4.4).
    deposit: Money = field(default=Money.of_yuan("10000.00"))
    annual_fee: Money = field(default=Money.of_yuan("6000.00"))
    category_rates: Mapping[str, Rate] = field(default_factory=lambda: _rates({}))
    # R-S5: formats.md "Tmall fees": real-time technical service rates are mostly 5%.
    default_rate: Rate = field(default=Rate.of("0.05"))

    def __post_init__(self) -> None:
        object.__setattr__(self, "platform", Platform(self.platform))
        object.__setattr__(self, "category_rates", _rates(self.category_rates))
        _refuse(
            "platform fees",
            [
                ("deposit", check_term_value("amount", self.deposit)),
                ("annual_fee", check_term_value("amount", self.annual_fee)),
                ("default_rate", check_term_value("rate", self.default_rate)),
                *(
                    (f"category_rates.{name}", self._category_problem(name, rate))
                    for name, rate in self.category_rates.items()
                ),
            ],
        )

    @staticmethod
    def _category_problem(category: str, rate: Rate) -> str | None:
        if not category.strip() or category == _DEFAULT_CATEGORY:
            return f"{category!r} cannot name a category"
        return check_term_value("rate", rate)

    def __hash__(self) -> int:
        rates = tuple(sorted(self.category_rates.items()))
        return hash((self.platform, self.deposit, self.annual_fee, rates, self.default_rate))

    def rate_for(self, category: str | None) -> Rate:
        """The technical service fee rate of a category; the default rate for any other (R-S5)."""
        if category is None:
            return self.default_rate
        return self.category_rates.get(category, self.default_rate)


@dataclass(frozen=True)
class ContractFile:
    """Everything one contract file says: brand, contract, stores and platform fee schedules."""

    brand: BrandSpec
    contract: ContractSpec
    stores: tuple[StoreSpec, ...]
    platform_fees: tuple[PlatformFeeSchedule, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "stores", tuple(self.stores))
        object.__setattr__(self, "platform_fees", tuple(self.platform_fees))
        platforms = self.contract.platforms
        brand_problem = None
        if self.contract.brand_code != self.brand.code:
            brand_problem = f"contract is for {self.contract.brand_code}, not {self.brand.code}"
        _refuse(
            "contract file",
            [
                ("contract.brand_code", brand_problem),
                *_repeated_stores(self.stores),
                *(
                    (
                        f"stores[{number}].platform",
                        store_platform_problem(store.code, store.platform, platforms),
                    )
                    for number, store in enumerate(self.stores, start=1)
                ),
                *(
                    (
                        f"platform_fees.{fees.platform}",
                        fee_schedule_problem(fees.platform, platforms),
                    )
                    for fees in self.platform_fees
                ),
                *_repeated_fee_schedules(self.platform_fees),
            ],
        )

    def fee_schedule_for(self, platform: Platform) -> PlatformFeeSchedule:
        """The platform's fee schedule from the file, or the R-S5 defaults when it has none."""
        for fees in self.platform_fees:
            if fees.platform == platform:
                return fees
        return PlatformFeeSchedule(platform)


def _repeated_stores(stores: tuple[StoreSpec, ...]) -> list[tuple[str, str]]:
    codes = [store.code for store in stores]
    return [
        (f"stores[{number}].code", f"store {code} is given more than once")
        for number, code in enumerate(codes, start=1)
        if code in codes[: number - 1]
    ]


def _repeated_fee_schedules(schedules: tuple[PlatformFeeSchedule, ...]) -> list[tuple[str, str]]:
    platforms = [fees.platform for fees in schedules]
    return [
        (f"platform_fees.{platform}", f"fees for {platform} are given more than once")
        for number, platform in enumerate(platforms, start=1)
        if platform in platforms[: number - 1]
    ]
