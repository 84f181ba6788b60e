"""The holiday notices recorded for years chinesecalendar lacks: one per year, day by day."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from sqlalchemy import Connection, Engine, delete, insert, inspect, select

from daiyun.adapters.db.engine import READ_ONLY
from daiyun.adapters.db.holiday_notice_tables import holiday_notice, holiday_notice_day
from daiyun.domain.holiday_notice import Holiday, HolidayNotice, RecordedNotice

__all__ = ["SqlHolidayNoticeRepository", "read_recorded_notices"]


class SqlHolidayNoticeRepository:
    """Notices by year; recording a year again replaces its days whole."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def get(self, year: int) -> RecordedNotice | None:
        found = self._read(year)
        return found[0] if found else None

    def all(self) -> list[RecordedNotice]:
        return self._read(None)

    def put(self, notice: HolidayNotice, *, recorded_at: datetime, recorded_by: str) -> None:
        # The days go with their notice (ON DELETE CASCADE); SQLite enforces it with
        # foreign keys on, as daiyun's engine sets them, and the days are deleted first anyway.
        self._connection.execute(
            delete(holiday_notice_day).where(holiday_notice_day.c.year == notice.year)
        )
        self._connection.execute(delete(holiday_notice).where(holiday_notice.c.year == notice.year))
        self._connection.execute(
            insert(holiday_notice).values(
                year=notice.year,
                source=notice.source,
                recorded_at=recorded_at,
                recorded_by=recorded_by,
            )
        )
        rows = [
            {"year": notice.year, "day": day, "kind": "off", "holiday": holiday.name}
            for holiday in notice.holidays
            for day in holiday.days_off
        ] + [
            {"year": notice.year, "day": day, "kind": "work", "holiday": holiday.name}
            for holiday in notice.holidays
            for day in holiday.working_days
        ]
        self._connection.execute(insert(holiday_notice_day), rows)

    def _read(self, year: int | None) -> list[RecordedNotice]:
        notices = select(holiday_notice).order_by(holiday_notice.c.year)
        days = select(holiday_notice_day).order_by(holiday_notice_day.c.day)
        if year is not None:
            notices = notices.where(holiday_notice.c.year == year)
            days = days.where(holiday_notice_day.c.year == year)
        by_year: dict[int, list[tuple[date, str, str]]] = defaultdict(list)
        for row in self._connection.execute(days):
            by_year[row.year].append((row.day, row.kind, row.holiday))
        return [
            RecordedNotice(
                _notice(row.year, row.source, by_year[row.year]), row.recorded_at, row.recorded_by
            )
            for row in self._connection.execute(notices)
        ]


def _notice(year: int, source: str, days: list[tuple[date, str, str]]) -> HolidayNotice:
    """The notice back from its days: each holiday's days off are one unbroken span (the
    notice was checked so when recorded), its working days the rest."""
    off: dict[str, list[date]] = defaultdict(list)
    worked: dict[str, list[date]] = defaultdict(list)
    for day, kind, name in days:
        (off if kind == "off" else worked)[name].append(day)
    holidays = tuple(
        Holiday(name, min(spans), max(spans), tuple(sorted(worked.get(name, ()))))
        for name, spans in off.items()
    )
    return HolidayNotice(year, source, holidays)


def read_recorded_notices(engine: Engine) -> list[HolidayNotice]:
    """Every recorded notice, on a connection of its own (the calendar's notice source); none
    before the database has the table (a database not migrated yet)."""
    # Read-only: on SQLite it must not wait for the write lock, which the unit of work asking
    # for a deadline may hold in this very thread.
    with engine.connect().execution_options(**{READ_ONLY: True}) as connection:
        if not inspect(connection).has_table(holiday_notice.name):
            return []
        return [found.notice for found in SqlHolidayNoticeRepository(connection).all()]
