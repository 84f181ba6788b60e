"""The API's models for listings, promotions, price violations and ad spend (issue 6).

Apart from schemas.py so that each stays one idea under 400 lines; the same conventions:
money as yuan strings with two decimals, moments as ISO 8601 (without an offset: Beijing time).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field

from daiyun.domain.advertising import AdBudget
from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.money import Money
from daiyun.domain.pricing import RepricingTask
from daiyun.domain.promotions import PriceViolation, PromotionPlan, WrittenApproval
from daiyun.services.pricing.listing_bulk import PriceRowRefusal
from daiyun.services.pricing.listing_views import ListingRow, StoreListings
from daiyun.services.pricing.listings import ListingPriceSet

__all__ = [
    "AdBudgetPublic",
    "AdSpendCreate",
    "BulkPricesPublic",
    "BulkRefusedPublic",
    "ListingPricePublic",
    "ListingPublic",
    "ListingRefusalPublic",
    "Moment",
    "PriceChange",
    "PriceViolationPublic",
    "PromotionAnswer",
    "PromotionDraft",
    "PromotionPublic",
    "PromotionRejection",
    "PromotionVersionPublic",
    "RepricingTaskPublic",
    "StoreListingsPublic",
    "WrittenAnswerPublic",
    "Yuan",
    "beijing_moment",
    "yuan",
]

_AMOUNT = r"^\d{1,10}\.\d{2}$"
_CODE = r"^[^\x00]+$"
Yuan = Annotated[str, Field(pattern=_AMOUNT, examples=["139.00"])]


def beijing_moment(moment: datetime) -> datetime:
    """A moment without an offset is Beijing time; kept within years daiyun can store."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=SHANGHAI)
    if not 2000 <= aware.year <= 2099:
        raise ValueError("a moment between the years 2000 and 2099")
    return aware


Moment = Annotated[datetime, AfterValidator(beijing_moment)]


def yuan(amount: Money | None) -> str | None:
    """Plain yuan text, or None."""
    return None if amount is None else amount.yuan_text()


class PriceChange(BaseModel):
    """A new listing price; `at` is when it takes effect (default: now)."""

    price: Yuan
    at: Moment | None = None


class ListingPricePublic(BaseModel):
    store: str
    sku: str
    price: str
    previous: str | None
    guide_price: str
    promotion: str | None = Field(description="code and version of the promotion that allowed it")
    tasks_resolved: int

    @classmethod
    def of(cls, done: ListingPriceSet) -> ListingPricePublic:
        allowance = done.allowance
        return cls(
            store=done.listing.store,
            sku=done.listing.sku,
            price=done.listing.price.yuan_text(),
            previous=yuan(done.previous),
            guide_price=done.guide_price.yuan_text(),
            promotion=None if allowance is None else f"{allowance.plan_code} v{allowance.version}",
            tasks_resolved=done.tasks_resolved,
        )


class ListingPublic(BaseModel):
    sku: str
    name: str
    guide_price: str | None
    highest_price: str | None = Field(description="R-P3: guide × (1 + markup cap)")
    price: str | None
    status: str | None

    @classmethod
    def of(cls, row: ListingRow) -> ListingPublic:
        return cls(
            sku=row.sku,
            name=row.name,
            guide_price=yuan(row.guide_price),
            highest_price=yuan(row.highest_price),
            price=yuan(row.price),
            status=None if row.status is None else row.status.value,
        )


class StoreListingsPublic(BaseModel):
    store: str
    brand: str
    markup_cap: str
    listings: list[ListingPublic]

    @classmethod
    def of(cls, found: StoreListings) -> StoreListingsPublic:
        return cls(
            store=found.store.code,
            brand=found.store.brand_code,
            markup_cap=found.markup_cap.percent_text(),
            listings=[ListingPublic.of(row) for row in found.rows],
        )


class ListingRefusalPublic(BaseModel):
    row: int
    store: str
    sku: str
    rule: str
    message: str
    guide_price: str | None
    highest_price: str | None
    attempted: str | None

    @classmethod
    def of(cls, refusal: PriceRowRefusal) -> ListingRefusalPublic:
        return cls(
            row=refusal.row,
            store=refusal.store,
            sku=refusal.sku,
            rule=refusal.rule,
            message=refusal.message,
            guide_price=yuan(refusal.guide_price),
            highest_price=yuan(refusal.highest_price),
            attempted=yuan(refusal.attempted),
        )


class BulkRefusedPublic(BaseModel):
    """A refused file: every refused row; nothing was changed."""

    detail: str
    refusals: list[ListingRefusalPublic]


class BulkPricesPublic(BaseModel):
    changed: list[ListingPricePublic]


class RepricingTaskPublic(BaseModel):
    store: str
    sku: str
    rule: str
    listing_price: str
    guide_price: str
    highest_price: str
    due_on: date
    message: str

    @classmethod
    def of(cls, task: RepricingTask) -> RepricingTaskPublic:
        return cls(
            store=task.store,
            sku=task.sku,
            rule=task.rule,
            listing_price=task.listing_price.yuan_text(),
            guide_price=task.guide_price.yuan_text(),
            highest_price=task.highest_price.yuan_text(),
            due_on=task.due_on,
            message=task.message,
        )


class PriceViolationPublic(BaseModel):
    store: str
    order_no: str
    line_no: int
    sku: str
    units: int
    actual_amount: str
    guide_price: str
    rule: str
    gap: str = Field(description="below guide: guide × units − paid; above cap: paid − cap × units")
    paid_at: datetime

    @classmethod
    def of(cls, found: PriceViolation) -> PriceViolationPublic:
        return cls(
            store=found.store,
            order_no=found.order_no,
            line_no=found.line_no,
            sku=found.sku,
            units=found.units,
            actual_amount=found.actual_amount.yuan_text(),
            guide_price=found.guide_price.yuan_text(),
            rule=found.rule,
            gap=found.gap.yuan_text(),
            paid_at=found.paid_at.astimezone(UTC),
        )


class PromotionDraft(BaseModel):
    """A plan's terms (R-P4): SKU prices, or one discount over named SKUs."""

    code: str = Field(min_length=1, max_length=60, pattern=r"^[A-Za-z0-9_.-]+$")
    name: str = Field(min_length=1, max_length=100, pattern=_CODE)
    stores: list[Annotated[str, Field(min_length=1, max_length=60, pattern=_CODE)]] = Field(
        min_length=1, max_length=50
    )
    prices: dict[Annotated[str, Field(max_length=60, pattern=_CODE)], Yuan] = Field(
        default_factory=dict, max_length=500, description="SKU → promotion price"
    )
    discount: str | None = Field(
        default=None, pattern=r"^\d{1,2}(\.\d{1,2})?%$", description="e.g. 15%"
    )
    skus: list[Annotated[str, Field(max_length=60, pattern=_CODE)]] = Field(
        default_factory=list, max_length=500
    )
    start: Moment = Field(description="window start, Beijing time when no offset is given")
    end: Moment = Field(description="window end (excluded)")
    budget: Yuan
    funded_by: Literal["brand", "operator"]


class WrittenAnswerPublic(BaseModel):
    version: int
    approved: bool
    fingerprint: str
    by: str
    at: datetime
    reason: str

    @classmethod
    def of(cls, answer: WrittenApproval) -> WrittenAnswerPublic:
        return cls(
            version=answer.version,
            approved=answer.approved,
            fingerprint=answer.fingerprint,
            by=answer.by,
            at=answer.at.astimezone(UTC),
            reason=answer.reason,
        )


class PromotionPublic(BaseModel):
    brand: str
    code: str
    version: int
    status: str
    name: str
    fingerprint: str
    terms: dict[str, object] = Field(description="the canonical terms (money in fen)")

    @classmethod
    def of(cls, plan: PromotionPlan) -> PromotionPublic:
        return cls(
            brand=plan.brand,
            code=plan.code,
            version=plan.version,
            status=plan.status.value,
            name=plan.terms.name,
            fingerprint=plan.terms.fingerprint(),
            terms=plan.terms.document(),
        )


class PromotionVersionPublic(PromotionPublic):
    current_version: int
    answer: WrittenAnswerPublic | None


class PromotionAnswer(BaseModel):
    """R-C7: the version you read and answer."""

    version: int = Field(ge=1, le=1_000_000)


class PromotionRejection(PromotionAnswer):
    reason: str = Field(min_length=1, max_length=1000, pattern=_CODE)


class AdSpendCreate(BaseModel):
    store: str = Field(min_length=1, max_length=60, pattern=_CODE)
    month: str = Field(pattern=r"^20\d\d-(0[1-9]|1[0-2])$", examples=["2026-11"])
    channel: str = Field(min_length=1, max_length=40, pattern=r"^[^\x00]*\S[^\x00]*$")
    amount: Yuan


class AdBudgetPublic(BaseModel):
    store: str
    month: str
    sales: str
    budget_floor: str
    budget_ceiling: str
    spent: str
    remaining: str
    standing: str
    channels: dict[str, str]

    @classmethod
    def of(cls, store: str, budget: AdBudget) -> AdBudgetPublic:
        return cls(
            store=store,
            month=str(budget.month),
            sales=budget.sales.yuan_text(),
            budget_floor=budget.floor.yuan_text(),
            budget_ceiling=budget.ceiling.yuan_text(),
            spent=budget.spent.yuan_text(),
            remaining=budget.remaining.yuan_text(),
            standing=budget.standing.value,
            channels={c.channel: c.amount.yuan_text() for c in budget.channels},
        )
