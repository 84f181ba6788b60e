"""Orders and imported files read for lists and pages: one query per list, one for its count."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Row, Select, and_, func, or_, select

from daiyun.adapters.db.tables import (
    brand,
    contract_term,
    import_file,
    order_line,
    sales_order,
    store,
)
from daiyun.domain.money import Money
from daiyun.domain.orders.records import OrderStatus
from daiyun.domain.orders.search import (
    ImportRecord,
    OrderFilter,
    OrderLineView,
    OrderSummary,
    Page,
)

__all__ = ["SqlOrderQueries"]

_ORDER_COLUMNS = (
    brand.c.code.label("brand_code"),
    store.c.code.label("store_code"),
    sales_order.c.id,
    sales_order.c.platform,
    sales_order.c.order_no,
    sales_order.c.status,
    sales_order.c.created_at,
    sales_order.c.paid_at,
    sales_order.c.shipped_at,
    sales_order.c.completed_at,
    sales_order.c.total_fen,
    sales_order.c.paid_fen,
    sales_order.c.shipping_fen,
    sales_order.c.refund_fen,
    sales_order.c.province,
    sales_order.c.city,
)


class SqlOrderQueries:
    """Read-only order lists, filtered in SQL, newest payment first."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def _orders(self) -> Select[Any]:
        return (
            select(*_ORDER_COLUMNS)
            .join(store, store.c.id == sales_order.c.store_id)
            .join(brand, brand.c.id == store.c.brand_id)
        )

    def search(self, where: OrderFilter, page: Page) -> tuple[list[OrderSummary], int]:
        conditions = _conditions(where)
        query = (
            self._orders()
            .where(*conditions)
            .order_by(sales_order.c.paid_at.desc(), sales_order.c.id.desc())
            .offset(page.offset)
            .limit(page.size)
        )
        counted = (
            select(func.count(sales_order.c.id))
            .join(store, store.c.id == sales_order.c.store_id)
            .join(brand, brand.c.id == store.c.brand_id)
            .where(*conditions)
        )
        rows = self._connection.execute(query).all()
        total = int(self._connection.execute(counted).scalar_one())
        return [_summary(row) for row in rows], total

    def shipping_candidates(
        self,
        brand_codes: tuple[str, ...] | None,
        paid_before: datetime,
        shipped_since: datetime,
        limit: int,
    ) -> list[tuple[OrderSummary, str | None]]:
        """R-F2: paid orders still unshipped since before `paid_before`, and orders shipped
        since `shipped_since` — those that may be late — each with its contract's
        `shipping_sla_hours` term as stored (None: the default); oldest payment first."""
        unshipped = and_(
            sales_order.c.status == OrderStatus.PAID.value,
            sales_order.c.shipped_at.is_(None),
            sales_order.c.paid_at < paid_before,
        )
        shipped = and_(
            sales_order.c.shipped_at >= shipped_since, sales_order.c.paid_at.is_not(None)
        )
        hours = and_(
            contract_term.c.contract_id == store.c.contract_id,
            contract_term.c.name == "shipping_sla_hours",
        )
        query = (
            self._orders()
            .add_columns(contract_term.c.value.label("sla_hours"))
            .outerjoin(contract_term, hours)
            .where(or_(unshipped, shipped))
        )
        if brand_codes is not None:
            query = query.where(brand.c.code.in_(brand_codes))
        rows = self._connection.execute(
            query.order_by(sales_order.c.paid_at, sales_order.c.id).limit(limit)
        )
        return [(_summary(row), row.sla_hours) for row in rows]

    def get(self, store_code: str, order_no: str) -> OrderSummary | None:
        query = self._orders().where(store.c.code == store_code, sales_order.c.order_no == order_no)
        row = self._connection.execute(query).first()
        if row is None:
            return None
        lines = self._connection.execute(
            select(order_line).where(order_line.c.order_id == row.id).order_by(order_line.c.line_no)
        )
        return _summary(row, tuple(_line(each) for each in lines))

    def imports(
        self, brand_codes: tuple[str, ...] | None, store_code: str | None, page: Page
    ) -> tuple[list[ImportRecord], int]:
        conditions: list[ColumnElement[bool]] = []
        if brand_codes is not None:
            conditions.append(brand.c.code.in_(brand_codes))
        if store_code is not None:
            conditions.append(store.c.code == store_code)
        joined = import_file.join(store, store.c.id == import_file.c.store_id).join(
            brand, brand.c.id == store.c.brand_id
        )
        query = (
            select(brand.c.code.label("brand_code"), store.c.code.label("store_code"), import_file)
            .select_from(joined)
            .where(*conditions)
            .order_by(import_file.c.imported_at.desc(), import_file.c.id.desc())
            .offset(page.offset)
            .limit(page.size)
        )
        counted = select(func.count(import_file.c.id)).select_from(joined).where(*conditions)
        records = [
            ImportRecord(
                brand_code=row.brand_code,
                store_code=row.store_code,
                name=row.name,
                format=row.format,
                sha256=row.sha256,
                as_of=row.as_of,
                imported_at=row.imported_at,
                actor=row.actor,
                orders_new=row.orders_new,
                orders_updated=row.orders_updated,
                lines_new=row.lines_new,
                lines_updated=row.lines_updated,
                rejected_rows=row.rejected_rows,
            )
            for row in self._connection.execute(query)
        ]
        return records, int(self._connection.execute(counted).scalar_one())


def _conditions(where: OrderFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if where.brand_codes is not None:
        conditions.append(brand.c.code.in_(where.brand_codes))
    if where.store_code is not None:
        conditions.append(store.c.code == where.store_code)
    if where.status is not None:
        conditions.append(sales_order.c.status == where.status.value)
    if where.paid_since is not None:
        conditions.append(sales_order.c.paid_at >= where.paid_since)
    if where.paid_before is not None:
        conditions.append(sales_order.c.paid_at < where.paid_before)
    if where.order_no is not None:
        conditions.append(sales_order.c.order_no == where.order_no)
    return conditions


def _summary(row: Row[Any], lines: tuple[OrderLineView, ...] = ()) -> OrderSummary:
    return OrderSummary(
        brand_code=row.brand_code,
        store_code=row.store_code,
        platform=row.platform,
        order_no=row.order_no,
        status=OrderStatus(row.status),
        created_at=row.created_at,
        paid_at=row.paid_at,
        shipped_at=row.shipped_at,
        completed_at=row.completed_at,
        total=Money(row.total_fen),
        paid=Money(row.paid_fen),
        shipping=Money(row.shipping_fen),
        refunded=Money(row.refund_fen),
        province=row.province,
        city=row.city,
        lines=lines,
    )


def _line(row: Row[Any]) -> OrderLineView:
    return OrderLineView(
        line_no=row.line_no,
        sku_code=row.sku_code,
        title=row.title,
        units=row.units,
        unit_price=Money(row.unit_price_fen),
        line_amount=Money(row.line_amount_fen),
        guide_price=None if row.guide_price_fen is None else Money(row.guide_price_fen),
        price_check=row.price_check,
        status=OrderStatus(row.status),
        refund_units=row.refund_units,
        refund_amount=Money(row.refund_fen),
    )
