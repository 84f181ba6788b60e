"""The brand data export as XLSX (issue 20 point 4, R-R3), with openpyxl's write-only
workbook: rows go to a temporary sheet file as they come, never held as cells.

Excel's sheet holds at most 1,048,576 rows (adapters/xlsx_limits.py): past 1,048,575 rows under
the header, the export goes on in a second sheet "<dataset> (2)" with the header again, and so
on. Amounts are numbers in yuan with two decimals, moments Beijing time, a text that would be a
formula is kept as text.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from daiyun.adapters.exports.brand_data_cells import FORMULA_STARTS, beijing, yuan
from daiyun.adapters.xlsx_limits import WorkbookLimits
from daiyun.domain.brand_data import ColumnKind, DataColumn

__all__ = ["SHEET_ROWS", "XlsxDatasetWriter"]

Row = tuple[object, ...]
SHEET_ROWS = WorkbookLimits().rows - 1  # rows of data under one sheet's header


class XlsxDatasetWriter:
    def __init__(self, sheet_rows: int = SHEET_ROWS) -> None:
        self._sheet_rows = sheet_rows

    def write(
        self,
        sink: BinaryIO,
        *,
        title: str,
        columns: Sequence[DataColumn],
        batches: Iterator[Sequence[Row]],
    ) -> int:
        workbook = Workbook(write_only=True)
        base = title.split(" ")[-1][:25]
        sheets = 0
        sheet: WriteOnlyWorksheet | None = None
        on_sheet = 0
        kinds = [column.kind for column in columns]
        written = 0
        for batch in batches:
            for row in batch:
                if sheet is None or on_sheet == self._sheet_rows:
                    sheets += 1
                    sheet = _new_sheet(workbook, base if sheets == 1 else f"{base} ({sheets})")
                    sheet.append(_header(sheet, columns))
                    on_sheet = 0
                sheet.append(
                    [_cell(sheet, kind, value) for kind, value in zip(kinds, row, strict=True)]
                )
                on_sheet += 1
            written += len(batch)
        if sheet is None:
            sheet = _new_sheet(workbook, base)
            sheet.append(_header(sheet, columns))
        workbook.save(sink)
        return written


def _new_sheet(workbook: Workbook, name: str) -> WriteOnlyWorksheet:
    sheet: WriteOnlyWorksheet = workbook.create_sheet(name)
    sheet.freeze_panes = "A2"
    return sheet


def _header(sheet: WriteOnlyWorksheet, columns: Sequence[DataColumn]) -> list[WriteOnlyCell]:
    cells = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.name)
        cell.font = Font(bold=True)
        cells.append(cell)
    return cells


def _cell(sheet: WriteOnlyWorksheet, kind: ColumnKind, value: object) -> object:
    if value is None:
        return None
    if kind is ColumnKind.MONEY:
        return yuan(int(value))  # type: ignore[call-overload]
    if kind is ColumnKind.MOMENT:
        return beijing(value)  # type: ignore[arg-type]
    if kind is ColumnKind.TEXT and isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"  # a text, never a formula
        return cell
    return value
