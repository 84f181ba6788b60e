"""The demo's past (R-S6, R-S7, R-O1): an agency in good standing. Every model A statement of a
month before the load's moment is drafted, issued, confirmed by the brand's finance person and
paid in full, each step on a working day well inside its deadline and at a moment of its own,
through the same use cases as the CLI; one is paid late on purpose, as a worked example."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from daiyun.domain.calendar import SHANGHAI, CalendarUnknown, Month, working_day_after
from daiyun.domain.contracts import ContractModel, ContractSpec
from daiyun.domain.money import Money
from daiyun.domain.settlement import confirm_by, issue_by, payment_due
from daiyun.domain.settlement.records import Answer, PaymentRecord, VersionRecord
from daiyun.services.demo.agency import DemoBrand, demo_contract
from daiyun.services.settlement.ledger import posted_penalty
from daiyun.services.settlement.payments import record_payment
from daiyun.services.settlement.penalty_payments import record_penalty_payment
from daiyun.services.settlement.statement_answers import confirm_statement
from daiyun.services.settlement.statements import draft_month, issue_statement
from daiyun.services.unit_of_work import UnitOfWorkFactory

__all__ = [
    "LATE_PAYMENT",
    "LEFT_FOR_THE_VISITOR",
    "OPERATOR",
    "DemoHistory",
    "DemoLatePayment",
    "settle_demo_history",
]


@dataclass(frozen=True)
class DemoLatePayment:
    """The demo's one late remittance (R-S7): whose, which month, how many days after due."""

    brand_code: str
    month: Month
    days_late: int


# R-S7's worked example (README, "The demo"): Lancôme's October 2026 remittance is paid 5 days
# after its due day, 15 November; its penalty, 0.3% a day of the unpaid amount, is paid after.
LATE_PAYMENT = DemoLatePayment("lancome", Month(2026, 10), 5)
# The browser journey (tests/e2e/test_journeys.py, the README's screenshots) drafts and issues
# chando's October 2026 statement itself: from that month on chando's statements are left to
# whoever tries the demo, so October's issue (due 10 November) is deliberately late (R-S6).
LEFT_FOR_THE_VISITOR = ("chando", Month(2026, 10))
# The demo agency's finance person drafts, issues and pays; the brand's own one confirms (R-D2).
OPERATOR = "finance"
# R-S6: the statement goes out on the 2nd working day of M+1, the brand confirms on the 2nd
# working day after receiving it (of 5), the operator pays on the 2nd working day after that
# (the due day is the 3rd at the earliest); the late penalty is paid 2 working days after it.
_WORKING_DAYS_TO_ISSUE = 2
_WORKING_DAYS_TO_CONFIRM = 2
_WORKING_DAYS_TO_PAY = 2
_WORKING_DAYS_TO_PAY_PENALTY = 2
_DRAFTED_AT, _ISSUED_AT, _CONFIRMED_AT = time(9, 30), time(10, 0), time(11, 0)
_PAID_AT, _PENALTY_PAID_AT = time(14, 0), time(15, 0)


@dataclass
class DemoHistory:
    """What laying down the demo's past did; all zeros on a second load at the same moment."""

    drafted: int = 0
    issued: int = 0
    confirmed: int = 0
    paid: int = 0
    penalties_paid: int = 0
    # R-O1: the statements ("CODE YYYY-MM") whose next step waits for a year's holiday notice,
    # and why, in the calendar's words.
    waiting_for_calendar: list[str] = field(default_factory=list)
    calendar_unknown: str | None = None

    def as_document(self) -> dict[str, Any]:
        """The counts as a JSON document."""
        return {
            "statements_drafted": self.drafted,
            "statements_issued": self.issued,
            "statements_confirmed": self.confirmed,
            "remittances_paid": self.paid,
            "penalties_paid": self.penalties_paid,
            "waiting_for_calendar": self.waiting_for_calendar,
            "calendar_unknown": self.calendar_unknown,
        }

    def summary(self) -> str:
        """One line for people."""
        if not (self.drafted or self.issued or self.confirmed or self.paid or self.penalties_paid):
            said = "statements: nothing new to issue, confirm or pay"
        else:
            said = (
                f"statements: {self.issued} issued, {self.confirmed} confirmed, {self.paid} "
                f"paid ({self.penalties_paid} late penalty paid)"
            )
        if self.waiting_for_calendar:
            said += (
                f"; {len(self.waiting_for_calendar)} wait for the calendar, from "
                f"{self.waiting_for_calendar[0]}: {self.calendar_unknown}"
            )
        return said


def settle_demo_history(
    new_uow: UnitOfWorkFactory, brands: Sequence[DemoBrand], *, at: datetime
) -> DemoHistory:
    """Bring every model A demo statement of a month before `at` as far as `at` allows: each
    step at its own moment, one unit of work each; a step already done is left as it is."""
    demo_contracts = [
        demo_contract(index, brand).contract
        for index, brand in enumerate(sorted(brands, key=lambda b: b.code))
    ]
    codes = [spec.code for spec in demo_contracts if spec.model is ContractModel.A]
    with new_uow() as uow:
        contracts = [
            found
            for code in codes
            if (found := uow.contracts.get(code)) is not None and found.model is ContractModel.A
        ]
        # Every version and payment at once: a second load then reads and does nothing more.
        stored = uow.statement_queries.month_records(codes)
    history = DemoHistory()
    current = Month.containing(at)
    for contract in contracts:
        month = Month.of(contract.effective_on)
        while month < current and (contract.brand_code, month) != LEFT_FOR_THE_VISITOR:
            versions, payments = stored.get((contract.code, month), ([], []))
            try:
                _settle_month(new_uow, contract, month, versions, payments, at, history)
            except CalendarUnknown as unknown:
                # R-O1: a deadline in a year without its holiday notice is never guessed; the
                # later months of this contract wait with it.
                history.waiting_for_calendar.append(f"{contract.code} {month}")
                history.calendar_unknown = str(unknown)
                break
            month = month.next()
    return history


def _on(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, tzinfo=SHANGHAI)


@dataclass
class _Stage:
    """Where a month's statement stands, as read or as just moved."""

    received_on: date
    remittance: Money
    confirmed_on: date | None
    paid: Money
    paid_in_full_on: date | None


def _settle_month(
    new_uow: UnitOfWorkFactory,
    contract: ContractSpec,
    month: Month,
    versions: list[VersionRecord],
    payments: list[PaymentRecord],
    at: datetime,
    history: DemoHistory,
) -> None:
    """Take each step of the month that is not done yet and whose moment is not after `at`."""
    if len(versions) > 1 or any(_disputed(record) for record in versions):
        return  # R-S6: a dispute is being handled by hand; the demo leaves it be
    stage = _stage(versions[0], payments) if versions else None
    if stage is None:
        stage = _issue(new_uow, contract, month, at, history)
    if stage is not None and stage.confirmed_on is None:
        stage = _confirm(new_uow, contract, month, stage, at, history)
    if stage is None or stage.confirmed_on is None or stage.remittance.fen <= 0:
        return  # not that far yet; or nothing to remit, which is met on confirmation (R-S6)
    if stage.paid_in_full_on is None:
        stage = _pay(new_uow, contract, month, stage, at, history)
    if stage.paid_in_full_on is not None and _is_late_payment(contract, month):
        _pay_penalty(new_uow, contract, month, stage.paid_in_full_on, at, history)


def _disputed(record: VersionRecord) -> bool:
    return record.answer is not None and record.answer.answer is not Answer.CONFIRM


def _stage(record: VersionRecord, payments: list[PaymentRecord]) -> _Stage | None:
    """The stored version's stage; None while it is a draft (issuing drafts it again)."""
    if not record.is_issued or record.received_on is None:
        return None
    paid, paid_in_full_on = 0, None
    for payment in sorted(payments, key=lambda p: p.paid_on):
        if payment.version == record.version:
            paid += payment.amount.fen
            if paid >= record.figures.remittance.fen and paid_in_full_on is None:
                paid_in_full_on = payment.paid_on
    answer = record.answer
    return _Stage(
        record.received_on,
        record.figures.remittance,
        None if answer is None else answer.answered_on,
        Money(paid),
        paid_in_full_on,
    )


def _issue(
    new_uow: UnitOfWorkFactory,
    contract: ContractSpec,
    month: Month,
    at: datetime,
    history: DemoHistory,
) -> _Stage | None:
    """R-S6: drafted and issued on the 2nd working day of M+1, never after the issue-by day."""
    issued_on = min(
        working_day_after(month.last_day, _WORKING_DAYS_TO_ISSUE), issue_by(month, contract.terms)
    )
    confirm_by(issued_on, contract.terms)  # R-O1: issuing counts it; an unknown year stops here
    if _on(issued_on, _DRAFTED_AT) > at:
        return None
    drafted = draft_month(
        new_uow(), contract_code=contract.code, month=month, at=_on(issued_on, _DRAFTED_AT),
        actor=OPERATOR,
    )  # fmt: skip
    history.drafted += drafted.changed
    if _on(issued_on, _ISSUED_AT) > at:
        return None
    issued = issue_statement(
        new_uow(), contract_code=contract.code, month=month, at=_on(issued_on, _ISSUED_AT),
        actor=OPERATOR,
    )  # fmt: skip
    history.issued += 1
    view = issued.view
    return _Stage(issued.received_on, view.figures.remittance, None, Money(0), None)


def _confirm(
    new_uow: UnitOfWorkFactory,
    contract: ContractSpec,
    month: Month,
    stage: _Stage,
    at: datetime,
    history: DemoHistory,
) -> _Stage:
    """R-S6, R-D2: the brand's finance person confirms 2 working days after receipt (of 5)."""
    confirmed_on = working_day_after(stage.received_on, _WORKING_DAYS_TO_CONFIRM)
    payment_due(month, confirmed_on, contract.terms)  # R-O1: confirming counts it
    if _on(confirmed_on, _CONFIRMED_AT) > at:
        return stage
    confirm_statement(
        new_uow(),
        contract_code=contract.code,
        month=month,
        by=f"{contract.brand_code}-finance",
        at=_on(confirmed_on, _CONFIRMED_AT),
    )
    history.confirmed += 1
    return replace(stage, confirmed_on=confirmed_on)


def _is_late_payment(contract: ContractSpec, month: Month) -> bool:
    return (contract.brand_code, month) == (LATE_PAYMENT.brand_code, LATE_PAYMENT.month)


def _payment_day(contract: ContractSpec, month: Month, confirmed_on: date) -> date:
    """R-S6: 2 working days after confirmation, before the due day; R-S7: the late example
    `days_late` calendar days after it."""
    if _is_late_payment(contract, month):
        due = payment_due(month, confirmed_on, contract.terms)
        return due + timedelta(days=LATE_PAYMENT.days_late)
    return working_day_after(confirmed_on, _WORKING_DAYS_TO_PAY)


def _pay(
    new_uow: UnitOfWorkFactory,
    contract: ContractSpec,
    month: Month,
    stage: _Stage,
    at: datetime,
    history: DemoHistory,
) -> _Stage:
    """The remittance paid in full, in one payment of what is outstanding (R-S6)."""
    assert stage.confirmed_on is not None
    paid_on = _payment_day(contract, month, stage.confirmed_on)
    if _on(paid_on, _PAID_AT) > at:
        return stage
    outstanding = stage.remittance - stage.paid
    record_payment(
        new_uow(), contract_code=contract.code, month=month, amount=outstanding,
        paid_on=paid_on, at=_on(paid_on, _PAID_AT), actor=OPERATOR,
    )  # fmt: skip
    history.paid += 1
    return replace(stage, paid=stage.remittance, paid_in_full_on=paid_on)


def _pay_penalty(
    new_uow: UnitOfWorkFactory,
    contract: ContractSpec,
    month: Month,
    paid_in_full_on: date,
    at: datetime,
    history: DemoHistory,
) -> None:
    """R-S7: the penalty posted when the remittance was paid in full, paid to the brand."""
    paid_on = working_day_after(paid_in_full_on, _WORKING_DAYS_TO_PAY_PENALTY)
    if _on(paid_on, _PENALTY_PAID_AT) > at:
        return
    with new_uow() as uow:
        header = uow.statements.get(contract.code, month)
        standing = None
        if header is not None:
            version = header.current_version
            standing = posted_penalty(uow, contract.brand_code, contract.code, month, version)
    if standing is None or standing.owed.fen <= 0:
        return  # paid to the brand already
    record_penalty_payment(
        new_uow(), contract_code=contract.code, month=month, amount=standing.owed,
        paid_on=paid_on, at=_on(paid_on, _PENALTY_PAID_AT), actor=OPERATOR,
    )  # fmt: skip
    history.penalties_paid += 1
