"""R-F3: a stockout — a SKU listed on sale in a store with nothing on hand (R-F1) — and the
brand's duties it starts: notify the agency within `stockout_notice_days` and replenish within
`replenish_days` of the day it ran out; past them, a task for store operations to take the
listing off sale or correct its supply information, tracked to done.

Days are calendar days counted from the day after the stockout started, as R-F5's windows are:
out of stock on 2026-10-10 with the default terms (1 and 7), the brand notifies by 2026-10-11
and replenishes by 2026-10-17; still out on 2026-10-18, the task is due. Pure: whether a SKU is
out and since when comes in; the days and the state go out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

__all__ = [
    "MAX_NOTE",
    "Stockout",
    "StockoutDuties",
    "StockoutState",
    "stockout_duties",
]

MAX_NOTE = 500  # what the operator did, in words


class StockoutState(StrEnum):
    """Where a stockout is as of a day."""

    NOTICE_DUE = "notice_due"  # within the notice days: the brand is to notify
    REPLENISH_DUE = "replenish_due"  # past the notice, within the replenishment days
    TASK_OPEN = "task_open"  # past replenish_by, still out: off sale or correct the supply
    ENDED = "ended"  # back in stock (seen at a later check) or taken off sale
    DONE = "done"  # the task done, with its note


@dataclass(frozen=True, slots=True)
class StockoutDuties:
    """The last day of each of the brand's duties (R-F3)."""

    notice_by: date
    replenish_by: date


def stockout_duties(started_on: date, notice_days: int, replenish_days: int) -> StockoutDuties:
    """Out of stock on `started_on`: notice by that day + notice_days, replenishment by that
    day + replenish_days (calendar days from the day after, R-F3)."""
    if notice_days < 0 or replenish_days < 0:
        raise ValueError("the notice and replenishment days are 0 or more")
    return StockoutDuties(
        started_on + timedelta(days=notice_days), started_on + timedelta(days=replenish_days)
    )


@dataclass(frozen=True, slots=True)
class Stockout:
    """A listing's stockout as kept: when it was first seen out, its duties, and how it
    ended (back in stock at `ended_at`) or its task was done (`done_at`, `done_note`)."""

    id: int
    brand: str
    store: str
    sku: str
    started_at: datetime
    started_on: date
    duties: StockoutDuties
    ended_at: datetime | None = None
    done_at: datetime | None = None
    done_by: str | None = None
    done_note: str | None = None

    @property
    def open(self) -> bool:
        return self.ended_at is None and self.done_at is None

    def state(self, on: date) -> StockoutState:
        """As of the business day `on`: the duty now due, the task once replenish_by has
        passed, or how it closed."""
        if self.done_at is not None:
            return StockoutState.DONE
        if self.ended_at is not None:
            return StockoutState.ENDED
        if on <= self.duties.notice_by:
            return StockoutState.NOTICE_DUE
        if on <= self.duties.replenish_by:
            return StockoutState.REPLENISH_DUE
        return StockoutState.TASK_OPEN

    def deadline(self, on: date) -> date:
        """The day the current duty ends; for an open task, the replenishment day it passed."""
        if self.state(on) is StockoutState.NOTICE_DUE:
            return self.duties.notice_by
        return self.duties.replenish_by
