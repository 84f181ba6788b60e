"""The SQL unit of work of the reports (issue 20): every repository of the fulfilment unit of
work (the stock, for the inventory section) and the reports' aggregates and records."""

from __future__ import annotations

from sqlalchemy import Connection

from daiyun.adapters.db.fulfilment_unit_of_work import SqlFulfilmentUnitOfWork
from daiyun.adapters.db.repositories.reports import SqlReportRepository, tune_for_aggregates

__all__ = ["SqlReportUnitOfWork"]


class SqlReportUnitOfWork(SqlFulfilmentUnitOfWork):
    """SqlFulfilmentUnitOfWork with `reports` (R-R1, R-R2)."""

    def _open_repositories(self, connection: Connection) -> None:
        super()._open_repositories(connection)
        tune_for_aggregates(connection)  # issue 20 point 5: a month's aggregates in memory
        self.reports = SqlReportRepository(connection)
