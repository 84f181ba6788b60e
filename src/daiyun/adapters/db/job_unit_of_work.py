"""The SQL unit of work of background jobs: every repository of SqlUnitOfWork, and the jobs."""

from __future__ import annotations

from sqlalchemy import Connection

from daiyun.adapters.db.repositories.jobs import SqlJobRepository
from daiyun.adapters.db.unit_of_work import SqlUnitOfWork

__all__ = ["SqlJobUnitOfWork"]


class SqlJobUnitOfWork(SqlUnitOfWork):
    """SqlUnitOfWork with `jobs`: the jobs, their files, and which job stored which order
    file (issue 22)."""

    def _open_repositories(self, connection: Connection) -> None:
        super()._open_repositories(connection)
        self.jobs = SqlJobRepository(connection)
