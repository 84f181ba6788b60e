"""The SQL unit of work of money in: every repository of SqlUnitOfWork, the Alipay lines, and
what a month's reconciliation reads."""

from __future__ import annotations

from sqlalchemy import Connection

from daiyun.adapters.db.repositories.alipay import SqlAlipayRepository
from daiyun.adapters.db.repositories.reconciliation import SqlReconciliationRepository
from daiyun.adapters.db.unit_of_work import SqlUnitOfWork

__all__ = ["SqlAlipayUnitOfWork"]


class SqlAlipayUnitOfWork(SqlUnitOfWork):
    """SqlUnitOfWork with `alipay`: a store's Alipay account and statement lines, and
    `reconciliation`: a store's month of orders and Alipay lines (R-X1)."""

    def _open_repositories(self, connection: Connection) -> None:
        super()._open_repositories(connection)
        self.alipay = SqlAlipayRepository(connection)
        self.reconciliation = SqlReconciliationRepository(connection)
