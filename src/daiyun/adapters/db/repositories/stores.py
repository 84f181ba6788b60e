"""Stores in the database."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, Select, insert, select, update

from daiyun.adapters.db.repositories.brands import brand_id
from daiyun.adapters.db.tables import brand, contract, store
from daiyun.domain.agency import Store

__all__ = ["SqlStoreRepository"]

_COLUMNS = (
    store.c.code,
    brand.c.code.label("brand_code"),
    contract.c.code.label("contract_code"),
    store.c.platform,
    store.c.name,
    store.c.go_live_on,
)


class SqlStoreRepository:
    """Stores by code, each with its brand and contract codes."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def _select(self) -> Select[Any]:
        return (
            select(*_COLUMNS)
            .join(brand, brand.c.id == store.c.brand_id)
            .join(contract, contract.c.id == store.c.contract_id)
        )

    def get(self, code: str) -> Store | None:
        row = self._connection.execute(self._select().where(store.c.code == code)).first()
        return None if row is None else _store(row)

    def save(self, new: Store, at: datetime) -> None:
        contract_id = self._connection.execute(
            select(contract.c.id).where(contract.c.code == new.contract_code)
        ).scalar_one()
        values = {
            "brand_id": brand_id(self._connection, new.brand_code),
            "contract_id": contract_id,
            "platform": new.platform,
            "name": new.name,
            "go_live_on": new.go_live_on,
        }
        exists = self._connection.execute(select(store.c.id).where(store.c.code == new.code))
        if exists.first() is None:
            self._connection.execute(insert(store).values(code=new.code, created_at=at, **values))
        else:
            self._connection.execute(update(store).where(store.c.code == new.code).values(values))

    def list_all(self) -> list[Store]:
        rows = self._connection.execute(self._select().order_by(store.c.code))
        return [_store(row) for row in rows]


def _store(row: Row) -> Store:  # type: ignore[type-arg]
    return Store(
        code=row.code,
        brand_code=row.brand_code,
        contract_code=row.contract_code,
        platform=row.platform,
        name=row.name,
        go_live_on=row.go_live_on,
    )
