"""How much of a statement's posted late penalty is paid and still owed (R-S7).

Derived from the ledger, never stored: the penalty entry posted when the remittance was paid in
full, and the penalty payments whose keys extend its key.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from daiyun.domain.ledger.entries import EntryKind, JournalEntry
from daiyun.domain.money import Money

__all__ = [
    "PenaltyNotPayable",
    "PenaltyStanding",
    "check_penalty_payment",
    "penalty_payment_key",
    "penalty_standing",
]


class PenaltyNotPayable(ValueError):
    """A penalty payment the posted penalty does not allow."""


@dataclass(frozen=True, slots=True)
class PenaltyStanding:
    """A posted late penalty: the amount posted and how much of it is paid."""

    posted: Money
    paid: Money

    @property
    def owed(self) -> Money:
        """What is still owed of the penalty to the brand."""
        return self.posted - self.paid


def penalty_payment_key(penalty_key: str, paid_on: date, amount: Money) -> str:
    """The natural key of a payment of the penalty posted under `penalty_key`."""
    return f"{penalty_key}:paid:{paid_on.isoformat()}:{amount.fen}"


def penalty_standing(entries: Iterable[JournalEntry], penalty_key: str) -> PenaltyStanding | None:
    """The penalty posted under `penalty_key` and its payments; None when none was posted."""
    posted: Money | None = None
    paid = 0
    prefix = f"{penalty_key}:paid:"
    for entry in entries:
        if entry.key == penalty_key and entry.kind is EntryKind.PENALTY:
            posted = Money(sum(p.amount.fen for p in entry.postings if p.amount.fen > 0))
        elif entry.kind is EntryKind.PENALTY_PAYMENT and entry.key.startswith(prefix):
            paid += sum(p.amount.fen for p in entry.postings if p.amount.fen > 0)
    return None if posted is None else PenaltyStanding(posted, Money(paid))


def check_penalty_payment(
    standing: PenaltyStanding | None, amount: Money, *, paid_on: date, today: date
) -> PenaltyStanding:
    """The standing after paying `amount` on `paid_on`; PenaltyNotPayable says why not."""
    if amount.fen <= 0:
        raise PenaltyNotPayable(
            f"a penalty payment must be more than zero, not {amount.yuan_text()}"
        )
    if paid_on > today:
        raise PenaltyNotPayable(f"a penalty payment cannot be dated {paid_on}, after today {today}")
    if standing is None or standing.posted.is_zero:
        raise PenaltyNotPayable("no late penalty was due when it was paid in full")
    if amount.fen > standing.owed.fen:
        raise PenaltyNotPayable(
            f"a penalty payment of {amount.yuan_text()} is more than is owed: "
            f"{standing.owed.yuan_text()} is owed of the late penalty of "
            f"{standing.posted.yuan_text()}"
        )
    return PenaltyStanding(standing.posted, standing.paid + amount)
