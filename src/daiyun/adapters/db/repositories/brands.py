"""Brands in the database."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, insert, select, update

from daiyun.adapters.db.tables import brand
from daiyun.domain.agency import Brand

__all__ = ["SqlBrandRepository", "brand_id"]


def brand_id(connection: Connection, code: str) -> int:
    """The row id of the brand `code`; KeyError when there is none."""
    found = connection.execute(select(brand.c.id).where(brand.c.code == code)).scalar()
    if found is None:
        raise KeyError(f"no brand {code!r}")
    return int(found)


class SqlBrandRepository:
    """Brands by code."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def get(self, code: str) -> Brand | None:
        row = self._connection.execute(select(brand).where(brand.c.code == code)).first()
        return None if row is None else _brand_of(row)

    def add(self, new: Brand, at: datetime) -> None:
        self._connection.execute(
            insert(brand).values(
                code=new.code,
                name=new.name,
                is_active=new.is_active,
                tax_id=new.tax_id,
                created_at=at,
            )
        )

    def rename(self, code: str, name: str) -> None:
        self._connection.execute(update(brand).where(brand.c.code == code).values(name=name))

    def set_tax_id(self, code: str, tax_id: str) -> None:
        self._connection.execute(update(brand).where(brand.c.code == code).values(tax_id=tax_id))

    def set_active(self, code: str, is_active: bool) -> None:
        self._connection.execute(
            update(brand).where(brand.c.code == code).values(is_active=is_active)
        )

    def list_all(self) -> list[Brand]:
        rows = self._connection.execute(select(brand).order_by(brand.c.code))
        return [_brand_of(row) for row in rows]


def _brand_of(row: Row[Any]) -> Brand:
    return Brand(row.code, row.name, row.is_active, row.tax_id)
