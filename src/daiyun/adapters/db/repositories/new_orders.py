"""Batches of new orders written while the next batch is made ready.

An import reads a batch, works it out, and writes it. On PostgreSQL the writing is the
server's work: while it copies one batch, this makes the next one ready in the import's
read-ahead thread — checks that none of its orders is stored, takes its ids and writes its
COPY data — over a second connection of its own. Sequences are not transactional, so ids taken
there are the import's; orders the store already has are committed ones, seen alike from both
connections (the import holds the store's lock, and a file lists each order once). On SQLite
the one writer does it all when the batch is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from threading import Lock

from sqlalchemy import Connection, select

from daiyun.adapters.db.bulk import BulkInserter, reserve_ids
from daiyun.adapters.db.matching import IN_CHUNK, one_of
from daiyun.adapters.db.repositories.order_columns import (
    CopyData,
    insert_new_orders,
    new_orders_copy_data,
)
from daiyun.adapters.db.repositories.rollup_sums import BatchSums, RollupSums, batch_sums
from daiyun.adapters.db.tables import sales_order
from daiyun.domain.orders.columns import StoredColumns

__all__ = ["NewOrderWriter"]


@dataclass(frozen=True)
class _Ready:
    """A batch made ready: its COPY data (PostgreSQL), or the batch itself (SQLite)."""

    copy_data: list[CopyData] | None
    order_nos: Sequence[str]
    stored: StoredColumns
    sums: BatchSums | None  # its paid orders' sums for the sales rollups


class NewOrderWriter:
    """Writes batches of orders none of which the store has, in the import's transaction.

    `ready` may run in another thread than `write`; both run in the unit of work's lifetime,
    and `close` ends the second connection.
    """

    def __init__(
        self,
        connection: Connection,
        bulk: BulkInserter,
        store: tuple[int, str],
        sku_ids: dict[str, int],
        check_stored: bool,
        rollups: tuple[RollupSums, dict[str, str]],
    ) -> None:
        self._connection = connection
        self._bulk = bulk
        self._store_id, self._platform = store
        self._sku_ids = sku_ids
        self._check_stored = check_stored
        # The import's sums for the sales rollups, and the catalogue's category of each SKU.
        self._sums, self._categories = rollups
        self._beside: Connection | None = None
        self._beside_lock = Lock()

    def ready(self, order_nos: Sequence[str], stored: StoredColumns) -> _Ready | None:
        """The batch ready to write; None when the store has one of its orders already."""
        copy = self._bulk.takes_copy_data
        sums = batch_sums((self._store_id, self._platform), self._categories, stored, copy)
        if not copy:
            return _Ready(None, order_nos, stored, sums)
        with self._beside_lock:
            beside = self._beside_connection()
            if self._check_stored and _stored_any(
                beside, self._store_id, self._platform, order_nos
            ):
                return None
            copy_data = new_orders_copy_data(
                lambda table, count: reserve_ids(beside, table, count),
                self._store_id,
                self._platform,
                self._sku_ids,
                stored,
            )
        return _Ready(copy_data, order_nos, stored, sums)

    def write(self, ready: _Ready) -> bool:
        """Write a batch made ready; False (nothing written) when the store has one of its
        orders already. Its foreign keys are checked before this returns."""
        if ready.copy_data is None:
            if self._check_stored and _stored_any(
                self._connection, self._store_id, self._platform, ready.order_nos
            ):
                return False
            insert_new_orders(
                self._bulk, self._store_id, self._platform, self._sku_ids, ready.stored
            )
        else:
            for table_data in ready.copy_data:
                self._bulk.adopt_ids(table_data.table, table_data.ids)
                self._bulk.insert_copy_data(table_data.table, table_data.columns, table_data.data)
        self._bulk.check_keys_so_far()
        self._sums.add(self._bulk, self._store_id, ready.sums)
        return True

    def close(self) -> None:
        """End the second connection, if one was opened."""
        with self._beside_lock:
            beside, self._beside = self._beside, None
        if beside is not None:
            beside.close()

    def _beside_connection(self) -> Connection:
        if self._beside is None:
            engine = self._connection.engine
            self._beside = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        return self._beside


def _stored_any(
    connection: Connection, store_id: int, platform: str, order_nos: Sequence[str]
) -> bool:
    """True when the store has any of these orders (committed, or this connection's own)."""
    chunk = max(len(order_nos), 1) if connection.dialect.name == "postgresql" else IN_CHUNK
    for start in range(0, len(order_nos), chunk):
        query = select(sales_order.c.id).where(
            one_of(connection, sales_order.c.order_no, order_nos[start : start + chunk]),
            sales_order.c.store_id == store_id,
            sales_order.c.platform == platform,
        )
        if connection.execute(query.limit(1)).first() is not None:
            return True
    return False
