"""R-F1: the brand's consigned stock — its list of saleable goods as of a moment, what it
receives after, what sells and what comes back — and the figures made of them: on hand, days of
cover and what to replenish. Pure: the counts come in, the figures go out.

What counts after a list (the storage adds these up; the rules are here, once):

- sold: the units of order lines paid after the list's moment, up to the moment asked about
  (the platform takes a unit off the saleable stock when the buyer pays); a line closed before
  its goods left (refunded before shipment) never sold;
- received: replenishment receipts dated after the list's day (a receipt on the list's own day
  is taken to be in the list: the brand counts what it has when it writes it);
- returned: goods of an accepted return received back after the list's day (R-F5). An
  exchange sends the same goods back out: it leaves the stock as it was;
- lost: units lost or damaged in the operator's custody after the list's moment, up to the
  moment asked about (R-F7, custody.py).

On hand = listed + received − sold + returned − lost, per SKU. Order files do not say which
warehouse shipped a line, so per warehouse daiyun knows what the list, the receipts and the
returns put there (`stocked`, less what was lost there), and the sales only per SKU.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from daiyun.domain.calendar import business_date
from daiyun.domain.orders import ImportProblem

__all__ = [
    "MAX_QUANTITY",
    "MAX_SKU",
    "MAX_WAREHOUSE",
    "SALES_WINDOW_DAYS",
    "ReplenishmentSheet",
    "StockCount",
    "StockFile",
    "StockListHeader",
    "StockPosition",
    "StockReceipt",
    "StockRow",
    "WarehouseStock",
    "days_of_cover",
    "first_day_after",
    "replenishment_quantity",
    "stock_positions",
]

SALES_WINDOW_DAYS = 30  # days of cover: units sold per day over the last 30 days
MAX_SKU = 64  # the catalogue's 商家编码
MAX_WAREHOUSE = 60
MAX_QUANTITY = 100_000_000  # units of one SKU in one warehouse: a typo beyond this


@dataclass(frozen=True, slots=True)
class StockRow:
    """One row of the brand's list: a SKU's saleable units in a warehouse ("" when unnamed)."""

    sku: str
    warehouse: str
    quantity: int
    row: int = 0  # the file's row, for problems; 0 when not from a file


@dataclass(frozen=True, slots=True)
class StockListHeader:
    """A stored list: whose, as of when, from which file, imported by whom."""

    brand: str
    as_of: datetime
    file_name: str
    sha256: str
    imported_at: datetime
    imported_by: str


@dataclass(frozen=True, slots=True)
class StockReceipt:
    """Goods the brand received against a replenishment list (R-F1)."""

    brand: str
    sku: str
    warehouse: str
    quantity: int
    received_on: date
    reference: str = ""


@dataclass(frozen=True, slots=True)
class StockCount:
    """Units of a SKU in a warehouse: listed, received or returned."""

    sku: str
    warehouse: str
    units: int


@dataclass(frozen=True, slots=True)
class WarehouseStock:
    """What the list, receipts and returns put in one warehouse of one SKU, and what was lost
    or damaged there in the operator's custody (R-F7)."""

    warehouse: str
    listed: int
    received: int
    returned: int
    lost: int = 0

    @property
    def stocked(self) -> int:
        return self.listed + self.received + self.returned - self.lost


@dataclass(frozen=True, slots=True)
class StockPosition:
    """One SKU's stock as of a moment (R-F1)."""

    sku: str
    listed: int
    received: int
    sold: int
    returned: int
    sold_recently: int  # units sold in the SALES_WINDOW_DAYS before the moment
    warehouses: tuple[WarehouseStock, ...]
    lost: int = 0  # R-F7: lost or damaged in the operator's custody

    @property
    def on_hand(self) -> int:
        """listed + received − sold + returned − lost; below zero when more went out than the
        list had."""
        return self.listed + self.received - self.sold + self.returned - self.lost

    @property
    def days_of_cover(self) -> int | None:
        return days_of_cover(self.on_hand, self.sold_recently)


@dataclass(frozen=True)
class StockFile:
    """A stock list as read: its rows, every problem (file, row, column), and its SHA-256."""

    name: str
    sha256: str
    rows: tuple[StockRow, ...]
    problems: tuple[ImportProblem, ...]


@dataclass(frozen=True)
class ReplenishmentSheet:
    """What the replenishment workbook shows: the brand, the moment, the days of cover aimed
    for, and each SKU to replenish with its name and suggested quantity."""

    brand: str
    brand_name: str
    as_of: datetime
    list_as_of: datetime
    cover_days: int
    rows: tuple[tuple[StockPosition, str, int], ...]  # position, SKU name, suggested units


def first_day_after(list_as_of: datetime) -> date:
    """The first day whose receipts and returns count after a list as of `list_as_of`: the day
    after the list's day in Beijing time (R-F1)."""
    return business_date(list_as_of) + timedelta(days=1)


def days_of_cover(
    on_hand: int, sold_recently: int, window_days: int = SALES_WINDOW_DAYS
) -> int | None:
    """Whole days the stock lasts at the recent pace (rounded down); None without sales."""
    if sold_recently <= 0:
        return None
    if on_hand <= 0:
        return 0
    return on_hand * window_days // sold_recently


def replenishment_quantity(
    on_hand: int, sold_recently: int, cover_days: int, window_days: int = SALES_WINDOW_DAYS
) -> int:
    """Units to send for `cover_days` of sales at the recent pace: ⌈sold × cover ÷ window⌉
    less what is on hand (a shortfall below zero made good too), never below zero."""
    if cover_days < 0:
        raise ValueError(f"days of cover to aim for cannot be negative, not {cover_days}")
    needed = -(-sold_recently * cover_days // window_days)
    return max(0, needed - on_hand)


def stock_positions(
    *,
    listed: Iterable[StockCount],
    received: Iterable[StockCount],
    returned: Iterable[StockCount],
    sold: Mapping[str, int],
    sold_recently: Mapping[str, int],
    lost: Iterable[StockCount] = (),
) -> list[StockPosition]:
    """Each SKU that is listed, received, returned, lost or sold, with its figures, by SKU."""
    by_place: dict[str, dict[str, list[int]]] = {}
    for kind, counts in enumerate((listed, received, returned, lost)):
        for count in counts:
            place = by_place.setdefault(count.sku, {}).setdefault(count.warehouse, [0, 0, 0, 0])
            place[kind] += count.units
    skus = set(by_place) | {sku for sku, units in sold.items() if units}
    skus |= {sku for sku, units in sold_recently.items() if units}
    positions = []
    for sku in sorted(skus):
        places = by_place.get(sku, {})
        warehouses = tuple(
            WarehouseStock(name, *places[name]) for name in sorted(places, key=_warehouse_order)
        )
        positions.append(
            StockPosition(
                sku=sku,
                listed=sum(each.listed for each in warehouses),
                received=sum(each.received for each in warehouses),
                sold=sold.get(sku, 0),
                returned=sum(each.returned for each in warehouses),
                sold_recently=sold_recently.get(sku, 0),
                warehouses=warehouses,
                lost=sum(each.lost for each in warehouses),
            )
        )
    return positions


def _warehouse_order(name: str) -> tuple[bool, str]:
    return (name != "", name)  # the unnamed warehouse first
