"""Queries: promotion plans and the brand's written answers, as far as the reader sees (R-D2)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from daiyun.domain.agency import Role, User
from daiyun.domain.contracts.service_features import Feature
from daiyun.domain.money import Money
from daiyun.domain.permissions import Permission, can
from daiyun.domain.promotions import PromotionPlan, PromotionStatus, WrittenApproval
from daiyun.services.contracts.service_gate import require_brand_service
from daiyun.services.errors import NotFound
from daiyun.services.scope import require_on_brand, visible_brands
from daiyun.services.unit_of_work import UnitOfWork

__all__ = [
    "PromotionLine",
    "PromotionReview",
    "PromotionVersion",
    "get_promotion",
    "list_promotions",
    "review_promotion",
]

_VIEW = Permission.VIEW_BRAND


@dataclass(frozen=True, slots=True)
class PromotionVersion:
    """One version of a plan, its written answer if any, and the plan's current version."""

    plan: PromotionPlan
    answer: WrittenApproval | None
    current_version: int

    @property
    def is_current(self) -> bool:
        """True for the version an answer or an edit applies to now (R-C7)."""
        return self.plan.version == self.current_version


@dataclass(frozen=True, slots=True)
class PromotionLine:
    """One SKU of a plan as the brand reads it before approving (R-P4).

    The guide price is the one in force when the window opens (R-P1); `cut` is what one unit
    sells below it, `discount` that cut as a whole percent of the guide price, rounded half-up.
    Without a guide price then, the cut and the discount are unknown (None).
    """

    sku: str
    name: str
    guide_price: Money | None
    price: Money | None
    cut: Money | None
    discount_percent: int | None


@dataclass(frozen=True, slots=True)
class PromotionReview:
    """What an approval covers, line by line, and who may give it."""

    lines: tuple[PromotionLine, ...]
    approvers: tuple[User, ...]  # the brand's active admins (R-C7: only they answer in writing)
    can_answer: bool


def _percent(cut: Money, guide: Money) -> int:
    """cut / guide as a whole percent, half away from zero: 40 / 139 = 28.78 % → 29."""
    exact = Decimal(cut.fen) * 100 / Decimal(guide.fen)
    return int(exact.to_integral_value(rounding=ROUND_HALF_UP))


def review_promotion(uow: UnitOfWork, acting: User, found: PromotionVersion) -> PromotionReview:
    """Each SKU of the version with its name, guide price, promotion price and discount, and
    the brand's admins who may approve it (R-P4, R-C7)."""
    plan = found.plan
    require_on_brand(
        acting, _VIEW, plan.brand, missing=f"no promotion {plan.code!r} of brand {plan.brand!r}"
    )
    terms = plan.terms
    with uow:
        catalogue = uow.catalog.get_many(plan.brand)
        people = uow.users.list_all()
    lines = []
    for code in sorted(terms.covered_skus()):
        sku = catalogue.get(code)
        guide = None if sku is None else sku.guide_price_at(terms.window.start)
        price = terms.prices.get(code)
        if price is None and guide is not None:
            price = terms.price_for(code, guide)
        cut = None if guide is None or price is None else guide - price
        percent = None if cut is None or guide is None or guide.is_zero else _percent(cut, guide)
        name = "" if sku is None else sku.name
        lines.append(PromotionLine(code, name, guide, price, cut, percent))
    approvers = tuple(
        person
        for person in sorted(people, key=lambda p: p.login)
        if person.is_active and person.role is Role.BRAND_ADMIN and person.brand_code == plan.brand
    )
    answerable = found.is_current and plan.status is PromotionStatus.SUBMITTED
    can_answer = answerable and can(acting, Permission.APPROVE_PROMOTIONS, plan.brand)
    return PromotionReview(tuple(lines), approvers, can_answer)


def list_promotions(
    uow: UnitOfWork, acting: User, brand_code: str | None = None
) -> list[PromotionPlan]:
    """The current version of every plan the reader may see, by brand and code."""
    if brand_code is not None:
        require_on_brand(acting, _VIEW, brand_code, missing=f"no brand with code {brand_code!r}")
        brands: tuple[str, ...] | None = (brand_code,)
    else:
        brands = visible_brands(acting, _VIEW)
    with uow:
        if brand_code is not None and uow.brands.get(brand_code) is None:
            raise NotFound(f"no brand with code {brand_code!r}")
        if brands is not None and len(brands) == 1:  # one brand asked for, or a brand user's
            require_brand_service(uow, brands[0], Feature.PROMOTIONS)  # R-C3
        codes = brands if brands is not None else [b.code for b in uow.brands.list_all()]
        return [plan for code in sorted(codes) for plan in uow.promotions.list_for_brand(code)]


def get_promotion(
    uow: UnitOfWork, acting: User, brand_code: str, code: str, version: int | None = None
) -> PromotionVersion:
    """One version of a plan (the current one by default) with its written answer (R-C7)."""
    missing = f"no promotion {code!r} of brand {brand_code!r}"
    require_on_brand(acting, _VIEW, brand_code, missing=missing)
    with uow:
        current = uow.promotions.get(brand_code, code)
        if current is None:
            raise NotFound(missing)
        require_brand_service(uow, brand_code, Feature.PROMOTIONS)  # R-C3
        plan = current if version is None else uow.promotions.get(brand_code, code, version)
        if plan is None:
            raise NotFound(f"promotion {code} has no version {version}")
        return PromotionVersion(plan, uow.promotions.answer(plan), current.version)
