"""Use cases: draft, submit, approve or reject a promotion plan (R-P4, R-C7, R-D3)."""

from __future__ import annotations

import json
from datetime import datetime

from daiyun.domain.agency import AuditEntry, User
from daiyun.domain.contracts.service_features import Feature
from daiyun.domain.permissions import AccessRefused, Permission, require
from daiyun.domain.promotions import (
    IllegalPromotionMove,
    PromotionPlan,
    PromotionStatus,
    PromotionTerms,
    WrittenApproval,
    approve,
    reject,
)
from daiyun.services.contracts.service_gate import require_brand_service
from daiyun.services.errors import NotFound, Refused, RoleRefused
from daiyun.services.unit_of_work import UnitOfWork

__all__ = [
    "approve_promotion",
    "draft_promotion",
    "reject_promotion",
    "submit_promotion",
]


def _user(
    uow: UnitOfWork, login: str, permission: Permission, brand_code: str, code: str | None = None
) -> User:
    """The acting user, allowed `permission` on the brand, or RoleRefused saying why (403).

    R-D2: to another brand's user the plan (or the brand) does not exist: NotFound with the
    message an unknown code gets.
    """
    user = uow.users.get(login)
    if user is None:
        raise NotFound(f"no user with login {login!r}")
    if user.role.is_brand_role and user.brand_code != brand_code:
        if code is None:
            raise NotFound(f"no brand with code {brand_code!r}")
        raise NotFound(f"no promotion {code!r} of brand {brand_code!r}")
    try:
        require(user, permission, brand_code)
    except AccessRefused as refused:
        raise RoleRefused(str(refused)) from refused
    return user


def _plan(uow: UnitOfWork, brand_code: str, code: str) -> PromotionPlan:
    found = uow.promotions.get(brand_code, code)
    if found is None:
        raise NotFound(f"no promotion {code!r} of brand {brand_code!r}")
    return found


def _audit(
    uow: UnitOfWork,
    plan: PromotionPlan,
    action: str,
    login: str,
    at: datetime,
    reason: str | None = None,
) -> None:
    """R-D3: who moved which version of the plan, when, with the terms' fingerprint."""
    after = {
        "status": plan.status.value,
        "version": plan.version,
        "fingerprint": plan.terms.fingerprint(),
    }
    uow.audit.record(
        AuditEntry(
            at=at,
            actor=login,
            action=action,
            entity="promotion",
            entity_key=f"{plan.brand}/{plan.code}",
            brand_code=plan.brand,
            after=json.dumps(after),
            reason=reason,
        )
    )


def _check_terms(uow: UnitOfWork, brand_code: str, terms: PromotionTerms) -> None:
    """Stores of the brand and SKUs of its catalogue only."""
    for store_code in sorted(terms.stores):
        found = uow.stores.get(store_code)
        if found is None or found.brand_code != brand_code:
            raise NotFound(f"no store {store_code!r} of brand {brand_code!r}")
    catalogue = uow.catalog.get_many(brand_code)
    unknown = sorted(terms.covered_skus() - set(catalogue))
    if unknown:
        raise NotFound(f"no SKU {', '.join(unknown)} in brand {brand_code}'s catalogue")


def draft_promotion(
    uow: UnitOfWork, *, brand_code: str, code: str, terms: PromotionTerms, by: str, at: datetime
) -> PromotionPlan:
    """A new plan, or a plan's next version: R-C7, an edit needs its own approval."""
    with uow:
        if uow.brands.get(brand_code) is None:
            raise NotFound(f"no brand with code {brand_code!r}")
        _user(uow, by, Permission.DRAFT_PROMOTIONS, brand_code)
        require_brand_service(uow, brand_code, Feature.PROMOTIONS, at)  # R-C3
        _check_terms(uow, brand_code, terms)
        current = uow.promotions.get(brand_code, code)
        plan = (
            PromotionPlan(code, brand_code, 1, terms) if current is None else current.edited(terms)
        )
        uow.promotions.add_version(plan, by, at)
        _audit(uow, plan, "promotion.draft", by, at)
        uow.commit()
    return plan


def submit_promotion(
    uow: UnitOfWork, *, brand_code: str, code: str, by: str, at: datetime
) -> PromotionPlan:
    """Send the current draft to the brand for its written approval."""
    with uow:
        _user(uow, by, Permission.DRAFT_PROMOTIONS, brand_code, code)
        require_brand_service(uow, brand_code, Feature.PROMOTIONS, at)  # R-C3
        plan = _moved(_plan(uow, brand_code, code), PromotionStatus.SUBMITTED)
        uow.promotions.set_status(plan, at)
        _audit(uow, plan, "promotion.submit", by, at)
        uow.commit()
    return plan


def _moved(plan: PromotionPlan, status: PromotionStatus) -> PromotionPlan:
    try:
        return plan.change_status(status)
    except IllegalPromotionMove as illegal:
        raise Refused(str(illegal)) from illegal


def _answer(
    uow: UnitOfWork,
    brand_code: str,
    code: str,
    version: int,
    by: str,
    at: datetime,
    reason: str | None,
) -> tuple[PromotionPlan, WrittenApproval]:
    _user(uow, by, Permission.APPROVE_PROMOTIONS, brand_code, code)
    require_brand_service(uow, brand_code, Feature.PROMOTIONS, at)  # R-C3
    plan = _plan(uow, brand_code, code)
    if version != plan.version:
        # R-C7: an answer covers exactly the version the brand read.
        raise Refused(
            f"promotion {code} is at version {plan.version}, not {version}: "
            "read the current version and answer that"
        )
    try:
        if reason is None:
            return approve(plan, by, at)
        return reject(plan, by, at, reason)
    except IllegalPromotionMove as illegal:
        raise Refused(str(illegal)) from illegal


def approve_promotion(
    uow: UnitOfWork, *, brand_code: str, code: str, version: int, by: str, at: datetime
) -> WrittenApproval:
    """R-C7: the brand's written approval of one exact version; the record is immutable."""
    with uow:
        plan, approval = _answer(uow, brand_code, code, version, by, at, None)
        uow.promotions.record_answer(plan, approval)
        uow.promotions.set_status(plan, at)
        _audit(uow, plan, "promotion.approve", by, at)
        uow.commit()
    return approval


def reject_promotion(
    uow: UnitOfWork,
    *,
    brand_code: str,
    code: str,
    version: int,
    by: str,
    at: datetime,
    reason: str,
) -> WrittenApproval:
    """The brand's written rejection of one version, with its reason."""
    with uow:
        plan, answer = _answer(uow, brand_code, code, version, by, at, reason)
        uow.promotions.record_answer(plan, answer)
        uow.promotions.set_status(plan, at)
        _audit(uow, plan, "promotion.reject", by, at, reason=reason)
        uow.commit()
    return answer
