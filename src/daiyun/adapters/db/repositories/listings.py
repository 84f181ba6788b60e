"""Listings and repricing tasks in the database (R-P2, R-P3, R-P5)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, Select, and_, insert, select, update

from daiyun.adapters.db.price_tables import listing, repricing_task
from daiyun.adapters.db.repositories.month_inputs import read_out_of_bounds_sales
from daiyun.adapters.db.tables import brand, sku, store
from daiyun.domain.calendar import Month
from daiyun.domain.money import Money
from daiyun.domain.pricing import Listing, ListingStatus, RepricingTask
from daiyun.domain.settlement import SettlementLine

__all__ = ["SqlListingRepository"]


def _ids(connection: Connection, store_code: str, sku_code: str) -> tuple[int, int]:
    """(store id, SKU id) of a store and a SKU of the store's brand; KeyError when unknown."""
    row = connection.execute(
        select(store.c.id.label("store_id"), sku.c.id.label("sku_id"))
        .join(sku, sku.c.brand_id == store.c.brand_id)
        .where(store.c.code == store_code, sku.c.code == sku_code)
    ).first()
    if row is None:
        raise KeyError(f"no SKU {sku_code!r} of store {store_code!r}'s brand")
    return int(row.store_id), int(row.sku_id)


def _listings() -> Select[Any]:
    return (
        select(
            listing.c.id,
            store.c.code.label("store_code"),
            sku.c.code.label("sku_code"),
            listing.c.price_fen,
            listing.c.status,
        )
        .join(store, store.c.id == listing.c.store_id)
        .join(sku, sku.c.id == listing.c.sku_id)
    )


def _listing(row: Row[Any]) -> Listing:
    return Listing(row.store_code, row.sku_code, Money(row.price_fen), ListingStatus(row.status))


class SqlListingRepository:
    """A store's offers by (store, SKU), and the tasks to bring them back within bounds."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def get(self, store_code: str, sku_code: str) -> Listing | None:
        row = self._connection.execute(
            _listings().where(store.c.code == store_code, sku.c.code == sku_code)
        ).first()
        return None if row is None else _listing(row)

    def save(self, offer: Listing, at: datetime) -> None:
        store_id, sku_id = _ids(self._connection, offer.store, offer.sku)
        values = {"price_fen": offer.price.fen, "status": offer.status.value, "updated_at": at}
        changed = self._connection.execute(
            update(listing)
            .where(listing.c.store_id == store_id, listing.c.sku_id == sku_id)
            .values(**values)
        )
        if changed.rowcount == 0:
            self._connection.execute(
                insert(listing).values(store_id=store_id, sku_id=sku_id, **values)
            )

    def of_brand(self, brand_code: str, sku_codes: Iterable[str] | None = None) -> list[Listing]:
        query = (
            _listings()
            .join(brand, brand.c.id == store.c.brand_id)
            .where(brand.c.code == brand_code)
        )
        if sku_codes is not None:
            query = query.where(sku.c.code.in_(list(sku_codes)))
        rows = self._connection.execute(query.order_by(store.c.code, sku.c.code))
        return [_listing(row) for row in rows]

    def add_tasks(self, tasks: Sequence[RepricingTask], at: datetime) -> int:
        added = 0
        for task in tasks:
            store_id, sku_id = _ids(self._connection, task.store, task.sku)
            listing_id = self._connection.execute(
                select(listing.c.id).where(
                    listing.c.store_id == store_id, listing.c.sku_id == sku_id
                )
            ).scalar_one()
            key = and_(
                repricing_task.c.listing_id == listing_id,
                repricing_task.c.guide_price_fen == task.guide_price.fen,
                repricing_task.c.listing_price_fen == task.listing_price.fen,
            )
            if self._connection.execute(select(repricing_task.c.id).where(key)).first():
                continue  # the same change seen again: exactly once (R-P5)
            self._connection.execute(
                insert(repricing_task).values(
                    listing_id=listing_id,
                    rule=task.rule,
                    listing_price_fen=task.listing_price.fen,
                    guide_price_fen=task.guide_price.fen,
                    highest_price_fen=task.highest_price.fen,
                    due_on=task.due_on,
                    created_at=at,
                )
            )
            added += 1
        return added

    def open_tasks(self, brand_code: str | None = None) -> list[RepricingTask]:
        query = (
            select(
                repricing_task,
                store.c.code.label("store_code"),
                sku.c.code.label("sku_code"),
            )
            .join(listing, listing.c.id == repricing_task.c.listing_id)
            .join(store, store.c.id == listing.c.store_id)
            .join(sku, sku.c.id == listing.c.sku_id)
            .join(brand, brand.c.id == store.c.brand_id)
            .where(repricing_task.c.resolved_at.is_(None))
            .order_by(repricing_task.c.due_on, store.c.code, sku.c.code)
        )
        if brand_code is not None:
            query = query.where(brand.c.code == brand_code)
        return [
            RepricingTask(
                row.store_code,
                row.sku_code,
                Money(row.listing_price_fen),
                Money(row.guide_price_fen),
                Money(row.highest_price_fen),
                row.rule,
                row.due_on,
            )
            for row in self._connection.execute(query)
        ]

    def resolve_tasks(self, store_code: str, sku_code: str, at: datetime) -> int:
        store_id, sku_id = _ids(self._connection, store_code, sku_code)
        listing_ids = select(listing.c.id).where(
            listing.c.store_id == store_id, listing.c.sku_id == sku_id
        )
        result = self._connection.execute(
            update(repricing_task)
            .where(
                repricing_task.c.listing_id.in_(listing_ids),
                repricing_task.c.resolved_at.is_(None),
            )
            .values(resolved_at=at)
        )
        return int(result.rowcount)

    def out_of_bounds_sales(
        self, brand_code: str, store_code: str | None, month: Month
    ) -> list[SettlementLine]:
        query = select(store.c.id).join(brand, brand.c.id == store.c.brand_id)
        query = query.where(brand.c.code == brand_code)
        if store_code is not None:
            query = query.where(store.c.code == store_code)
        store_ids = [int(each) for each in self._connection.execute(query).scalars()]
        return read_out_of_bounds_sales(self._connection, store_ids, month)
