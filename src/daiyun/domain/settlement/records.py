"""What is stored of a statement: its versions, the brand's answers, payments, a month's inputs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from daiyun.domain.calendar import Month
from daiyun.domain.money import Money
from daiyun.domain.settlement.inputs import (
    LineKey,
    RefundRecord,
    SettlementLine,
    UnsettleableOrder,
)
from daiyun.domain.settlement.lifecycle import StatementStatus
from daiyun.domain.settlement.penalty import Payment
from daiyun.domain.settlement.statement import RecognitionCounts, StatementFigures

__all__ = [
    "Answer",
    "BrandAnswer",
    "MonthInputs",
    "PaymentRecord",
    "StatementHeader",
    "VersionRecord",
]


class Answer(StrEnum):
    """The brand's answer to an issued version (R-S6)."""

    CONFIRM = "confirm"
    DISPUTE = "dispute"


@dataclass(frozen=True, slots=True)
class BrandAnswer:
    """Who answered which version, when and why (R-D3); payment due once confirmed (R-S6)."""

    answer: Answer
    by: str
    at: datetime
    answered_on: date
    reason: str | None
    payment_due: date | None


@dataclass(frozen=True, slots=True)
class StatementHeader:
    """A month's statement of a contract: its status and the version it stands at."""

    contract_code: str
    month: Month
    status: StatementStatus
    current_version: int


@dataclass(frozen=True, slots=True)
class VersionRecord:
    """One stored version of a statement: a draft, or an immutable issued one (R-S8)."""

    version: int
    is_issued: bool
    content_hash: str
    figures: StatementFigures
    counts: RecognitionCounts
    drafted_at: datetime
    issued_at: datetime | None = None
    received_on: date | None = None
    confirm_by: date | None = None
    answer: BrandAnswer | None = None

    @property
    def status(self) -> StatementStatus:
        """The version's own status, before any payment."""
        if not self.is_issued:
            return StatementStatus.DRAFT
        if self.answer is None:
            return StatementStatus.ISSUED
        if self.answer.answer is Answer.CONFIRM:
            return StatementStatus.CONFIRMED
        return StatementStatus.DISPUTED


@dataclass(frozen=True, slots=True)
class PaymentRecord:
    """A remittance recorded against a confirmed version (R-S6, R-S7, R-D3)."""

    version: int
    paid_on: date
    amount: Money
    recorded_at: datetime
    recorded_by: str

    @property
    def payment(self) -> Payment:
        """The payment as the late penalty counts it (R-S7)."""
        return Payment(self.paid_on, self.amount)


@dataclass(frozen=True)
class MonthInputs:
    """What drafting a month reads from storage (R-S1): lines, refunds, orders without SKUs.

    `recognised_elsewhere` holds the keys among `lines` that another month's issued
    statement recognised; `line_ids` maps each key to its stored order line (R-S8).
    """

    lines: list[SettlementLine]
    refunds: list[RefundRecord]
    unsettleable: list[UnsettleableOrder]
    recognised_elsewhere: frozenset[LineKey]
    line_ids: dict[LineKey, int] = field(default_factory=dict)
