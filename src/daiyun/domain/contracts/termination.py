"""Termination rights and exit duties (R-C6). Pure: the records come in, the answers go out.

A termination right arises from a breach (R-C6): the operator's remittance more than
`termination_days_late` days late (R-S7, the brand's right), a model B fee more than
`fee_overdue_termination_days` days overdue (R-B5, the operator's right), or a material breach
not cured within `breach_cure_days` of a written notice (§2 ch.6 art.1, the notifying party's
right). "Within N days of the notice" counts calendar days: a notice given on 2026-03-02 with
15 days to cure may be cured until 2026-03-17 inclusive, and the right arises on 2026-03-18.

Ending a contract starts its exit duties (R-C6, §2 ch.8 art.2), each due `exit_days` days after
its last day and closed only with evidence (a file kept by its SHA-256, or a written note): the
operator removes the brand's marks and advertising, returns the brand's goods and property,
issues the final statement (model A) or final bill (model B), and hands back the store
credentials. The deposit's refund (R-B4) is model B's and follows the fee bills' own record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from daiyun.domain.contracts.choices import ContractModel, Party
from daiyun.domain.contracts.specs import ContractSpec

__all__ = [
    "MAX_BREACH_TEXT",
    "MAX_EVIDENCE_NOTE",
    "BreachNotice",
    "ExitDuty",
    "ExitDutyKind",
    "ExitEvidence",
    "TerminationRight",
    "breach_rights",
    "cure_deadline",
    "exit_duties",
    "exit_duty_kinds",
    "other_party",
]

MAX_EVIDENCE_NOTE = 1000
MAX_BREACH_TEXT = 1000


def other_party(party: Party) -> Party:
    return Party.BRAND if party is Party.OPERATOR else Party.OPERATOR


@dataclass(frozen=True, slots=True)
class BreachNotice:
    """A written notice of a material breach (R-C6): who gave it, when, about what, and by when
    the other party must cure it; `cured_on` once the cure is recorded."""

    id: int
    by: Party
    notified_on: date
    what: str
    cure_by: date
    cured_on: date | None
    recorded_at: datetime
    recorded_by: str

    @property
    def breaching(self) -> Party:
        return other_party(self.by)

    def right_from(self) -> date | None:
        """The day the notifying party's termination right arises: the day after the cure
        deadline, unless the breach was cured by then (None)."""
        if self.cured_on is not None and self.cured_on <= self.cure_by:
            return None
        return self.cure_by + timedelta(days=1)


def cure_deadline(contract: ContractSpec, notified_on: date) -> date:
    """R-C6: the last day to cure, `breach_cure_days` calendar days after the notice."""
    return notified_on + timedelta(days=contract.terms.breach_cure_days)


@dataclass(frozen=True, slots=True)
class TerminationRight:
    """A right to terminate that has arisen (R-C6): who holds it, from when, and from what.
    `key` is how an end names it ("R-S7 statement CHANDO-2026 2026-10")."""

    key: str
    holder: Party
    arose_on: date
    rule: str


def breach_rights(notices: list[BreachNotice], as_of: date) -> list[TerminationRight]:
    """The rights uncured breach notices have given by `as_of`."""
    rights = []
    for notice in notices:
        arose = notice.right_from()
        if arose is not None and arose <= as_of:
            rights.append(
                TerminationRight(f"R-C6 breach notice {notice.id}", notice.by, arose, "R-C6")
            )
    return rights


class ExitDutyKind(StrEnum):
    """What the operator owes once the contract has ended (R-C6)."""

    REMOVE_MARKS = "remove_marks"  # the brand's marks and advertising taken down
    RETURN_GOODS = "return_goods"  # the brand's goods and property returned
    FINAL_STATEMENT = "final_statement"  # model A: the last month's statement
    FINAL_BILL = "final_bill"  # model B: the last fee bill
    HAND_BACK_CREDENTIALS = "hand_back_credentials"  # R-B7: the store passwords handed back


def exit_duty_kinds(contract: ContractSpec) -> tuple[ExitDutyKind, ...]:
    """The contract's exit duties, in the order they are listed."""
    final = (
        ExitDutyKind.FINAL_STATEMENT
        if contract.model is ContractModel.A
        else ExitDutyKind.FINAL_BILL
    )
    return (
        ExitDutyKind.REMOVE_MARKS,
        ExitDutyKind.RETURN_GOODS,
        final,
        ExitDutyKind.HAND_BACK_CREDENTIALS,
    )


@dataclass(frozen=True, slots=True)
class ExitEvidence:
    """What closed an exit duty: the day it was done and a file or a note showing it."""

    duty: ExitDutyKind
    done_on: date
    note: str | None
    file_name: str | None
    sha256: str | None
    size: int | None
    recorded_at: datetime
    recorded_by: str


@dataclass(frozen=True, slots=True)
class ExitDuty:
    """One exit duty: due `exit_days` after the last day; done when its evidence is recorded."""

    kind: ExitDutyKind
    due_on: date
    evidence: ExitEvidence | None

    @property
    def done_on(self) -> date | None:
        return None if self.evidence is None else self.evidence.done_on


def exit_duties(
    contract: ContractSpec, ended_on: date, evidence: list[ExitEvidence]
) -> list[ExitDuty]:
    """The contract's exit duties once it ends on `ended_on` (its last day), R-C6."""
    due = ended_on + timedelta(days=contract.terms.exit_days)
    done = {each.duty: each for each in evidence}
    return [ExitDuty(kind, due, done.get(kind)) for kind in exit_duty_kinds(contract)]
