"""The brand's written approval of one exact version of a plan (R-C7)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from daiyun.domain.promotions.plan import (
    IllegalPromotionMove,
    PromotionPlan,
    PromotionStatus,
)

__all__ = ["WrittenApproval", "approve", "reject"]


@dataclass(frozen=True, slots=True)
class WrittenApproval:
    """Who approved or rejected what exactly (the version and its fingerprint), and when."""

    plan_code: str
    version: int
    fingerprint: str
    approved: bool
    by: str  # the brand user's login
    at: datetime
    reason: str = ""

    def covers(self, plan: PromotionPlan) -> bool:
        """True only for the very version, with the very terms, that was approved."""
        return (
            self.approved
            and self.plan_code == plan.code
            and self.version == plan.version
            and self.fingerprint == plan.terms.fingerprint()
        )


def _answer(
    plan: PromotionPlan, by: str, at: datetime, approved: bool, reason: str
) -> tuple[PromotionPlan, WrittenApproval]:
    if at.tzinfo is None:
        raise ValueError("an approval happens at an aware moment, not a naive one")
    status = PromotionStatus.APPROVED if approved else PromotionStatus.REJECTED
    answered = plan.change_status(status)
    record = WrittenApproval(
        plan.code, plan.version, plan.terms.fingerprint(), approved, by, at, reason
    )
    return answered, record


def approve(plan: PromotionPlan, by: str, at: datetime) -> tuple[PromotionPlan, WrittenApproval]:
    """R-C7: the brand approves the submitted version; the record is immutable."""
    return _answer(plan, by, at, True, "")


def reject(
    plan: PromotionPlan, by: str, at: datetime, reason: str
) -> tuple[PromotionPlan, WrittenApproval]:
    """The brand rejects the submitted version, saying why."""
    if not reason.strip():
        raise IllegalPromotionMove("a rejection says why: give a reason")
    return _answer(plan, by, at, False, reason)
