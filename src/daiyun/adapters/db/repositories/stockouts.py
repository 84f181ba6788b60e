"""Stockouts as kept (R-F3): a listing first seen on sale with nothing on hand, its duties'
last days, and how it closed. At most one open stockout per listing (a partial unique index,
migration 0017), so two checks at once cannot both start one."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, Select, and_, insert, select, update

from daiyun.adapters.db.fulfilment_tables import stockout
from daiyun.adapters.db.tables import brand, sku, store
from daiyun.domain.calendar import business_date
from daiyun.domain.fulfilment.stockouts import Stockout, StockoutDuties

__all__ = ["SqlStockoutRepository"]


def _stockouts() -> Select[Any]:
    s = stockout.c
    return (
        select(
            s.id,
            brand.c.code.label("brand_code"),
            store.c.code.label("store_code"),
            sku.c.code.label("sku_code"),
            s.started_at,
            s.started_on,
            s.notice_by,
            s.replenish_by,
            s.ended_at,
            s.done_at,
            s.done_by,
            s.done_note,
        )
        .join(brand, brand.c.id == s.brand_id)
        .join(store, store.c.id == s.store_id)
        .join(sku, sku.c.id == s.sku_id)
    )


def _stockout(row: Row[Any]) -> Stockout:
    return Stockout(
        id=int(row.id),
        brand=row.brand_code,
        store=row.store_code,
        sku=row.sku_code,
        started_at=row.started_at,
        started_on=row.started_on,
        duties=StockoutDuties(row.notice_by, row.replenish_by),
        ended_at=row.ended_at,
        done_at=row.done_at,
        done_by=row.done_by,
        done_note=row.done_note,
    )


class SqlStockoutRepository:
    """A brand's stockouts by listing."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def open_of_brand(self, brand_code: str) -> list[Stockout]:
        """The brand's stockouts neither ended nor done, by store and SKU."""
        rows = self._connection.execute(
            _stockouts()
            .where(
                brand.c.code == brand_code,
                stockout.c.ended_at.is_(None),
                stockout.c.done_at.is_(None),
            )
            .order_by(store.c.code, sku.c.code)
        )
        return [_stockout(row) for row in rows]

    def settled_of_brand(self, brand_code: str) -> list[Stockout]:
        """The brand's stockouts whose task is done while the SKU has not been seen back in
        stock: a check starts no new one for their listings until it has."""
        rows = self._connection.execute(
            _stockouts()
            .where(
                brand.c.code == brand_code,
                stockout.c.ended_at.is_(None),
                stockout.c.done_at.is_not(None),
            )
            .order_by(store.c.code, sku.c.code)
        )
        return [_stockout(row) for row in rows]

    def of_brands(self, brand_codes: Iterable[str] | None, *, open_only: bool) -> list[Stockout]:
        """Stockouts of the brands (all brands when None), oldest first."""
        query = _stockouts()
        if brand_codes is not None:
            query = query.where(brand.c.code.in_(list(brand_codes)))
        if open_only:
            query = query.where(and_(stockout.c.ended_at.is_(None), stockout.c.done_at.is_(None)))
        rows = self._connection.execute(
            query.order_by(stockout.c.started_at, store.c.code, sku.c.code, stockout.c.id)
        )
        return [_stockout(row) for row in rows]

    def start(
        self, store_code: str, sku_code: str, started_at: datetime, duties: StockoutDuties
    ) -> None:
        ids = self._connection.execute(
            select(store.c.id.label("store_id"), store.c.brand_id, sku.c.id.label("sku_id"))
            .join(sku, sku.c.brand_id == store.c.brand_id)
            .where(store.c.code == store_code, sku.c.code == sku_code)
        ).one()
        self._connection.execute(
            insert(stockout).values(
                brand_id=ids.brand_id,
                store_id=ids.store_id,
                sku_id=ids.sku_id,
                started_at=started_at,
                started_on=business_date(started_at),
                notice_by=duties.notice_by,
                replenish_by=duties.replenish_by,
            )
        )

    def end(self, stockout_id: int, at: datetime) -> None:
        self._connection.execute(
            update(stockout).where(stockout.c.id == stockout_id).values(ended_at=at)
        )

    def mark_done(self, stockout_id: int, at: datetime, actor: str, note: str) -> bool:
        """The task done; False when the stockout was closed meanwhile."""
        changed = self._connection.execute(
            update(stockout)
            .where(
                stockout.c.id == stockout_id,
                stockout.c.ended_at.is_(None),
                stockout.c.done_at.is_(None),
            )
            .values(done_at=at, done_by=actor, done_note=note)
        )
        return changed.rowcount == 1
