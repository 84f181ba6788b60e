"""A batch of new orders' sums for the sales rollups (rollup_tables.py), grouped with Arrow from
the columns the import stores, and written when the import ends.

A new order overlaps nothing stored, so its sums add to what the rollups hold: the buyers' rows
are written with each batch (there are about as many as orders), the other rollups' sums are
gathered over the import and merged once with the rows of the days they touch — so a key keeps
one row however many imports fed it. The figures are those of sales_rollups.roll_up's GROUP BYs
over the stored lines (tests/integration/test_orders_import_columns.py compares them). An import
whose columns are undone (a savepoint rolled back) opens its repositories again, and with them
forgets the sums gathered so far.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy import Connection, Table, and_, delete, select

from daiyun.adapters.db.bulk import BulkInserter
from daiyun.adapters.db.copy_binary import binary_copy_data
from daiyun.adapters.db.rollup_tables import (
    sales_buyer_day,
    sales_category_day,
    sales_hour,
    sales_price_day,
    sales_sku_day,
)
from daiyun.domain.orders.columns import NO_PRICE, NO_TIME, StoredColumns

__all__ = ["BatchSums", "RollupSums", "batch_sums"]

_BUYER_COLUMNS = ("paid_on", "buyer_key", "province", "orders", "amount_fen")


@dataclass(frozen=True)
class BatchSums:
    """A batch's sums: the buyers' rows (as binary COPY data on PostgreSQL), and the other
    rollups' rows by name, to be merged when the import ends."""

    buyers: pa.Table
    buyers_copy: bytes | memoryview | None
    merged: dict[str, pa.Table]


_HOUR_US = 3_600_000_000
_DAY_US = 24 * _HOUR_US
_BEIJING_US = 8 * _HOUR_US  # Beijing has kept UTC+8 all year since 1991
_EPOCH = date(1970, 1, 1)

# Each merged rollup: its keys (after store_id) and its sums.
_MERGED: dict[str, tuple[Table, tuple[str, ...], tuple[str, ...]]] = {
    "hour": (sales_hour, ("paid_hour", "platform", "province"), ("orders", "units", "amount_fen")),
    "sku": (
        sales_sku_day,
        ("paid_on", "sku_code"),
        ("orders", "units", "amount_fen", "lines", "guided_units", "guided_fen", "guide_fen"),
    ),
    "category": (sales_category_day, ("paid_on", "category"), ("orders", "units", "amount_fen")),
    "price": (
        sales_price_day,
        ("paid_on", "unit_price_fen", "price_check"),
        ("lines", "units", "amount_fen"),
    ),
}


# A line's sums for the rollup by SKU.
_LINE_SUMS = ("units", "fen", "lines", "guided_units", "guided_fen", "guide_fen")


class RollupSums:
    """The sums of an import's new orders, by store, until written."""

    def __init__(self) -> None:
        self._pending: dict[int, dict[str, list[pa.Table]]] = defaultdict(lambda: defaultdict(list))

    def add(self, bulk: BulkInserter, store_id: int, sums: BatchSums | None) -> None:
        """A written batch of the store's new orders: its buyers written, its other sums kept."""
        if sums is None:
            return
        columns = ("store_id", *_BUYER_COLUMNS)
        if sums.buyers_copy is not None:
            bulk.insert_copy_data(sales_buyer_day, columns, sums.buyers_copy)
        elif sums.buyers.num_rows:
            bulk.insert(sales_buyer_day, columns, _rows(store_id, sums.buyers, _BUYER_COLUMNS))
        for name, table in sums.merged.items():
            self._pending[store_id][name].append(table)

    def write(self, connection: Connection, bulk: BulkInserter, store_id: int) -> None:
        """The store's sums kept so far merged into the rollups, then forgotten."""
        pending = self._pending.pop(store_id, None)
        if not pending:
            return
        for name, batches in pending.items():
            table, keys, sums = _MERGED[name]
            _merge(connection, bulk, table, store_id, keys, sums, pa.concat_tables(batches))


def batch_sums(
    store: tuple[int, str], categories: Mapping[str, str], stored: StoredColumns, copy: bool
) -> BatchSums | None:
    """A batch of new orders' paid orders' sums: each rollup's rows (keys, then sums), grouped
    (None when none is paid); the buyers' as binary COPY data too with `copy`. Touches no
    connection: it may run in another thread while the batch before is written."""
    store_id, platform = store
    orders = stored.orders
    paid_at = np.asarray(orders.paid_at, np.int64)
    paid = paid_at != NO_TIME
    if not paid.any():
        return None
    count = len(paid_at)
    hour = np.where(paid, paid_at // _HOUR_US, 0)
    day = np.where(paid, (paid_at + _BEIJING_US) // _DAY_US, 0).astype(np.int32)
    province = pa.array(orders.province, pa.string()).fill_null("")
    line_order = np.asarray(orders.line_order, np.int64)
    units = np.asarray(orders.units, np.int64)
    fen = np.asarray(stored.line_amount, np.int64)
    guide = np.asarray(stored.guide_price, np.int64)
    guided = guide != NO_PRICE
    sku_code = pa.array(orders.sku_code, pa.string()).fill_null("")
    # Each line's category: looked up once per SKU, then taken for every line.
    skus = pc.unique(sku_code)
    found = pa.array([categories.get(code, "") for code in skus.to_pylist()], pa.string())
    category = found.take(pc.index_in(sku_code, value_set=skus))
    # Each order's units and amount over its lines (lines come grouped by order).
    per_order = pa.table({"order": line_order, "units": units, "fen": fen})
    order_sums = per_order.group_by("order").aggregate([("units", "sum"), ("fen", "sum")])
    order_units = np.zeros(count, np.int64)
    order_fen = np.zeros(count, np.int64)
    at = order_sums["order"].to_numpy()
    order_units[at] = order_sums["units_sum"].to_numpy()
    order_fen[at] = order_sums["fen_sum"].to_numpy()
    has_lines = np.zeros(count, bool)
    has_lines[line_order] = True
    orders_paid = pa.table(
        {
            "paid_hour": hour,
            "paid_on": day,
            "platform": pa.array([platform] * count, pa.string()),
            "province": province,
            "buyer_key": pa.array(stored.buyer_key, pa.string()),
            "order": np.arange(count, dtype=np.int64),
            "units": order_units,
            "fen": order_fen,
        }
    ).filter(pa.array(paid))
    hours = _grouped(orders_paid, ("paid_hour", "platform", "province"), ("units", "fen"))
    with_buyer = orders_paid.filter(pc.is_valid(orders_paid["buyer_key"]))
    buyers = _grouped(with_buyer, ("paid_on", "buyer_key", "province"), ("fen",))
    # The lines of paid orders, and the paid orders without lines (under "", no units).
    line_paid = paid[line_order]
    lines = pa.table(
        {
            "paid_on": day[line_order],
            "order": line_order,
            "sku_code": sku_code,
            "category": category,
            "unit_price_fen": np.asarray(orders.unit_price, np.int64),
            "price_check": pa.array(stored.price_check, pa.string()),
            "units": units,
            "fen": fen,
            "lines": np.ones(len(line_order), np.int64),
            "guided_units": np.where(guided, units, 0),
            "guided_fen": np.where(guided, fen, 0),
            "guide_fen": np.where(guided, guide * units, 0),
        }
    ).filter(pa.array(line_paid))
    bare = np.flatnonzero(paid & ~has_lines)
    if len(bare):
        zeros = np.zeros(len(bare), np.int64)
        lines = pa.concat_tables(
            [
                lines,
                pa.table(
                    {
                        "paid_on": day[bare],
                        "order": bare,
                        "sku_code": pa.array([""] * len(bare), pa.string()),
                        "category": pa.array([""] * len(bare), pa.string()),
                        "unit_price_fen": zeros,
                        "price_check": pa.array([""] * len(bare), pa.string()),
                        **dict.fromkeys(_LINE_SUMS, zeros),
                    }
                ),
            ]
        )
    with_lines = lines.filter(pc.greater(lines["lines"], 0))
    buyers_copy = None
    if copy and buyers.num_rows:
        columns = [store_id, *(buyers[name].combine_chunks() for name in _BUYER_COLUMNS)]
        buyers_copy = binary_copy_data(
            sales_buyer_day, ("store_id", *_BUYER_COLUMNS), columns, buyers.num_rows
        )
    return BatchSums(buyers, buyers_copy, {
        "hour": hours,
        "sku": _grouped(lines, ("paid_on", "sku_code"), _LINE_SUMS, distinct=True),
        "category": _grouped(lines, ("paid_on", "category"), ("units", "fen"), distinct=True),
        "price": _grouped(
            with_lines, ("paid_on", "unit_price_fen", "price_check"), ("lines", "units", "fen")
        ),
    })  # fmt: skip


def _grouped(
    table: pa.Table, keys: Sequence[str], sums: Sequence[str], distinct: bool = False
) -> pa.Table:
    """The table grouped by `keys`: `orders` (each order once with `distinct`, else each row),
    then each of `sums` summed, named as the rollup names them (fen: amount_fen)."""
    counted = ("order", "count_distinct") if distinct else ("order", "count")
    grouped = table.group_by(list(keys), use_threads=False).aggregate(
        [counted, *((name, "sum") for name in sums)]
    )
    columns = {key: grouped[key] for key in keys}
    columns["orders"] = grouped[f"order_{counted[1]}"]
    for name in sums:
        columns["amount_fen" if name == "fen" else name] = grouped[f"{name}_sum"]
    return pa.table(columns)


def _merge(
    connection: Connection,
    bulk: BulkInserter,
    table: Table,
    store_id: int,
    keys: Sequence[str],
    sums: Sequence[str],
    added: pa.Table,
) -> None:
    """The rollup's rows of the days (hours) `added` touches, and `added`, as one row a key."""
    ranged = keys[0]  # paid_on or paid_hour
    low = int(pc.min(added[ranged]).as_py())
    high = int(pc.max(added[ranged]).as_py())
    bounds = (low, high) if ranged == "paid_hour" else (_day(low), _day(high))
    within = and_(
        table.c.store_id == store_id, table.c[ranged] >= bounds[0], table.c[ranged] <= bounds[1]
    )
    names = [*keys, *sums]
    stored = connection.execute(select(*(table.c[name] for name in names)).where(within)).all()
    columns = {name: added[name].cast(_type(table, name)) for name in names}
    merged = pa.table(columns)
    if stored:
        earlier = {ranged: pa.array([_number(row[0]) for row in stored], pa.int64())}
        for index, name in enumerate(names[1:], start=1):
            earlier[name] = pa.array([row[index] for row in stored], _type(table, name))
        merged = pa.concat_tables([merged, pa.table(earlier)])
        connection.execute(delete(table).where(within))
    grouped = merged.group_by(list(keys), use_threads=False).aggregate(
        [(name, "sum") for name in sums]
    )
    renamed = pa.table(
        {**{key: grouped[key] for key in keys}, **{name: grouped[f"{name}_sum"] for name in sums}}
    )
    bulk.insert(table, ("store_id", *names), _rows(store_id, renamed, names))


def _type(table: Table, name: str) -> pa.DataType:
    """The Arrow type a merged column is kept in: days and hours as whole numbers."""
    python = table.c[name].type.python_type
    return pa.string() if python is str else pa.int64()


def _number(value: Any) -> int:
    """A stored day as days since 1970 (a date, or SQLite's ISO text), or an hour as is."""
    if isinstance(value, int):
        return value
    day = value if isinstance(value, date) else date.fromisoformat(str(value))
    return (day - _EPOCH).days


def _day(number: int) -> date:
    return _EPOCH + timedelta(days=number)


def _rows(store_id: int, table: pa.Table, names: Sequence[str]) -> Iterator[tuple[Any, ...]]:
    """The table's rows to insert, the store first; days as ISO text (both databases read it)."""
    columns = []
    for name in names:
        values = table[name].to_pylist()
        if name == "paid_on":
            values = [_day(value).isoformat() for value in values]
        columns.append(values)
    for row in zip(*columns, strict=True):
        yield (store_id, *row)
