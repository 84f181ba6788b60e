"""What the statement use cases share: finding the statement, moving its status, viewing it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from daiyun.domain.calendar import Month, business_date
from daiyun.domain.contracts import ContractModel, ContractSpec
from daiyun.domain.ledger import PenaltyStanding
from daiyun.domain.money import Money
from daiyun.domain.settlement import (
    ExcusedDelay,
    StatementFigures,
    excused_days,
    issue_by,
    late_penalty,
)
from daiyun.domain.settlement.lifecycle import (
    IllegalMove,
    StatementStatus,
    change_status,
    statement_key,
)
from daiyun.domain.settlement.records import PaymentRecord, StatementHeader, VersionRecord
from daiyun.services.errors import NotFound, Refused
from daiyun.services.unit_of_work import UnitOfWork

__all__ = [
    "StatementView",
    "current_version",
    "model_a_contract",
    "move",
    "stored_statement",
    "view_of",
]


@dataclass(frozen=True)
class StatementView:
    """A version of a month's statement as people and interfaces.md's JSON see it."""

    contract: str
    brand: str
    month: Month
    version: int
    status: StatementStatus
    figures: StatementFigures
    content_hash: str
    issue_by: date
    confirm_by: date | None
    payment_due: date | None
    paid: Money
    penalty_accrued: Money
    days_late: int  # R-S7: calendar days late less the excused ones
    termination_right: bool
    # Why nothing is settled, in words (an empty month says why); () otherwise.
    empty_reasons: tuple[str, ...]
    # R-S7: the recorded spans of delay the brand caused, and how many late days they excused.
    excused_delays: tuple[ExcusedDelay, ...] = ()
    days_excused: int = 0
    # R-S7: the late penalty posted when paid in full (None: none posted) and how much of it
    # the operator has paid the brand since, both derived from the ledger.
    penalty: PenaltyStanding | None = None

    @property
    def outstanding(self) -> Money:
        """What is still to be remitted of this version (R-S6)."""
        return self.figures.remittance - self.paid

    def to_json(self) -> dict[str, object]:
        """interfaces.md's Statement JSON, its keys exactly and in order."""
        return {
            "contract": self.contract,
            "brand": self.brand,
            "month": str(self.month),
            "version": self.version,
            "status": self.status.value,
            **self.figures.to_json(),
            "issue_by": self.issue_by.isoformat(),
            "confirm_by": _day(self.confirm_by),
            "payment_due": _day(self.payment_due),
            "penalty_accrued": self.penalty_accrued.yuan_text(),
            "excused_delays": [delay.to_json() for delay in self.excused_delays],
            "penalty_posted": None if self.penalty is None else self.penalty.posted.yuan_text(),
            "penalty_paid": (Money(0) if self.penalty is None else self.penalty.paid).yuan_text(),
        }


def _day(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def model_a_contract(uow: UnitOfWork, contract_code: str) -> ContractSpec:
    """The contract; refused unless it is model A, the only one with monthly statements."""
    contract = uow.contracts.get(contract_code)
    if contract is None:
        raise NotFound(f"no contract with code {contract_code!r}")
    if contract.model is not ContractModel.A:
        raise Refused(
            f"contract {contract_code} is model {contract.model.value}: the brand collects, "
            "so there is no monthly statement (R-C2, R-S6)"
        )
    return contract


def stored_statement(uow: UnitOfWork, contract: ContractSpec, month: Month) -> StatementHeader:
    """The month's statement; refused when nothing was ever drafted for it."""
    header = uow.statements.get(contract.code, month)
    if header is None:
        raise Refused(
            f"statement {statement_key(contract.code, month)} does not exist: "
            "nothing has been drafted or issued for that month"
        )
    return header


def current_version(uow: UnitOfWork, header: StatementHeader) -> VersionRecord:
    """The version the statement stands at."""
    for record in uow.statements.versions(header.contract_code, header.month):
        if record.version == header.current_version:
            return record
    raise LookupError(f"statement {header} has no version {header.current_version}")


def move(
    uow: UnitOfWork,
    header: StatementHeader,
    new: StatementStatus,
    contract: ContractSpec,
    *,
    version: int,
    at: datetime,
    actor: str,
    reason: str | None = None,
    details: dict[str, str] | None = None,
) -> None:
    """The one way a statement changes status: checked, stored, audited (R-S6, R-D3)."""
    try:
        entry = change_status(
            header.status,
            new,
            contract_code=contract.code,
            brand_code=contract.brand_code,
            month=header.month,
            version=version,
            at=at,
            actor=actor,
            reason=reason,
            details=details,
        )
    except IllegalMove as error:
        raise Refused(str(error)) from error
    uow.statements.set_status(contract.code, header.month, new, version, at)
    uow.audit.record(entry)


def view_of(
    contract: ContractSpec,
    month: Month,
    record: VersionRecord,
    status: StatementStatus,
    payments: list[PaymentRecord],
    *,
    at: datetime,
    empty_reasons: tuple[str, ...] = (),
    excused: Sequence[ExcusedDelay] = (),
    posted: PenaltyStanding | None = None,
) -> StatementView:
    """The version as shown at `at`: R-S7 penalty over its payments up to that day, none on
    the days of the `excused` spans (delay the brand caused); `posted`: its late penalty as
    posted to the ledger and how much of it is paid."""
    mine = [payment for payment in payments if payment.version == record.version]
    paid = Money(sum(payment.amount.fen for payment in mine))
    answer = record.answer
    due = answer.payment_due if answer is not None else None
    penalty, days_late, days_excused, termination = Money(0), 0, 0, False
    if due is not None and record.figures.remittance.fen > 0:
        accrued = late_penalty(
            record.figures.remittance,
            due,
            [payment.payment for payment in mine],
            as_of=business_date(at),
            terms=contract.terms,
            excused_days=excused_days(excused),  # R-S7: neither charged nor counted
        )
        penalty, days_late = accrued.amount, accrued.days_late
        days_excused = accrued.calendar_days_late - accrued.days_late
        termination = accrued.termination_right
    return StatementView(
        contract=contract.code,
        brand=contract.brand_code,
        month=month,
        version=record.version,
        status=status,
        figures=record.figures,
        content_hash=record.content_hash,
        issue_by=issue_by(month, contract.terms),
        confirm_by=record.confirm_by,
        payment_due=due,
        paid=paid,
        penalty_accrued=penalty,
        days_late=days_late,
        termination_right=termination,
        empty_reasons=empty_reasons,
        excused_delays=tuple(sorted(excused, key=lambda delay: delay.first_day)),
        days_excused=days_excused,
        penalty=posted,
    )
