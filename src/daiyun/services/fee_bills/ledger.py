"""Posting model B's bills, instalments, payments and deposit to the brand's ledger (issue 18),
each entry exactly once by its natural key."""

from __future__ import annotations

from datetime import date, datetime

from daiyun.domain.calendar import Month
from daiyun.domain.ledger import EntryKind, JournalEntry, reversal_of
from daiyun.domain.ledger.fee_entries import (
    deposit_forfeited_entry,
    deposit_received_entry,
    deposit_refunded_entry,
    fee_bill_entry,
    fee_payment_entry,
    service_fee_entry,
)
from daiyun.domain.money import Money
from daiyun.services.fee_bills.bill_access import BillView
from daiyun.services.unit_of_work import UnitOfWork

__all__ = [
    "bill_entry_key",
    "post_bill_issue",
    "post_bill_payment",
    "post_deposit_event",
    "post_instalment_payment",
]


def _post_once(uow: UnitOfWork, entry: JournalEntry, at: datetime) -> None:
    """Exactly once by the entry's natural key: a replay posts nothing new."""
    if not uow.ledger.has(entry.key):
        uow.ledger.post(entry, at)


def _bill_prefix(contract: str, month: Month) -> str:
    return f"fee_bill:{contract}:{month}:"


def bill_entry_key(contract: str, month: Month, version: int) -> str:
    """The natural key of an issued version's entry."""
    return f"{_bill_prefix(contract, month)}v{version}"


def post_bill_issue(uow: UnitOfWork, view: BillView, issued_on: date, at: datetime) -> None:
    """R-B2, R-B3: an issued version makes commission plus VAT owed; an earlier issued version
    of the month (disputed) is reversed first, so only the standing version is owed."""
    prefix = _bill_prefix(view.contract, view.month)
    posted = uow.ledger.entries(view.brand)
    reversed_keys = {entry.reverses for entry in posted if entry.reverses is not None}
    for entry in posted:
        if (
            entry.kind is EntryKind.FEE_BILL_ISSUED
            and entry.key.startswith(prefix)
            and entry.key not in reversed_keys
        ):
            memo = f"version {entry.key.removeprefix(prefix)} replaced by version {view.version}"
            _post_once(uow, reversal_of(entry, f"{entry.key}:reversed", issued_on, memo), at)
    figures = view.figures
    memo = f"fee bill {view.contract} {view.month} version {view.version} issued"
    key = bill_entry_key(view.contract, view.month, view.version)
    entry = fee_bill_entry(key, view.brand, issued_on, figures.commission, figures.vat, memo)
    _post_once(uow, entry, at)


def post_bill_payment(
    uow: UnitOfWork, view: BillView, paid_on: date, amount: Money, at: datetime
) -> None:
    """The brand paid (part of) a bill: cash in, fees receivable down."""
    key = f"fee_payment:{view.contract}:{view.month}:v{view.version}:{paid_on}:{amount.fen}"
    memo = f"payment of fee bill {view.contract} {view.month} version {view.version}"
    _post_once(uow, fee_payment_entry(key, view.brand, paid_on, amount, memo), at)


def post_instalment_payment(
    uow: UnitOfWork,
    *,
    brand: str,
    contract: str,
    number: int,
    due_on: date,
    amount: Money,
    vat: Money,
    paid_on: date,
    paid: Money,
    at: datetime,
) -> None:
    """R-B1, R-B3: the instalment falls due (posted once, on its due day or the first payment
    before it), then the payment comes in."""
    due_key = f"service_fee:{contract}:{number}"
    booked = min(due_on, paid_on)
    memo = f"annual service fee {contract}, instalment {number}"
    _post_once(uow, service_fee_entry(due_key, brand, booked, amount, vat, memo), at)
    key = f"service_fee_payment:{contract}:{number}:{paid_on}:{paid.fen}"
    memo = f"payment of the annual service fee {contract}, instalment {number}"
    _post_once(uow, fee_payment_entry(key, brand, paid_on, paid, memo), at)


def post_deposit_event(
    uow: UnitOfWork,
    *,
    brand: str,
    contract: str,
    kind: str,
    on: date,
    amount: Money,
    at: datetime,
) -> None:
    """R-B4: the deposit received, refunded or forfeited."""
    key = f"deposit:{contract}:{kind}"
    memo = f"service deposit {contract} {kind}"
    makers = {
        "received": deposit_received_entry,
        "refunded": deposit_refunded_entry,
        "forfeited": deposit_forfeited_entry,
    }
    _post_once(uow, makers[kind](key, brand, on, amount, memo), at)
