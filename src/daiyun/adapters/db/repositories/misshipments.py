"""Mis-shipments as kept (R-F4), by their natural key (order, line, SKU ordered, SKU sent)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, Select, insert, select

from daiyun.adapters.db.fulfilment_tables import misshipment, misshipment_attachment
from daiyun.adapters.db.tables import brand, order_line, sales_order, store
from daiyun.domain.fulfilment.misshipments import Attachment, MisShipment, MisShipmentReport

__all__ = ["SqlMisShipmentRepository"]


def _misshipments() -> Select[Any]:
    m = misshipment.c
    return (
        select(
            m.id,
            brand.c.code.label("brand_code"),
            store.c.code.label("store_code"),
            sales_order.c.order_no,
            m.line_no,
            m.ordered_sku,
            m.sent_sku,
            m.report,
            m.recorded_at,
            m.recorded_by,
        )
        .join(brand, brand.c.id == m.brand_id)
        .join(store, store.c.id == m.store_id)
        .join(sales_order, sales_order.c.id == m.order_id)
    )


class SqlMisShipmentRepository:
    """A brand's mis-shipments and their attachments."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def _records(self, query: Select[Any]) -> list[MisShipment]:
        rows = list(self._connection.execute(query))
        ids = [int(row.id) for row in rows]
        files: dict[int, list[Attachment]] = {}
        if ids:
            a = misshipment_attachment.c
            for each in self._connection.execute(
                select(a.misshipment_id, a.file_name, a.sha256, a.size)
                .where(a.misshipment_id.in_(ids))
                .order_by(a.misshipment_id, a.file_name)
            ):
                files.setdefault(int(each.misshipment_id), []).append(
                    Attachment(each.file_name, each.sha256, int(each.size))
                )
        return [self._record(row, files.get(int(row.id), [])) for row in rows]

    @staticmethod
    def _record(row: Row[Any], files: list[Attachment]) -> MisShipment:
        report = MisShipmentReport(
            row.store_code,
            row.order_no,
            int(row.line_no),
            row.ordered_sku,
            row.sent_sku,
            row.report,
        )
        return MisShipment(
            int(row.id), row.brand_code, report, tuple(files), row.recorded_at, row.recorded_by
        )

    def line_sku(self, store_code: str, order_no: str, line_no: int) -> tuple[bool, str | None]:
        """Whether the order has the line, and the line's SKU code (None when it has none).
        (False, None) when there is no such order or line."""
        row = self._connection.execute(
            select(order_line.c.sku_code)
            .join(sales_order, sales_order.c.id == order_line.c.order_id)
            .join(store, store.c.id == sales_order.c.store_id)
            .where(
                store.c.code == store_code,
                sales_order.c.order_no == order_no,
                order_line.c.line_no == line_no,
            )
        ).first()
        return (False, None) if row is None else (True, row.sku_code)

    def find(self, report: MisShipmentReport) -> MisShipment | None:
        m = misshipment.c
        found = self._records(
            _misshipments().where(
                store.c.code == report.store,
                sales_order.c.order_no == report.order_no,
                m.line_no == report.line_no,
                m.ordered_sku == report.ordered_sku,
                m.sent_sku == report.sent_sku,
            )
        )
        return found[0] if found else None

    def add(
        self,
        report: MisShipmentReport,
        attachments: Sequence[Attachment],
        at: datetime,
        actor: str,
    ) -> int:
        ids = self._connection.execute(
            select(sales_order.c.id, store.c.id.label("store_id"), store.c.brand_id)
            .join(store, store.c.id == sales_order.c.store_id)
            .where(store.c.code == report.store, sales_order.c.order_no == report.order_no)
        ).one()
        new_id = self._connection.execute(
            insert(misshipment)
            .values(
                brand_id=ids.brand_id,
                store_id=ids.store_id,
                order_id=ids.id,
                line_no=report.line_no,
                ordered_sku=report.ordered_sku,
                sent_sku=report.sent_sku,
                report=report.report,
                recorded_at=at,
                recorded_by=actor,
            )
            .returning(misshipment.c.id)
        ).scalar_one()
        if attachments:
            self._connection.execute(
                insert(misshipment_attachment),
                [
                    {
                        "misshipment_id": new_id,
                        "file_name": each.file_name,
                        "sha256": each.sha256,
                        "size": each.size,
                    }
                    for each in attachments
                ],
            )
        return int(new_id)

    def of_brands(self, brand_codes: Iterable[str] | None, limit: int = 200) -> list[MisShipment]:
        """The brands' mis-shipments (every brand's when None), newest first."""
        query = _misshipments()
        if brand_codes is not None:
            query = query.where(brand.c.code.in_(list(brand_codes)))
        return self._records(
            query.order_by(misshipment.c.recorded_at.desc(), misshipment.c.id.desc()).limit(limit)
        )
