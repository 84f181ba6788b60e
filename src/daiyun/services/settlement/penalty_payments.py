"""Use case: pay the brand a settled statement's posted late penalty (R-S7, R-D3).

R-S7: the accrued penalty is posted to the ledger once, when the remittance is paid in full,
and it is never forgotten. The operator then pays it to the brand, in parts if need be; what is
paid and still owed is derived from the ledger (the penalty entry and the payments' entries).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from daiyun.domain.agency import AuditEntry
from daiyun.domain.calendar import Month, business_date
from daiyun.domain.contracts import ContractSpec
from daiyun.domain.ledger import (
    PenaltyNotPayable,
    PenaltyStanding,
    check_penalty_payment,
    penalty_payment_entry,
    penalty_payment_key,
)
from daiyun.domain.money import Money
from daiyun.domain.settlement.lifecycle import StatementStatus, statement_key
from daiyun.services.errors import Refused
from daiyun.services.settlement.ledger import penalty_key, posted_penalty
from daiyun.services.settlement.statement_access import (
    StatementView,
    current_version,
    model_a_contract,
    stored_statement,
    view_of,
)
from daiyun.services.unit_of_work import UnitOfWork

__all__ = ["PenaltyPaymentOutcome", "record_penalty_payment"]


@dataclass(frozen=True)
class PenaltyPaymentOutcome:
    """The penalty payment recorded: its ledger key, the penalty before, the statement after."""

    key: str
    amount: Money
    paid_on: date
    before: PenaltyStanding
    view: StatementView


def record_penalty_payment(
    uow: UnitOfWork,
    *,
    contract_code: str,
    month: Month,
    amount: Money,
    paid_on: date,
    at: datetime,
    actor: str,
) -> PenaltyPaymentOutcome:
    """Pay the brand `amount` of the late penalty posted when the statement was paid in full
    (R-S7), partial allowed; posted to the ledger exactly once and audited (R-D3)."""
    with uow:
        contract = model_a_contract(uow, contract_code)
        uow.excused_delays.lock(contract.code, month)  # one statement's money, one at a time
        header = stored_statement(uow, contract, month)
        key = statement_key(contract.code, month)
        if header.status is not StatementStatus.SETTLED:
            raise Refused(
                f"cannot pay the late penalty of statement {key}: it is {header.status.value}; "
                "the penalty is posted, and then paid, once the remittance is paid in full (R-S7)"
            )
        record = current_version(uow, header)
        standing = posted_penalty(uow, contract.brand_code, contract.code, month, record.version)
        try:
            after = check_penalty_payment(
                standing, amount, paid_on=paid_on, today=business_date(at)
            )
        except PenaltyNotPayable as error:
            raise Refused(f"cannot pay the late penalty of statement {key}: {error}") from error
        assert standing is not None  # check_penalty_payment refuses when none was posted
        entry_key = penalty_payment_key(
            penalty_key(contract.code, month, record.version), paid_on, amount
        )
        if uow.ledger.has(entry_key):
            raise Refused(
                f"a penalty payment of {amount.yuan_text()} on {paid_on} is recorded already "
                f"for {key}"
            )
        memo = f"late penalty of statement {contract.code} {month} paid to the brand"
        uow.ledger.post(
            penalty_payment_entry(entry_key, contract.brand_code, paid_on, amount, memo), at
        )
        payments = uow.statements.payments(contract.code, month)
        excused = uow.excused_delays.of_statement(contract.code, month)
        view = view_of(
            contract, month, record, header.status, payments, at=at, excused=excused,
            posted=after,
        )  # fmt: skip
        uow.audit.record(_audit_entry(contract, key, amount, paid_on, standing, after, at, actor))
        uow.commit()
    return PenaltyPaymentOutcome(entry_key, amount, paid_on, standing, view)


def _audit_entry(
    contract: ContractSpec,
    key: str,
    amount: Money,
    paid_on: date,
    before: PenaltyStanding,
    after: PenaltyStanding,
    at: datetime,
    actor: str,
) -> AuditEntry:
    """R-D3: who paid how much of the penalty, on which day, and the penalty before and after."""

    def state(standing: PenaltyStanding) -> dict[str, str]:
        return {
            "penalty_posted": standing.posted.yuan_text(),
            "penalty_paid": standing.paid.yuan_text(),
            "penalty_owed": standing.owed.yuan_text(),
        }

    return AuditEntry(
        at=at,
        actor=actor,
        action="statement.pay_penalty",
        entity="statement",
        entity_key=key,
        brand_code=contract.brand_code,
        before=json.dumps(state(before), ensure_ascii=False),
        after=json.dumps(
            {"amount": amount.yuan_text(), "paid_on": paid_on.isoformat()} | state(after),
            ensure_ascii=False,
        ),
    )
