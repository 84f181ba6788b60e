"""Orders paid before their store went live: most likely another store's export, or one of
years ago, uploaded by mistake (issue 15). Such an import is shown to the person uploading it
before anything is stored. This is the comparison alone; the service reads the files.

An order's moment is its payment, or its creation when it was never paid (Beijing dates); the
store's go-live is its planned go-live date (R-C4), else its contract's effective date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from daiyun.domain.calendar import start_of_day

if TYPE_CHECKING:  # numpy loads only for an upload read by columns
    from daiyun.domain.orders.columns import Ints

__all__ = ["EarlyOrderTally", "EarlyOrders", "go_live_of"]


def go_live_of(store_go_live_on: date | None, contract_effective_on: date) -> date:
    """The day the store began selling for the agency: its go-live date, else its contract's
    effective date."""
    return store_go_live_on if store_go_live_on is not None else contract_effective_on


@dataclass(frozen=True)
class EarlyOrders:
    """How many orders of an upload came before the store's go-live, and from when to when."""

    go_live_on: date
    count: int
    earliest: datetime
    latest: datetime

    def as_document(self) -> dict[str, object]:
        """As the job's JSON carries it."""
        return {
            "go_live_on": self.go_live_on.isoformat(),
            "count": self.count,
            "earliest": self.earliest.isoformat(),
            "latest": self.latest.isoformat(),
        }


class EarlyOrderTally:
    """Counts the orders before a go-live day as they are read, one by one or by columns."""

    def __init__(self, go_live_on: date) -> None:
        self.go_live_on = go_live_on
        self._start = start_of_day(go_live_on)
        self._count = 0
        self._earliest: datetime | None = None
        self._latest: datetime | None = None

    def see(self, paid_at: datetime | None, created_at: datetime | None) -> None:
        """One order: counted when paid (or, never paid, created) before the go-live day."""
        moment = paid_at if paid_at is not None else created_at
        if moment is None or moment >= self._start:
            return
        self._count += 1
        if self._earliest is None or moment < self._earliest:
            self._earliest = moment
        if self._latest is None or moment > self._latest:
            self._latest = moment

    def see_columns(self, paid_at: Ints, created_at: Ints, no_time: int, zone: datetime) -> None:
        """A batch of orders as columns of microseconds since 1970 UTC (`no_time`: none);
        the moments found are given in `zone`'s time zone."""
        import numpy as np

        from daiyun.domain.orders.columns import microseconds, moment

        moments = np.where(paid_at != no_time, paid_at, created_at)
        early = moments[(moments != no_time) & (moments < microseconds(self._start))]
        if not len(early):
            return
        first, last = moment(int(early.min()), zone), moment(int(early.max()), zone)
        assert first is not None and last is not None
        self._count += len(early)
        self._earliest = first if self._earliest is None else min(self._earliest, first)
        self._latest = last if self._latest is None else max(self._latest, last)

    def found(self) -> EarlyOrders | None:
        """What was seen before the go-live, or None when every order came after it."""
        if not self._count or self._earliest is None or self._latest is None:
            return None
        return EarlyOrders(self.go_live_on, self._count, self._earliest, self._latest)
