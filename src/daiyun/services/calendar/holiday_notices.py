"""Use case: record the State Council's holiday notice for a year chinesecalendar lacks (R-O1).

Every deadline counted in working days — confirming a statement, paying it, changing a price —
needs the year's notice. The notice is published each November or December for the next year;
a chinesecalendar release carrying it may come later. Until then the agency records the notice
(`daiyun calendar add`) and the calendar uses it; once an installed release knows the year, the
release is used and the list says whether the two agree.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from daiyun.domain import calendar
from daiyun.domain.agency import AuditEntry, Role, User
from daiyun.domain.holiday_notice import HolidayNotice, RecordedNotice
from daiyun.domain.permissions import AccessRefused
from daiyun.services.errors import Refused
from daiyun.services.unit_of_work import UnitOfWork

__all__ = [
    "DifferentNotice",
    "NoticeInUse",
    "NoticeOutcome",
    "NoticeStatus",
    "list_holiday_notices",
    "may_record_notices",
    "record_holiday_notice",
    "record_holiday_notice_as",
    "require_may_record",
]


class NoticeOutcome(StrEnum):
    """What recording a notice did."""

    RECORDED = "recorded"
    UNCHANGED = "unchanged"  # the same notice was recorded already
    REPLACED = "replaced"  # a corrected notice took the place of the year's earlier one


class NoticeStatus(StrEnum):
    """Which calendar a recorded year's working days come from."""

    IN_USE = "in_use"  # chinesecalendar does not know the year: this notice decides
    SUPERSEDED = "superseded"  # an installed chinesecalendar knows the year and is used


@dataclass(frozen=True)
class NoticeInUse:
    """A recorded notice, which calendar decides its year, and where the two disagree."""

    recorded: RecordedNotice
    status: NoticeStatus
    disagreements: tuple[date, ...]  # days the notice and chinesecalendar judge differently

    def to_json(self) -> dict[str, object]:
        """The JSON form (`daiyun calendar list --json`)."""
        return {
            **self.recorded.notice.to_document(),
            "recorded_at": self.recorded.recorded_at.astimezone(calendar.SHANGHAI).isoformat(),
            "recorded_by": self.recorded.recorded_by,
            "status": str(self.status),
            "disagreements": [day.isoformat() for day in self.disagreements],
        }


class DifferentNotice(Refused):
    """A different notice is recorded for the year already: what differs, and by whom it was
    recorded (a page words its own advice from these; the message is the command line's)."""

    def __init__(self, message: str, *, year: int, earlier: RecordedNotice, difference: str):
        super().__init__(message)
        self.year = year
        self.earlier = earlier
        self.difference = difference


def may_record_notices(acting: User) -> bool:
    """R-O1: the agency's administrators record a year's holiday notice (it moves every
    working-day deadline); everyone else asks one of them."""
    return acting.is_active and acting.role is Role.ADMIN


def require_may_record(acting: User) -> None:
    """Refuse anyone but an administrator, before their file is even read."""
    if not may_record_notices(acting):
        raise AccessRefused(f"user {acting.login} ({acting.role}) may not record holiday notices")


def record_holiday_notice_as(
    uow: UnitOfWork, acting: User, notice: HolidayNotice, *, at: datetime, replace: bool = False
) -> NoticeOutcome:
    """`record_holiday_notice` for a signed-in user: an administrator only."""
    require_may_record(acting)
    return record_holiday_notice(uow, notice, at=at, actor=acting.login, replace=replace)


def record_holiday_notice(
    uow: UnitOfWork, notice: HolidayNotice, *, at: datetime, actor: str, replace: bool = False
) -> NoticeOutcome:
    """Record `notice` for its year; the same notice again changes nothing. A different notice
    for a year already recorded is refused unless `replace` (a correction, kept in the audit
    log with what it replaced). A year the installed chinesecalendar knows is refused: its
    calendar is the one used."""
    if calendar.library_knows(notice.year):
        raise Refused(
            f"the installed chinesecalendar already has the State Council's notice for "
            f"{notice.year}, and daiyun uses it; a notice is recorded only for a year it lacks"
        )
    with uow:
        earlier = uow.holiday_notices.get(notice.year)
        if earlier is not None and earlier.notice == notice:
            return NoticeOutcome.UNCHANGED
        if earlier is not None and not replace:
            difference = _first_difference(earlier.notice, notice)
            raise DifferentNotice(
                f"a different notice for {notice.year} is already recorded "
                f"({earlier.notice.source}, by {earlier.recorded_by} on "
                f"{calendar.business_date(earlier.recorded_at).isoformat()}): "
                f"{difference}; to correct it, record this one with --replace",
                year=notice.year,
                earlier=earlier,
                difference=difference,
            )
        uow.holiday_notices.put(notice, recorded_at=at, recorded_by=actor)
        outcome = NoticeOutcome.RECORDED if earlier is None else NoticeOutcome.REPLACED
        uow.audit.record(
            AuditEntry(
                at=at,
                actor=actor,
                action=f"holiday_notice.{outcome}",
                entity="holiday_notice",
                entity_key=str(notice.year),
                before=None if earlier is None else _json(earlier.notice),
                after=_json(notice),
                reason=notice.source,
            )
        )
        uow.commit()
    # This process reads the notices again when it next needs one (a correction included).
    calendar.forget_recorded_notices()
    return outcome


def list_holiday_notices(uow: UnitOfWork) -> list[NoticeInUse]:
    """Every recorded notice, by year, with the calendar that decides its year."""
    with uow:
        recorded = uow.holiday_notices.all()
    return [_in_use(found) for found in recorded]


def _in_use(recorded: RecordedNotice) -> NoticeInUse:
    notice = recorded.notice
    if not calendar.library_knows(notice.year):
        return NoticeInUse(recorded, NoticeStatus.IN_USE, ())
    first = date(notice.year, 1, 1)
    days = (date(notice.year + 1, 1, 1) - first).days
    differ = tuple(
        day
        for day in (first + timedelta(days=offset) for offset in range(days))
        if calendar.is_working_day(day) != notice.is_working_day(day)
    )
    return NoticeInUse(recorded, NoticeStatus.SUPERSEDED, differ)


def _first_difference(earlier: HolidayNotice, later: HolidayNotice) -> str:
    first = date(earlier.year, 1, 1)
    for offset in range((date(earlier.year + 1, 1, 1) - first).days):
        day = first + timedelta(days=offset)
        before, after = earlier.is_working_day(day), later.is_working_day(day)
        if before != after:
            said = {True: "a working day", False: "a day off"}
            return f"{day.isoformat()} is {said[before]} there and {said[after]} here"
    return "the days are the same, the source or the holidays' names differ"


def _json(notice: HolidayNotice) -> str:
    return json.dumps(notice.to_document(), ensure_ascii=False, sort_keys=True)
