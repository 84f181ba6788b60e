"""The SQL unit of work of notifications and reminders (issue 21 point 7, R-O1): every
repository of SqlUnitOfWork, and the notifications with their people's email addresses."""

from __future__ import annotations

from sqlalchemy import Connection

from daiyun.adapters.db.repositories.notifications import SqlNotificationRepository
from daiyun.adapters.db.unit_of_work import SqlUnitOfWork

__all__ = ["SqlNotificationUnitOfWork"]


class SqlNotificationUnitOfWork(SqlUnitOfWork):
    """SqlUnitOfWork with `notifications`."""

    def _open_repositories(self, connection: Connection) -> None:
        super()._open_repositories(connection)
        self.notifications = SqlNotificationRepository(connection)
