"""Read the brand's list of saleable goods (interfaces.md, "Fulfilment and after-sales"; R-F1):
CSV (UTF-8 or GBK) or XLSX, a header row, then one row per SKU and warehouse. Columns `sku` or
商家编码 and `quantity` or 数量; `warehouse` or 仓库 optional (none: the one unnamed warehouse).
Every problem is named by file, row (1 = the header) and column; any problem, nothing is kept.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterator, Sequence
from pathlib import Path

from daiyun.adapters.text_files import UnreadableFile, csv_encoding, header_names, numbered_rows
from daiyun.adapters.workbooks import WorkbookLimits, first_sheet_rows
from daiyun.domain.fulfilment.stock import MAX_QUANTITY, MAX_SKU, MAX_WAREHOUSE, StockRow
from daiyun.domain.orders import ImportProblem
from daiyun.domain.orders.shown import shown_names

__all__ = ["COLUMNS", "read_stock_file"]

# Each field's headers, English (any letter case) and Chinese.
COLUMNS = {
    "sku": ("sku", "商家编码"),
    "quantity": ("quantity", "数量"),
    "warehouse": ("warehouse", "仓库"),
}
_REQUIRED = ("sku", "quantity")
_FIELD_OF = {header.casefold(): name for name, headers in COLUMNS.items() for header in headers}
_ZIP_START = b"PK\x03\x04"
_OLD_EXCEL_START = b"\xd0\xcf\x11\xe0"
_STOCK_WORKBOOK = WorkbookLimits(rows=200_000)
_KEPT_PROBLEMS = 1000


def read_stock_file(path: Path) -> tuple[list[StockRow], list[ImportProblem], str]:
    """The list's rows, every problem, and the file's SHA-256."""
    reading = _Reading(path.name)
    digest = ""
    try:
        digest = _sha256(path)
        reading.read(_rows_of(path))
    except UnreadableFile as unreadable:
        reading.problem(unreadable.row, "", "", str(unreadable))
    return reading.rows, reading.problems, digest


class _Reading:
    """One pass over a stock list's rows."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.rows: list[StockRow] = []
        self.problems: list[ImportProblem] = []
        self.columns: dict[str, int] = {}
        self.headers: dict[str, str] = {}
        self.first_row_of: dict[tuple[str, str], int] = {}

    def problem(self, row: int, column: str, value: str, message: str) -> None:
        if len(self.problems) < _KEPT_PROBLEMS:
            self.problems.append(ImportProblem(self.file, row, column, value, message))

    def read(self, rows: Iterator[Sequence[object]]) -> None:
        numbered = enumerate(rows, start=1)
        first = next(numbered, None)
        if first is None:
            raise UnreadableFile("the file is empty; a stock list starts with a header row")
        if not self.take_header(first[1]):
            return
        seen = 0
        for number, cells in numbered:
            if all(_text(cell) == "" for cell in cells):
                continue
            seen += 1
            self.take_row(number, cells)
        if seen == 0:
            self.problem(0, "", "", "has a header row but no rows of SKUs below it")

    def take_header(self, cells: Sequence[object]) -> bool:
        found = header_names([_text(cell) for cell in cells])
        for position, header in enumerate(found):
            name = _FIELD_OF.get(header.casefold())
            if name is None:
                continue
            if name in self.columns:
                message = f"the column {header} repeats {self.headers[name]}; keep one of them"
                self.problem(1, header, "", message)
                continue
            self.columns[name] = position
            self.headers[name] = header
        listed = shown_names([header for header in found if header]) or "no names at all"
        for name in _REQUIRED:
            if name not in self.columns:
                english, chinese = COLUMNS[name]
                message = f"no column {chinese} (or {english}); the header row has: {listed}"
                self.problem(1, "", "", message)
        return not self.problems

    def cell(self, name: str, cells: Sequence[object]) -> object:
        position = self.columns.get(name)
        if position is None or position >= len(cells):
            return None
        return cells[position]

    def take_row(self, number: int, cells: Sequence[object]) -> None:
        problems = len(self.problems)
        sku = _text(self.cell("sku", cells))
        if not sku:
            self.problem(number, self.headers["sku"], "", "empty; every row names its SKU")
        elif len(sku) > MAX_SKU:
            self.problem(number, self.headers["sku"], sku, f"longer than {MAX_SKU} characters")
        warehouse = _text(self.cell("warehouse", cells))
        if len(warehouse) > MAX_WAREHOUSE:
            column = self.headers.get("warehouse", "warehouse")
            self.problem(number, column, warehouse, f"longer than {MAX_WAREHOUSE} characters")
        raw = self.cell("quantity", cells)
        quantity = _quantity(raw)
        if quantity is None:
            self.problem(
                number, self.headers["quantity"], _text(raw),
                f"not a whole number of units from 0 to {MAX_QUANTITY}",
            )  # fmt: skip
        if len(self.problems) > problems or quantity is None:
            return
        first = self.first_row_of.setdefault((sku, warehouse), number)
        if first != number:
            where = f" in warehouse {warehouse}" if warehouse else ""
            self.problem(number, self.headers["sku"], sku, f"already on row {first}{where}")
            return
        self.rows.append(StockRow(sku, warehouse, quantity, number))


def _text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _quantity(cell: object) -> int | None:
    """A whole number of units: 12, "12", 12.0 from a workbook; never 12.5 or -1."""
    if isinstance(cell, bool) or cell is None:
        return None
    if isinstance(cell, float):
        if not math.isfinite(cell) or not cell.is_integer():
            return None
        value = int(cell)
    elif isinstance(cell, int):
        value = cell
    else:
        text = str(cell).strip().replace(",", "")
        if not text.isascii() or not text.isdigit() or len(text) > 12:
            return None
        value = int(text)
    return value if 0 <= value <= MAX_QUANTITY else None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as file:
            while chunk := file.read(1 << 20):
                digest.update(chunk)
    except OSError as error:
        raise UnreadableFile(f"cannot be opened: {error.strerror or error}") from None
    return digest.hexdigest()


def _rows_of(path: Path) -> Iterator[Sequence[object]]:
    with path.open("rb") as file:
        start = file.read(len(_ZIP_START))
    if start.startswith(_ZIP_START):
        return first_sheet_rows(path, limits=_STOCK_WORKBOOK)
    if start.startswith(_OLD_EXCEL_START):
        raise UnreadableFile("an old .xls workbook; save it as .xlsx or as CSV (UTF-8)")
    if path.suffix.casefold() in (".xlsx", ".xlsm"):
        raise UnreadableFile("cannot be opened as an XLSX workbook")
    if path.suffix.casefold() not in (".csv", ".txt"):
        raise UnreadableFile("not a CSV or XLSX file")
    return (cells for _, cells in numbered_rows(path, csv_encoding(path)))
