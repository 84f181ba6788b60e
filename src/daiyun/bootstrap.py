"""Wires the adapters into the services; nothing runs at import time."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine

from daiyun.adapters.db.engine import make_engine
from daiyun.adapters.db.repositories.holiday_notices import read_recorded_notices
from daiyun.adapters.db.unit_of_work import SqlUnitOfWork
from daiyun.config import Settings, load_settings
from daiyun.domain import calendar

__all__ = ["Daiyun", "bootstrap"]


@dataclass
class Daiyun:
    """The assembled application: settings, the database engine, units of work."""

    settings: Settings
    engine: Engine = field(repr=False)

    def __post_init__(self) -> None:
        # R-O1: the working-day calendar reads the holiday notices recorded in this database
        # for the years chinesecalendar does not know (only when it meets such a year).
        self._notice_source: calendar.NoticeSource = lambda: read_recorded_notices(self.engine)
        self._earlier_source = calendar.notice_source()
        calendar.use_notice_source(self._notice_source)

    def unit_of_work(self) -> SqlUnitOfWork:
        """A fresh unit of work on this application's database."""
        return SqlUnitOfWork(self.engine)

    def close(self) -> None:
        """Release the database connections (and the calendar's way to this database)."""
        # One application per process in use; in tests one may be made and closed inside
        # another's life, which then gets its own source back.
        if calendar.notice_source() is self._notice_source:
            calendar.use_notice_source(self._earlier_source)
        self.engine.dispose()


def bootstrap(settings: Settings | None = None) -> Daiyun:
    """Build daiyun from settings (default: the environment)."""
    settings = settings or load_settings()
    return Daiyun(settings=settings, engine=make_engine(settings.database_url))
