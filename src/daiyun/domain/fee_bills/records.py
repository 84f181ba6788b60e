"""What is stored of a fee bill: the month's header, its versions, answers and payments."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from daiyun.domain.calendar import Month
from daiyun.domain.fee_bills.document import FeeBill
from daiyun.domain.fee_bills.lifecycle import BillStatus
from daiyun.domain.money import Money
from daiyun.domain.settlement.records import Answer

__all__ = [
    "BillAnswer",
    "BillHeader",
    "BillPayment",
    "BillVersion",
    "ContractFeeRecords",
    "DepositEvent",
    "DepositEventKind",
    "InstalmentPayment",
]


class DepositEventKind(StrEnum):
    """What happened to the service deposit (R-B4)."""

    RECEIVED = "received"
    REFUNDED = "refunded"
    FORFEITED = "forfeited"


@dataclass(frozen=True, slots=True)
class BillHeader:
    """A month's fee bill of a contract: its status and the version it stands at."""

    contract_code: str
    month: Month
    status: BillStatus
    current_version: int


@dataclass(frozen=True, slots=True)
class BillAnswer:
    """The brand's answer to an issued version: who, when and why (R-D3)."""

    answer: Answer
    by: str
    at: datetime
    answered_on: date
    reason: str | None


@dataclass(frozen=True, slots=True)
class BillVersion:
    """One stored version: a draft, or an immutable issued one."""

    version: int
    bill: FeeBill
    content_hash: str
    drafted_at: datetime
    drafted_by: str
    issued_at: datetime | None = None
    issued_on: date | None = None
    issued_by: str | None = None
    answer: BillAnswer | None = None

    @property
    def is_issued(self) -> bool:
        return self.issued_at is not None

    @property
    def status(self) -> BillStatus:
        """The version's own status, before any payment."""
        if not self.is_issued:
            return BillStatus.DRAFT
        if self.answer is None:
            return BillStatus.ISSUED
        if self.answer.answer is Answer.DISPUTE:
            return BillStatus.DISPUTED
        return BillStatus.CONFIRMED


@dataclass(frozen=True, slots=True)
class BillPayment:
    """A payment the brand made against a version of the bill (partial allowed)."""

    version: int
    paid_on: date
    amount: Money
    recorded_at: datetime
    recorded_by: str


@dataclass(frozen=True, slots=True)
class InstalmentPayment:
    """A payment of one instalment of the annual service fee (R-B1), partial allowed."""

    instalment: int
    paid_on: date
    amount: Money
    recorded_at: datetime
    recorded_by: str


@dataclass(frozen=True, slots=True)
class DepositEvent:
    """The service deposit received, refunded or forfeited (R-B4)."""

    kind: DepositEventKind
    happened_on: date
    amount: Money
    reason: str | None
    recorded_at: datetime
    recorded_by: str


@dataclass(slots=True)
class ContractFeeRecords:
    """Everything stored of one model B contract's fees, read at once (the obligations)."""

    contract_code: str
    bills: list[BillHeader] = field(default_factory=list)
    versions: dict[Month, list[BillVersion]] = field(default_factory=dict)
    payments: dict[Month, list[BillPayment]] = field(default_factory=dict)
    instalment_payments: list[InstalmentPayment] = field(default_factory=list)
    deposit_events: list[DepositEvent] = field(default_factory=list)
