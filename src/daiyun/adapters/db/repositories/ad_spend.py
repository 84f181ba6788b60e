"""Advertising spend per store, month and channel in the database (R-B6)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, func, insert, select, update

from daiyun.adapters.db.price_tables import ad_spend
from daiyun.adapters.db.tables import sales_order, store
from daiyun.domain.advertising import AdSpend
from daiyun.domain.calendar import Month, Period
from daiyun.domain.money import Money

__all__ = ["SqlAdSpendRepository"]


class SqlAdSpendRepository:
    """One amount per (store, month, channel): entering it again replaces it."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def get(self, store_code: str, month: Month, channel: str) -> AdSpend | None:
        row = self._connection.execute(
            select(ad_spend.c.amount_fen)
            .join(store, store.c.id == ad_spend.c.store_id)
            .where(
                store.c.code == store_code,
                ad_spend.c.month == str(month),
                ad_spend.c.channel == channel,
            )
        ).first()
        return None if row is None else AdSpend(store_code, month, channel, Money(row.amount_fen))

    def record(self, spend: AdSpend, at: datetime, actor: str) -> None:
        store_id = self._connection.execute(
            select(store.c.id).where(store.c.code == spend.store)
        ).scalar_one()
        values = {"amount_fen": spend.amount.fen, "recorded_at": at, "recorded_by": actor}
        changed = self._connection.execute(
            update(ad_spend)
            .where(
                ad_spend.c.store_id == store_id,
                ad_spend.c.month == str(spend.month),
                ad_spend.c.channel == spend.channel,
            )
            .values(**values)
        )
        if changed.rowcount == 0:
            self._connection.execute(
                insert(ad_spend).values(
                    store_id=store_id, month=str(spend.month), channel=spend.channel, **values
                )
            )

    def for_month(self, store_code: str, month: Month) -> list[AdSpend]:
        rows = self._connection.execute(
            select(ad_spend.c.channel, ad_spend.c.amount_fen)
            .join(store, store.c.id == ad_spend.c.store_id)
            .where(store.c.code == store_code, ad_spend.c.month == str(month))
            .order_by(ad_spend.c.channel)
        )
        return [AdSpend(store_code, month, row.channel, Money(row.amount_fen)) for row in rows]

    def monthly_sales(self, store_code: str, period: Period) -> Money:
        """What buyers paid, shipping excluded, for the store's orders paid in `period`."""
        total = self._connection.execute(
            select(func.coalesce(func.sum(sales_order.c.paid_fen - sales_order.c.shipping_fen), 0))
            .join(store, store.c.id == sales_order.c.store_id)
            .where(
                store.c.code == store_code,
                sales_order.c.paid_at >= period.start,
                sales_order.c.paid_at < period.end,
            )
        ).scalar_one()
        return Money(int(total))
