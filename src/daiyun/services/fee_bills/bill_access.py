"""What the fee bill use cases share: the model B contract, the stored bill, moving its status,
and the bill as people and interfaces.md's JSON see it (R-B2, R-B3, R-B5)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from daiyun.domain.calendar import Month, business_date
from daiyun.domain.contracts import ContractModel, ContractSpec
from daiyun.domain.fee_bills.bill import BillFigures
from daiyun.domain.fee_bills.lifecycle import (
    BillStatus,
    IllegalBillMove,
    bill_key,
    change_bill_status,
)
from daiyun.domain.fee_bills.overdue import days_overdue
from daiyun.domain.fee_bills.records import BillHeader, BillPayment, BillVersion
from daiyun.domain.money import Money
from daiyun.services.errors import NotFound, Refused
from daiyun.services.fee_bills.ports import FeeBillUnitOfWork

__all__ = [
    "BillView",
    "current_version",
    "model_b_contract",
    "move_bill",
    "stored_bill",
    "view_of_bill",
]


def model_b_contract(uow: FeeBillUnitOfWork, contract_code: str) -> ContractSpec:
    """The contract; refused unless it is model B, the only one with fee bills (R-C2)."""
    contract = uow.contracts.get(contract_code)
    if contract is None:
        raise NotFound(f"no contract with code {contract_code!r}")
    if contract.model is not ContractModel.B:
        raise Refused(
            f"contract {contract_code} is model {contract.model.value}: the operator collects "
            "and remits the brand's money, so there is no fee bill, service fee or deposit of "
            "model B; its months are settled by the monthly statement (R-C2, R-S6)"
        )
    return contract


def stored_bill(uow: FeeBillUnitOfWork, contract: ContractSpec, month: Month) -> BillHeader:
    """The month's bill, locked to the end of the unit of work; refused when never drafted."""
    header = uow.fee_bills.get(contract.code, month, lock=True)
    if header is None:
        raise Refused(
            f"fee bill {bill_key(contract.code, month)} does not exist: nothing has been "
            "drafted or issued for that month"
        )
    return header


def current_version(uow: FeeBillUnitOfWork, header: BillHeader) -> BillVersion:
    """The version the bill stands at."""
    return version_of(uow, header.contract_code, header.month, header.current_version)


def version_of(
    uow: FeeBillUnitOfWork, contract_code: str, month: Month, version: int
) -> BillVersion:
    """One stored version of the month's bill; NotFound names the versions there are."""
    versions = uow.fee_bills.versions(contract_code, month)
    for record in versions:
        if record.version == version:
            return record
    raise NotFound(
        f"fee bill {bill_key(contract_code, month)} has no version {version}; it has "
        f"{', '.join(str(each.version) for each in versions) or 'none'}"
    )


def move_bill(
    uow: FeeBillUnitOfWork,
    header: BillHeader,
    new: BillStatus,
    contract: ContractSpec,
    *,
    version: int,
    at: datetime,
    actor: str,
    reason: str | None = None,
    details: dict[str, str] | None = None,
    verb: str | None = None,
) -> None:
    """The one way a bill changes status: checked, stored, audited (R-D3)."""
    try:
        entry = change_bill_status(
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
            verb=verb,
        )
    except IllegalBillMove as error:
        raise Refused(str(error)) from error
    uow.fee_bills.set_status(contract.code, header.month, new, version, at)
    uow.audit.record(entry)


@dataclass(frozen=True)
class BillView:
    """A version of a month's fee bill, as of a moment."""

    contract: str
    brand: str
    month: Month
    record: BillVersion
    status: BillStatus
    payments: tuple[BillPayment, ...]  # this version's
    as_of: date
    commission_rate: str  # e.g. "0.03", as the contract says
    vat_rate: str

    @property
    def version(self) -> int:
        return self.record.version

    @property
    def figures(self) -> BillFigures:
        return self.record.bill.figures

    @property
    def amount_due(self) -> Money:
        return self.figures.amount_due

    @property
    def paid(self) -> Money:
        return Money.total(payment.amount for payment in self.payments)

    @property
    def outstanding(self) -> Money:
        return self.amount_due - self.paid

    @property
    def paid_in_full_on(self) -> date | None:
        """The day the payments reached the amount due (None while something is owed)."""
        running = 0
        for payment in sorted(self.payments, key=lambda each: each.paid_on):
            running += payment.amount.fen
            if running >= self.amount_due.fen:
                return payment.paid_on
        return None

    @property
    def days_overdue(self) -> int:
        """Calendar days past the payment day: until paid in full, or as of today (R-B5)."""
        if not self.record.is_issued or self.amount_due.is_zero:
            return 0
        paid_on = self.paid_in_full_on
        return days_overdue(self.figures.payment_due, paid_on or self.as_of)

    @property
    def termination_right(self) -> bool:
        """R-B5: more than `fee_overdue_termination_days` days overdue while not paid in full:
        the operator may terminate the contract."""
        if not self.record.is_issued or self.amount_due.is_zero:
            return False
        right_from = self.figures.termination_right_from
        paid_on = self.paid_in_full_on
        if paid_on is not None and paid_on < right_from:
            return False
        return self.as_of >= right_from

    def to_json(self) -> dict[str, object]:
        """interfaces.md's Bill JSON, its keys exactly and in order, then what it adds."""
        figures = self.figures
        receipts = self.record.bill.receipts
        return {
            "contract": self.contract,
            "brand": self.brand,
            "month": str(self.month),
            "version": self.version,
            "status": self.status.value,
            "receipts": figures.receipts.yuan_text(),
            "commission": figures.commission.yuan_text(),
            "vat": figures.vat.yuan_text(),
            "amount_due": self.amount_due.yuan_text(),
            "issue_by": figures.issue_by.isoformat(),
            "payment_due": figures.payment_due.isoformat(),
            "paid": self.paid.yuan_text(),
            "termination_right_from": figures.termination_right_from.isoformat(),
            # What interfaces.md's keys are made of, and where the bill stands (issue 18).
            "trade_income": receipts.trade_income.yuan_text(),
            "refunds_paid_out": receipts.refunds_paid_out.yuan_text(),
            "carried_in": figures.carried_in.yuan_text(),
            "commission_base": figures.commission_base.yuan_text(),
            "carried_out": figures.carried_out.yuan_text(),
            "commission_rate": self.commission_rate,
            "vat_rate": self.vat_rate,
            "outstanding": self.outstanding.yuan_text(),
            "issued_on": _day(self.record.issued_on),
            "days_overdue": self.days_overdue,
            "termination_right": self.termination_right,
            "content_hash": self.record.content_hash,
            "payments": [
                {"paid_on": payment.paid_on.isoformat(), "amount": payment.amount.yuan_text()}
                for payment in self.payments
            ],
        }


def _day(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def view_of_bill(
    contract: ContractSpec,
    record: BillVersion,
    status: BillStatus,
    payments: list[BillPayment],
    *,
    at: datetime,
) -> BillView:
    """The version as shown at `at`, with its own payments."""
    mine = tuple(payment for payment in payments if payment.version == record.version)
    return BillView(
        contract=contract.code,
        brand=contract.brand_code,
        month=record.bill.figures.month,
        record=record,
        status=status,
        payments=mine,
        as_of=business_date(at),
        commission_rate=contract.terms.model_b_commission_rate.text(),
        vat_rate=contract.terms.vat_rate.text(),
    )
