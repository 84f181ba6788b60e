"""Wires the adapters into the services; nothing runs at import time."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine

from daiyun.adapters.db.engine import make_engine
from daiyun.adapters.db.unit_of_work import SqlUnitOfWork
from daiyun.config import Settings, load_settings

__all__ = ["Daiyun", "bootstrap"]


@dataclass
class Daiyun:
    """The assembled application: settings, the database engine, units of work."""

    settings: Settings
    engine: Engine = field(repr=False)

    def unit_of_work(self) -> SqlUnitOfWork:
        """A fresh unit of work on this application's database."""
        return SqlUnitOfWork(self.engine)

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()


def bootstrap(settings: Settings | None = None) -> Daiyun:
    """Build daiyun from settings (default: the environment)."""
    settings = settings or load_settings()
    return Daiyun(settings=settings, engine=make_engine(settings.database_url))
