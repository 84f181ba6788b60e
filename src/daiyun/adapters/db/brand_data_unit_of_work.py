"""The SQL unit of work of the brand data export (issue 20 point 4, R-R3): every repository
of SqlUnitOfWork and the datasets' streamed reads."""

from __future__ import annotations

from sqlalchemy import Connection

from daiyun.adapters.db.repositories.brand_data import SqlBrandDataQueries
from daiyun.adapters.db.unit_of_work import SqlUnitOfWork

__all__ = ["SqlBrandDataUnitOfWork"]


class SqlBrandDataUnitOfWork(SqlUnitOfWork):
    """SqlUnitOfWork with `brand_data`: a brand's orders, lines, refunds, statements and fee
    bills read in batches with a server-side cursor."""

    def _open_repositories(self, connection: Connection) -> None:
        super()._open_repositories(connection)
        self.brand_data = SqlBrandDataQueries(connection)
