"""Read the public 2016 Tmall cosmetics listings file (daily snapshots around 双11) as it is."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType

from daiyun.domain.money import InvalidAmount, Money

__all__ = ["BRAND_CODES", "COLUMNS", "ListedItem", "read_listings"]

COLUMNS = ("update_time", "id", "title", "price", "sale_count", "comment_count", "店名")

# Each flagship store (店名 in the file) → (our brand code, the brand's name for people).
BRAND_CODES: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "自然堂": ("chando", "CHANDO 自然堂"),
        "悦诗风吟": ("innisfree", "innisfree 悦诗风吟"),
        "佰草集": ("herborist", "Herborist 佰草集"),
        "欧莱雅": ("loreal", "L'ORÉAL 欧莱雅"),
        "雅诗兰黛": ("esteelauder", "Estée Lauder 雅诗兰黛"),
        "倩碧": ("clinique", "Clinique 倩碧"),
        "美加净": ("maxam", "MAXAM 美加净"),
        "欧珀莱": ("aupres", "AUPRES 欧珀莱"),
        "妮维雅": ("nivea", "NIVEA 妮维雅"),
        "相宜本草": ("inoherb", "INOHERB 相宜本草"),
        "兰蔻": ("lancome", "Lancôme 兰蔻"),
        "娇兰": ("guerlain", "Guerlain 娇兰"),
        "玉兰油": ("olay", "Olay 玉兰油"),
        "兰芝": ("laneige", "LANEIGE 兰芝"),
        "美宝莲": ("maybelline", "Maybelline 美宝莲"),
        "资生堂": ("shiseido", "Shiseido 资生堂"),
        "植村秀": ("shuuemura", "shu uemura 植村秀"),
        "薇姿": ("vichy", "Vichy 薇姿"),
        "雅漾": ("avene", "Avène 雅漾"),
        "雪花秀": ("sulwhasoo", "Sulwhasoo 雪花秀"),
        "SKII": ("skii", "SK-II"),
        "蜜丝佛陀": ("maxfactor", "Max Factor 蜜丝佛陀"),
    }
)


@dataclass(frozen=True)
class ListedItem:
    """One item of a store over the snapshot days, with its regular (highest) and lowest price."""

    store_name: str
    item_id: str
    title: str  # as listed on the latest day
    regular_price: Money  # the highest price of all days: prices dropped around 双11
    lowest_price: Money
    first_seen: date
    last_seen: date
    # The latest cumulative count shown; 0 when no day shows one (2,354 rows leave it empty).
    sale_count: int


@dataclass(frozen=True)
class _Snapshot:
    """One row of the file: an item as listed on one day."""

    day: date
    store_name: str
    item_id: str
    title: str
    price: Money
    sale_count: int | None


@dataclass
class _ItemHistory:
    """An item's snapshots so far, folded as they come."""

    first: _Snapshot
    latest: _Snapshot
    highest: Money
    lowest: Money
    first_seen: date
    counted: tuple[date, int] | None = None
    store_names: set[str] = field(default_factory=set)

    def add(self, snapshot: _Snapshot) -> None:
        """Fold in one more day's snapshot; rows come in any order of days."""
        self.highest = max(self.highest, snapshot.price)
        self.lowest = min(self.lowest, snapshot.price)
        self.first_seen = min(self.first_seen, snapshot.day)
        if snapshot.day >= self.latest.day:
            self.latest = snapshot
        if snapshot.sale_count is not None and (
            self.counted is None or snapshot.day >= self.counted[0]
        ):
            self.counted = (snapshot.day, snapshot.sale_count)
        self.store_names.add(snapshot.store_name)

    def item(self) -> ListedItem:
        """The item as the whole file shows it."""
        return ListedItem(
            store_name=self.first.store_name,
            item_id=self.first.item_id,
            title=self.latest.title,
            regular_price=self.highest,
            lowest_price=self.lowest,
            first_seen=self.first_seen,
            last_seen=self.latest.day,
            sale_count=0 if self.counted is None else self.counted[1],
        )


def read_listings(path: Path) -> tuple[list[ListedItem], list[str]]:
    """One item per distinct item id, in the order first listed, and what could not be read."""
    histories: dict[str, _ItemHistory] = {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            errors = _fold_rows(path.name, csv.reader(file), histories)
    except OSError as error:
        return [], [f"{path.name}: cannot be opened: {error.strerror or error}"]
    except (UnicodeDecodeError, csv.Error) as error:
        return [], [f"{path.name}: cannot be read as CSV in UTF-8: {error}"]
    for item_id, history in histories.items():
        if len(history.store_names) > 1:
            stores = ", ".join(sorted(history.store_names))
            errors.append(f"{path.name}: item {item_id} is listed by more than one store: {stores}")
    return [history.item() for history in histories.values()], errors


def _fold_rows(
    file_name: str, rows: Iterator[list[str]], histories: dict[str, _ItemHistory]
) -> list[str]:
    """Fold every row into its item's history; the errors of the rows that cannot be read."""
    header = [name.strip() for name in next(rows, [])]
    if tuple(header) != COLUMNS:
        found = ",".join(header) or "nothing"
        return [f"{file_name} row 1: the header should be {','.join(COLUMNS)}, not {found}"]
    errors: list[str] = []
    for number, row in enumerate(rows, start=2):
        try:
            snapshot = _snapshot(row)
        except ValueError as error:
            errors.append(f"{file_name} row {number}: {error}")
            continue
        history = histories.get(snapshot.item_id)
        if history is None:
            history = histories[snapshot.item_id] = _new_history(snapshot)
        history.add(snapshot)
    return errors


def _new_history(snapshot: _Snapshot) -> _ItemHistory:
    return _ItemHistory(snapshot, snapshot, snapshot.price, snapshot.price, snapshot.day)


def _snapshot(row: Sequence[str]) -> _Snapshot:
    """One row as a snapshot; ValueError says in words what is wrong with it."""
    if len(row) != len(COLUMNS):
        raise ValueError(f"{len(row)} fields where {len(COLUMNS)} are expected")
    day_text, item_id, title, price_text, sale_text, _comments, store_name = (
        cell.strip() for cell in row
    )
    if not item_id:
        raise ValueError("the id is empty")
    if not store_name:
        raise ValueError("the 店名 (store name) is empty")
    try:
        price = Money.of_yuan(price_text)
    except InvalidAmount:
        raise ValueError(f"price '{price_text}' is not an amount in yuan") from None
    if price.fen <= 0:
        raise ValueError(f"price '{price_text}' is not more than zero")
    if sale_text and not sale_text.isdecimal():
        raise ValueError(f"sale_count '{sale_text}' is not a whole number")
    return _Snapshot(
        day=_day(day_text),
        store_name=store_name,
        item_id=item_id,
        title=title,
        price=price,
        sale_count=int(sale_text) if sale_text else None,
    )


def _day(text: str) -> date:
    """A day written as the file writes it: 2016/11/14 or 2016/11/5."""
    parts = text.split("/")
    if len(parts) != 3 or not all(part.isdecimal() for part in parts):
        raise ValueError(f"update_time '{text}' is not a date like 2016/11/14")
    year, month, day = (int(part) for part in parts)
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"update_time '{text}' is not a day of the calendar") from None
