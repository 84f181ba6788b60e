"""The SQL unit of work of store credentials and outages (issue 21): every repository of
SqlUnitOfWork, the store credentials with their reveal log (R-B7) and the outages (R-B8)."""

from __future__ import annotations

from sqlalchemy import Connection

from daiyun.adapters.db.repositories.outages import SqlOutageRepository
from daiyun.adapters.db.repositories.store_credentials import SqlStoreCredentialRepository
from daiyun.adapters.db.unit_of_work import SqlUnitOfWork

__all__ = ["SqlCredentialUnitOfWork"]


class SqlCredentialUnitOfWork(SqlUnitOfWork):
    """SqlUnitOfWork with `store_credentials` (R-B7) and `outages` (R-B8)."""

    def _open_repositories(self, connection: Connection) -> None:
        super()._open_repositories(connection)
        self.store_credentials = SqlStoreCredentialRepository(connection)
        self.outages = SqlOutageRepository(connection)
