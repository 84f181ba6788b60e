"""The service deposit (R-B4): held for the term; forfeited on the brand's breach or unilateral
termination; otherwise refunded within `deposit_refund_working_days` working days after the
contract ends once all is settled.

"Within N working days after" is counted as the calendar module counts it: the N-th PRC working
day strictly after the later of the contract's last day and the day all is settled (public
holidays such as 国庆 are not working days; 调休 weekend workdays are). A year whose holiday
notice is not known raises CalendarUnknown rather than guessing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from daiyun.domain.calendar import working_day_after
from daiyun.domain.money import Money

__all__ = ["DepositFate", "DepositOutcome", "EndReason", "deposit_outcome"]


class EndReason(StrEnum):
    """Why a model B contract ended, as far as the deposit cares (R-C6, R-B4)."""

    EXPIRY = "expiry"
    AGREEMENT = "agreement"
    OPERATOR_BREACH = "operator_breach"  # the brand terminates for the operator's breach
    BRAND_BREACH = "brand_breach"  # the operator terminates for the brand's breach
    BRAND_UNILATERAL = "brand_unilateral"  # the brand walks out without a right to


_FORFEITING = frozenset({EndReason.BRAND_BREACH, EndReason.BRAND_UNILATERAL})


class DepositFate(StrEnum):
    """What becomes of the deposit."""

    NONE = "none"  # no deposit held
    HELD = "held"  # the contract runs, or all is not settled yet
    REFUND_DUE = "refund_due"
    FORFEITED = "forfeited"


@dataclass(frozen=True, slots=True)
class DepositOutcome:
    """The deposit's fate; `refund_due` only when a refund is due."""

    fate: DepositFate
    amount: Money
    refund_due: date | None = None


def deposit_outcome(
    deposit: Money,
    refund_working_days: int,
    ended_on: date | None,
    reason: EndReason | None,
    settled_on: date | None,
) -> DepositOutcome:
    """The deposit's fate (R-B4): `ended_on` is the contract's last day (None while it runs),
    `settled_on` the day all it owes was settled (None while something is still open)."""
    if deposit.is_zero:
        return DepositOutcome(DepositFate.NONE, deposit)
    if ended_on is None or reason is None:
        return DepositOutcome(DepositFate.HELD, deposit)
    if reason in _FORFEITING:
        return DepositOutcome(DepositFate.FORFEITED, deposit)
    if settled_on is None:
        return DepositOutcome(DepositFate.HELD, deposit)
    counted_from = max(ended_on, settled_on)
    return DepositOutcome(
        DepositFate.REFUND_DUE, deposit, working_day_after(counted_from, refund_working_days)
    )
