"""Every area's dated duties in one list (R-O1).

Each business area that owes dated duties — model A's statements, model B's bills, the goods'
shipping and stockouts, the reports, the contract's life — offers a `DutySource`: a callable
that lists its obligations as of a day, for one brand or all. `bootstrap.Daiyun.duty_sources()`
assembles them, and the CLI, the API and the pages gather them here, so that a new area's
duties reach every list by one line in bootstrap."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Protocol

from daiyun.domain.obligations import Obligation

__all__ = ["DutySource", "gather_obligations", "obligation_order"]


class DutySource(Protocol):
    """One area's obligations as of a day, of one brand (`NotFound` if unknown) or all."""

    def __call__(self, *, as_of: date, brand_code: str | None) -> list[Obligation]: ...


def obligation_order(obligation: Obligation) -> tuple[date, str, str, str]:
    """The lists' order: by due day, then brand, subject and kind (as the statements' list)."""
    return (obligation.due_on, obligation.brand, obligation.subject, obligation.kind.value)


def gather_obligations(
    sources: Iterable[DutySource], *, as_of: date, brand_code: str | None = None
) -> list[Obligation]:
    """Every source's obligations as of `as_of`, in the lists' order."""
    found: list[Obligation] = []
    for source in sources:
        found += source(as_of=as_of, brand_code=brand_code)
    return sorted(found, key=obligation_order)
