"""The machine's ceiling for reading a month: the rows a statement draft reads, plainly fetched.

One SQLAlchemy Core select of the contract's order lines completed in the month joined to their
orders (the columns a draft needs from these two tables), and one of the month's completed
refunds joined to their orders, both fetched in full (`.all()`) through daiyun's own table
definitions, so that values come back as the application gets them (aware datetimes, ints).
No correlated subqueries (first line of its order, recognised by another month), no SKU or store
lookups, no objects built: what any reader of the same rows must pay. Best of several runs.
"""

from __future__ import annotations

import time

from sqlalchemy import Engine, select

from daiyun.adapters.db.engine import make_engine
from daiyun.adapters.db.tables import contract, order_line, refund, sales_order, store
from daiyun.domain.calendar import Month

from .ceilings import Ceiling

__all__ = ["fetch_ceiling"]

METHOD = (
    "SQLAlchemy Core select of the month's order lines ⋈ orders of the contract's stores, "
    "and of its refunds ⋈ orders, fetched in full; best of runs"
)


def _fetch(engine: Engine, contract_code: str, month: Month) -> tuple[int, int]:
    period = month.period()
    with engine.connect() as connection:
        store_ids = list(
            connection.execute(
                select(store.c.id)
                .join(contract, contract.c.id == store.c.contract_id)
                .where(contract.c.code == contract_code)
            ).scalars()
        )
        lines = connection.execute(
            select(
                order_line.c.id,
                order_line.c.order_id,
                sales_order.c.order_no,
                order_line.c.line_no,
                order_line.c.sku_id,
                order_line.c.sku_code,
                sales_order.c.store_id,
                order_line.c.units,
                order_line.c.line_amount_fen,
                order_line.c.guide_price_fen,
                order_line.c.status,
                order_line.c.completed_at,
                order_line.c.price_check,
                sales_order.c.shipping_fen,
            )
            .join(sales_order, sales_order.c.id == order_line.c.order_id)
            .where(
                sales_order.c.store_id.in_(store_ids),
                order_line.c.completed_at >= period.start,
                order_line.c.completed_at < period.end,
            )
        ).all()
        refunds = connection.execute(
            select(
                refund.c.order_id,
                sales_order.c.order_no,
                refund.c.refund_key,
                refund.c.units,
                refund.c.amount_fen,
                refund.c.reason,
                refund.c.completed_at,
            )
            .join(sales_order, sales_order.c.id == refund.c.order_id)
            .where(
                sales_order.c.store_id.in_(store_ids),
                refund.c.status == "completed",
                refund.c.completed_at >= period.start,
                refund.c.completed_at < period.end,
            )
        ).all()
    return len(lines), len(refunds)


def fetch_ceiling(
    database_url: str, contract_code: str, month: Month, repeat: int
) -> tuple[Ceiling, int]:
    """The best of `repeat` full fetches; also how many refunds of the month were fetched."""
    engine = make_engine(database_url)
    runs: list[float] = []
    lines = refunds = 0
    try:
        for _ in range(repeat):
            started = time.perf_counter()
            lines, refunds = _fetch(engine, contract_code, month)
            runs.append(time.perf_counter() - started)
    finally:
        engine.dispose()
    return Ceiling(METHOD, lines, tuple(runs)), refunds
