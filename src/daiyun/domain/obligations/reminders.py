"""Reminders of dated duties (R-O1, issue 21 point 7): when one is due, and to whom.

A duty is reminded a configured number of days before its due day (default 3 and 1), on the
day itself, and once when it is missed and still not done. Each reminder stage is sent to each
responsible person once (the natural key: the obligation, the person, the stage), so a run
every hour — or one that missed a day and catches up — never says the same thing twice.

Who is responsible follows the duty's area (`DUTY_AREAS`, written out in docs/obligations.md):
the operator's money duties go to the agency's finance, its goods duties to store operations,
its contract duties to the administrators and project managers; a brand's money duties to that
brand's finance and its other duties to that brand's administrators. Pure: the day is given.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from daiyun.domain.agency import Role
from daiyun.domain.contracts import Party
from daiyun.domain.obligations.obligation import Obligation, ObligationKind, ObligationStatus

__all__ = [
    "AREA_ROLES",
    "DEFAULT_DAYS_BEFORE",
    "DUTY_AREAS",
    "DutyArea",
    "ReminderPlan",
    "ReminderPlanError",
    "ReminderStage",
    "duty_area",
    "obligation_key",
    "reminder_stage",
    "responsible_roles",
]

DEFAULT_DAYS_BEFORE = (3, 1)
_LONGEST_LEAD = 60  # days: a reminder further ahead than two months is a typing mistake


class DutyArea(StrEnum):
    """Which of a party's people handle a duty."""

    FINANCE = "finance"  # statements, bills, payments, deposits
    OPERATIONS = "operations"  # shipping, stock, returns
    CONTRACT = "contract"  # renewal, termination, exit, credentials, reports


# The duties known when this was written, by area. A kind added later that is not listed here
# is placed by the words of its code (`duty_area`), and else counts as a contract duty.
DUTY_AREAS: Mapping[ObligationKind, DutyArea] = MappingProxyType(
    {
        ObligationKind.ISSUE_STATEMENT: DutyArea.FINANCE,
        ObligationKind.ANSWER_STATEMENT: DutyArea.FINANCE,
        ObligationKind.PAY_REMITTANCE: DutyArea.FINANCE,
        ObligationKind.PAY_BEFORE_TERMINATION: DutyArea.FINANCE,
        ObligationKind.ISSUE_FEE_BILL: DutyArea.FINANCE,
        ObligationKind.PAY_FEE_BILL: DutyArea.FINANCE,
        ObligationKind.PAY_SERVICE_FEE: DutyArea.FINANCE,
        ObligationKind.PAY_FEE_BEFORE_TERMINATION: DutyArea.FINANCE,
        ObligationKind.REFUND_DEPOSIT: DutyArea.FINANCE,
    }
)
# Words of a kind's code that place a kind not in DUTY_AREAS, checked in this order.
_AREA_WORDS: tuple[tuple[DutyArea, frozenset[str]], ...] = (
    (
        DutyArea.OPERATIONS,
        frozenset({"ship", "shipping", "stock", "stockout", "replenish", "return", "goods"}),
    ),
    (
        DutyArea.FINANCE,
        frozenset({"pay", "statement", "bill", "fee", "deposit", "refund", "invoice"}),
    ),
)

# Who handles an area, for each party (R-D2: a brand's people only for their own brand's).
AREA_ROLES: Mapping[tuple[Party, DutyArea], frozenset[Role]] = MappingProxyType(
    {
        (Party.OPERATOR, DutyArea.FINANCE): frozenset({Role.FINANCE}),
        (Party.OPERATOR, DutyArea.OPERATIONS): frozenset({Role.STORE_OPERATIONS}),
        (Party.OPERATOR, DutyArea.CONTRACT): frozenset({Role.ADMIN, Role.PROJECT_MANAGER}),
        (Party.BRAND, DutyArea.FINANCE): frozenset({Role.BRAND_FINANCE}),
        (Party.BRAND, DutyArea.OPERATIONS): frozenset({Role.BRAND_ADMIN}),
        (Party.BRAND, DutyArea.CONTRACT): frozenset({Role.BRAND_ADMIN}),
    }
)


def duty_area(kind: ObligationKind) -> DutyArea:
    """The area of a kind: DUTY_AREAS's, else by the words of its code, else the contract."""
    known = DUTY_AREAS.get(kind)
    if known is not None:
        return known
    words = set(kind.value.split("_"))
    for area, hints in _AREA_WORDS:
        if words & hints:
            return area
    return DutyArea.CONTRACT


def responsible_roles(obligation: Obligation) -> frozenset[Role]:
    """The roles whose people are reminded of the obligation (of its brand, for a brand's)."""
    return AREA_ROLES[(obligation.party, duty_area(obligation.kind))]


class ReminderStage(StrEnum):
    """Which reminder of a duty: days before its day (the stage is the lead, e.g. "3"), on the
    day, or once missed. Before-stages are named by their number of days."""

    ON_THE_DAY = "0"
    MISSED = "missed"

    @staticmethod
    def days_before(days: int) -> str:
        """The stage of a reminder `days` before the due day."""
        return str(days)


class ReminderPlanError(ValueError):
    """A setting of reminder days that cannot be read: says what and where."""


@dataclass(frozen=True)
class ReminderPlan:
    """How many days before a due day reminders go out (besides the day and when missed)."""

    days_before: tuple[int, ...] = DEFAULT_DAYS_BEFORE

    def __post_init__(self) -> None:
        for days in self.days_before:
            if type(days) is not int or not 1 <= days <= _LONGEST_LEAD:
                raise ReminderPlanError(
                    f"reminder days must be whole days from 1 to {_LONGEST_LEAD}, not {days!r}"
                )
        object.__setattr__(self, "days_before", tuple(sorted(set(self.days_before), reverse=True)))

    @classmethod
    def parse(cls, text: str, *, where: str = "DAIYUN_REMINDER_DAYS") -> ReminderPlan:
        """ "3,1" → 3 and 1 days before; "" → none before (only the day and when missed)."""
        days: list[int] = []
        for part in (each.strip() for each in text.split(",")):
            if not part:
                continue
            if not part.isdigit():
                raise ReminderPlanError(
                    f"{where}: {part!r} is not a number of days; write e.g. 3,1"
                )
            days.append(int(part))
        try:
            return cls(tuple(days))
        except ReminderPlanError as error:
            raise ReminderPlanError(f"{where}: {error}") from error


def reminder_stage(obligation: Obligation, as_of: date, plan: ReminderPlan) -> str | None:
    """The stage of reminder the obligation is at on `as_of`, or None when none is due.

    Open with d days left: the smallest lead of the plan that is d or more (so a run that
    missed the day of the 3-day reminder sends it on the next, once); on the due day,
    ON_THE_DAY; missed and still not done, MISSED. Met, or further ahead than every lead,
    nothing."""
    if obligation.is_overdue:
        return ReminderStage.MISSED.value
    if obligation.status is not ObligationStatus.OPEN or obligation.done_on is not None:
        return None
    left = (obligation.due_on - as_of).days
    if left < 0:
        return None
    if left == 0:
        return ReminderStage.ON_THE_DAY.value
    reached = [days for days in plan.days_before if days >= left]
    return ReminderStage.days_before(min(reached)) if reached else None


def obligation_key(obligation: Obligation) -> str:
    """A stable name of one duty (its kind, brand, subject and due day), 64 hex digits: a
    duty whose due day moves is another duty to remind of."""
    parts = (
        obligation.kind.value,
        obligation.brand,
        obligation.subject,
        obligation.due_on.isoformat(),
    )
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
