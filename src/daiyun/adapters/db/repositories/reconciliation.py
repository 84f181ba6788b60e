"""What a store's month reconciliation reads: its orders, their lines and refunds, and its
Alipay lines (R-X1). domain/reconciliation/matching.py decides what belongs to the month."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, select

from daiyun.adapters.db.alipay_tables import alipay_entry
from daiyun.adapters.db.matching import IN_CHUNK, one_of
from daiyun.adapters.db.tables import order_line, refund, sales_order, sku, store
from daiyun.domain.calendar import SHANGHAI, Month
from daiyun.domain.money import Money
from daiyun.domain.orders import OrderStatus
from daiyun.domain.reconciliation import AlipayEntry, ExpectedLine, KnownOrder, RecordedRefund

__all__ = ["SqlReconciliationRepository"]

_COMPLETED = OrderStatus.COMPLETED.value


class SqlReconciliationRepository:
    """A store's month as reconciliation reads it."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def month_material(
        self, store_code: str, month: Month
    ) -> tuple[list[KnownOrder], list[AlipayEntry]]:
        """The orders the month may involve (completed in it, named by its Alipay lines, with
        refunds completed in it), each with its lines and all its refunds; the Alipay lines
        that occurred in it and every line naming one of those orders, whenever it occurred."""
        connection = self._connection
        store_id = connection.execute(
            select(store.c.id).where(store.c.code == store_code)
        ).scalar_one()
        period = month.period()
        entries = [
            _entry_of(row)
            for row in connection.execute(
                select(alipay_entry).where(
                    alipay_entry.c.store_id == store_id,
                    alipay_entry.c.occurred_at >= period.start,
                    alipay_entry.c.occurred_at < period.end,
                )
            )
        ]
        involved: set[str] = {entry.order_no for entry in entries if entry.order_no is not None}
        involved.update(
            connection.execute(
                select(sales_order.c.order_no).where(
                    sales_order.c.store_id == store_id,
                    sales_order.c.status == _COMPLETED,
                    sales_order.c.completed_at >= period.start,
                    sales_order.c.completed_at < period.end,
                )
            ).scalars()
        )
        involved.update(
            connection.execute(
                select(sales_order.c.order_no)
                .join(refund, refund.c.order_id == sales_order.c.id)
                .where(
                    sales_order.c.store_id == store_id,
                    refund.c.status == "completed",
                    refund.c.completed_at >= period.start,
                    refund.c.completed_at < period.end,
                )
                .distinct()
            ).scalars()
        )
        order_nos = sorted(involved)
        orders = self._orders(store_id, order_nos)
        seen = {entry.entry_no for entry in entries}
        for chunk in _chunks(order_nos):
            query = select(alipay_entry).where(
                alipay_entry.c.store_id == store_id,
                one_of(connection, alipay_entry.c.order_no, chunk),
            )
            for row in connection.execute(query):
                if row.entry_no not in seen:
                    seen.add(row.entry_no)
                    entries.append(_entry_of(row))
        return orders, entries

    def _orders(self, store_id: int, order_nos: Sequence[str]) -> list[KnownOrder]:
        connection = self._connection
        heads: dict[int, Any] = {}
        for chunk in _chunks(order_nos):
            query = select(
                sales_order.c.id,
                sales_order.c.order_no,
                sales_order.c.status,
                sales_order.c.completed_at,
                sales_order.c.total_fen,
                sales_order.c.shipping_fen,
                sales_order.c.has_sku_lines,
            ).where(
                sales_order.c.store_id == store_id,
                one_of(connection, sales_order.c.order_no, chunk),
            )
            heads.update((int(row.id), row) for row in connection.execute(query))
        lines: dict[int, list[ExpectedLine]] = defaultdict(list)
        refunds: dict[int, list[RecordedRefund]] = defaultdict(list)
        ids = sorted(heads)
        for start in range(0, len(ids), IN_CHUNK):
            chunk_ids = ids[start : start + IN_CHUNK]
            line_query = (
                select(
                    order_line.c.order_id,
                    order_line.c.line_no,
                    order_line.c.line_amount_fen,
                    sku.c.category,
                )
                .outerjoin(sku, sku.c.id == order_line.c.sku_id)
                .where(order_line.c.order_id.in_(chunk_ids))
                .order_by(order_line.c.order_id, order_line.c.line_no)
            )
            for row in connection.execute(line_query):
                lines[int(row.order_id)].append(
                    ExpectedLine(int(row.line_no), Money(int(row.line_amount_fen)), row.category)
                )
            refund_query = select(
                refund.c.order_id, refund.c.refund_key, refund.c.amount_fen, refund.c.completed_at
            ).where(
                refund.c.order_id.in_(chunk_ids),
                refund.c.status == "completed",
                refund.c.completed_at.is_not(None),
            )
            for row in connection.execute(refund_query):
                refunds[int(row.order_id)].append(
                    RecordedRefund(
                        _refunded_line_no(row.refund_key),
                        Money(int(row.amount_fen)),
                        row.completed_at.astimezone(SHANGHAI),
                    )
                )
        return [
            _known_order(head, lines[order_id], refunds[order_id])
            for order_id, head in heads.items()
        ]


def _known_order(head: Any, lines: list[ExpectedLine], refunds: list[RecordedRefund]) -> KnownOrder:
    shipping = Money(int(head.shipping_fen))
    if not head.has_sku_lines and not lines:
        # An order without SKU lines (an order-level report): its goods as one line, at the
        # platform's default rate (no category).
        lines = [ExpectedLine(0, Money(int(head.total_fen)) - shipping, None)]
    completed = head.completed_at if head.status == _COMPLETED else None
    return KnownOrder(
        head.order_no,
        None if completed is None else completed.astimezone(SHANGHAI),
        shipping,
        tuple(lines),
        tuple(sorted(refunds, key=lambda each: (each.completed_at, each.line_no or 0))),
    )


def _entry_of(row: Any) -> AlipayEntry:
    return AlipayEntry(
        entry_no=row.entry_no,
        business_no=row.business_no,
        merchant_order_no=row.merchant_order_no,
        item_name=row.item_name,
        occurred_at=row.occurred_at.astimezone(SHANGHAI),
        income=Money(int(row.income_fen)),
        expense=Money(int(row.expense_fen)),
        balance=None if row.balance_fen is None else Money(int(row.balance_fen)),
        channel=row.channel,
        business_type=row.business_type,
        remark=row.remark,
    )


def _refunded_line_no(refund_key: str) -> int | None:
    """The line a stored refund names: its key is "line N:…" ("order:…" names none)."""
    where, _, _ = refund_key.partition(":")
    kind, _, number = where.partition(" ")
    return int(number) if kind == "line" and number.isdigit() else None


def _chunks(values: Sequence[str]) -> Iterable[list[str]]:
    for start in range(0, len(values), IN_CHUNK):
        yield list(values[start : start + IN_CHUNK])
