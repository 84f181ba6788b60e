"""Dated duties of the contract (R-O1): who owes what by when, and what a miss costs."""

from daiyun.domain.obligations.obligation import (
    CONSEQUENCE_TEXTS,
    Consequence,
    Obligation,
    ObligationKind,
    ObligationStatus,
    ObligationTopic,
    obligation_status,
)
from daiyun.domain.obligations.statement_duties import StatementEvents, statement_obligations

__all__ = [
    "CONSEQUENCE_TEXTS",
    "Consequence",
    "Obligation",
    "ObligationKind",
    "ObligationStatus",
    "ObligationTopic",
    "StatementEvents",
    "obligation_status",
    "statement_obligations",
]
