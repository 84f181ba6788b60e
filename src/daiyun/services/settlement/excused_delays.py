"""Use case: record days the brand caused the delay of a statement's payment (R-S7, R-D3).

§2 ch.6 art.5: no late penalty accrues for delay the brand caused. The operator's finance side
records each span with its reason; every figure of the penalty then leaves its days out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from daiyun.domain.agency import AuditEntry
from daiyun.domain.calendar import Month, business_date
from daiyun.domain.contracts import ContractSpec
from daiyun.domain.money import Money
from daiyun.domain.settlement import DelayNotExcusable, ExcusedDelay, check_excusable
from daiyun.domain.settlement.lifecycle import StatementStatus, statement_key
from daiyun.domain.settlement.records import StatementHeader
from daiyun.services.errors import Refused
from daiyun.services.settlement.ledger import penalty_key
from daiyun.services.settlement.statement_access import (
    StatementView,
    current_version,
    model_a_contract,
    stored_statement,
    view_of,
)
from daiyun.services.unit_of_work import UnitOfWork

__all__ = ["ExcuseOutcome", "excuse_delay"]

# R-S6: a payment due date exists once the brand confirmed; before settling, nothing is posted.
_EXCUSABLE = frozenset({StatementStatus.CONFIRMED, StatementStatus.PART_PAID})


@dataclass(frozen=True)
class ExcuseOutcome:
    """The span recorded and the statement after it, its penalty as of the recording."""

    delay: ExcusedDelay
    view: StatementView
    penalty_before: Money
    days_late_before: int


def excuse_delay(
    uow: UnitOfWork,
    *,
    contract_code: str,
    month: Month,
    first_day: date,
    last_day: date,
    reason: str,
    at: datetime,
    actor: str,
) -> ExcuseOutcome:
    """Record that the brand caused the delay of payment from `first_day` to `last_day`
    (inclusive): no penalty accrues on those days, nor do they count as days late (R-S7)."""
    reason = reason.strip()
    with uow:
        contract = model_a_contract(uow, contract_code)
        uow.excused_delays.lock(contract.code, month)  # spans and payments, one at a time
        header = stored_statement(uow, contract, month)
        key = statement_key(contract.code, month)
        span = f"{first_day}..{last_day}"
        _check_open(uow, contract, header, span)
        record = current_version(uow, header)
        due = record.answer.payment_due if record.answer is not None else None
        if due is None:  # a confirmed version always has one (R-S6)
            raise Refused(f"cannot excuse {span} for statement {key}: it has no payment due date")
        recorded = uow.excused_delays.of_statement(contract.code, month)
        try:
            check_excusable(
                first_day, last_day, reason, recorded, payment_due=due, today=business_date(at)
            )
        except DelayNotExcusable as error:
            raise Refused(f"cannot excuse {span} for statement {key}: {error}") from error
        payments = uow.statements.payments(contract.code, month)
        before = view_of(contract, month, record, header.status, payments, at=at, excused=recorded)
        delay = ExcusedDelay(first_day, last_day, reason, actor, at)
        uow.excused_delays.add(contract.code, month, delay)
        after = view_of(
            contract, month, record, header.status, payments, at=at, excused=[*recorded, delay]
        )
        uow.audit.record(_audit_entry(contract, key, delay, before, after))
        uow.commit()
    return ExcuseOutcome(delay, after, before.penalty_accrued, before.days_late)


def _check_open(
    uow: UnitOfWork, contract: ContractSpec, header: StatementHeader, span: str
) -> None:
    """Refused unless the statement is confirmed and its penalty not yet posted (R-S6, R-S7)."""
    key = statement_key(contract.code, header.month)
    if header.status is StatementStatus.SETTLED:
        # R-S7: the penalty is stated and posted once, when the remittance is paid in full.
        posted = penalty_key(contract.code, header.month, header.current_version)
        entry = next((e for e in uow.ledger.entries(contract.brand_code) if e.key == posted), None)
        stated = (
            "no late penalty was due when it was paid in full"
            if entry is None
            else f"its late penalty was posted to the ledger on {entry.booked_on}, when it was "
            "paid in full"
        )
        raise Refused(
            f"cannot excuse {span} for statement {key}: it is settled and {stated}; "
            "a posted figure is final (R-S7)"
        )
    if header.status not in _EXCUSABLE:
        raise Refused(
            f"cannot excuse {span} for statement {key}: it is {header.status.value} and has "
            "no payment due date until the brand confirms it (R-S6); only days after that date "
            "are late (R-S7)"
        )


def _audit_entry(
    contract: ContractSpec,
    key: str,
    delay: ExcusedDelay,
    before: StatementView,
    after: StatementView,
) -> AuditEntry:
    """R-D3: who recorded which span, when, and the penalty as of then, before and after."""

    def state(view: StatementView) -> dict[str, object]:
        return {
            "excused_delays": [str(each) for each in view.excused_delays],
            "days_late": view.days_late,
            "penalty_accrued": view.penalty_accrued.yuan_text(),
        }

    return AuditEntry(
        at=delay.recorded_at,
        actor=delay.recorded_by,
        action="statement.excuse_delay",
        entity="statement",
        entity_key=key,
        brand_code=contract.brand_code,
        before=json.dumps(state(before), ensure_ascii=False),
        after=json.dumps(
            {"from": delay.first_day.isoformat(), "to": delay.last_day.isoformat()} | state(after),
            ensure_ascii=False,
        ),
        reason=delay.reason,
    )
