"""A statement's status machine (R-S6, R-S8, R-D3): the allowed moves, as data, in one place."""

from __future__ import annotations

import json
from datetime import datetime
from enum import StrEnum

from daiyun.domain.agency import AuditEntry
from daiyun.domain.calendar import Month
from daiyun.domain.money import Money

__all__ = [
    "ALLOWED_NEXT",
    "IllegalMove",
    "StatementStatus",
    "change_status",
    "statement_key",
    "status_after_payment",
]


class StatementStatus(StrEnum):
    """Where a month's statement stands; a version's own status once superseded stays put."""

    DRAFT = "draft"  # computed, re-runnable, not yet seen by the brand
    ISSUED = "issued"  # frozen as a version and delivered: the brand's receipt (R-S6)
    CONFIRMED = "confirmed"  # the brand agreed; payment falls due (R-S6)
    DISPUTED = "disputed"  # the brand disagreed; a new version follows (R-S6)
    PART_PAID = "part_paid"  # some of the remittance is paid (R-S7: the base falls)
    SETTLED = "settled"  # the remittance is paid in full


S = StatementStatus
# R-S6/R-S8: the only moves a statement makes. A dispute goes back to a draft of the next
# version (the clock restarts from its issue); a confirmed statement is only paid.
ALLOWED_NEXT: dict[StatementStatus, frozenset[StatementStatus]] = {
    S.DRAFT: frozenset({S.ISSUED}),
    S.ISSUED: frozenset({S.CONFIRMED, S.DISPUTED}),
    S.DISPUTED: frozenset({S.DRAFT}),
    S.CONFIRMED: frozenset({S.PART_PAID, S.SETTLED}),
    S.PART_PAID: frozenset({S.PART_PAID, S.SETTLED}),
    S.SETTLED: frozenset(),
}

_WHY_NOT: dict[StatementStatus, str] = {
    S.DRAFT: "it is a draft the brand has not received: issue it first",
    S.ISSUED: "it is issued and waits for the brand's confirmation or dispute",
    S.DISPUTED: "it is disputed: draft and issue the next version",
    S.CONFIRMED: "it is confirmed: only payments remain",
    S.PART_PAID: "it is confirmed and partly paid: only payments remain",
    S.SETTLED: "it is settled: paid in full",
}

_VERBS: dict[StatementStatus, str] = {
    S.DRAFT: "draft",
    S.ISSUED: "issue",
    S.CONFIRMED: "confirm",
    S.DISPUTED: "dispute",
    S.PART_PAID: "pay",
    S.SETTLED: "pay",
}


class IllegalMove(Exception):
    """A move the status machine does not allow; the message says why, for the clerk."""


def statement_key(contract_code: str, month: Month) -> str:
    """The statement's natural key as the audit log names it: "CHANDO-2026/2026-10"."""
    return f"{contract_code}/{month}"


def change_status(
    current: StatementStatus,
    new: StatementStatus,
    *,
    contract_code: str,
    brand_code: str,
    month: Month,
    version: int,
    at: datetime,
    actor: str,
    reason: str | None = None,
    details: dict[str, str] | None = None,
) -> AuditEntry:
    """The audit entry of an allowed move (R-D3); IllegalMove for any other (R-S6, R-S8)."""
    if new not in ALLOWED_NEXT[current]:
        key = statement_key(contract_code, month)
        raise IllegalMove(
            f"cannot {_VERBS[new]} statement {key} version {version}: {_WHY_NOT[current]}"
        )
    after: dict[str, object] = {"status": new.value, "version": version, **(details or {})}
    return AuditEntry(
        at=at,
        actor=actor,
        action=f"statement.{_VERBS[new]}",
        entity="statement",
        entity_key=statement_key(contract_code, month),
        brand_code=brand_code,
        before=json.dumps({"status": current.value, "version": version}),
        after=json.dumps(after, ensure_ascii=False),
        reason=reason,
    )


def status_after_payment(remittance: Money, paid: Money) -> StatementStatus:
    """Settled once the remittance is paid in full; part paid before."""
    return S.SETTLED if paid.fen >= remittance.fen else S.PART_PAID
