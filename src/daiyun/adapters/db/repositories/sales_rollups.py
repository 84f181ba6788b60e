"""The sales rollups worked out again from the orders and lines (adapters/db/rollup_tables.py).

`roll_up(connection, store_id, first_day, last_day)` replaces the store's rows of those Beijing
days in every rollup by GROUP BYs over the orders paid on them: the import calls it, before it
commits, for the days of the orders it wrote one by one (new ones, and stored ones it moved
forward — their amounts may have changed), so a report never sees an import's orders without
their sums or the other way round; a batch of new orders adds its sums instead (rollup_sums.py).
`roll_up_categories(connection, brand_id)` does the category rollup of a brand's every store and
day again (the catalogue moved a SKU to another category); `roll_up_everything` every
store's every day (migration 0026). Each order is counted once per key by grouping first by
order and key, then by key.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Connection,
    Date,
    Integer,
    Select,
    and_,
    case,
    cast,
    delete,
    extract,
    func,
    select,
)

from daiyun.adapters.db.rollup_tables import (
    sales_buyer_day,
    sales_category_day,
    sales_hour,
    sales_price_day,
    sales_sku_day,
)
from daiyun.adapters.db.tables import order_line, sales_order, sku, store
from daiyun.domain.calendar import business_date, start_of_day

__all__ = [
    "PaidDays",
    "paid_day",
    "paid_hour",
    "roll_up",
    "roll_up_categories",
    "roll_up_everything",
]

_ORDER, _LINE = sales_order.c, order_line.c


class PaidDays:
    """The Beijing days the orders written were paid on, by store."""

    def __init__(self) -> None:
        self._days: dict[int, set[date]] = {}

    def see(self, store_id: int, moments: Iterable[datetime | None]) -> None:
        days = {business_date(moment) for moment in moments if moment is not None}
        if days:
            self._days.setdefault(store_id, set()).update(days)

    def take(self, store_id: int) -> list[tuple[date, date]]:
        """The store's days seen so far as runs of consecutive days (first, last), forgotten
        once taken."""
        runs: list[tuple[date, date]] = []
        for day in sorted(self._days.pop(store_id, ())):
            if runs and runs[-1][1] + timedelta(days=1) == day:
                runs[-1] = (runs[-1][0], day)
            else:
                runs.append((day, day))
        return runs


def paid_day(connection: Connection, moment: Any) -> ColumnElement[Any]:
    """The Beijing day of a stored moment: `+8 hours` on SQLite's UTC text (Beijing has kept
    UTC+8 all year since 1991), the zone's date on PostgreSQL."""
    if connection.dialect.name == "sqlite":
        return func.date(moment, "+8 hours")
    return cast(func.timezone("Asia/Shanghai", moment), Date)


def paid_hour(connection: Connection, moment: Any) -> ColumnElement[Any]:
    """Whole hours from 1970-01-01 00:00 UTC to a stored moment."""
    if connection.dialect.name == "sqlite":
        return cast(func.strftime("%s", moment), Integer) // 3600
    return cast(func.floor(extract("epoch", moment) / 3600), BigInteger)


def roll_up(connection: Connection, store_id: int, first_day: date, last_day: date) -> None:
    """The store's rollups of the Beijing days first_day to last_day, worked out again."""
    start, end = start_of_day(first_day), start_of_day(last_day + timedelta(days=1))
    _tune(connection)
    paid = and_(_ORDER.store_id == store_id, _ORDER.paid_at >= start, _ORDER.paid_at < end)
    for table in (sales_sku_day, sales_category_day, sales_price_day, sales_buyer_day):
        connection.execute(
            delete(table).where(
                table.c.store_id == store_id,
                table.c.paid_on >= first_day,
                table.c.paid_on <= last_day,
            )
        )
    hours = (int(start.timestamp()) // 3600, int(end.timestamp()) // 3600)
    connection.execute(
        delete(sales_hour).where(
            sales_hour.c.store_id == store_id,
            sales_hour.c.paid_hour >= hours[0],
            sales_hour.c.paid_hour < hours[1],
        )
    )
    _insert(connection, sales_hour, _hours(connection, paid))
    _insert(connection, sales_sku_day, _skus(connection, paid))
    _insert(connection, sales_category_day, _categories(connection, paid))
    _insert(connection, sales_price_day, _prices(connection, paid))
    _insert(connection, sales_buyer_day, _buyers(connection, paid))


def roll_up_categories(connection: Connection, brand_id: int) -> None:
    """The category rollup of the brand's every store and day, worked out again."""
    stores = select(store.c.id).where(store.c.brand_id == brand_id)
    connection.execute(delete(sales_category_day).where(sales_category_day.c.store_id.in_(stores)))
    paid = and_(_ORDER.store_id.in_(stores), _ORDER.paid_at.is_not(None))
    _insert(connection, sales_category_day, _categories(connection, paid))


def roll_up_everything(connection: Connection) -> None:
    """Every store's rollups of every day it has paid orders on (the migration that made the
    rollups, and anyone who wrote orders straight into the tables)."""
    day = paid_day(connection, _ORDER.paid_at)
    spans = connection.execute(
        select(_ORDER.store_id, func.min(day), func.max(day))
        .where(_ORDER.paid_at.is_not(None))
        .group_by(_ORDER.store_id)
    )
    for store_id, first_day, last_day in list(spans):
        roll_up(connection, int(store_id), _date(first_day), _date(last_day))


def _date(value: Any) -> date:
    """A day as the database gives it: a date (PostgreSQL) or its ISO text (SQLite)."""
    return value if isinstance(value, date) else date.fromisoformat(str(value))


# A rollup's GROUP BYs over an import's days: on PostgreSQL, in memory rather than spilled, no
# JIT compilation (it costs more than it saves here) and no parallel workers (each would build
# the same hash of the lines again on a two-core machine). For the import's transaction only.
_SETTINGS = (("work_mem", "64MB"), ("jit", "off"), ("max_parallel_workers_per_gather", "0"))


def _tune(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        for name, value in _SETTINGS:
            connection.execute(select(func.set_config(name, value, True)))


def _insert(connection: Connection, table: Any, query: Select[Any]) -> None:
    names = [column.name for column in table.columns]
    connection.execute(table.insert().from_select(names, query))


def _by_order(
    keys: Mapping[str, ColumnElement[Any]],
    sums: Mapping[str, ColumnElement[Any]],
    joined: Any,
    *where: ColumnElement[bool],
) -> Select[Any]:
    """Each order's `sums` (aggregates over its rows) by `keys`, then by key: the keys, how many
    orders (an order once in each key it has rows of) and the sums — the rollup's columns."""
    per_order = (
        select(
            *(key.label(name) for name, key in keys.items()),
            *(func.coalesce(total, 0).label(name) for name, total in sums.items()),
        )
        .select_from(joined)
        .where(*where)
        .group_by(_ORDER.id, *keys.values())
        .subquery()
    )
    grouped = [per_order.c[name] for name in keys]
    totals = (func.sum(per_order.c[name]) for name in sums)
    return select(*grouped, func.count(), *totals).group_by(*grouped)


_WITH_LINES = sales_order.outerjoin(order_line, _LINE.order_id == _ORDER.id)
_UNITS, _FEN = func.sum(_LINE.units), func.sum(_LINE.line_amount_fen)


def _hours(connection: Connection, paid: ColumnElement[bool]) -> Select[Any]:
    """By cell: each order's units and amount, then by cell (an order lies in one)."""
    keys = {
        "store_id": _ORDER.store_id,
        "paid_hour": paid_hour(connection, _ORDER.paid_at),
        "platform": _ORDER.platform,
        "province": func.coalesce(_ORDER.province, ""),
    }
    return _by_order(keys, {"units": _UNITS, "fen": _FEN}, _WITH_LINES, paid)


def _skus(connection: Connection, paid: ColumnElement[bool]) -> Select[Any]:
    """By SKU: each order's lines of a SKU (an order without lines under ""), then by day and
    SKU, so that an order counts once in each SKU it has."""
    guided = _LINE.guide_price_fen.is_not(None)
    keys = {
        "store_id": _ORDER.store_id,
        "paid_on": paid_day(connection, _ORDER.paid_at),
        "sku_code": func.coalesce(_LINE.sku_code, ""),
    }
    sums = {
        "units": _UNITS,
        "fen": _FEN,
        "lines": func.count(_LINE.order_id),
        "guided_units": func.sum(case((guided, _LINE.units), else_=0)),
        "guided_fen": func.sum(case((guided, _LINE.line_amount_fen), else_=0)),
        "guide_fen": func.sum(case((guided, _LINE.guide_price_fen * _LINE.units), else_=0)),
    }
    return _by_order(keys, sums, _WITH_LINES, paid)


def _categories(connection: Connection, paid: ColumnElement[bool]) -> Select[Any]:
    """By the catalogue's category of each line's SKU ("" for none), as _skus by SKU."""
    joined = (
        sales_order.join(store, store.c.id == _ORDER.store_id)
        .outerjoin(order_line, _LINE.order_id == _ORDER.id)
        .outerjoin(sku, and_(sku.c.brand_id == store.c.brand_id, sku.c.code == _LINE.sku_code))
    )
    keys = {
        "store_id": _ORDER.store_id,
        "paid_on": paid_day(connection, _ORDER.paid_at),
        "category": func.coalesce(sku.c.category, ""),
    }
    return _by_order(keys, {"units": _UNITS, "fen": _FEN}, joined, paid)


def _prices(connection: Connection, paid: ColumnElement[bool]) -> Select[Any]:
    keys = (
        _ORDER.store_id,
        paid_day(connection, _ORDER.paid_at),
        _LINE.unit_price_fen,
        _LINE.price_check,
    )
    return (
        select(*keys, func.count(), _UNITS, _FEN)
        .select_from(sales_order.join(order_line, _LINE.order_id == _ORDER.id))
        .where(paid)
        .group_by(*keys)
    )


def _buyers(connection: Connection, paid: ColumnElement[bool]) -> Select[Any]:
    """By buyer and province: each order's amount, then by day, buyer and province."""
    keys = {
        "store_id": _ORDER.store_id,
        "paid_on": paid_day(connection, _ORDER.paid_at),
        "buyer_key": _ORDER.buyer_key,
        "province": func.coalesce(_ORDER.province, ""),
    }
    return _by_order(keys, {"fen": _FEN}, _WITH_LINES, paid, _ORDER.buyer_key.is_not(None))
