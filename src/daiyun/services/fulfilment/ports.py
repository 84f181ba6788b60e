"""The ports of fulfilment and after-sales (issue 19): the brand's stock lists and receipts,
what sold and came back, a store's month of paid orders, return requests; the stock list's
reader and the replenishment list's writer. bootstrap wires in adapters/db/repositories/
fulfilment.py, adapters/stock_file.py and adapters/exports/replenishment_xlsx.py."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

from daiyun.domain.calendar import Period
from daiyun.domain.fulfilment import PaidOrder
from daiyun.domain.fulfilment.custody import CustodyLoss
from daiyun.domain.fulfilment.returns import (
    ReturnDecision,
    ReturnedGoods,
    ReturnRecord,
    ReturnRequest,
)
from daiyun.domain.fulfilment.stock import (
    ReplenishmentSheet,
    StockCount,
    StockFile,
    StockListHeader,
    StockReceipt,
    StockRow,
)
from daiyun.services.unit_of_work import UnitOfWork

__all__ = [
    "CustodyLossRepository",
    "FulfilmentUnitOfWork",
    "ReturnRepository",
    "ShippingQueries",
    "StockFiles",
    "StockRepository",
]


class StockFiles(Protocol):
    """Reads the brand's list of saleable goods (CSV or XLSX) and writes the replenishment
    list the agency sends the brand (XLSX)."""

    def read(self, path: Path) -> StockFile: ...
    def write_replenishment(self, sheet: ReplenishmentSheet, path: Path) -> None: ...


class StockRepository(Protocol):
    """A brand's stock lists by moment, its receipts, and what its stores sold and took back."""

    def list_at(self, brand_code: str, as_of: datetime) -> StockListHeader | None:
        """The list as of exactly `as_of`, if one is stored."""
        ...

    def latest_list(self, brand_code: str, at: datetime) -> StockListHeader | None:
        """The newest list as of `at` or before."""
        ...

    def listed(self, brand_code: str, as_of: datetime) -> list[StockCount]: ...
    def add_list(
        self, header: StockListHeader, rows: Sequence[StockRow], sku_ids: Mapping[str, int]
    ) -> None: ...
    def sku_ids(self, brand_code: str) -> dict[str, int]:
        """The brand's SKUs of physical goods, by code (digital goods have no stock, R-F6)."""
        ...

    def add_receipt(self, receipt: StockReceipt, sku_id: int, at: datetime, actor: str) -> bool:
        """Record the receipt; False when the same one is recorded already."""
        ...

    def received(self, brand_code: str, first_day: date, last_day: date) -> list[StockCount]: ...
    def returned(self, brand_code: str, first_day: date, last_day: date) -> list[StockCount]: ...
    def sold(self, brand_code: str, after: datetime, until: datetime) -> dict[str, int]:
        """Units per SKU of physical goods of order lines paid in (after, until], less those
        closed before their goods left (R-F1)."""
        ...


class ShippingQueries(Protocol):
    """A store's paid orders, as the SLA reads them (R-F2, R-F6)."""

    def paid_orders(self, store_code: str, paid: Period) -> Iterator[PaidOrder]: ...


class ReturnRepository(Protocol):
    """Return and exchange requests by their natural key, and the goods received back."""

    def find(self, request: ReturnRequest) -> ReturnRecord | None:
        """The same request as kept, if it is; holds the order to the end of the unit of work,
        so that requests about one order are decided one after the other."""
        ...

    def add(
        self, request: ReturnRequest, decision: ReturnDecision, at: datetime, actor: str
    ) -> int: ...
    def get(self, request_id: int) -> ReturnRecord | None: ...
    def accepted_for_line(
        self, store_code: str, order_no: str, line_no: int
    ) -> ReturnRecord | None:
        """The newest accepted request of the line, or of its whole order; holds the order to
        the end of the unit of work."""
        ...

    def goods_of_line(self, store_code: str, order_no: str, line_no: int) -> ReturnedGoods | None:
        """The goods of the line received back, if they were."""
        ...

    def add_goods(
        self, request_id: int, store_code: str, order_no: str, goods: ReturnedGoods,
        at: datetime, actor: str,
    ) -> None: ...  # fmt: skip
    def search(
        self,
        brand_codes: tuple[str, ...] | None,
        store_code: str | None,
        limit: int,
        offset: int,
    ) -> tuple[list[ReturnRecord], int]:
        """Requests newest first (by request day, then id), and how many there are."""
        ...


class CustodyLossRepository(Protocol):
    """Goods lost or damaged in the operator's custody (R-F7), by their natural key."""

    def find(self, loss: CustodyLoss) -> CustodyLoss | None:
        """The loss of the same goods, warehouse, kind and moment, if one is recorded."""
        ...

    def add(self, loss: CustodyLoss) -> None: ...
    def of_brand(self, brand_code: str, period: Period | None) -> list[CustodyLoss]:
        """The brand's losses, oldest first; only those of `period` when given."""
        ...

    def lost(self, brand_code: str, after: datetime, until: datetime) -> list[StockCount]:
        """Units per SKU and warehouse lost or damaged in (after, until] (R-F1, R-F7)."""
        ...


class FulfilmentUnitOfWork(UnitOfWork, Protocol):
    """The unit of work with the stock, the shipping queries and the return requests."""

    @property
    def stock(self) -> StockRepository: ...
    @property
    def shipping(self) -> ShippingQueries: ...
    @property
    def returns(self) -> ReturnRepository: ...
    @property
    def custody(self) -> CustodyLossRepository: ...
