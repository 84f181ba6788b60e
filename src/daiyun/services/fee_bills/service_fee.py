"""Use cases: the annual service fee's instalments and their payments (R-B1, R-B3, R-B5), and
the service deposit received, refunded or forfeited (R-B4).

An instalment is quoted before tax like every fee (R-B3): the brand owes it plus VAT at the
contract's rate, half-up once. Its receivable is posted to the ledger with its first payment
(booked on its due day, or on that payment's day when paid early); an unpaid instalment shows
here and in the obligations, not in the ledger.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from daiyun.domain.agency import AuditEntry
from daiyun.domain.calendar import business_date
from daiyun.domain.contracts import ContractSpec, Party
from daiyun.domain.contracts.lifecycle import ContractLife, EndCause, ends_on
from daiyun.domain.fee_bills.bill import vat_of
from daiyun.domain.fee_bills.deposit import DepositFate, DepositOutcome, EndReason, deposit_outcome
from daiyun.domain.fee_bills.instalments import Instalment, instalments
from daiyun.domain.fee_bills.records import DepositEvent, DepositEventKind, InstalmentPayment
from daiyun.domain.money import Money
from daiyun.domain.obligations.fee_bill_duties import StoredBill, fees_settled_on
from daiyun.services.errors import NotFound, Refused
from daiyun.services.fee_bills.bill_access import model_b_contract
from daiyun.services.fee_bills.ledger import post_deposit_event, post_instalment_payment
from daiyun.services.fee_bills.ports import FeeBillUnitOfWork

__all__ = [
    "DepositView",
    "InstalmentView",
    "ServiceFeeView",
    "deposit_end_reason",
    "end_deposit",
    "pay_instalment",
    "receive_deposit",
    "service_fee",
]


@dataclass(frozen=True)
class InstalmentView:
    """One instalment as of a day: what is owed with VAT, what is paid, where it stands."""

    instalment: Instalment
    vat: Money
    paid: Money
    paid_in_full_on: date | None
    as_of: date

    @property
    def amount_due(self) -> Money:
        return self.instalment.amount + self.vat

    @property
    def outstanding(self) -> Money:
        return self.amount_due - self.paid

    @property
    def status(self) -> str:
        """paid, part_paid, overdue (past its day, not paid in full) or due."""
        if self.paid.fen >= self.amount_due.fen:
            return "paid"
        if self.as_of > self.instalment.due_on:
            return "overdue"
        return "part_paid" if self.paid.fen > 0 else "due"

    @property
    def termination_right(self) -> bool:
        """R-B5: more than N days overdue and not paid in full before then."""
        right_from = self.instalment.termination_right_from
        if self.paid_in_full_on is not None and self.paid_in_full_on < right_from:
            return False
        return self.as_of >= right_from

    def to_json(self) -> dict[str, object]:
        return {
            "number": self.instalment.number,
            "amount": self.instalment.amount.yuan_text(),
            "vat": self.vat.yuan_text(),
            "amount_due": self.amount_due.yuan_text(),
            "due_on": self.instalment.due_on.isoformat(),
            "paid": self.paid.yuan_text(),
            "status": self.status,
            "termination_right_from": self.instalment.termination_right_from.isoformat(),
            "termination_right": self.termination_right,
        }


@dataclass(frozen=True)
class DepositView:
    """The service deposit: agreed, received, and its fate (R-B4)."""

    agreed: Money
    events: tuple[DepositEvent, ...]
    outcome: DepositOutcome

    @property
    def received(self) -> DepositEvent | None:
        return next((e for e in self.events if e.kind is DepositEventKind.RECEIVED), None)

    @property
    def ended(self) -> DepositEvent | None:
        return next((e for e in self.events if e.kind is not DepositEventKind.RECEIVED), None)

    @property
    def state(self) -> str:
        """not_received, held, refund_due, refunded, forfeited, or none (no deposit agreed)."""
        if self.agreed.is_zero:
            return "none"
        if self.ended is not None:
            return self.ended.kind.value
        if self.received is None:
            return "not_received"
        return "refund_due" if self.outcome.fate is DepositFate.REFUND_DUE else "held"

    def to_json(self) -> dict[str, object]:
        received, ended = self.received, self.ended
        return {
            "amount": self.agreed.yuan_text(),
            "state": self.state,
            "received_on": None if received is None else received.happened_on.isoformat(),
            "refund_due": (
                None if self.outcome.refund_due is None else self.outcome.refund_due.isoformat()
            ),
            "ended_on": None if ended is None else ended.happened_on.isoformat(),
        }


@dataclass(frozen=True)
class ServiceFeeView:
    """`daiyun service-fee list`: the annual fee's instalments and the deposit."""

    contract: str
    brand: str
    annual_fee: Money
    vat_rate: str
    effective_on: date
    instalments: tuple[InstalmentView, ...]
    deposit: DepositView

    def to_json(self) -> dict[str, object]:
        return {
            "contract": self.contract,
            "brand": self.brand,
            "annual_fee": self.annual_fee.yuan_text(),
            "vat_rate": self.vat_rate,
            "effective_on": self.effective_on.isoformat(),
            "instalments": [each.to_json() for each in self.instalments],
            "deposit": self.deposit.to_json(),
        }


def _instalment_views(
    contract: ContractSpec, payments: list[InstalmentPayment], as_of: date
) -> tuple[InstalmentView, ...]:
    views = []
    for each in instalments(contract.terms, contract.signed_on, contract.effective_on):
        vat = vat_of(each.amount, contract.terms.vat_rate)
        mine = sorted((p for p in payments if p.instalment == each.number), key=lambda p: p.paid_on)
        running, in_full = 0, None
        for payment in mine:
            running += payment.amount.fen
            if in_full is None and running >= each.amount.fen + vat.fen:
                in_full = payment.paid_on
        views.append(InstalmentView(each, vat, Money(running), in_full, as_of))
    return tuple(views)


def contract_end(contract: ContractSpec, life: ContractLife, as_of: date) -> date | None:
    """The contract's last day when it has ended by `as_of` (R-C6): its recorded end, the end
    of a term objected to, or of a contract that does not renew (R-C5); None while it runs."""
    last = ends_on(contract, life)
    return last if last is not None and as_of > last else None


def deposit_end_reason(life: ContractLife) -> EndReason:
    """Why the contract ended, as the deposit cares (R-B4): a termination for the brand's breach
    is the operator's right; one for the operator's breach the brand's."""
    end = life.end
    if end is None or end.cause is EndCause.EXPIRY:
        return EndReason.EXPIRY
    if end.cause is EndCause.AGREEMENT:
        return EndReason.AGREEMENT
    return (
        EndReason.BRAND_BREACH if end.right_holder is Party.OPERATOR else EndReason.OPERATOR_BREACH
    )


def _deposit_view(
    uow: FeeBillUnitOfWork, contract: ContractSpec, fees_settled_on: date | None, as_of: date
) -> DepositView:
    events = tuple(uow.fee_bills.deposit_events(contract.code))
    life = uow.contracts.lives([contract.code])[contract.code]
    ended_on = contract_end(contract, life, as_of)
    received = any(e.kind is DepositEventKind.RECEIVED for e in events)
    outcome = deposit_outcome(
        contract.terms.service_deposit if received else Money.zero(),
        contract.terms.deposit_refund_working_days,
        ended_on,
        deposit_end_reason(life) if ended_on is not None else None,
        fees_settled_on,
    )
    return DepositView(contract.terms.service_deposit, events, outcome)


def _fees_settled_on(uow: FeeBillUnitOfWork, contract: ContractSpec) -> date | None:
    """The day all the contract's instalments and bills were paid in full (R-B4), as the
    obligations count it (domain/obligations/fee_bill_duties.py); None while something is owed."""
    bills = [
        StoredBill(
            header.month,
            header.current_version,
            tuple(uow.fee_bills.versions(contract.code, header.month)),
            tuple(uow.fee_bills.payments(contract.code, header.month)),
        )
        for header in uow.fee_bills.months(contract.code)
    ]
    return fees_settled_on(contract, bills, uow.fee_bills.instalment_payments(contract.code))


def service_fee(uow: FeeBillUnitOfWork, *, contract_code: str, at: datetime) -> ServiceFeeView:
    """The instalments with what is paid, and the deposit, as of `at` (R-B1, R-B4, R-B5)."""
    as_of = business_date(at)
    with uow:
        contract = model_b_contract(uow, contract_code)
        views = _instalment_views(contract, uow.fee_bills.instalment_payments(contract.code), as_of)
        settled_on = _fees_settled_on(uow, contract)
        return ServiceFeeView(
            contract=contract.code,
            brand=contract.brand_code,
            annual_fee=contract.terms.service_fee_annual,
            vat_rate=contract.terms.vat_rate.text(),
            effective_on=contract.effective_on,
            instalments=views,
            deposit=_deposit_view(uow, contract, settled_on, as_of),
        )


def pay_instalment(
    uow: FeeBillUnitOfWork,
    *,
    contract_code: str,
    number: int,
    amount: Money,
    paid_on: date,
    at: datetime,
    actor: str,
) -> InstalmentView:
    """The brand's payment of an instalment (with its VAT), partial allowed (R-B1, R-B3)."""
    if amount.fen <= 0:
        raise Refused(f"a payment must be more than zero, not {amount.yuan_text()}")
    today = business_date(at)
    with uow:
        contract = model_b_contract(uow, contract_code)
        if paid_on > today:
            raise Refused(f"a payment cannot be dated {paid_on}, after today {today}")
        payments = uow.fee_bills.instalment_payments(contract.code)
        views = _instalment_views(contract, payments, today)
        if not views:
            raise Refused(
                f"contract {contract.code} agrees no annual service fee (0.00): there is no "
                "instalment to pay (R-B1)"
            )
        view = next((each for each in views if each.instalment.number == number), None)
        if view is None:
            raise NotFound(
                f"contract {contract.code} has instalments 1–{len(views)}, not {number} (R-B1)"
            )
        if any(
            p.instalment == number and p.paid_on == paid_on and p.amount == amount for p in payments
        ):
            raise Refused(
                f"a payment of {amount.yuan_text()} on {paid_on} is recorded already for "
                f"instalment {number} of contract {contract.code}"
            )
        if amount.fen > view.outstanding.fen:
            raise Refused(
                f"a payment of {amount.yuan_text()} overpays instalment {number} of contract "
                f"{contract.code}: {view.outstanding.yuan_text()} is outstanding of "
                f"{view.amount_due.yuan_text()} (with VAT)"
            )
        payment = InstalmentPayment(number, paid_on, amount, at, actor)
        uow.fee_bills.add_instalment_payment(contract.code, payment)
        post_instalment_payment(
            uow,
            brand=contract.brand_code,
            contract=contract.code,
            number=number,
            due_on=view.instalment.due_on,
            amount=view.instalment.amount,
            vat=view.vat,
            paid_on=paid_on,
            paid=amount,
            at=at,
        )
        after = _instalment_views(contract, [*payments, payment], today)
        uow.audit.record(_audit(contract, at, actor, f"instalment {number}", amount, paid_on))
        uow.commit()
    return after[number - 1]


def _audit(
    contract: ContractSpec,
    at: datetime,
    actor: str,
    what: str,
    amount: Money,
    on: date,
    reason: str | None = None,
) -> AuditEntry:
    """R-D3: an instalment payment ("instalment N") or a deposit event ("received", …)."""
    instalment = what.startswith("instalment")
    return AuditEntry(
        at=at,
        actor=actor,
        action="service_fee.pay" if instalment else f"deposit.{what}",
        entity="service_fee" if instalment else "service_deposit",
        entity_key=f"{contract.code}/{what}" if instalment else contract.code,
        brand_code=contract.brand_code,
        after=json.dumps({"amount": amount.yuan_text(), "on": on.isoformat()}),
        reason=reason,
    )


def receive_deposit(
    uow: FeeBillUnitOfWork, *, contract_code: str, received_on: date, at: datetime, actor: str
) -> DepositView:
    """R-B4: the brand's deposit arrived, the amount the contract agrees; held for the term."""
    today = business_date(at)
    with uow:
        contract = model_b_contract(uow, contract_code)
        agreed = contract.terms.service_deposit
        if agreed.is_zero:
            raise Refused(f"contract {contract.code} agrees no service deposit (R-B4)")
        if received_on > today:
            raise Refused(f"a deposit cannot be received on {received_on}, after today {today}")
        events = uow.fee_bills.deposit_events(contract.code)
        if any(e.kind is DepositEventKind.RECEIVED for e in events):
            raise Refused(f"the service deposit of contract {contract.code} is received already")
        event = DepositEvent(DepositEventKind.RECEIVED, received_on, agreed, None, at, actor)
        uow.fee_bills.add_deposit_event(contract.code, event)
        post_deposit_event(
            uow,
            brand=contract.brand_code,
            contract=contract.code,
            kind="received",
            on=received_on,
            amount=agreed,
            at=at,
        )
        uow.audit.record(_audit(contract, at, actor, "received", agreed, received_on))
        view = _deposit_view(uow, contract, None, today)
        uow.commit()
    return view


def end_deposit(
    uow: FeeBillUnitOfWork,
    *,
    contract_code: str,
    kind: DepositEventKind,
    on: date,
    reason: str | None,
    at: datetime,
    actor: str,
) -> DepositView:
    """R-B4: the held deposit refunded to the brand, or forfeited on its breach or unilateral
    termination (a reason is then required); once, and only after it was received."""
    if kind is DepositEventKind.RECEIVED:
        raise ValueError("use receive_deposit")
    if kind is DepositEventKind.FORFEITED and (reason is None or not reason.strip()):
        raise Refused(
            "a forfeited deposit must say why: the brand's breach or unilateral termination (R-B4)"
        )
    today = business_date(at)
    with uow:
        contract = model_b_contract(uow, contract_code)
        if on > today:
            raise Refused(f"the deposit cannot be {kind.value} on {on}, after today {today}")
        events = uow.fee_bills.deposit_events(contract.code)
        received = next((e for e in events if e.kind is DepositEventKind.RECEIVED), None)
        if received is None:
            raise Refused(f"the service deposit of contract {contract.code} was never received")
        ended = next((e for e in events if e.kind is not DepositEventKind.RECEIVED), None)
        if ended is not None:
            raise Refused(
                f"the service deposit of contract {contract.code} is {ended.kind.value} already, "
                f"on {ended.happened_on}"
            )
        if on < received.happened_on:
            raise Refused(
                f"the deposit cannot be {kind.value} on {on}, before it was received on "
                f"{received.happened_on}"
            )
        event = DepositEvent(kind, on, received.amount, reason, at, actor)
        uow.fee_bills.add_deposit_event(contract.code, event)
        post_deposit_event(
            uow,
            brand=contract.brand_code,
            contract=contract.code,
            kind=kind.value,
            on=on,
            amount=received.amount,
            at=at,
        )
        uow.audit.record(_audit(contract, at, actor, kind.value, received.amount, on, reason))
        view = _deposit_view(uow, contract, None, today)
        uow.commit()
    return view
