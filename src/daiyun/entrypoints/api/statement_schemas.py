"""Request and response models of statements, payments, obligations, ledger, audit, imports.

Money as strings in yuan with two decimals, dates as YYYY-MM-DD (interfaces.md).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field

from daiyun.domain.agency import AuditEntry
from daiyun.domain.obligations import Obligation
from daiyun.domain.settlement import StatementLine, UnsettleableOrder
from daiyun.domain.settlement.drilldown import LinesPage, StatementRow
from daiyun.entrypoints.api.schemas import NO_NUL
from daiyun.services.settlement.statement_access import StatementView

__all__ = [
    "AnswerCreate",
    "AuditEntryPublic",
    "ExcusedDelayCreate",
    "ExcusedDelayPublic",
    "ImportJobPublic",
    "LinesPublic",
    "ObligationPublic",
    "PaymentCreate",
    "PenaltyPaymentCreate",
    "StatementLinePublic",
    "StatementPublic",
    "StatementRowPublic",
]

_YUAN = r"^\d{1,12}\.\d{2}$"


def _yuan(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100}.{abs(fen) % 100:02d}"


class ExcusedDelayPublic(BaseModel):
    """Days, both ends included, whose delay of payment the brand caused: no penalty (R-S7)."""

    first_day: str = Field(alias="from", examples=["2026-12-18"])
    to: str = Field(examples=["2026-12-20"])
    days: int
    reason: str
    recorded_by: str
    recorded_at: str


class StatementPublic(BaseModel):
    """interfaces.md's Statement JSON, its keys exactly and in order; `excused_delays`,
    `penalty_posted` and `penalty_paid` added (R-S7), and `custody_losses` (R-F7)."""

    contract: str
    brand: str
    month: str
    version: int
    status: str
    recognised_lines: int
    recognised_units: int
    returned_units: int
    sales_amount: str
    returned_amount: str
    concession_amount: str
    settlement_value: str
    commission: str
    spread: str
    brand_deductions: str
    shipping_income: str
    platform_fees: str
    remittance: str
    unsettleable_orders: int
    price_violations: int
    issue_by: str
    confirm_by: str | None
    payment_due: str | None
    penalty_accrued: str
    excused_delays: list[ExcusedDelayPublic]
    penalty_posted: str | None = Field(
        description="The late penalty posted when paid in full, in yuan; null if none (R-S7)"
    )
    penalty_paid: str = Field(description="How much of the posted penalty is paid, in yuan")
    custody_losses: str = Field(
        description="Goods lost or damaged in the operator's custody in the month, owed to "
        "the brand and added to the remittance, in yuan (issue 19, R-F7)"
    )

    @classmethod
    def of(cls, view: StatementView) -> StatementPublic:
        return cls.model_validate(view.to_json())


class StatementRowPublic(BaseModel):
    contract: str
    brand: str
    month: str
    status: str
    version: int
    remittance: str
    updated_at: datetime

    @classmethod
    def of(cls, row: StatementRow) -> StatementRowPublic:
        return cls(
            contract=row.contract,
            brand=row.brand,
            month=str(row.month),
            status=row.status.value,
            version=row.version,
            remittance=row.remittance.yuan_text(),
            updated_at=row.updated_at,
        )


class StatementLinePublic(BaseModel):
    """One line of a version, amounts in yuan; its rule and its source order line (R-S8)."""

    kind: str
    rule: str
    order_no: str
    line_no: int
    sku: str | None
    category: str | None
    platform: str
    at: datetime
    settlement_unit_price: str
    fee_rate: str
    refund_reason: str | None
    units: int
    returned_units: int
    sales: str
    returned: str
    concession: str
    brand_deduction: str
    settlement_value: str
    spread: str
    platform_fee: str
    shipping_income: str
    price_violations: int

    @classmethod
    def of(cls, line: StatementLine) -> StatementLinePublic:
        values: dict[str, Any] = {}
        for name, value in zip(StatementLine._fields, line, strict=True):
            if name.endswith("_fen") and isinstance(value, int):
                values[name.removesuffix("_fen")] = _yuan(value)
            else:
                values[name] = value
        return cls.model_validate(values)


class UnsettleablePublic(BaseModel):
    order_no: str
    reason: str
    completed_at: datetime | None


class LinesPublic(BaseModel):
    """A page of a version's lines making one figure, and what their column sums to."""

    figure: str | None
    rule: str | None
    page: int
    size: int
    total: int
    column_sum: str | int | None
    lines: list[StatementLinePublic]
    unsettleable: list[UnsettleablePublic]

    @classmethod
    def of(
        cls, found: LinesPage, *, figure: str | None, rule: str | None, page: int, size: int,
        in_fen: bool,
    ) -> LinesPublic:  # fmt: skip
        summed: str | int | None = found.column_sum
        if found.column_sum is not None and in_fen:
            summed = _yuan(found.column_sum)
        return cls(
            figure=figure,
            rule=rule,
            page=page,
            size=size,
            total=found.total,
            column_sum=summed,
            lines=[StatementLinePublic.of(line) for line in found.lines],
            unsettleable=[_unsettleable(order) for order in found.unsettleable],
        )


def _unsettleable(order: UnsettleableOrder) -> UnsettleablePublic:
    return UnsettleablePublic(
        order_no=order.order_no, reason=order.reason, completed_at=order.completed_at
    )


class AnswerCreate(BaseModel):
    """The brand's confirmation (reason optional) or dispute (reason required), R-S6."""

    reason: str | None = Field(default=None, max_length=2000, pattern=NO_NUL)


class PaymentCreate(BaseModel):
    """A remittance of a confirmed statement: amount in yuan, the day it was paid."""

    amount: str = Field(pattern=_YUAN, examples=["1234.50"])
    paid_on: date


class PenaltyPaymentCreate(BaseModel):
    """A payment to the brand of a settled statement's posted late penalty (R-S7)."""

    amount: str = Field(pattern=_YUAN, examples=["123.45"])
    paid_on: date


class ExcusedDelayCreate(BaseModel):
    """Days, both ends included, whose delay of payment the brand caused, and why (R-S7)."""

    first_day: date = Field(alias="from", examples=["2026-12-18"])
    to: date = Field(examples=["2026-12-20"])
    reason: str = Field(max_length=2000, pattern=NO_NUL, examples=["品牌方更换收款账户"])


class ObligationPublic(BaseModel):
    kind: str
    party: str
    subject: str
    brand: str
    due_on: date
    status: str
    done_on: date | None
    consequence: str
    rule: str

    @classmethod
    def of(cls, obligation: Obligation) -> ObligationPublic:
        return cls.model_validate(obligation.to_json())


class AuditEntryPublic(BaseModel):
    at: datetime
    actor: str
    action: str
    entity: str
    entity_key: str
    brand: str | None
    before: str | None
    after: str | None
    reason: str | None

    @classmethod
    def of(cls, entry: AuditEntry) -> AuditEntryPublic:
        return cls(
            at=entry.at,
            actor=entry.actor,
            action=entry.action,
            entity=entry.entity,
            entity_key=entry.entity_key,
            brand=entry.brand_code,
            before=entry.before,
            after=entry.after,
            reason=entry.reason,
        )


class ImportJobPublic(BaseModel):
    """An import started from the web; `summary` is interfaces.md's import summary JSON."""

    id: str
    store: str
    file: str
    started_by: str
    started_at: datetime
    state: str
    rows: int
    done: int
    percent: int
    finished_at: datetime | None
    error: str | None
    summary: dict[str, Any] | None
