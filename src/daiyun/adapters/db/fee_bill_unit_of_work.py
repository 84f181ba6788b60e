"""The SQL unit of work of model B (issue 18): every repository of SqlUnitOfWork and the fee
bills, instalment payments, deposit events and the Alipay lines a bill reads."""

from __future__ import annotations

from sqlalchemy import Connection

from daiyun.adapters.db.repositories.fee_bills import SqlFeeBillRepository
from daiyun.adapters.db.unit_of_work import SqlUnitOfWork

__all__ = ["SqlFeeBillUnitOfWork"]


class SqlFeeBillUnitOfWork(SqlUnitOfWork):
    """SqlUnitOfWork with `fee_bills` (R-B1–R-B5)."""

    def _open_repositories(self, connection: Connection) -> None:
        super()._open_repositories(connection)
        self.fee_bills = SqlFeeBillRepository(connection)
