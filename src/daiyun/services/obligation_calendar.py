"""The obligations' month calendar (R-O1, issue 21 point 7): a month's grid, Monday first, each
day with the duties due on it — of every area (`Daiyun.duty_sources()`), as far as the user
may see (R-D2: a brand user their own brand's) — and the PRC holidays and worked weekends."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from daiyun.domain.agency import User
from daiyun.domain.calendar import Month
from daiyun.domain.obligations import Obligation
from daiyun.domain.obligations.month_grid import MonthGrid, month_grid
from daiyun.services.kept import Kept
from daiyun.services.obligations.sources import DutySource
from daiyun.services.oversight import obligations_of
from daiyun.services.unit_of_work import UnitOfWork

__all__ = ["obligations_calendar"]


def obligations_calendar(
    uow: UnitOfWork,
    acting: User,
    *,
    month: Month,
    today: date,
    brand_code: str | None = None,
    duties: Sequence[DutySource] = (),
    kept: Kept[tuple[Obligation, ...]] | None = None,
) -> MonthGrid:
    """The month's grid with the duties due in it, their statuses as of `today` (a month ahead
    shows the duties known today). Another brand's, or none such, is NotFound (R-D2). Given
    `kept`, the duties worked out once until the database changes (issue 22)."""
    found = obligations_of(
        uow, acting, as_of=today, brand_code=brand_code, duties=duties, kept=kept
    )
    inside = [each for each in found if month.first_day <= each.due_on <= month.last_day]
    return month_grid(month, inside)
