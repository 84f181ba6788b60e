"""Late remittance penalty (R-S7): day by day on the unpaid balance, rounded once when stated."""

from __future__ import annotations

from collections.abc import Iterable, Set
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from daiyun.domain.contracts import ContractTerms
from daiyun.domain.money import Money, round_half_up_to_fen

__all__ = ["LatePenalty", "Payment", "PenaltyPeriod", "late_penalty", "termination_deadline"]

_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Payment:
    """Money remitted toward a statement on a Beijing calendar day."""

    paid_on: date
    amount: Money


@dataclass(frozen=True, slots=True)
class PenaltyPeriod:
    """Consecutive penalty days on one unpaid base: the figure's inputs (R-S8)."""

    first_day: date
    last_day: date
    days: int
    unpaid: Money
    accrued_fen: Decimal  # exact: days × rate × unpaid, not rounded


@dataclass(frozen=True, slots=True)
class LatePenalty:
    """The penalty accrued up to a day, with its days and the periods that make it up."""

    due_on: date
    as_of: date
    rate_per_day: Decimal
    calendar_days_late: int
    days_late: int  # calendar days late less the excused days
    periods: tuple[PenaltyPeriod, ...]
    termination_right: bool

    @property
    def accrued_fen(self) -> Decimal:
        """The exact penalty in fen, before its one rounding."""
        return sum((period.accrued_fen for period in self.periods), Decimal(0))

    @property
    def amount(self) -> Money:
        """R-S7: rounded half-up to the fen once, when stated or posted."""
        return round_half_up_to_fen(self.accrued_fen)


def late_penalty(
    amount_due: Money,
    due_on: date,
    payments: Iterable[Payment],
    *,
    as_of: date,
    terms: ContractTerms,
    excused_days: Set[date] = frozenset(),
) -> LatePenalty:
    """R-S7 penalty through `as_of` (inclusive) or the day the last of the debt was paid.

    Day convention: day D+k (k ≥ 1 after due day D) is late and charged on what was unpaid at
    its start; a payment made on day P is unpaid at the start of P, so P is still charged on
    it and the base falls from P+1. Paying all on D+k is thus k days late, as R-S7 counts.
    Days in `excused_days` (delay the brand caused) are neither charged nor counted.
    """
    rate = terms.late_penalty_per_day.value
    paid_by_day: dict[date, int] = {}
    for payment in payments:
        if payment.paid_on <= as_of:
            paid_by_day[payment.paid_on] = paid_by_day.get(payment.paid_on, 0) + payment.amount.fen
    unpaid = amount_due.fen - sum(fen for day, fen in paid_by_day.items() if day <= due_on)
    periods: list[PenaltyPeriod] = []
    calendar_days = days_late = 0
    day = due_on + _DAY
    while unpaid > 0 and day <= as_of:
        calendar_days += 1
        if day not in excused_days:
            days_late += 1
            _charge(periods, day, Money(unpaid), rate)
        unpaid -= paid_by_day.get(day, 0)  # R-S7: the base falls from the day after payment
        day += _DAY
    return LatePenalty(
        due_on=due_on,
        as_of=as_of,
        rate_per_day=rate,
        calendar_days_late=calendar_days,
        days_late=days_late,
        periods=tuple(periods),
        termination_right=days_late > terms.termination_days_late,
    )


def termination_deadline(
    due_on: date, terms: ContractTerms, excused_days: Set[date] = frozenset()
) -> date:
    """R-S7: the last day paying in full leaves the brand no termination right.

    More than `termination_days_late` days late gives the right, and excused days (delay the
    brand caused) do not count: the day is pushed past each excused day before it, and past
    excused days that follow it, since paying on those adds no day late.
    """
    day, counted = due_on, 0
    while counted < terms.termination_days_late or day + _DAY in excused_days:
        day += _DAY
        if day not in excused_days:
            counted += 1
    return day


def _charge(periods: list[PenaltyPeriod], day: date, unpaid: Money, rate: Decimal) -> None:
    """Add one day's exact penalty, extending the last period when its base is the same."""
    exact = Decimal(unpaid.fen) * rate
    last = periods[-1] if periods else None
    if last is not None and last.unpaid == unpaid and last.last_day + _DAY == day:
        periods[-1] = PenaltyPeriod(
            last.first_day, day, last.days + 1, unpaid, last.accrued_fen + exact
        )
    else:
        periods.append(PenaltyPeriod(day, day, 1, unpaid, exact))
