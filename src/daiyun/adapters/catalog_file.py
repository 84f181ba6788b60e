"""Read a brand's catalog file (interfaces.md, "Catalog file"): CSV or XLSX, English or Chinese."""

from __future__ import annotations

import math
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

from daiyun.adapters.text_files import UnreadableFile, csv_encoding, numbered_rows
from daiyun.adapters.workbooks import WorkbookLimits, first_sheet_rows
from daiyun.domain.calendar import SHANGHAI, start_of_day
from daiyun.domain.catalog import CatalogEntry, Fulfilment, entry_problems
from daiyun.domain.catalog.problem import CatalogProblem
from daiyun.domain.money import Money
from daiyun.domain.orders.shown import shown_names, shown_text

__all__ = ["COLUMN_NAMES", "CatalogProblem", "read_catalog_file", "read_catalog_upload"]

# Each field's header, in English and in Chinese. English matches in any letter case; both
# match after surrounding spaces are stripped ("零售指导价 " is 零售指导价).
COLUMN_NAMES: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "sku": ("sku", "商家编码"),
        "name": ("name", "商品名称"),
        "category": ("category", "类目"),
        "guide_price": ("guide_price", "零售指导价"),
        "effective_from": ("effective_from", "生效时间"),
        "fulfilment": ("fulfilment", "履约方式"),
    }
)
_REQUIRED = ("sku", "name", "category", "guide_price")
_FIELD_OF_HEADER = {
    header.casefold(): name for name, headers in COLUMN_NAMES.items() for header in headers
}
_FULFILMENT_WORDS = {
    "physical": Fulfilment.PHYSICAL,
    "实物": Fulfilment.PHYSICAL,
    "实物商品": Fulfilment.PHYSICAL,
    "digital": Fulfilment.DIGITAL,
    "虚拟": Fulfilment.DIGITAL,
    "虚拟商品": Fulfilment.DIGITAL,
}
# A date, or a date and a time, without an offset: Beijing time, as clerks and Excel write it.
_BEIJING_TIME = re.compile(
    r"(?P<year>\d{4})[-/](?P<month>\d{1,2})[-/](?P<day>\d{1,2})"
    r"(?:[ T](?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?",
    re.ASCII,
)
_ZIP_START = b"PK\x03\x04"  # an XLSX workbook is a zip archive
_OLD_EXCEL_START = b"\xd0\xcf\x11\xe0"  # a pre-2007 .xls workbook
# Issue 16: 100,000 SKUs, hundreds of times a brand's range (the largest in the 2016 Tmall
# listings the demo loads, 悦诗风吟, has 330 items); the other limits are any workbook's.
_CATALOG_WORKBOOK = WorkbookLimits(rows=100_000)

_EMPTY = "empty; every row needs a value here"
_NOT_AMOUNT = "not an amount with at most two decimals"
_NOT_TIME = "not a date; write 2026-11-05, 2026-11-05 10:00:00 or 2026-11-05T10:00:00+08:00"
_NOT_FULFILMENT = "neither physical nor digital (实物 or 虚拟)"

_Value = TypeVar("_Value")


def read_catalog_file(path: Path) -> tuple[list[CatalogEntry], list[CatalogProblem]]:
    """The entries of a catalog file and every problem in it, each named by file, row and column."""
    reading = _CatalogReading(path.name)
    try:
        reading.read(_rows_of(path))
    except UnreadableFile as unreadable:
        reading.problems.append(CatalogProblem(path.name, unreadable.row, "", "", str(unreadable)))
    return reading.entries, reading.problems


def read_catalog_upload(name: str, data: bytes) -> tuple[list[CatalogEntry], list[CatalogProblem]]:
    """An uploaded catalog file's entries and problems, named by the file name it came with."""
    shown = Path(name).name[:120] or "upload"
    suffix = Path(shown).suffix.casefold()
    # The reader tells CSV from XLSX by content and suffix; the upload's own name only labels.
    with tempfile.TemporaryDirectory(prefix="daiyun-catalog-") as folder:
        path = Path(folder) / f"catalog{suffix if suffix.isascii() and len(suffix) <= 8 else ''}"
        path.write_bytes(data)
        entries, problems = read_catalog_file(path)
    return entries, [replace(problem, file=shown) for problem in problems]


class _BadCell(Exception):
    """A cell's value cannot be taken; the message says why, for a clerk."""


@dataclass
class _CatalogReading:
    """One pass over a catalog file's rows, gathering entries and problems."""

    file: str
    entries: list[CatalogEntry] = field(default_factory=list)
    problems: list[CatalogProblem] = field(default_factory=list)
    columns: dict[str, int] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    first_row_of: dict[tuple[str, datetime | None], int] = field(default_factory=dict)

    def read(self, rows: Iterable[Sequence[object]]) -> None:
        """Take the header row, then every non-blank row after it."""
        numbered = enumerate(rows, start=1)
        header = next(numbered, None)
        if header is None:
            raise UnreadableFile("the file is empty; a catalog file starts with a header row")
        if not self.take_header(header[1]):
            return
        rows_seen = 0
        for number, cells in numbered:
            if all(_shown(cell) == "" for cell in cells):
                continue
            rows_seen += 1
            self.take_row(number, cells)
        if rows_seen == 0:
            message = "has a header row but no rows of SKUs below it"
            self.problems.append(CatalogProblem(self.file, 0, "", "", message))

    def take_header(self, cells: Sequence[object]) -> bool:
        """Find each field's column; report missing or repeated ones. True when rows can be read."""
        found = [_shown(cell) for cell in cells]
        for position, header in enumerate(found):
            name = _FIELD_OF_HEADER.get(header.casefold())
            if name is None:
                continue
            if name in self.columns:
                message = f"the column {header} repeats {self.headers[name]}; keep one of them"
                self.problems.append(CatalogProblem(self.file, 1, "", "", message))
                continue
            self.columns[name] = position
            self.headers[name] = header
        # A header of a million columns must not make a message of megabytes (issue 16, point 6).
        listed = shown_names([header for header in found if header]) or "no names at all"
        for name in _REQUIRED:
            if name not in self.columns:
                english, chinese = COLUMN_NAMES[name]
                message = f"no column {chinese} (or {english}); the header row has: {listed}"
                self.problems.append(CatalogProblem(self.file, 1, "", "", message))
        return not self.problems

    def take_row(self, number: int, cells: Sequence[object]) -> None:
        """Make one entry of a row, or report every problem the row has."""
        failures: list[tuple[str, object, str]] = []

        def take(name: str, parse: Callable[[object], _Value], fallback: _Value) -> _Value:
            cell = self.cell(name, cells)
            try:
                return parse(cell)
            except _BadCell as bad:
                failures.append((name, cell, str(bad)))
                return fallback

        entry = CatalogEntry(
            sku=take("sku", _required_text, ""),
            name=take("name", _required_text, ""),
            category=take("category", _required_text, ""),
            guide_price=take("guide_price", _guide_price, Money.zero()),
            effective_from=take("effective_from", _effective_from, None),
            fulfilment=take("fulfilment", _fulfilment, Fulfilment.PHYSICAL),
        )
        if not failures:
            failures = [
                (problem.field, self.cell(problem.field, cells), problem.message)
                for problem in entry_problems(entry)
            ]
        for name, cell, message in failures:
            self.report(number, name, cell, message)
        if not failures:
            self.keep(number, entry, cells)

    def keep(self, number: int, entry: CatalogEntry, cells: Sequence[object]) -> None:
        """Keep an entry unless its SKU already has a price from the same moment in this file."""
        key = (entry.sku, entry.effective_from)
        first = self.first_row_of.setdefault(key, number)
        if first == number:
            self.entries.append(entry)
            return
        message = f"already on row {first} with the same effective-from time"
        self.report(number, "sku", self.cell("sku", cells), message)

    def cell(self, name: str, cells: Sequence[object]) -> object:
        """The row's cell in the field's column; None when the column or the cell is missing."""
        position = self.columns.get(name)
        if position is None or position >= len(cells):
            return None
        return cells[position]

    def report(self, number: int, name: str, cell: object, message: str) -> None:
        """Note a problem with one cell."""
        column = self.headers.get(name, COLUMN_NAMES[name][1])
        shown = shown_text(_shown(cell))
        self.problems.append(CatalogProblem(self.file, number, column, shown, message))


def _shown(cell: object) -> str:
    """A cell's value as the clerk sees it, without surrounding spaces."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float):
        # repr() is the shortest text that reads back as the same float: 199.9, not 199.90000…
        return str(int(cell)) if cell.is_integer() else repr(cell)
    if isinstance(cell, datetime):
        return cell.isoformat(sep=" ")
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell).strip()


def _required_text(cell: object) -> str:
    text = _shown(cell)
    if not text:
        raise _BadCell(_EMPTY)
    return text


def _guide_price(cell: object) -> Money:
    if _shown(cell) == "":
        raise _BadCell(_EMPTY)
    if isinstance(cell, float):
        # An XLSX number cell comes from openpyxl as a float. The workbook stores the number as
        # text (199.9); repr() gives that text back exactly, so 199.9 is 19990 fen and 12.345 is
        # refused, never rounded. Never Decimal(cell): that is the float's binary value.
        if not math.isfinite(cell):
            raise _BadCell(_NOT_AMOUNT)
        cell = Decimal(repr(cell))
    if isinstance(cell, bool) or not isinstance(cell, str | int | Decimal):
        raise _BadCell(_NOT_AMOUNT)
    try:
        return Money.of_yuan(cell)
    except ValueError:  # InvalidAmount, or a text of more digits than Python converts (4,300)
        raise _BadCell(_NOT_AMOUNT) from None


def _effective_from(cell: object) -> datetime | None:
    if _shown(cell) == "":
        return None
    if isinstance(cell, datetime):
        # An XLSX date cell has no time zone: it is Beijing time, like every time a clerk types.
        return cell if cell.tzinfo is not None else cell.replace(tzinfo=SHANGHAI)
    if isinstance(cell, date):
        return start_of_day(cell)
    if not isinstance(cell, str):
        raise _BadCell(_NOT_TIME)
    return _moment_of_text(cell.strip())


def _moment_of_text(text: str) -> datetime:
    match = _BEIJING_TIME.fullmatch(text)
    try:
        if match is None:
            moment = datetime.fromisoformat(text)
            return moment if moment.tzinfo is not None else moment.replace(tzinfo=SHANGHAI)
        parts = {name: int(value) for name, value in match.groupdict(default="0").items()}
        return datetime(**parts, tzinfo=SHANGHAI)
    except ValueError:
        raise _BadCell(_NOT_TIME) from None


def _fulfilment(cell: object) -> Fulfilment:
    text = _shown(cell)
    if not text:
        return Fulfilment.PHYSICAL
    fulfilment = _FULFILMENT_WORDS.get(text.casefold())
    if fulfilment is None:
        raise _BadCell(_NOT_FULFILMENT)
    return fulfilment


def _rows_of(path: Path) -> Iterator[Sequence[object]]:
    """The rows of a CSV or XLSX file, read as they are needed."""
    try:
        with path.open("rb") as file:
            start = file.read(len(_ZIP_START))
    except OSError as error:
        raise UnreadableFile(f"cannot be opened: {error.strerror or error}") from None
    if start.startswith(_ZIP_START):
        return _xlsx_rows(path)
    if start.startswith(_OLD_EXCEL_START):
        raise UnreadableFile("an old .xls workbook; save it as .xlsx or as CSV (UTF-8)")
    if path.suffix.casefold() in (".xlsx", ".xlsm"):
        raise UnreadableFile("cannot be opened as an XLSX workbook")
    if path.suffix.casefold() not in (".csv", ".txt"):
        raise UnreadableFile("not a CSV or XLSX file")
    return _csv_rows(path)


def _csv_rows(path: Path) -> Iterator[Sequence[object]]:
    for _, cells in numbered_rows(path, csv_encoding(path)):
        yield cells


def _xlsx_rows(path: Path) -> Iterator[Sequence[object]]:
    """The first sheet's rows, within a catalogue's limits."""
    return first_sheet_rows(path, limits=_CATALOG_WORKBOOK)
