"""The sales rollups (issue 20, point 5): a store's paid orders summed by day and hour as they
are imported, so that a report reads a month's figures from a few thousand rows instead of a
million lines. Migration 0026.

Derived tables, written only by adapters/db/repositories/sales_rollups.py: an import adds its
new orders' sums (a new order overlaps nothing stored, so its counts add up) and works the days
of the orders it changed out again from the lines. A key may have more than one row (a buyer's
orders of one day from two imports): every reader sums the rows of a key. An order's day and
hour are those it was paid (R-R2: a period's sales are the orders paid in it, whatever became of
them later); an order once paid keeps its payment time (domain/orders/state.py), so the day it
is counted on never moves. Amounts are the lines' actual amounts, shipping excluded; "" stands
for no SKU, no province or no category.

- sales_hour: orders, units and amount by store, UTC hour paid (whole hours since 1970),
  platform and province — the breakdowns by the order's own keys, and the period's totals;
- sales_sku_day: by store, Beijing day and SKU — an order counted once in each SKU it has lines
  of (an order without lines under ""), the lines, and the units, amount and guide amount of
  the lines with a guide price (the markup);
- sales_category_day: the same by the catalogue's category of the SKU, worked out again for the
  brand's every day when its catalogue moves a SKU to another category;
- sales_price_day: lines, units and amount by store, day, unit price and price check (the price
  bands and violations);
- sales_buyer_day: orders and amount by store, day, buyer key and province (new and repeat
  buyers, RFM, buyers by province).
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Date, ForeignKey, Index, Integer, String, Table

from daiyun.adapters.db.metadata import metadata
from daiyun.adapters.db.types import Fen

__all__ = [
    "ROLLUPS",
    "sales_buyer_day",
    "sales_category_day",
    "sales_hour",
    "sales_price_day",
    "sales_sku_day",
]


def _store() -> Column[int]:
    return Column("store_id", ForeignKey("store.id"), nullable=False)


def _day() -> Column[object]:
    return Column("paid_on", Date, nullable=False)


sales_hour = Table(
    "sales_hour",
    metadata,
    _store(),
    Column("paid_hour", BigInteger, nullable=False),
    Column("platform", String(20), nullable=False),
    Column("province", String(40), nullable=False),
    Column("orders", Integer, nullable=False),
    Column("units", BigInteger, nullable=False),
    Column("amount_fen", Fen, nullable=False),
    Index("ix_sales_hour_store_id", "store_id", "paid_hour"),
)

sales_sku_day = Table(
    "sales_sku_day",
    metadata,
    _store(),
    _day(),
    Column("sku_code", String(64), nullable=False),
    Column("orders", Integer, nullable=False),
    Column("units", BigInteger, nullable=False),
    Column("amount_fen", Fen, nullable=False),
    Column("lines", Integer, nullable=False),
    Column("guided_units", BigInteger, nullable=False),
    Column("guided_fen", Fen, nullable=False),
    Column("guide_fen", Fen, nullable=False),
    Index("ix_sales_sku_day_store_id", "store_id", "paid_on"),
)

sales_category_day = Table(
    "sales_category_day",
    metadata,
    _store(),
    _day(),
    Column("category", String(60), nullable=False),
    Column("orders", Integer, nullable=False),
    Column("units", BigInteger, nullable=False),
    Column("amount_fen", Fen, nullable=False),
    Index("ix_sales_category_day_store_id", "store_id", "paid_on"),
)

sales_price_day = Table(
    "sales_price_day",
    metadata,
    _store(),
    _day(),
    Column("unit_price_fen", Fen, nullable=False),
    Column("price_check", String(20), nullable=False),
    Column("lines", Integer, nullable=False),
    Column("units", BigInteger, nullable=False),
    Column("amount_fen", Fen, nullable=False),
    Index("ix_sales_price_day_store_id", "store_id", "paid_on"),
)

sales_buyer_day = Table(
    "sales_buyer_day",
    metadata,
    _store(),
    _day(),
    # Compared byte by byte on PostgreSQL, as order numbers are: a key, not words (the
    # buyers' pass grouped by it: 1.6 s -> 1.1 s over 810,439 buyers).
    Column(
        "buyer_key",
        String(64).with_variant(String(64, collation="C"), "postgresql"),
        nullable=False,
    ),
    Column("province", String(40), nullable=False),
    Column("orders", Integer, nullable=False),
    Column("amount_fen", Fen, nullable=False),
    Index("ix_sales_buyer_day_store_id", "store_id", "paid_on"),
)

# Every rollup, the one by hour first.
ROLLUPS = (sales_hour, sales_sku_day, sales_category_day, sales_price_day, sales_buyer_day)
