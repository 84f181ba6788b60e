"""The SQL unit of work of fulfilment and after-sales (issue 19): every repository of
SqlUnitOfWork, the brand's stock, a store's paid orders for the SLA, and return requests."""

from __future__ import annotations

from sqlalchemy import Connection

from daiyun.adapters.db.repositories.custody import SqlCustodyLossRepository
from daiyun.adapters.db.repositories.fulfilment import (
    SqlReturnRepository,
    SqlShippingQueries,
    SqlStockRepository,
)
from daiyun.adapters.db.repositories.fulfilment_desk import SqlDeskQueries
from daiyun.adapters.db.repositories.misshipments import SqlMisShipmentRepository
from daiyun.adapters.db.repositories.stockouts import SqlStockoutRepository
from daiyun.adapters.db.unit_of_work import SqlUnitOfWork

__all__ = ["SqlFulfilmentUnitOfWork"]


class SqlFulfilmentUnitOfWork(SqlUnitOfWork):
    """SqlUnitOfWork with `stock` (R-F1), `shipping` (R-F2, R-F6), `returns` (R-F5),
    `stockouts` (R-F3) and `misshipments` (R-F4)."""

    def _open_repositories(self, connection: Connection) -> None:
        super()._open_repositories(connection)
        self.stock = SqlStockRepository(connection)
        self.shipping = SqlShippingQueries(connection)
        self.returns = SqlReturnRepository(connection)
        self.stockouts = SqlStockoutRepository(connection)
        self.misshipments = SqlMisShipmentRepository(connection)
        self.custody = SqlCustodyLossRepository(connection)  # R-F7
        self.desk = SqlDeskQueries(connection)  # the operations desk (issue 19, point 7)
