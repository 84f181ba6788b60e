"""Use case: record the operator's remittance of a confirmed statement (R-S6, R-S7, R-D3)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from daiyun.domain.calendar import Month, business_date
from daiyun.domain.money import Money
from daiyun.domain.settlement.lifecycle import StatementStatus, statement_key, status_after_payment
from daiyun.domain.settlement.records import PaymentRecord
from daiyun.services.errors import Refused
from daiyun.services.settlement.ledger import post_payment, posted_penalty
from daiyun.services.settlement.statement_access import (
    StatementView,
    current_version,
    model_a_contract,
    move,
    stored_statement,
    view_of,
)
from daiyun.services.unit_of_work import UnitOfWork

__all__ = ["PaymentOutcome", "record_payment"]

_PAYABLE = frozenset({StatementStatus.CONFIRMED, StatementStatus.PART_PAID})


@dataclass(frozen=True)
class PaymentOutcome:
    """The payment recorded and the statement after it, for the ledger to post from."""

    payment: PaymentRecord
    view: StatementView


def record_payment(
    uow: UnitOfWork,
    *,
    contract_code: str,
    month: Month,
    amount: Money,
    paid_on: date,
    at: datetime,
    actor: str,
) -> PaymentOutcome:
    """A remittance, partial allowed, of a confirmed statement; settled once paid in full."""
    if amount.fen <= 0:
        raise Refused(f"a payment must be more than zero, not {amount.yuan_text()}")
    with uow:
        contract = model_a_contract(uow, contract_code)
        header = stored_statement(uow, contract, month)
        key = statement_key(contract.code, month)
        if header.status is StatementStatus.SETTLED:
            raise Refused(f"cannot pay statement {key}: it is settled, paid in full")
        if header.status not in _PAYABLE:
            # R-S6: payment falls due only once the brand has confirmed the statement.
            raise Refused(
                f"cannot pay statement {key} version {header.current_version}: it is "
                f"{header.status.value}; a statement is paid once the brand has confirmed it (R-S6)"
            )
        if paid_on > business_date(at):
            raise Refused(f"a payment cannot be dated {paid_on}, after today {business_date(at)}")
        record = current_version(uow, header)
        payments = uow.statements.payments(contract.code, month)
        mine = [each for each in payments if each.version == record.version]
        if any(each.paid_on == paid_on and each.amount == amount for each in mine):
            raise Refused(
                f"a payment of {amount.yuan_text()} on {paid_on} is recorded already for {key}"
            )
        paid = Money(sum(each.amount.fen for each in mine))
        outstanding = record.figures.remittance - paid
        if amount.fen > outstanding.fen:
            raise Refused(
                f"a payment of {amount.yuan_text()} overpays statement {key}: "
                f"{outstanding.yuan_text()} is outstanding of "
                f"{record.figures.remittance.yuan_text()}"
            )
        new = status_after_payment(record.figures.remittance, paid + amount)
        move(
            uow,
            header,
            new,
            contract,
            version=record.version,
            at=at,
            actor=actor,
            details={"amount": amount.yuan_text(), "paid_on": paid_on.isoformat()},
        )
        payment = PaymentRecord(record.version, paid_on, amount, at, actor)
        uow.statements.add_payment(contract.code, month, payment)
        # R-S7: read after the status moved (the statement's row is locked): the penalty
        # posted once paid in full leaves out every day of delay the brand caused.
        excused = uow.excused_delays.of_statement(contract.code, month)
        view = view_of(contract, month, record, new, [*payments, payment], at=at, excused=excused)
        post_payment(uow, view, payment, at)
        penalty = posted_penalty(uow, contract.brand_code, contract.code, month, record.version)
        view = replace(view, penalty=penalty)
        uow.commit()
    return PaymentOutcome(payment, view)
