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
    penalty_payment_entry,
    platform_fee_entry,
    reversal_of,
)
from daiyun.domain.ledger.penalty import (
    PenaltyNotPayable,
    PenaltyStanding,
    check_penalty_payment,
    penalty_payment_key,
    penalty_standing,
)

__all__ = [
    "Account",
    "EntryKind",
    "JournalEntry",
    "PenaltyNotPayable",
    "PenaltyStanding",
    "Posting",
    "UnbalancedEntry",
    "balances",
    "check_penalty_payment",
    "issue_entry",
    "payment_entry",
    "penalty_entry",
    "penalty_payment_entry",
    "penalty_payment_key",
    "penalty_standing",
    "platform_fee_entry",
    "reversal_of",
]
