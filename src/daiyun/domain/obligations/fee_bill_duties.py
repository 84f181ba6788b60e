"""A model B contract's dated duties (R-O1; R-B1, R-B2, R-B4, R-B5) from what is stored so far.

- Each month of the term that is over owes a fee bill: the operator issues it by the
  `commission_issue_day` of M+1 (done: the day version 1 was issued).
- Once a version is issued and owes more than 0.00, the brand pays it by the
  `commission_payment_day` of M+1, and must have paid it in full by the day before the
  termination right's first day (`payment_due` + `fee_overdue_termination_days`, R-B5: paid on
  that day it is 10 days late, no right; a day later, the right). Both are judged on the latest
  issued version and its own payments: a disputed version stays owed until the next is issued,
  as the ledger has it; the dates are the month's, whichever the version.
- Each instalment of the annual service fee (R-B1) is paid, with its VAT (R-B3), by its day, and
  in full by the day before its termination right's first day (R-B5).
- Once the contract has ended (`ended_on`, its last day, given by the caller) and everything it
  owes is paid, the operator refunds the deposit it received within
  `deposit_refund_working_days` PRC working days (R-B4, deposit.py); not when it was forfeited
  (recorded so, or the contract ended for the brand's breach: `end_reason`, the caller's).

"Everything it owes is paid" is the day both instalments and every month's bill at its current
version were paid in full (a bill of 0.00 owes nothing); until then the refund has no due day
and is not listed. A month's bill still a draft owes its amount like any other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from daiyun.domain.calendar import Month
from daiyun.domain.contracts import ContractSpec, ContractTerms, Party
from daiyun.domain.fee_bills.bill import vat_of
from daiyun.domain.fee_bills.deposit import DepositFate, EndReason, deposit_outcome
from daiyun.domain.fee_bills.instalments import instalments
from daiyun.domain.fee_bills.overdue import termination_right_from
from daiyun.domain.fee_bills.records import (
    BillPayment,
    BillVersion,
    DepositEvent,
    DepositEventKind,
    InstalmentPayment,
)
from daiyun.domain.money import Money
from daiyun.domain.obligations.obligation import (
    CONSEQUENCE_TEXTS,
    Consequence,
    Obligation,
    ObligationKind,
    ObligationTopic,
    obligation_status,
)

__all__ = ["StoredBill", "billed_months", "fee_bill_obligations", "fees_settled_on"]

_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class StoredBill:
    """A month's fee bill as stored: its versions, the one it stands at, and its payments."""

    month: Month
    current_version: int
    versions: tuple[BillVersion, ...]
    payments: tuple[BillPayment, ...]

    def _version(self, number: int) -> BillVersion:
        return next(each for each in self.versions if each.version == number)

    @property
    def current(self) -> BillVersion:
        return self._version(self.current_version)

    @property
    def first_issued_on(self) -> date | None:
        """The day version 1 reached the brand: the issue duty's (None while none is issued)."""
        issued = sorted((v for v in self.versions if v.issued_on is not None), key=_number)
        return None if not issued else issued[0].issued_on

    @property
    def latest_issued(self) -> BillVersion | None:
        issued = [each for each in self.versions if each.is_issued]
        return max(issued, key=_number) if issued else None

    def paid_in_full_on(self, version: BillVersion) -> date | None:
        """The day the version's own payments reached its amount due (None: not yet)."""
        return _paid_in_full_on(
            version.bill.figures.amount_due,
            [(p.paid_on, p.amount) for p in self.payments if p.version == version.version],
        )


def _number(version: BillVersion) -> int:
    return version.version


def _paid_in_full_on(due: Money, payments: Sequence[tuple[date, Money]]) -> date | None:
    running = 0
    for paid_on, amount in sorted(payments, key=lambda each: each[0]):
        running += amount.fen
        if running >= due.fen:
            return paid_on
    return None


def billed_months(contract: ContractSpec, as_of: date, ended_on: date | None) -> list[Month]:
    """The months of the term that are over by `as_of`, each owing a bill (R-B2, R-C5): from the
    month the contract took effect to the one before `as_of`, or to its last day's if ended."""
    last = Month.of(as_of).previous()
    if ended_on is not None:
        last = min(last, Month.of(ended_on))
    months, month = [], Month.of(contract.effective_on)
    while month <= last:
        months.append(month)
        month = month.next()
    return months


def fees_settled_on(
    contract: ContractSpec, bills: Sequence[StoredBill], payments: Sequence[InstalmentPayment]
) -> date | None:
    """The day the contract's instalments and its bills (each at its current version) were all
    paid in full; the effective date when nothing was ever owed; None while something is owed."""
    days: list[date] = []
    for each, due in _instalments_due(contract):
        paid = [(p.paid_on, p.amount) for p in payments if p.instalment == each]
        day = _paid_in_full_on(due, paid)
        if day is None:
            return None
        days.append(day)
    for stored in bills:
        current = stored.current
        if current.bill.figures.amount_due.is_zero:
            continue
        day = stored.paid_in_full_on(current)
        if day is None:
            return None
        days.append(day)
    return max(days, default=contract.effective_on)


def _instalments_due(contract: ContractSpec) -> list[tuple[int, Money]]:
    """Each instalment's number and what it owes with VAT (R-B1, R-B3)."""
    rate = contract.terms.vat_rate
    return [
        (each.number, each.amount + vat_of(each.amount, rate))
        for each in instalments(contract.terms, contract.signed_on, contract.effective_on)
    ]


@dataclass(frozen=True, slots=True)
class _About:
    """What a duty concerns: its topic, the subject's words, and the month or instalment."""

    topic: ObligationTopic
    subject: str
    month: Month | None = None
    instalment: int | None = None


@dataclass(frozen=True)
class _Duties:
    """Makes one contract's obligations as of a day."""

    contract: ContractSpec
    as_of: date

    @property
    def terms(self) -> ContractTerms:
        return self.contract.terms

    def duty(
        self,
        kind: ObligationKind,
        party: Party,
        due: date,
        done: date | None,
        consequence: Consequence,
        *values: str,
        about: _About,
    ) -> Obligation:
        return Obligation(
            kind, party, about.subject, self.contract.brand_code, due,
            obligation_status(due, done, self.as_of), done,
            CONSEQUENCE_TEXTS[consequence].format(*values), _RULE[kind], consequence, values,
            contract=self.contract.code, month=about.month, topic=about.topic,
            instalment=about.instalment,
        )  # fmt: skip

    def to_pay(
        self, kind: ObligationKind, due: date, done: date | None, about: _About
    ) -> list[Obligation]:
        """A fee the brand pays by its day, and in full before the termination right (R-B5)."""
        days = self.terms.fee_overdue_termination_days
        return [
            self.duty(
                kind, Party.BRAND, due, done, Consequence.FEE_OVERDUE, str(days), about=about
            ),
            self.duty(
                ObligationKind.PAY_FEE_BEFORE_TERMINATION, Party.BRAND,
                termination_right_from(due, days) - _DAY, done,
                Consequence.OPERATOR_TERMINATION_RIGHT, about=about,
            ),
        ]  # fmt: skip

    def bill(self, month: Month, stored: StoredBill | None) -> list[Obligation]:
        """R-B2, R-B5: the month's bill issued by the operator, then paid by the brand."""
        about = _About(ObligationTopic.FEE_BILL, f"bill {self.contract.code} {month}", month)
        billed_in = month.next()
        duties = [
            self.duty(
                ObligationKind.ISSUE_FEE_BILL, Party.OPERATOR,
                billed_in.day(self.terms.commission_issue_day),
                None if stored is None else stored.first_issued_on,
                Consequence.FEE_BILL_AWAITED, about=about,
            )
        ]  # fmt: skip
        issued = None if stored is None else stored.latest_issued
        if stored is None or issued is None or issued.bill.figures.amount_due.is_zero:
            return duties  # nothing billed yet, or nothing owed
        return duties + self.to_pay(
            ObligationKind.PAY_FEE_BILL,
            issued.bill.figures.payment_due,
            stored.paid_in_full_on(issued),
            about,
        )

    def service_fee(self, payments: Sequence[InstalmentPayment]) -> list[Obligation]:
        """R-B1, R-B5: each instalment, with its VAT, by its day."""
        duties: list[Obligation] = []
        by_number = dict(_instalments_due(self.contract))
        for each in instalments(self.terms, self.contract.signed_on, self.contract.effective_on):
            paid = [(p.paid_on, p.amount) for p in payments if p.instalment == each.number]
            duties += self.to_pay(
                ObligationKind.PAY_SERVICE_FEE,
                each.due_on,
                _paid_in_full_on(by_number[each.number], paid),
                _About(
                    ObligationTopic.SERVICE_FEE,
                    f"service-fee {self.contract.code} instalment {each.number}",
                    instalment=each.number,
                ),
            )
        return duties

    def deposit(
        self,
        events: Sequence[DepositEvent],
        ended_on: date | None,
        settled_on: date | None,
        end_reason: EndReason,
    ) -> list[Obligation]:
        """R-B4: the deposit received is refunded once the contract ended and all is paid;
        forfeited (no duty) when it ended for the brand's breach or walk-out."""
        received = next((e for e in events if e.kind is DepositEventKind.RECEIVED), None)
        ended = next((e for e in events if e.kind is not DepositEventKind.RECEIVED), None)
        if received is None or (ended is not None and ended.kind is DepositEventKind.FORFEITED):
            return []
        outcome = deposit_outcome(
            received.amount,
            self.terms.deposit_refund_working_days,
            ended_on,
            None if ended_on is None else end_reason,
            settled_on,
        )
        if outcome.fate is not DepositFate.REFUND_DUE or outcome.refund_due is None:
            return []
        return [
            self.duty(
                ObligationKind.REFUND_DEPOSIT, Party.OPERATOR, outcome.refund_due,
                None if ended is None else ended.happened_on, Consequence.DEPOSIT_WITHHELD,
                about=_About(ObligationTopic.DEPOSIT, f"deposit {self.contract.code}"),
            )
        ]  # fmt: skip


def fee_bill_obligations(
    contract: ContractSpec,
    bills: Sequence[StoredBill],
    instalment_payments: Sequence[InstalmentPayment],
    deposit_events: Sequence[DepositEvent],
    *,
    ended_on: date | None,
    as_of: date,
    end_reason: EndReason = EndReason.EXPIRY,
) -> list[Obligation]:
    """Every dated duty of a model B contract as of `as_of` (R-O1), in date order. `ended_on`
    is the contract's last day once it has ended (None while it runs); `end_reason` why it
    ended, as the deposit cares (R-B4: the brand's breach forfeits it)."""
    make = _Duties(contract, as_of)
    stored = {each.month: each for each in bills}
    found: list[Obligation] = []
    for month in billed_months(contract, as_of, ended_on):
        found += make.bill(month, stored.get(month))
    found += make.service_fee(instalment_payments)
    settled_on = fees_settled_on(contract, bills, instalment_payments)
    found += make.deposit(deposit_events, ended_on, settled_on, end_reason)
    return sorted(found, key=lambda o: (o.due_on, o.subject, o.kind.value))


_RULE = {
    ObligationKind.ISSUE_FEE_BILL: "R-B2",
    ObligationKind.PAY_FEE_BILL: "R-B2",
    ObligationKind.PAY_SERVICE_FEE: "R-B1",
    ObligationKind.PAY_FEE_BEFORE_TERMINATION: "R-B5",
    ObligationKind.REFUND_DEPOSIT: "R-B4",
}
