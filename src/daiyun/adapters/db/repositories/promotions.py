"""Promotion plans, their versions and the brand's written answers in the database (R-P4, R-C7)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, insert, select, update

from daiyun.adapters.db.price_tables import promotion_answer, promotion_plan, promotion_version
from daiyun.adapters.db.repositories.brands import brand_id
from daiyun.adapters.db.tables import brand
from daiyun.domain.promotions import (
    PromotionPlan,
    PromotionStatus,
    PromotionTerms,
    WrittenApproval,
)

__all__ = ["SqlPromotionRepository"]

_VERSIONS = (
    select(promotion_version, promotion_plan.c.code, brand.c.code.label("brand_code"))
    .join(promotion_plan, promotion_plan.c.id == promotion_version.c.plan_id)
    .join(brand, brand.c.id == promotion_plan.c.brand_id)
)


def _plan(row: Row[Any]) -> PromotionPlan:
    return PromotionPlan(
        row.code,
        row.brand_code,
        int(row.version),
        PromotionTerms.from_json(row.terms),
        PromotionStatus(row.status),
    )


_ANSWER_COLUMNS = (
    promotion_answer.c.fingerprint.label("answer_fingerprint"),
    promotion_answer.c.approved,
    promotion_answer.c.answered_by,
    promotion_answer.c.answered_at,
    promotion_answer.c.reason,
)


def _answer(row: Row[Any]) -> WrittenApproval | None:
    """The written answer joined onto a version row, if there is one."""
    if row.answer_fingerprint is None:
        return None
    return WrittenApproval(
        row.code,
        int(row.version),
        row.answer_fingerprint,
        bool(row.approved),
        row.answered_by,
        row.answered_at,
        row.reason,
    )


class SqlPromotionRepository:
    """Plans by (brand, code); every version kept; answers inserted once, never changed."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def _plan_id(self, brand_code: str, code: str) -> int | None:
        found = self._connection.execute(
            select(promotion_plan.c.id)
            .join(brand, brand.c.id == promotion_plan.c.brand_id)
            .where(brand.c.code == brand_code, promotion_plan.c.code == code)
        ).scalar()
        return None if found is None else int(found)

    def _version_id(self, plan: PromotionPlan) -> int:
        return int(
            self._connection.execute(
                select(promotion_version.c.id).where(
                    promotion_version.c.plan_id == self._plan_id(plan.brand, plan.code),
                    promotion_version.c.version == plan.version,
                )
            ).scalar_one()
        )

    def get(self, brand_code: str, code: str, version: int | None = None) -> PromotionPlan | None:
        query = _VERSIONS.where(brand.c.code == brand_code, promotion_plan.c.code == code)
        if version is None:
            query = query.where(promotion_version.c.version == promotion_plan.c.current_version)
        else:
            query = query.where(promotion_version.c.version == version)
        row = self._connection.execute(query).first()
        return None if row is None else _plan(row)

    def add_version(self, plan: PromotionPlan, actor: str, at: datetime) -> None:
        plan_id = self._plan_id(plan.brand, plan.code)
        if plan_id is None:
            plan_id = self._connection.execute(
                insert(promotion_plan)
                .values(
                    brand_id=brand_id(self._connection, plan.brand),
                    code=plan.code,
                    current_version=plan.version,
                    created_at=at,
                )
                .returning(promotion_plan.c.id)
            ).scalar_one()
        else:
            self._connection.execute(
                update(promotion_plan)
                .where(promotion_plan.c.id == plan_id)
                .values(current_version=plan.version)
            )
        self._connection.execute(
            insert(promotion_version).values(
                plan_id=plan_id,
                version=plan.version,
                status=plan.status.value,
                terms=plan.terms.canonical_json(),
                fingerprint=plan.terms.fingerprint(),
                window_start=plan.terms.window.start,
                window_end=plan.terms.window.end,
                drafted_by=actor,
                drafted_at=at,
            )
        )

    def set_status(self, plan: PromotionPlan, at: datetime) -> None:
        values: dict[str, object] = {"status": plan.status.value}
        if plan.status is PromotionStatus.SUBMITTED:
            values["submitted_at"] = at
        self._connection.execute(
            update(promotion_version)
            .where(promotion_version.c.id == self._version_id(plan))
            .values(**values)
        )

    def record_answer(self, plan: PromotionPlan, answer: WrittenApproval) -> None:
        self._connection.execute(
            insert(promotion_answer).values(
                version_id=self._version_id(plan),
                approved=answer.approved,
                fingerprint=answer.fingerprint,
                answered_by=answer.by,
                answered_at=answer.at,
                reason=answer.reason,
            )
        )

    def answer(self, plan: PromotionPlan) -> WrittenApproval | None:
        row = self._connection.execute(
            select(promotion_answer).where(promotion_answer.c.version_id == self._version_id(plan))
        ).first()
        if row is None:
            return None
        return WrittenApproval(
            plan.code,
            plan.version,
            row.fingerprint,
            bool(row.approved),
            row.answered_by,
            row.answered_at,
            row.reason,
        )

    def approved_in_force(
        self, brand_code: str, at: datetime
    ) -> list[tuple[PromotionPlan, WrittenApproval | None]]:
        """Current versions that are approved and whose window holds `at`, with their answers."""
        rows = self._connection.execute(
            _VERSIONS.add_columns(*_ANSWER_COLUMNS)
            .outerjoin(promotion_answer, promotion_answer.c.version_id == promotion_version.c.id)
            .where(
                brand.c.code == brand_code,
                promotion_version.c.version == promotion_plan.c.current_version,
                promotion_version.c.status == PromotionStatus.APPROVED.value,
                promotion_version.c.window_start <= at,
                promotion_version.c.window_end > at,
            )
        )
        return [(_plan(row), _answer(row)) for row in rows]

    def approved_versions(
        self, brand_code: str
    ) -> list[tuple[PromotionPlan, WrittenApproval | None]]:
        """Every version the brand approved in writing, current or since edited (R-C7)."""
        rows = self._connection.execute(
            _VERSIONS.add_columns(*_ANSWER_COLUMNS)
            .join(promotion_answer, promotion_answer.c.version_id == promotion_version.c.id)
            .where(brand.c.code == brand_code, promotion_answer.c.approved.is_(True))
            .order_by(promotion_plan.c.code, promotion_version.c.version)
        )
        return [(_plan(row), _answer(row)) for row in rows]

    def list_for_brand(self, brand_code: str) -> list[PromotionPlan]:
        rows = self._connection.execute(
            _VERSIONS.where(
                brand.c.code == brand_code,
                promotion_version.c.version == promotion_plan.c.current_version,
            ).order_by(promotion_plan.c.code)
        )
        return [_plan(row) for row in rows]
