"""Queries: promotion plans and the brand's written answers, as far as the reader sees (R-D2)."""

from __future__ import annotations

from dataclasses import dataclass

from daiyun.domain.agency import User
from daiyun.domain.permissions import Permission
from daiyun.domain.promotions import PromotionPlan, WrittenApproval
from daiyun.services.errors import NotFound
from daiyun.services.scope import require_on_brand, visible_brands
from daiyun.services.unit_of_work import UnitOfWork

__all__ = ["PromotionVersion", "get_promotion", "list_promotions"]

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
        plan = current if version is None else uow.promotions.get(brand_code, code, version)
        if plan is None:
            raise NotFound(f"promotion {code} has no version {version}")
        return PromotionVersion(plan, uow.promotions.answer(plan), current.version)
