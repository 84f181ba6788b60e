"""The SQL unit of work of the contract's life (issue 21): every repository of the fee bills'
(model B's fees give the operator a termination right, R-B5; model A's statements the brand's,
R-S7) and the contract's objections, end, breach notices and exit evidence (R-C5, R-C6)."""

from __future__ import annotations

from sqlalchemy import Connection

from daiyun.adapters.db.fee_bill_unit_of_work import SqlFeeBillUnitOfWork
from daiyun.adapters.db.repositories.lifecycle import SqlLifecycleRepository

__all__ = ["SqlLifecycleUnitOfWork"]


class SqlLifecycleUnitOfWork(SqlFeeBillUnitOfWork):
    """SqlFeeBillUnitOfWork with `lifecycle` (R-C5, R-C6)."""

    def _open_repositories(self, connection: Connection) -> None:
        super()._open_repositories(connection)
        self.lifecycle = SqlLifecycleRepository(connection)
