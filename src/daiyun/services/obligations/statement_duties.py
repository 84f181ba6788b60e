"""Use case: every dated statement duty of the model A contracts, as of a day (R-O1)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from daiyun.domain.calendar import Month
from daiyun.domain.contracts import ContractModel, ContractSpec
from daiyun.domain.contracts.lifecycle import ends_on
from daiyun.domain.obligations import Obligation, StatementEvents, statement_obligations
from daiyun.domain.settlement import ExcusedDelay, excused_days
from daiyun.domain.settlement.records import Answer, PaymentRecord, VersionRecord
from daiyun.services.errors import NotFound
from daiyun.services.unit_of_work import UnitOfWork

__all__ = ["list_obligations", "statement_duties_of", "statement_events"]


def statement_events(
    versions: list[VersionRecord],
    payments: list[PaymentRecord],
    excused: Sequence[ExcusedDelay] = (),
) -> StatementEvents:
    """The days a month's statement reached each step, from its stored versions and payments,
    and the days of delay the brand caused (R-S7)."""
    issued = sorted((v for v in versions if v.is_issued), key=lambda v: v.version)
    if not issued:
        return StatementEvents()
    latest = issued[-1]
    answer = latest.answer
    confirmed = answer is not None and answer.answer is Answer.CONFIRM
    paid_in_full_on = None
    if confirmed:
        paid = 0
        for payment in sorted(payments, key=lambda p: p.paid_on):
            if payment.version != latest.version:
                continue
            paid += payment.amount.fen
            if paid >= latest.figures.remittance.fen:
                paid_in_full_on = payment.paid_on
                break
        if latest.figures.remittance.fen <= 0 and answer is not None:
            paid_in_full_on = answer.answered_on  # nothing to remit: met on confirmation
    return StatementEvents(
        first_issued_on=issued[0].received_on,
        last_issued_on=latest.received_on,
        answered_on=None if answer is None else answer.answered_on,
        confirmed_on=answer.answered_on if confirmed and answer is not None else None,
        paid_in_full_on=paid_in_full_on,
        excused_days=excused_days(excused),
    )


def _settled_months(contract: ContractSpec, as_of: date, ended_on: date | None) -> list[Month]:
    """The months of the contract that have ended by `as_of` (each owes a statement, R-S6); once
    the contract has ended (`ended_on`, its last day: issue 21, R-C6), none after its month."""
    last = Month.of(as_of).previous()
    if ended_on is not None:
        last = min(last, Month.of(ended_on))
    months, month = [], Month.of(contract.effective_on)
    while month <= last:
        months.append(month)
        month = month.next()
    return months


def list_obligations(
    uow: UnitOfWork, *, as_of: date, brand_code: str | None = None
) -> list[Obligation]:
    """Every statement duty (issue, answer, pay, before termination) by due day, then brand."""
    with uow:
        if brand_code is not None and uow.brands.get(brand_code) is None:
            raise NotFound(f"no brand with code {brand_code!r}")
        contracts = [
            contract
            for contract in uow.contracts.list_all()
            if contract.model is ContractModel.A
            and (brand_code is None or contract.brand_code == brand_code)
        ]
        found = statement_duties_of(uow, contracts, as_of=as_of)
    return sorted(found, key=lambda o: (o.due_on, o.brand, o.subject, o.kind.value))


def statement_duties_of(
    uow: UnitOfWork,
    contracts: Sequence[ContractSpec],
    *,
    as_of: date,
    ends: Mapping[str, date | None] | None = None,
) -> list[Obligation]:
    """The model A contracts' statement duties inside an open unit of work. `ends`: each
    contract's last day if known (None: it runs); read from the stored lives when not given."""
    found: list[Obligation] = []
    # Every version and payment at once: a page shows this, so its query count stays flat.
    codes = [contract.code for contract in contracts if contract.model is ContractModel.A]
    if not codes:
        return found
    if ends is None:
        lives = uow.contracts.lives(codes)  # R-C5, R-C6: when each contract ends
        ends = {c.code: ends_on(c, lives[c.code]) for c in contracts if c.code in lives}
    stored = uow.statement_queries.month_records(codes)
    excused = uow.excused_delays.of_contracts(codes)  # R-S7: the termination deadline
    for contract in contracts:
        if contract.model is not ContractModel.A:
            continue
        for month in _settled_months(contract, as_of, ends.get(contract.code)):
            versions, payments = stored.get((contract.code, month), ([], []))
            events = statement_events(versions, payments, excused.get((contract.code, month), []))
            found.extend(
                statement_obligations(
                    contract.code,
                    contract.brand_code,
                    month,
                    contract.terms,
                    events,
                    as_of=as_of,
                )
            )
    return found
