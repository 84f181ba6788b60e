"""/api/promotions: plans, their versions and the brand's written answers (R-P4, R-C7).

Operators draft, edit and submit; only the brand's admin approves or rejects — and only the
exact version they read. The acting user is the session's or the token's.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.exceptions import RequestValidationError

from daiyun.domain.calendar import Period
from daiyun.domain.contracts import Party
from daiyun.domain.money import Money, Rate
from daiyun.domain.promotions import PromotionTerms
from daiyun.entrypoints.api.auth import Acting, Now, Uow
from daiyun.entrypoints.api.errors import ERROR_RESPONSES
from daiyun.entrypoints.api.price_schemas import (
    PromotionAnswer,
    PromotionDraft,
    PromotionPublic,
    PromotionRejection,
    PromotionVersionPublic,
    WrittenAnswerPublic,
)
from daiyun.services.promotions.plans import (
    approve_promotion,
    draft_promotion,
    reject_promotion,
    submit_promotion,
)
from daiyun.services.promotions.views import PromotionVersion, get_promotion, list_promotions

__all__ = ["promotion_terms", "router", "version_public"]

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES, tags=["promotions"])

BrandCode = Annotated[str, Path(max_length=40)]
PlanCode = Annotated[str, Path(max_length=60)]


def promotion_terms(draft: PromotionDraft) -> PromotionTerms:
    """The domain's terms from a draft; what the domain refuses is bad input (422)."""
    try:
        return PromotionTerms(
            name=draft.name.strip(),
            stores=frozenset(draft.stores),
            window=Period(draft.start, draft.end),
            budget=Money.of_yuan(draft.budget),
            funded_by=Party(draft.funded_by),
            prices={sku: Money.of_yuan(price) for sku, price in draft.prices.items()},
            discount=None if draft.discount is None else Rate.of(draft.discount),
            skus=frozenset(draft.skus),
        )
    except ValueError as error:
        raise RequestValidationError(
            [{"loc": ["body"], "msg": str(error), "type": "value_error"}]
        ) from error


def version_public(found: PromotionVersion) -> PromotionVersionPublic:
    """A version with its fingerprint, its written answer and the plan's current version."""
    return PromotionVersionPublic(
        **PromotionPublic.of(found.plan).model_dump(),
        current_version=found.current_version,
        answer=None if found.answer is None else WrittenAnswerPublic.of(found.answer),
    )


@router.get("/promotions", response_model=list[PromotionPublic])
def promotions(
    uow: Uow,
    acting: Acting,
    brand: Annotated[str | None, Query(max_length=40, description="only this brand")] = None,
) -> list[PromotionPublic]:
    """The current version of every plan you may see."""
    return [PromotionPublic.of(plan) for plan in list_promotions(uow, acting, brand)]


@router.post("/promotions/{brand}", response_model=PromotionPublic, status_code=201)
def promotion_draft(
    brand: BrandCode, draft: PromotionDraft, uow: Uow, acting: Acting, now: Now
) -> PromotionPublic:
    """Draft a plan — or, for an existing code, its next version, which needs a new approval."""
    plan = draft_promotion(
        uow, brand_code=brand, code=draft.code, terms=promotion_terms(draft), by=acting.login,
        at=now,
    )  # fmt: skip
    return PromotionPublic.of(plan)


@router.get("/promotions/{brand}/{code}", response_model=PromotionVersionPublic)
def promotion(
    brand: BrandCode,
    code: PlanCode,
    uow: Uow,
    acting: Acting,
    version: Annotated[int | None, Query(ge=1, le=1_000_000)] = None,
) -> PromotionVersionPublic:
    """One version (the current one by default): terms, fingerprint and the written answer."""
    return version_public(get_promotion(uow, acting, brand, code, version))


@router.post("/promotions/{brand}/{code}/submit", response_model=PromotionPublic)
def promotion_submit(
    brand: BrandCode, code: PlanCode, uow: Uow, acting: Acting, now: Now
) -> PromotionPublic:
    """Send the current draft to the brand for its written approval."""
    plan = submit_promotion(uow, brand_code=brand, code=code, by=acting.login, at=now)
    return PromotionPublic.of(plan)


@router.post("/promotions/{brand}/{code}/approve", response_model=WrittenAnswerPublic)
def promotion_approve(
    brand: BrandCode, code: PlanCode, answer: PromotionAnswer, uow: Uow, acting: Acting, now: Now
) -> WrittenAnswerPublic:
    """R-C7: the brand's written approval of exactly the version given."""
    done = approve_promotion(
        uow, brand_code=brand, code=code, version=answer.version, by=acting.login, at=now
    )
    return WrittenAnswerPublic.of(done)


@router.post("/promotions/{brand}/{code}/reject", response_model=WrittenAnswerPublic)
def promotion_reject(
    brand: BrandCode,
    code: PlanCode,
    answer: PromotionRejection,
    uow: Uow,
    acting: Acting,
    now: Now,
) -> WrittenAnswerPublic:
    """The brand's written rejection of the version given, with its reason."""
    done = reject_promotion(
        uow, brand_code=brand, code=code, version=answer.version, by=acting.login, at=now,
        reason=answer.reason.strip(),
    )  # fmt: skip
    return WrittenAnswerPublic.of(done)
