"""The machine's ceiling for reconciling a month: one plain SQL join of the same rows.

The store's orders completed in the month ⋈ their order lines ⋈ the Alipay lines naming them,
aggregated per order (lines' amount, income, expense, rows joined) and fetched in full
(`.all()`) through daiyun's own table definitions, as the application gets values back. No
refunds, no lines of other months, no objects built, no matching: what any reader of these rows
must pay at least. Best of several runs.
"""

from __future__ import annotations

import time

from sqlalchemy import Engine, and_, func, select

from daiyun.adapters.db.alipay_tables import alipay_entry
from daiyun.adapters.db.engine import make_engine
from daiyun.adapters.db.tables import order_line, sales_order, store
from daiyun.domain.calendar import Month

from .ceilings import Ceiling

__all__ = ["METHOD", "reconcile_ceiling"]

METHOD = (
    "SQLAlchemy Core select of the month's completed orders ⋈ order lines ⋈ the Alipay lines "
    "naming them, grouped per order, fetched in full; best of runs"
)


def _fetch(engine: Engine, store_code: str, month: Month) -> int:
    period = month.period()
    with engine.connect() as connection:
        store_id = connection.execute(
            select(store.c.id).where(store.c.code == store_code)
        ).scalar_one()
        entry_order_no = alipay_entry.c.order_no
        if connection.dialect.name == "postgresql":
            # sales_order.order_no is compared byte by byte (collation "C", migration 0009).
            entry_order_no = entry_order_no.collate("C")
        query = (
            select(
                sales_order.c.order_no,
                sales_order.c.completed_at,
                sales_order.c.shipping_fen,
                func.sum(order_line.c.line_amount_fen),
                func.sum(alipay_entry.c.income_fen),
                func.sum(alipay_entry.c.expense_fen),
                func.count(),
            )
            .select_from(
                sales_order.join(order_line, order_line.c.order_id == sales_order.c.id).join(
                    alipay_entry,
                    and_(
                        alipay_entry.c.store_id == sales_order.c.store_id,
                        entry_order_no == sales_order.c.order_no,
                    ),
                )
            )
            .where(
                sales_order.c.store_id == store_id,
                sales_order.c.status == "completed",
                sales_order.c.completed_at >= period.start,
                sales_order.c.completed_at < period.end,
            )
            .group_by(
                sales_order.c.id,
                sales_order.c.order_no,
                sales_order.c.completed_at,
                sales_order.c.shipping_fen,
            )
        )
        return len(connection.execute(query).all())


def reconcile_ceiling(
    database_url: str, store_code: str, month: Month, repeat: int
) -> tuple[Ceiling, int]:
    """The best of `repeat` full fetches, as a Ceiling of `orders` rows; also the rows fetched
    (the month's orders with an Alipay line)."""
    engine = make_engine(database_url)
    runs: list[float] = []
    fetched = 0
    try:
        for _ in range(repeat):
            started = time.perf_counter()
            fetched = _fetch(engine, store_code, month)
            runs.append(time.perf_counter() - started)
    finally:
        engine.dispose()
    return Ceiling(METHOD, fetched, tuple(runs)), fetched
