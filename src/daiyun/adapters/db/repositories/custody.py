"""Custody losses in the database (issue 19, R-F7): goods of a brand lost or damaged in the
operator's custody, charged at the guide price, by their natural key (brand, SKU, warehouse,
kind, moment); the units each takes off the stock (R-F1); and a contract's losses of a month,
which its statement owes the brand (read by the statements repository)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Select, func, insert, select

from daiyun.adapters.db.fulfilment_tables import custody_loss
from daiyun.adapters.db.repositories.brands import brand_id
from daiyun.adapters.db.tables import brand, contract, sku
from daiyun.domain.calendar import Month, Period
from daiyun.domain.fulfilment.custody import CustodyLoss, LossKind
from daiyun.domain.fulfilment.stock import StockCount
from daiyun.domain.money import Money

__all__ = ["SqlCustodyLossRepository", "contract_losses"]


def _losses() -> Select[Any]:
    return (
        select(
            custody_loss,
            brand.c.code.label("brand_code"),
            contract.c.code.label("contract_code"),
            sku.c.code.label("sku_code"),
        )
        .join(brand, brand.c.id == custody_loss.c.brand_id)
        .join(contract, contract.c.id == custody_loss.c.contract_id)
        .join(sku, sku.c.id == custody_loss.c.sku_id)
        .order_by(custody_loss.c.occurred_at, custody_loss.c.id)
    )


def _loss(row: Any) -> CustodyLoss:
    return CustodyLoss(
        brand=row.brand_code,
        contract=row.contract_code,
        sku=row.sku_code,
        warehouse=row.warehouse,
        quantity=int(row.quantity),
        kind=LossKind(row.kind),
        occurred_at=row.occurred_at,
        what=row.what,
        guide_price=Money(int(row.guide_price_fen)),
        recorded_at=row.recorded_at,
        recorded_by=row.recorded_by,
    )


def contract_losses(connection: Connection, contract_code: str, month: Month) -> list[CustodyLoss]:
    """The losses owed on the contract's statement of `month` (Beijing), oldest first."""
    period = month.period()
    query = _losses().where(
        contract.c.code == contract_code,
        custody_loss.c.occurred_at >= period.start,
        custody_loss.c.occurred_at < period.end,
    )
    return [_loss(row) for row in connection.execute(query)]


class SqlCustodyLossRepository:
    """A brand's custody losses (R-F7)."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def find(self, loss: CustodyLoss) -> CustodyLoss | None:
        """The loss of the same goods, kind and moment, if one is recorded."""
        query = _losses().where(
            brand.c.code == loss.brand,
            sku.c.code == loss.sku,
            custody_loss.c.warehouse == loss.warehouse,
            custody_loss.c.kind == loss.kind.value,
            custody_loss.c.occurred_at == loss.occurred_at,
        )
        row = self._connection.execute(query).first()
        return None if row is None else _loss(row)

    def add(self, loss: CustodyLoss) -> None:
        found = self._connection.execute(
            select(sku.c.id, contract.c.id.label("contract_id"))
            .join(brand, brand.c.id == sku.c.brand_id)
            .join(contract, contract.c.brand_id == brand.c.id)
            .where(brand.c.code == loss.brand, sku.c.code == loss.sku)
            .where(contract.c.code == loss.contract)
        ).one()
        self._connection.execute(
            insert(custody_loss).values(
                brand_id=brand_id(self._connection, loss.brand),
                contract_id=found.contract_id,
                sku_id=found.id,
                warehouse=loss.warehouse,
                kind=loss.kind.value,
                occurred_at=loss.occurred_at,
                quantity=loss.quantity,
                guide_price_fen=loss.guide_price.fen,
                amount_fen=loss.amount.fen,
                what=loss.what,
                recorded_at=loss.recorded_at,
                recorded_by=loss.recorded_by,
            )
        )

    def of_brand(self, brand_code: str, period: Period | None) -> list[CustodyLoss]:
        """The brand's losses, oldest first; only those of `period` when given."""
        query = _losses().where(brand.c.code == brand_code)
        if period is not None:
            query = query.where(
                custody_loss.c.occurred_at >= period.start,
                custody_loss.c.occurred_at < period.end,
            )
        return [_loss(row) for row in self._connection.execute(query)]

    def lost(self, brand_code: str, after: datetime, until: datetime) -> list[StockCount]:
        """Units per SKU and warehouse lost or damaged in (after, until] (R-F1, R-F7)."""
        units = func.sum(custody_loss.c.quantity)
        rows = self._connection.execute(
            select(sku.c.code, custody_loss.c.warehouse, units.label("units"))
            .join(sku, sku.c.id == custody_loss.c.sku_id)
            .where(
                custody_loss.c.brand_id == brand_id(self._connection, brand_code),
                custody_loss.c.occurred_at > after,
                custody_loss.c.occurred_at <= until,
            )
            .group_by(sku.c.code, custody_loss.c.warehouse)
        )
        return [StockCount(row.code, row.warehouse, int(row.units)) for row in rows]
