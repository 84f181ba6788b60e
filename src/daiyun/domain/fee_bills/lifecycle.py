"""A fee bill's status machine (R-B2, R-B5, R-D3): the allowed moves, as data, in one place.

As a model A statement's (settlement/lifecycle.py): draft (re-runnable) → issued (frozen as a
version) → confirmed or disputed by the brand → paid in part or in full. Two differences,
decided here: the brand owes the bill whether or not it clicks "confirm" (R-B2 sets a payment
day, not a confirmation), so a payment recorded against an issued bill is taken as its
acceptance and moves it on; and a bill of 0.00 (a month whose refunds used up its receipts) is
settled as soon as it is confirmed, as nothing is owed.
"""

from __future__ import annotations

import json
from datetime import datetime
from enum import StrEnum

from daiyun.domain.agency import AuditEntry
from daiyun.domain.calendar import Month
from daiyun.domain.money import Money

__all__ = [
    "ALLOWED_NEXT",
    "BillStatus",
    "IllegalBillMove",
    "bill_key",
    "change_bill_status",
    "status_after_payment",
]


class BillStatus(StrEnum):
    """Where a month's fee bill stands; a superseded version keeps its own."""

    DRAFT = "draft"  # computed from the Alipay lines, re-runnable, not seen by the brand
    ISSUED = "issued"  # frozen as a version and shown to the brand in its portal
    CONFIRMED = "confirmed"  # the brand agreed
    DISPUTED = "disputed"  # the brand disagreed: the next version is drafted and issued
    PART_PAID = "part_paid"  # some of the amount due is paid
    SETTLED = "settled"  # paid in full (or nothing was owed and the brand confirmed)


B = BillStatus
ALLOWED_NEXT: dict[BillStatus, frozenset[BillStatus]] = {
    B.DRAFT: frozenset({B.ISSUED}),
    B.ISSUED: frozenset({B.CONFIRMED, B.DISPUTED, B.PART_PAID, B.SETTLED}),
    B.DISPUTED: frozenset({B.DRAFT}),
    B.CONFIRMED: frozenset({B.PART_PAID, B.SETTLED}),
    B.PART_PAID: frozenset({B.PART_PAID, B.SETTLED}),
    B.SETTLED: frozenset(),
}

_WHY_NOT: dict[BillStatus, str] = {
    B.DRAFT: "it is a draft the brand has not seen: issue it first",
    B.ISSUED: "it is issued and waits for the brand's answer or payment",
    B.DISPUTED: "it is disputed: draft and issue the next version",
    B.CONFIRMED: "it is confirmed: only payments remain",
    B.PART_PAID: "it is partly paid: only payments remain",
    B.SETTLED: "it is settled: paid in full",
}

_VERBS: dict[BillStatus, str] = {
    B.DRAFT: "draft",
    B.ISSUED: "issue",
    B.CONFIRMED: "confirm",
    B.DISPUTED: "dispute",
    B.PART_PAID: "pay",
    B.SETTLED: "pay",
}


class IllegalBillMove(Exception):
    """A move the status machine does not allow; the message says why, for the clerk."""


def bill_key(contract_code: str, month: Month) -> str:
    """The bill's natural key as the audit log names it: "INOHERB-2026/2026-10"."""
    return f"{contract_code}/{month}"


def change_bill_status(
    current: BillStatus,
    new: BillStatus,
    *,
    contract_code: str,
    brand_code: str,
    month: Month,
    version: int,
    at: datetime,
    actor: str,
    reason: str | None = None,
    details: dict[str, str] | None = None,
    verb: str | None = None,
) -> AuditEntry:
    """The audit entry of an allowed move (R-D3); IllegalBillMove for any other."""
    verb = verb or _VERBS[new]
    if new not in ALLOWED_NEXT[current]:
        key = bill_key(contract_code, month)
        raise IllegalBillMove(
            f"cannot {verb} fee bill {key} version {version}: {_WHY_NOT[current]}"
        )
    after: dict[str, object] = {"status": new.value, "version": version, **(details or {})}
    return AuditEntry(
        at=at,
        actor=actor,
        action=f"fee_bill.{verb}",
        entity="fee_bill",
        entity_key=bill_key(contract_code, month),
        brand_code=brand_code,
        before=json.dumps({"status": current.value, "version": version}),
        after=json.dumps(after, ensure_ascii=False),
        reason=reason,
    )


def status_after_payment(amount_due: Money, paid: Money) -> BillStatus:
    """Settled once the amount due is paid in full; part paid before."""
    return B.SETTLED if paid.fen >= amount_due.fen else B.PART_PAID
