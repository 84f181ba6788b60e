"""The brand's ledger: balanced double-entry records, never updated, only reversed."""

from daiyun.domain.ledger.accounts import Account
from daiyun.domain.ledger.entries import (
    EntryKind,
    JournalEntry,
    Posting,
    UnbalancedEntry,
    balances,
    issue_entry,
    payment_entry,
    penalty_entry,
    reversal_of,
)

__all__ = [
    "Account",
    "EntryKind",
    "JournalEntry",
    "Posting",
    "UnbalancedEntry",
    "balances",
    "issue_entry",
    "payment_entry",
    "penalty_entry",
    "reversal_of",
]
