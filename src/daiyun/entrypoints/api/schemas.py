"""The API's request and response models, apart from the tables: money as yuan strings.

`XPublic` is what the API answers; `XCreate`/`XChange` what it accepts (interfaces.md: money
as strings in yuan with two decimals, dates as YYYY-MM-DD, moments as ISO 8601 in UTC).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from daiyun.domain.agency import Brand, Role, Store, User
from daiyun.domain.contracts import ContractSpec, PlatformFeeSchedule
from daiyun.domain.orders.search import ImportRecord, OrderLineView, OrderSummary
from daiyun.domain.pricing import Sku
from daiyun.domain.sessions import StoredToken

__all__ = [
    "NO_NUL",
    "BrandDetailPublic",
    "BrandPublic",
    "ContractDetailPublic",
    "ContractPublic",
    "ErrorPublic",
    "FeeSchedulePublic",
    "ImportPublic",
    "OrderDetailPublic",
    "OrderLinePublic",
    "OrderPublic",
    "PageOf",
    "RoleChange",
    "SkuPublic",
    "StorePublic",
    "TokenCreate",
    "TokenCreated",
    "TokenPublic",
    "UserCreate",
    "UserPublic",
]

Item = TypeVar("Item")
_YUAN = r"^-?\d+\.\d{2}$"
# PostgreSQL stores no NUL character in text: such input is refused as bad input up front.
NO_NUL = r"^[^\x00]*$"


class ErrorPublic(BaseModel):
    """Why a request was refused, in words."""

    detail: str


class PageOf(BaseModel, Generic[Item]):
    """One page of a list and how many items there are in all."""

    items: list[Item]
    page: int
    size: int
    total: int


class BrandPublic(BaseModel):
    code: str
    name: str
    is_active: bool

    @classmethod
    def of(cls, brand: Brand) -> BrandPublic:
        return cls(code=brand.code, name=brand.name, is_active=brand.is_active)


class StorePublic(BaseModel):
    code: str
    brand: str
    contract: str
    platform: str
    name: str
    go_live_on: date | None

    @classmethod
    def of(cls, store: Store) -> StorePublic:
        return cls(
            code=store.code,
            brand=store.brand_code,
            contract=store.contract_code,
            platform=store.platform,
            name=store.name,
            go_live_on=store.go_live_on,
        )


class ContractPublic(BaseModel):
    code: str
    brand: str
    model: str
    signed_on: date
    effective_on: date
    expires_on: date = Field(
        description="the first day no longer covered: [effective_on, expires_on)"
    )
    term_months: int
    auto_renew: bool
    platforms: list[str]
    services: list[str]

    @classmethod
    def of(cls, contract: ContractSpec) -> ContractPublic:
        return cls(
            code=contract.code,
            brand=contract.brand_code,
            model=contract.model.value,
            signed_on=contract.signed_on,
            effective_on=contract.effective_on,
            expires_on=contract.expires_on,
            term_months=contract.term_months,
            auto_renew=contract.auto_renew,
            platforms=[p.value for p in contract.platforms],
            services=[s.value for s in contract.services],
        )


class FeeSchedulePublic(BaseModel):
    platform: str
    deposit: str = Field(pattern=_YUAN)
    annual_fee: str = Field(pattern=_YUAN)
    default_rate: str
    category_rates: dict[str, str]

    @classmethod
    def of(cls, fees: PlatformFeeSchedule) -> FeeSchedulePublic:
        return cls(
            platform=fees.platform.value,
            deposit=fees.deposit.yuan_text(),
            annual_fee=fees.annual_fee.yuan_text(),
            default_rate=fees.default_rate.text(),
            category_rates={name: rate.text() for name, rate in fees.category_rates.items()},
        )


class ContractDetailPublic(ContractPublic):
    terms: dict[str, str]
    platform_fees: list[FeeSchedulePublic]


class BrandDetailPublic(BrandPublic):
    contracts: list[ContractPublic]
    stores: list[StorePublic]
    sku_count: int


class GuidePricePublic(BaseModel):
    effective_from: datetime
    price: str = Field(pattern=_YUAN)


class SkuPublic(BaseModel):
    brand: str
    code: str
    name: str
    category: str
    fulfilment: str
    guide_prices: list[GuidePricePublic]

    @classmethod
    def of(cls, sku: Sku) -> SkuPublic:
        return cls(
            brand=sku.brand_code,
            code=sku.code,
            name=sku.name,
            category=sku.category,
            fulfilment=str(sku.fulfilment),
            guide_prices=[
                GuidePricePublic(effective_from=p.effective_from, price=p.price.yuan_text())
                for p in sku.guide_prices
            ],
        )


class OrderLinePublic(BaseModel):
    line_no: int
    sku: str | None
    title: str | None
    units: int
    unit_price: str = Field(pattern=_YUAN)
    line_amount: str = Field(pattern=_YUAN)
    guide_price: str | None
    price_check: str
    status: str
    refund_units: int
    refund_amount: str = Field(pattern=_YUAN)

    @classmethod
    def of(cls, line: OrderLineView) -> OrderLinePublic:
        return cls(
            line_no=line.line_no,
            sku=line.sku_code,
            title=line.title,
            units=line.units,
            unit_price=line.unit_price.yuan_text(),
            line_amount=line.line_amount.yuan_text(),
            guide_price=None if line.guide_price is None else line.guide_price.yuan_text(),
            price_check=line.price_check,
            status=line.status.value,
            refund_units=line.refund_units,
            refund_amount=line.refund_amount.yuan_text(),
        )


class OrderPublic(BaseModel):
    brand: str
    store: str
    platform: str
    order_no: str
    status: str
    created_at: datetime | None
    paid_at: datetime | None
    shipped_at: datetime | None
    completed_at: datetime | None
    total: str = Field(pattern=_YUAN)
    paid: str = Field(pattern=_YUAN)
    shipping: str = Field(pattern=_YUAN)
    refunded: str = Field(pattern=_YUAN)
    province: str | None
    city: str | None

    @classmethod
    def fields_of(cls, order: OrderSummary) -> dict[str, object]:
        return {
            "brand": order.brand_code,
            "store": order.store_code,
            "platform": order.platform,
            "order_no": order.order_no,
            "status": order.status.value,
            "created_at": order.created_at,
            "paid_at": order.paid_at,
            "shipped_at": order.shipped_at,
            "completed_at": order.completed_at,
            "total": order.total.yuan_text(),
            "paid": order.paid.yuan_text(),
            "shipping": order.shipping.yuan_text(),
            "refunded": order.refunded.yuan_text(),
            "province": order.province,
            "city": order.city,
        }

    @classmethod
    def of(cls, order: OrderSummary) -> OrderPublic:
        return cls.model_validate(cls.fields_of(order))


class OrderDetailPublic(OrderPublic):
    lines: list[OrderLinePublic]

    @classmethod
    def of(cls, order: OrderSummary) -> OrderDetailPublic:
        lines = [OrderLinePublic.of(line) for line in order.lines]
        return cls.model_validate({**OrderPublic.fields_of(order), "lines": lines})


class ImportPublic(BaseModel):
    brand: str
    store: str
    name: str
    format: str
    sha256: str
    as_of: datetime
    imported_at: datetime
    actor: str
    orders_new: int
    orders_updated: int
    lines_new: int
    lines_updated: int
    rejected_rows: int

    @classmethod
    def of(cls, record: ImportRecord) -> ImportPublic:
        return cls(
            brand=record.brand_code,
            store=record.store_code,
            name=record.name,
            format=record.format,
            sha256=record.sha256,
            as_of=record.as_of,
            imported_at=record.imported_at,
            actor=record.actor,
            orders_new=record.orders_new,
            orders_updated=record.orders_updated,
            lines_new=record.lines_new,
            lines_updated=record.lines_updated,
            rejected_rows=record.rejected_rows,
        )


class UserPublic(BaseModel):
    login: str
    display_name: str
    role: Role
    brand: str | None
    is_active: bool

    @classmethod
    def of(cls, user: User) -> UserPublic:
        return cls(
            login=user.login,
            display_name=user.display_name,
            role=user.role,
            brand=user.brand_code,
            is_active=user.is_active,
        )


class UserCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    login: str = Field(min_length=2, max_length=60, pattern=NO_NUL)
    role: Role
    brand: str | None = Field(default=None, max_length=40, pattern=NO_NUL)
    display_name: str | None = Field(default=None, max_length=100, pattern=NO_NUL)
    password: str = Field(min_length=8, max_length=128, pattern=NO_NUL)


class RoleChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Role


class TokenCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=100, pattern=NO_NUL)
    login: str | None = Field(
        default=None, max_length=60, pattern=NO_NUL, description="whose (default: your own)"
    )


class TokenPublic(BaseModel):
    login: str
    prefix: str
    name: str
    created_at: datetime
    last_used_at: datetime | None

    @classmethod
    def of(cls, token: StoredToken) -> TokenPublic:
        return cls(
            login=token.login,
            prefix=token.prefix,
            name=token.name,
            created_at=token.created_at,
            last_used_at=token.last_used_at,
        )


class TokenCreated(TokenPublic):
    token: str = Field(description="shown this once; daiyun keeps only its hash")
