"""What a page reads often and the database changes seldom, worked out once until it changes
(issue 22, point 5).

Every area's dated duties are worked out from the whole history of every contract (each
statement, bill, report and period since the contract began), and the agency's overview from
every contract's terms; the dashboard shows both on each visit. What they are depends only on
what is stored (and the day, for the duties), so a process keeps what it worked out under the
database's change counter — raised by every unit of work that writes, in its own transaction —
read *before* what it stands for, and works it out again once the counter moved. Nothing is kept
longer than it is true: a write commits its rows and its counter together, and what is read
after the counter is at least as new as the counter says."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from daiyun.services.unit_of_work import UnitOfWork

__all__ = ["Kept", "kept_or_worked_out"]

T = TypeVar("T")


class Kept(Generic[T]):
    """The latest values worked out, by key (what was asked and the change counter); at most
    `capacity` of them, the least recently used forgotten first. Safe across threads; what
    is kept is immutable (frozen records in tuples), so the callers share it."""

    def __init__(self, capacity: int = 64) -> None:
        self._capacity = capacity
        self._values: OrderedDict[Hashable, T] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, work_out: Callable[[], T]) -> T:
        """The value kept under `key`, or `work_out()`'s, kept."""
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
        found = work_out()
        with self._lock:
            self._values[key] = found
            self._values.move_to_end(key)
            while len(self._values) > self._capacity:
                self._values.popitem(last=False)
        return found

    def clear(self) -> None:
        """Forget everything kept."""
        with self._lock:
            self._values.clear()


def kept_or_worked_out(
    kept: Kept[T] | None, uow: UnitOfWork, key: Hashable, work_out: Callable[[], T]
) -> T:
    """`work_out()`'s value, kept in `kept` under `key` and the change counter read now (first,
    in its own transaction); worked out each time without `kept` or a counter."""
    if kept is None:
        return work_out()
    with uow:
        counter = uow.data_changes.current()
    if counter is None:
        return work_out()
    return kept.get((key, counter), work_out)
