"""Which obligations a list shows (R-O1): by status as a reader asks for it, party, kind, the
due days' range and the rule (issue 21 point 7).

Views only: the obligations and their statuses come from statement_duties and obligation_status;
here they are only chosen among.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from daiyun.domain.contracts import Party
from daiyun.domain.obligations.obligation import Obligation, ObligationKind, ObligationStatus

__all__ = ["ObligationFilter", "StatusChoice"]


class StatusChoice(StrEnum):
    """The statuses a reader filters by: the three of R-O1, and the dashboard's two tiles."""

    OPEN = "open"  # not yet due, or due today
    DUE_TODAY = "due_today"  # open, and the day asked about is the last day
    OVERDUE = "overdue"  # missed and still not done
    MISSED = "missed"  # missed: done late, or not done
    MET = "met"  # done by its day

    def admits(self, obligation: Obligation, as_of: date) -> bool:
        """True when the obligation, judged as of `as_of`, is of this status."""
        if self is StatusChoice.DUE_TODAY:
            return obligation.is_due_on(as_of)
        if self is StatusChoice.OVERDUE:
            return obligation.is_overdue
        return obligation.status is ObligationStatus(self.value)


def _rules_of(obligation: Obligation) -> set[str]:
    """The rule ids an obligation cites ("R-S7" or "R-S7, R-C6"), case folded."""
    return {part.casefold() for part in obligation.rule.replace(",", " ").split()}


@dataclass(frozen=True)
class ObligationFilter:
    """What a reader narrows a list of obligations to; None is any."""

    status: StatusChoice | None = None
    party: Party | None = None
    kind: ObligationKind | None = None
    due_from: date | None = None  # due on this day or later
    due_to: date | None = None  # due on this day or earlier
    rule: str | None = None  # e.g. "R-S6"

    def admits(self, obligation: Obligation, as_of: date) -> bool:
        """True when the obligation is one the filter keeps."""
        return (
            (self.status is None or self.status.admits(obligation, as_of))
            and (self.party is None or obligation.party is self.party)
            and (self.kind is None or obligation.kind is self.kind)
            and (self.due_from is None or obligation.due_on >= self.due_from)
            and (self.due_to is None or obligation.due_on <= self.due_to)
            and (self.rule is None or self.rule.casefold() in _rules_of(obligation))
        )

    def choose(self, obligations: list[Obligation], as_of: date) -> list[Obligation]:
        """The obligations kept, in their order."""
        return [each for each in obligations if self.admits(each, as_of)]
