"""Engines for SQLite (embedded, WAL) and PostgreSQL, with the same behaviour on both.

Readers and writers (issue 22): a transaction that only reads (`read_only()`) begins deferred
on SQLite, so in WAL mode it never waits for a writer, and READ ONLY on PostgreSQL; either
database refuses it a write, which a unit of work raises as `ReadOnlyViolation` (nothing was
written).
A writer on SQLite begins IMMEDIATE: writers queue for the one write lock instead of
deadlocking, each waiting at most `busy_timeout` seconds for it (on PostgreSQL, a lock_timeout
the URL may set); any transaction waits at most `pool_timeout` for a free connection of the
pool. Past that, a unit of work raises `DatabaseBusy`: nothing was written, try again.
(Connections used outside a unit of work see SQLAlchemy's own errors.)
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout

__all__ = [
    "READ_ONLY",
    "DatabaseBusy",
    "EngineLimits",
    "ReadOnlyViolation",
    "make_engine",
    "normalise_database_url",
    "read_only",
    "unit_of_work_error",
]


class DatabaseBusy(Exception):
    """The database could not be had in time — a lock another writer holds past the busy
    timeout, or no free connection in the pool: nothing was written, and trying again later
    may succeed."""


class ReadOnlyViolation(Exception):
    """A transaction begun read-only tried to write; the database refused, nothing was
    written. The use case must run in a unit of work that may write."""


@dataclass(frozen=True)
class EngineLimits:
    """How long to wait for SQLite's write lock or a pooled connection, and how many
    connections per process.

    `pool_size` connections are kept open; up to `max_overflow` more are opened under load and
    closed when returned. Each process (each web worker) has a pool of its own, so a database
    serves up to processes × (pool_size + max_overflow) connections. 40 in all by default: as
    many as the threads a web process runs requests on, so that a request waits for a thread,
    never for a connection (which a busy moment would turn into 503s)."""

    busy_timeout: float = 30.0
    pool_size: int = 10
    max_overflow: int = 30
    pool_timeout: float = 30.0


def normalise_database_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs written without a driver."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def make_engine(url: str, limits: EngineLimits | None = None) -> Engine:
    """An engine for `url`; a SQLite file's folder is created, WAL and foreign keys are on."""
    limits = limits or EngineLimits()
    url = normalise_database_url(url)
    parsed = make_url(url)
    pool: dict[str, Any] = {
        "pool_size": limits.pool_size,
        "max_overflow": limits.max_overflow,
        "pool_timeout": limits.pool_timeout,
    }
    if parsed.get_backend_name() != "sqlite":
        # A writer waits for a row lock as PostgreSQL does, without a limit unless the URL
        # sets one (`?options=-c%20lock_timeout%3D30s`): one import per store waits for the
        # other (repositories/orders.py), however long it takes.
        return create_engine(url, pool_pre_ping=True, **pool)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    else:
        pool = {}  # one connection shared in memory: SQLAlchemy's own pool for it
    engine = create_engine(url, connect_args={"timeout": limits.busy_timeout}, **pool)
    busy_ms = max(0, round(limits.busy_timeout * 1000))
    event.listen(
        engine, "connect", lambda connection, _record: _configure_sqlite(connection, busy_ms)
    )
    event.listen(engine, "begin", _begin_sqlite)
    return engine


def _configure_sqlite(dbapi_connection: Any, busy_ms: int) -> None:
    # Let SQLAlchemy, not the driver, decide where transactions begin (so BEGIN is explicit).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
    cursor.close()


# A connection made with this execution option only reads: it begins without the write lock.
READ_ONLY = "daiyun_read_only"


def read_only(connection: Connection) -> Connection:
    """`connection`, whose next transaction only reads: deferred on SQLite (a WAL reader never
    waits), READ ONLY on PostgreSQL (reset when the pool takes the connection back)."""
    options: dict[str, Any] = {READ_ONLY: True}
    if connection.dialect.name == "postgresql":
        options["postgresql_readonly"] = True
    return connection.execution_options(**options)


def _begin_sqlite(connection: Any) -> None:
    reading = bool(connection.get_execution_options().get(READ_ONLY))
    # query_only makes SQLite refuse a reader a write, as PostgreSQL refuses a READ ONLY
    # transaction one. It stays with the driver's connection, which the pool hands to readers
    # and writers in turn: set when it changes (connection.info lives as long as it does).
    if connection.info.get(READ_ONLY, False) != reading:
        connection.exec_driver_sql(f"PRAGMA query_only={'ON' if reading else 'OFF'}")
        connection.info[READ_ONLY] = reading
    if reading:
        # A reader in WAL mode never waits for a writer, even one of its own thread (the
        # calendar reads the holiday notices while a unit of work holds the write lock).
        connection.exec_driver_sql("BEGIN")
        return
    # IMMEDIATE takes the write lock at the start: two writers queue instead of deadlocking.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


# SQLite's primary result codes (the low byte of an extended code).
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 5, 6, 8
# PostgreSQL's: lock_not_available (lock_timeout), deadlock_detected, serialization_failure,
# too_many_connections, cannot_connect_now; read_only_sql_transaction.
_POSTGRES_BUSY = frozenset({"55P03", "40P01", "40001", "53300", "57P03"})
_POSTGRES_READ_ONLY = "25006"


def unit_of_work_error(
    error: BaseException, *, reading: bool
) -> DatabaseBusy | ReadOnlyViolation | None:
    """What a unit of work raises for `error`: DatabaseBusy for a lock or a pooled connection
    not had in time; ReadOnlyViolation for a write a read-only transaction (`reading`) was
    refused; None for anything else (raised as it is)."""
    if isinstance(error, PoolTimeout):
        return DatabaseBusy(_BUSY)
    if not isinstance(error, DBAPIError):
        return None
    original = error.orig
    if isinstance(original, sqlite3.Error):
        code = getattr(original, "sqlite_errorcode", None)
        primary = None if code is None else code & 0xFF
        if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
            return DatabaseBusy(_BUSY)
        if primary == _SQLITE_READONLY and reading:
            return ReadOnlyViolation(_READ_ONLY)
        return None
    state = getattr(original, "sqlstate", None)
    if state in _POSTGRES_BUSY:
        return DatabaseBusy(_BUSY)
    if state == _POSTGRES_READ_ONLY and reading:
        return ReadOnlyViolation(_READ_ONLY)
    return None


_BUSY = "the database is busy with another change: nothing was saved, try again in a moment"
_READ_ONLY = "a read-only unit of work tried to write: nothing was written"
