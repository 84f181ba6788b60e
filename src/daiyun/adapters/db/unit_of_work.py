"""The SQL unit of work: one connection, one transaction, committed at most once."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import NoReturn, Self

from sqlalchemy import Connection, Engine

# Every table on the metadata, so that a foreign key named by string always finds its table.
from daiyun.adapters.db import schema  # noqa: F401
from daiyun.adapters.db.engine import read_only as read_only_connection
from daiyun.adapters.db.engine import unit_of_work_error
from daiyun.adapters.db.repositories import (
    SqlAuditLog,
    SqlBrandRepository,
    SqlCatalogRepository,
    SqlContractRepository,
    SqlOrderRepository,
    SqlStatementRepository,
    SqlStoreRepository,
    SqlUserRepository,
)
from daiyun.adapters.db.repositories.ad_spend import SqlAdSpendRepository
from daiyun.adapters.db.repositories.credentials import SqlCredentialRepository
from daiyun.adapters.db.repositories.data_changes import SqlDataChanges, raise_change_counter
from daiyun.adapters.db.repositories.excused_delays import SqlExcusedDelayRepository
from daiyun.adapters.db.repositories.holiday_notices import SqlHolidayNoticeRepository
from daiyun.adapters.db.repositories.ledger import SqlLedger
from daiyun.adapters.db.repositories.listings import SqlListingRepository
from daiyun.adapters.db.repositories.order_queries import SqlOrderQueries
from daiyun.adapters.db.repositories.promotions import SqlPromotionRepository
from daiyun.adapters.db.repositories.statement_queries import SqlStatementQueries

__all__ = ["SqlUnitOfWork"]


class SqlUnitOfWork:
    """Repositories over one transaction; leaving without commit() rolls it all back.

    A lock or a pooled connection not had in time raises DatabaseBusy (engine.py), at the
    start or on leaving: nothing was written."""

    def __init__(self, engine: Engine, *, read_only: bool = False) -> None:
        """`read_only`: for a use case that only reads — on SQLite it begins without the write
        lock (a WAL reader never waits), on PostgreSQL READ ONLY; a write through it raises
        ReadOnlyViolation, nothing written (engine.py)."""
        self._engine = engine
        self._read_only = read_only
        self._connection: Connection | None = None
        self._committed = False

    def __enter__(self) -> Self:
        if self._connection is not None:
            raise RuntimeError("this unit of work is already in use")
        try:
            connection = self._engine.connect()
        except Exception as error:
            self._raise_translated(error)
        try:
            if self._read_only:
                read_only_connection(connection)
            connection.begin()  # a writer on SQLite waits here for the write lock
        except Exception as error:
            connection.close()
            self._raise_translated(error)
        self._connection = connection
        self._committed = False
        self._open_repositories(connection)
        return self

    def _open_repositories(self, connection: Connection) -> None:
        self.brands = SqlBrandRepository(connection)
        self.contracts = SqlContractRepository(connection)
        self.stores = SqlStoreRepository(connection)
        self.catalog = SqlCatalogRepository(connection)
        self.orders = SqlOrderRepository(connection)
        self.users = SqlUserRepository(connection)
        self.statements = SqlStatementRepository(connection)
        self.excused_delays = SqlExcusedDelayRepository(connection)
        self.holiday_notices = SqlHolidayNoticeRepository(connection)
        self.ledger = SqlLedger(connection)
        self.listings = SqlListingRepository(connection)
        self.promotions = SqlPromotionRepository(connection)
        self.ad_spend = SqlAdSpendRepository(connection)
        self.audit = SqlAuditLog(connection)
        self.credentials = SqlCredentialRepository(connection)
        self.order_queries = SqlOrderQueries(connection)
        self.statement_queries = SqlStatementQueries(connection)
        self.data_changes = SqlDataChanges(connection)

    @property
    def connection(self) -> Connection:
        """The open connection, for adapters that need Core access inside this transaction."""
        if self._connection is None:
            raise RuntimeError("the unit of work is not open")
        return self._connection

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """Work that is undone, and only it, when an exception leaves the block."""
        nested = self.connection.begin_nested()
        try:
            yield
        except BaseException:
            nested.rollback()
            # Repositories may remember what was undone (ids reserved, stores looked up).
            self._open_repositories(self.connection)
            raise
        nested.commit()

    def commit(self) -> None:
        """Make the whole use case durable; a second commit is a programming error."""
        if self._committed:
            raise RuntimeError("a unit of work commits once")
        if not self._read_only:
            # What was kept until the database changes is worked out again (issue 22).
            raise_change_counter(self.connection)
        self.connection.commit()
        self._committed = True

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        connection, self._connection = self._connection, None
        if connection is None:
            return
        try:
            if not self._committed:
                connection.rollback()
        finally:
            connection.close()
        if isinstance(exc, Exception):
            translated = unit_of_work_error(exc, reading=self._read_only)
            if translated is not None:
                raise translated from exc

    def _raise_translated(self, error: Exception) -> NoReturn:
        """DatabaseBusy or ReadOnlyViolation for what they name (engine.py), else `error`."""
        translated = unit_of_work_error(error, reading=self._read_only)
        if translated is None:
            raise error
        raise translated from error
