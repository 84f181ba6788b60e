"""Model B's journal entries (issue 18): what a fee bill, a service fee instalment, the brand's
payments and the service deposit post, balanced to the fen (R-B1–R-B4).

The brand collects its own money under model B, so nothing here touches collections or goods
payable: the brand owes the operator fees (fees receivable, a debit), the operator owes the tax
office the VAT its invoices add (VAT payable, a credit, R-B3) and owes the brand its deposit back
(deposit held, a credit, R-B4).
"""

from __future__ import annotations

from datetime import date

from daiyun.domain.ledger.accounts import Account
from daiyun.domain.ledger.entries import EntryKind, JournalEntry, UnbalancedEntry, make_entry
from daiyun.domain.money import Money

__all__ = [
    "deposit_forfeited_entry",
    "deposit_received_entry",
    "deposit_refunded_entry",
    "fee_bill_entry",
    "fee_payment_entry",
    "service_fee_entry",
]


def fee_bill_entry(
    key: str, brand: str, issued_on: date, commission: Money, vat: Money, memo: str = ""
) -> JournalEntry:
    """R-B2, R-B3: an issued bill makes commission plus VAT owed by the brand."""
    if commission.is_negative or vat.is_negative:
        raise UnbalancedEntry(f"entry {key}: a bill's commission and VAT are never negative")
    amounts = {
        Account.FEES_RECEIVABLE: commission + vat,
        Account.COMMISSION: -commission,
        Account.VAT_PAYABLE: -vat,
    }
    return make_entry(
        key, brand, issued_on, EntryKind.FEE_BILL_ISSUED, amounts, memo, Account.FEES_RECEIVABLE
    )


def service_fee_entry(
    key: str, brand: str, due_on: date, amount: Money, vat: Money, memo: str = ""
) -> JournalEntry:
    """R-B1, R-B3: an instalment of the annual service fee falls due, with its VAT."""
    if not amount.fen > 0 or vat.is_negative:
        raise UnbalancedEntry(f"entry {key}: an instalment must be more than 0.00 yuan")
    amounts = {
        Account.FEES_RECEIVABLE: amount + vat,
        Account.SERVICE_FEE: -amount,
        Account.VAT_PAYABLE: -vat,
    }
    return make_entry(key, brand, due_on, EntryKind.SERVICE_FEE_DUE, amounts, memo)


def fee_payment_entry(
    key: str, brand: str, paid_on: date, amount: Money, memo: str = ""
) -> JournalEntry:
    """The brand paid a bill or an instalment: cash comes in, fees receivable falls."""
    if not amount.fen > 0:
        raise UnbalancedEntry(f"entry {key}: a payment must be more than 0.00 yuan")
    amounts = {Account.CASH: amount, Account.FEES_RECEIVABLE: -amount}
    return make_entry(key, brand, paid_on, EntryKind.FEE_PAYMENT, amounts, memo)


def deposit_received_entry(
    key: str, brand: str, received_on: date, amount: Money, memo: str = ""
) -> JournalEntry:
    """R-B4: the brand's service deposit arrived: cash in, held for the brand."""
    if not amount.fen > 0:
        raise UnbalancedEntry(f"entry {key}: a deposit must be more than 0.00 yuan")
    amounts = {Account.CASH: amount, Account.DEPOSIT_HELD: -amount}
    return make_entry(key, brand, received_on, EntryKind.DEPOSIT_RECEIVED, amounts, memo)


def deposit_refunded_entry(
    key: str, brand: str, refunded_on: date, amount: Money, memo: str = ""
) -> JournalEntry:
    """R-B4: the deposit paid back to the brand: no longer held, cash out."""
    if not amount.fen > 0:
        raise UnbalancedEntry(f"entry {key}: a deposit refund must be more than 0.00 yuan")
    amounts = {Account.DEPOSIT_HELD: amount, Account.CASH: -amount}
    return make_entry(key, brand, refunded_on, EntryKind.DEPOSIT_REFUNDED, amounts, memo)


def deposit_forfeited_entry(
    key: str, brand: str, forfeited_on: date, amount: Money, memo: str = ""
) -> JournalEntry:
    """R-B4: the brand's breach or unilateral termination forfeits the deposit to the
    operator: no longer held, the operator's income."""
    if not amount.fen > 0:
        raise UnbalancedEntry(f"entry {key}: a forfeited deposit must be more than 0.00 yuan")
    amounts = {Account.DEPOSIT_HELD: amount, Account.DEPOSIT_FORFEITED: -amount}
    return make_entry(key, brand, forfeited_on, EntryKind.DEPOSIT_FORFEITED, amounts, memo)
