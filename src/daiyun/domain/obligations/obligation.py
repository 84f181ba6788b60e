"""One obligation: a party, a due day, a status and the consequence of missing it (R-O1)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from daiyun.domain.contracts import Party

__all__ = ["Obligation", "ObligationKind", "ObligationStatus", "obligation_status"]


class ObligationKind(StrEnum):
    """What is owed."""

    ISSUE_STATEMENT = "issue_statement"  # R-S6: the operator, by the 10th of M+1
    ANSWER_STATEMENT = "answer_statement"  # R-S6: the brand confirms or disputes
    PAY_REMITTANCE = "pay_remittance"  # R-S6: the operator remits by the due date
    PAY_BEFORE_TERMINATION = "pay_before_termination"  # R-S7: past this, the brand may end it


class ObligationStatus(StrEnum):
    """Open until its day passes; met if done by its day, missed otherwise (late or not done)."""

    OPEN = "open"
    MET = "met"
    MISSED = "missed"


def obligation_status(due_on: date, done_on: date | None, as_of: date) -> ObligationStatus:
    """R-O1: a duty done on or before its due day is met; one not done by then is missed."""
    if done_on is not None and done_on <= as_of:
        return ObligationStatus.MET if done_on <= due_on else ObligationStatus.MISSED
    return ObligationStatus.MISSED if as_of > due_on else ObligationStatus.OPEN


@dataclass(frozen=True, slots=True)
class Obligation:
    """A dated duty as `daiyun obligations list` shows it."""

    kind: ObligationKind
    party: Party
    subject: str  # e.g. "statement CHANDO-2026 2026-10"
    brand: str
    due_on: date
    status: ObligationStatus
    done_on: date | None
    consequence: str
    rule: str

    def to_json(self) -> dict[str, str | None]:
        """The obligation as the JSON documents write it: dates as YYYY-MM-DD."""
        return {
            "kind": self.kind.value,
            "party": self.party.value,
            "subject": self.subject,
            "brand": self.brand,
            "due_on": self.due_on.isoformat(),
            "status": self.status.value,
            "done_on": self.done_on.isoformat() if self.done_on else None,
            "consequence": self.consequence,
            "rule": self.rule,
        }
