"""Journal entries: what issuing, paying and penalties post, balanced to the fen."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from daiyun.domain.ledger.accounts import Account
from daiyun.domain.money import Money
from daiyun.domain.settlement.statement import StatementFigures

__all__ = [
    "EntryKind",
    "JournalEntry",
    "Posting",
    "UnbalancedEntry",
    "balances",
    "issue_entry",
    "make_entry",
    "payment_entry",
    "penalty_entry",
    "penalty_payment_entry",
    "platform_fee_entry",
    "reversal_of",
]


class UnbalancedEntry(ValueError):
    """Postings whose debits and credits differ, or figures that do not add up."""


class EntryKind(StrEnum):
    """Why an entry was posted."""

    STATEMENT_ISSUED = "statement_issued"
    PAYMENT = "payment"
    PENALTY = "penalty"
    PENALTY_PAYMENT = "penalty_payment"
    REVERSAL = "reversal"
    PLATFORM_FEE = "platform_fee"  # R-S5: the platform's deposit, annual fee or its refund
    # Model B (issue 18, R-B1–R-B4): domain/ledger/fee_entries.py makes these.
    FEE_BILL_ISSUED = "fee_bill_issued"
    FEE_PAYMENT = "fee_payment"
    SERVICE_FEE_DUE = "service_fee_due"
    DEPOSIT_RECEIVED = "deposit_received"
    DEPOSIT_REFUNDED = "deposit_refunded"
    DEPOSIT_FORFEITED = "deposit_forfeited"


@dataclass(frozen=True, slots=True)
class Posting:
    """One account's share of an entry: a debit when positive, a credit when negative."""

    account: Account
    amount: Money


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """A posted record; its key is natural (exactly once) and it is never changed."""

    key: str  # e.g. "statement:CHANDO-2026:2026-10:v1"
    brand: str
    booked_on: date
    kind: EntryKind
    postings: tuple[Posting, ...]
    memo: str = ""
    reverses: str | None = None  # the key of the entry this one cancels

    def __post_init__(self) -> None:
        total = Money.total(posting.amount for posting in self.postings)
        if not total.is_zero:
            raise UnbalancedEntry(
                f"entry {self.key}: debits and credits differ by {total.yuan_text()} yuan"
            )
        if not self.postings:
            raise UnbalancedEntry(f"entry {self.key}: no postings")


def make_entry(
    key: str,
    brand: str,
    booked_on: date,
    kind: EntryKind,
    amounts: Mapping[Account, Money],
    memo: str,
    trace: Account = Account.GOODS_PAYABLE,
) -> JournalEntry:
    """An entry of the non-zero amounts, in the accounts' order; when all are zero, one
    posting of 0.00 to `trace` (a statement or bill of nothing still leaves a trace)."""
    postings = tuple(
        Posting(account, amount) for account, amount in amounts.items() if not amount.is_zero
    )
    if not postings:
        postings = (Posting(trace, Money(0)),)
    return JournalEntry(key, brand, booked_on, kind, postings, memo)


def issue_entry(
    key: str, brand: str, issued_on: date, figures: StatementFigures, memo: str = ""
) -> JournalEntry:
    """R-S6: issuing makes the remittance owed to the brand; the commission is the operator's.

    Debit collections with settlement value plus the brand's shipping income; credit the
    commission (R-S3), the brand-borne deductions (R-S9), the platform fees the brand bears
    (R-S5) and goods payable by the remittance. The custody losses the statement owes the brand
    (R-F7) are the operator's expense: debited, and in the remittance credited.
    """
    collected = figures.settlement_value + figures.shipping_income
    lost = figures.custody_losses
    expected = (
        collected
        - figures.commission
        - figures.brand_deductions
        - figures.platform_fees_borne
        + lost
    )
    if figures.remittance != expected:
        raise UnbalancedEntry(
            f"entry {key}: remittance {figures.remittance.yuan_text()} is not settlement value"
            " + shipping income − commission − brand deductions − platform fees borne"
            f" + custody losses = {expected.yuan_text()}"
        )
    amounts = {
        Account.COLLECTIONS: collected,
        Account.CUSTODY_LOSSES: lost,
        Account.COMMISSION: -figures.commission,
        Account.BRAND_DEDUCTIONS: -figures.brand_deductions,
        Account.PLATFORM_FEES: -figures.platform_fees_borne,
        Account.GOODS_PAYABLE: -figures.remittance,
    }
    return make_entry(key, brand, issued_on, EntryKind.STATEMENT_ISSUED, amounts, memo)


def platform_fee_entry(
    key: str, brand: str, due_on: date, amount: Money, memo: str = ""
) -> JournalEntry:
    """R-S5: the platform charged the store (deposit, annual fee) or gave back (a refund,
    negative): platform fees debited, cash credited, whoever bears them (the brand's share
    comes back through its statement's `platform_fees_borne`)."""
    if amount.is_zero:
        raise UnbalancedEntry(f"entry {key}: a platform fee cannot be 0.00 yuan")
    amounts = {Account.PLATFORM_FEES: amount, Account.CASH: -amount}
    return make_entry(key, brand, due_on, EntryKind.PLATFORM_FEE, amounts, memo)


def payment_entry(
    key: str, brand: str, paid_on: date, amount: Money, memo: str = ""
) -> JournalEntry:
    """A remittance paid to the brand: goods payable falls, cash goes out."""
    if not amount.fen > 0:
        raise UnbalancedEntry(f"entry {key}: a payment must be more than 0.00 yuan")
    amounts = {Account.GOODS_PAYABLE: amount, Account.CASH: -amount}
    return make_entry(key, brand, paid_on, EntryKind.PAYMENT, amounts, memo)


def penalty_entry(
    key: str, brand: str, booked_on: date, amount: Money, memo: str = ""
) -> JournalEntry:
    """R-S7: a stated penalty is owed to the brand on top of the remittance."""
    if amount.is_negative:
        raise UnbalancedEntry(f"entry {key}: a penalty cannot be negative")
    amounts = {Account.PENALTY: amount, Account.GOODS_PAYABLE: -amount}
    return make_entry(key, brand, booked_on, EntryKind.PENALTY, amounts, memo)


def penalty_payment_entry(
    key: str, brand: str, paid_on: date, amount: Money, memo: str = ""
) -> JournalEntry:
    """R-S7: a posted late penalty paid to the brand, partial allowed: what the operator owes
    the brand falls (the penalty was credited to goods payable when posted), cash goes out."""
    if not amount.fen > 0:
        raise UnbalancedEntry(f"entry {key}: a penalty payment must be more than 0.00 yuan")
    amounts = {Account.GOODS_PAYABLE: amount, Account.CASH: -amount}
    return make_entry(key, brand, paid_on, EntryKind.PENALTY_PAYMENT, amounts, memo)


def reversal_of(entry: JournalEntry, key: str, booked_on: date, memo: str = "") -> JournalEntry:
    """A new entry that cancels `entry` posting by posting; the original stays as it was."""
    if entry.kind is EntryKind.REVERSAL:
        raise UnbalancedEntry(f"entry {entry.key} is a reversal: post the original again")
    return JournalEntry(
        key=key,
        brand=entry.brand,
        booked_on=booked_on,
        kind=EntryKind.REVERSAL,
        postings=tuple(Posting(p.account, -p.amount) for p in entry.postings),
        memo=memo or f"reverses {entry.key}",
        reverses=entry.key,
    )


def balances(entries: Iterable[JournalEntry]) -> Mapping[Account, Money]:
    """Every account's balance (debit positive) derived from the entries; they sum to zero."""
    fen = dict.fromkeys(Account, 0)
    for entry in entries:
        for posting in entry.postings:
            fen[posting.account] += posting.amount.fen
    return MappingProxyType({account: Money(value) for account, value in fen.items()})
