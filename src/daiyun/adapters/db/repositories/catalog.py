"""SKUs and their guide-price history (R-P1) in the database."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import Connection, func, insert, select, update

from daiyun.adapters.db.repositories.brands import brand_id
from daiyun.adapters.db.tables import brand, guide_price, sku
from daiyun.domain.money import Money
from daiyun.domain.pricing import GuidePrice, Sku

__all__ = ["SqlCatalogRepository"]


class SqlCatalogRepository:
    """A brand's SKUs by their seller code (商家编码)."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def get(self, brand_code: str, sku_code: str) -> Sku | None:
        return self._load(brand_code, sku_code).get(sku_code)

    def get_many(self, brand_code: str) -> dict[str, Sku]:
        return self._load(brand_code, None)

    def _load(self, brand_code: str, only: str | None) -> dict[str, Sku]:
        where = [brand.c.code == brand_code]
        if only is not None:
            where.append(sku.c.code == only)
        sku_rows = self._connection.execute(
            select(sku).join(brand, brand.c.id == sku.c.brand_id).where(*where)
        ).all()
        prices: dict[int, list[GuidePrice]] = defaultdict(list)
        price_rows = self._connection.execute(
            select(guide_price)
            .join(sku, sku.c.id == guide_price.c.sku_id)
            .join(brand, brand.c.id == sku.c.brand_id)
            .where(*where)
            .order_by(guide_price.c.effective_from)
        )
        for row in price_rows:
            prices[row.sku_id].append(GuidePrice(row.effective_from, Money(row.price_fen)))
        return {
            row.code: Sku(
                brand_code=brand_code,
                code=row.code,
                name=row.name,
                category=row.category,
                fulfilment=row.fulfilment,
                guide_prices=tuple(prices[row.id]),
            )
            for row in sku_rows
        }

    def add(self, new: Sku, at: datetime) -> None:
        result = self._connection.execute(
            insert(sku).values(
                brand_id=brand_id(self._connection, new.brand_code),
                code=new.code,
                name=new.name,
                category=new.category,
                fulfilment=new.fulfilment,
                created_at=at,
            )
        )
        sku_id = int(result.inserted_primary_key[0])  # type: ignore[index]
        for price in new.guide_prices:
            self._insert_price(sku_id, price, at)

    def update_details(self, changed: Sku) -> None:
        self._connection.execute(
            update(sku)
            .where(sku.c.id == self._sku_id(changed.brand_code, changed.code))
            .values(name=changed.name, category=changed.category, fulfilment=changed.fulfilment)
        )

    def add_guide_price(
        self, brand_code: str, sku_code: str, new_price: GuidePrice, at: datetime
    ) -> None:
        self._insert_price(self._sku_id(brand_code, sku_code), new_price, at)

    def count_by_brand(self) -> dict[str, int]:
        rows = self._connection.execute(
            select(brand.c.code, func.count(sku.c.id))
            .join(sku, sku.c.brand_id == brand.c.id)
            .group_by(brand.c.code)
        )
        return {code: int(count) for code, count in rows}

    def _sku_id(self, brand_code: str, sku_code: str) -> int:
        return int(
            self._connection.execute(
                select(sku.c.id)
                .join(brand, brand.c.id == sku.c.brand_id)
                .where(brand.c.code == brand_code, sku.c.code == sku_code)
            ).scalar_one()
        )

    def _insert_price(self, sku_id: int, price: GuidePrice, at: datetime) -> None:
        self._connection.execute(
            insert(guide_price).values(
                sku_id=sku_id,
                effective_from=price.effective_from,
                price_fen=price.price.fen,
                recorded_at=at,
            )
        )
