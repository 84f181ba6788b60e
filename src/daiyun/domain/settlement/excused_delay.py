"""Days the brand caused the delay of a statement's payment: no penalty accrues on them (R-S7).

§2 ch.6 art.5: the operator owes no late penalty for delay the brand caused. The operator's
finance side records such a delay as a span of Beijing calendar days, both ends included,
with the reason; `late_penalty` then neither charges nor counts those days.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from daiyun.domain.calendar import SHANGHAI

__all__ = ["DelayNotExcusable", "ExcusedDelay", "check_excusable", "excused_days"]

_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class ExcusedDelay:
    """A span of days, both ends included, whose delay of payment the brand caused (R-S7)."""

    first_day: date
    last_day: date
    reason: str
    recorded_by: str
    recorded_at: datetime

    @property
    def days(self) -> int:
        """How many calendar days the span holds."""
        return (self.last_day - self.first_day).days + 1

    def each_day(self) -> Iterator[date]:
        """Every day of the span, the first to the last."""
        day = self.first_day
        while day <= self.last_day:
            yield day
            day += _DAY

    def overlaps(self, first_day: date, last_day: date) -> bool:
        """True when the span shares at least one day with `first_day`…`last_day`."""
        return self.first_day <= last_day and first_day <= self.last_day

    def __str__(self) -> str:
        return _span(self.first_day, self.last_day)

    def to_json(self) -> dict[str, object]:
        """The span as the Statement JSON's `excused_delays` lists it."""
        return {
            "from": self.first_day.isoformat(),
            "to": self.last_day.isoformat(),
            "days": self.days,
            "reason": self.reason,
            "recorded_by": self.recorded_by,
            "recorded_at": self.recorded_at.astimezone(SHANGHAI).isoformat(),
        }


class DelayNotExcusable(Exception):
    """A span of brand-caused delay that cannot be recorded; the message says why, for a clerk."""


def _span(first_day: date, last_day: date) -> str:
    return f"{first_day.isoformat()}..{last_day.isoformat()}"


def excused_days(delays: Iterable[ExcusedDelay]) -> frozenset[date]:
    """Every day of the spans: the days `late_penalty` neither charges nor counts (R-S7)."""
    return frozenset(day for delay in delays for day in delay.each_day())


def check_excusable(
    first_day: date,
    last_day: date,
    reason: str,
    recorded: Sequence[ExcusedDelay],
    *,
    payment_due: date,
    today: date,
) -> None:
    """Raise DelayNotExcusable unless the span may be recorded beside the `recorded` ones.

    A span needs a reason, runs forwards, has happened by `today`, holds at least one day
    after the payment due date (earlier days are never late, R-S7), and shares no day with a
    span already recorded; the same span twice is refused as a repeated entry.
    """
    if not reason.strip():
        raise DelayNotExcusable("say why the brand caused the delay: the reason is empty")
    span = _span(first_day, last_day)
    if first_day > last_day:
        raise DelayNotExcusable(
            f"the span {span} ends before it starts: the first day must be on or before the last"
        )
    if last_day <= payment_due:
        raise DelayNotExcusable(
            f"the span {span} ends on or before the payment due date {payment_due}: only days "
            "after it are late, so it would excuse nothing (R-S7)"
        )
    if last_day > today:
        raise DelayNotExcusable(
            f"the span {span} ends after today {today}: record a delay once it has happened"
        )
    for delay in recorded:
        if not delay.overlaps(first_day, last_day):
            continue
        by = f"recorded by {delay.recorded_by} on {delay.recorded_at.astimezone(SHANGHAI):%Y-%m-%d}"
        if (delay.first_day, delay.last_day) == (first_day, last_day):
            raise DelayNotExcusable(f"the span {span} is recorded already ({by})")
        raise DelayNotExcusable(
            f"the span {span} overlaps the span {delay} ({by}): spans of one statement may not "
            "overlap; record only the days not excused yet"
        )
