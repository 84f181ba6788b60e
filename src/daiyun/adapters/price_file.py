"""Read a listing-price file: CSV with the columns store,sku,price (one listing a row)."""

from __future__ import annotations

import csv
import io

from daiyun.domain.money import InvalidAmount, Money
from daiyun.domain.pricing.price_file_rows import PriceFileProblem, PriceFileRow

__all__ = ["PriceFileProblem", "PriceFileRow", "read_price_file"]

MAX_ROWS = 10_000
# Each column's header, in English (any letter case) or Chinese.
_HEADERS = {
    "store": "store",
    "店铺": "store",
    "sku": "sku",
    "商家编码": "sku",
    "price": "price",
    "价格": "price",
}


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")  # what Excel in China saves


def read_price_file(data: bytes) -> tuple[list[PriceFileRow], list[PriceFileProblem]]:
    """The rows and the problems (file, row, field) of a price file; errors as values."""
    # newline="": the csv module sees a lone carriage return as the end of a line, as Excel
    # on a Mac writes it, instead of failing on it; a quoted field may hold a line break.
    text = io.StringIO(_text(data).replace("\x00", ""), newline="")
    try:
        lines = list(csv.reader(text))
    except csv.Error as error:
        return [], [PriceFileProblem(1, f"not a CSV file: {error}")]
    if not lines:
        return [], [PriceFileProblem(1, "the file is empty: write the header store,sku,price")]
    columns = {_HEADERS.get(name.strip().casefold()): i for i, name in enumerate(lines[0])}
    missing = [name for name in ("store", "sku", "price") if name not in columns]
    if missing:
        return [], [
            PriceFileProblem(1, f"the header lacks {', '.join(missing)}: write store,sku,price")
        ]
    if len(lines) - 1 > MAX_ROWS:
        return [], [PriceFileProblem(1, f"at most {MAX_ROWS:,} rows a file")]
    rows, problems = [], []
    for number, cells in enumerate(lines[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        values = {
            name: cells[i].strip() if i < len(cells) else "" for name, i in columns.items() if name
        }
        if not values["store"] or not values["sku"]:
            problems.append(PriceFileProblem(number, "a row names its store and its SKU"))
            continue
        try:
            price = Money.of_yuan(values["price"])
        except InvalidAmount as error:
            problems.append(PriceFileProblem(number, f"price: {error}"))
            continue
        rows.append(PriceFileRow(number, values["store"][:60], values["sku"][:60], price))
    return rows, problems
