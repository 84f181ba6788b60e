"""XLSX workbooks as exported by platforms and kept by clerks: the first sheet's rows."""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from daiyun.adapters.text_files import UnreadableFile
from daiyun.adapters.xlsx_limits import LimitedArchive, WorkbookLimits, open_limited_archive

__all__ = ["WorkbookLimits", "first_sheet_rows"]

_EXCEL_ROWS = 1_048_576  # a row numbered past it is not in a sheet Excel could save
# What openpyxl raises on a part that is not the XML it expects, read on from a sound start.
# What openpyxl and zipfile raise on a damaged workbook; TypeError: an XML part with an
# attribute openpyxl does not expect (found by fuzzing, tests/fuzz).
_BROKEN = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    SyntaxError,
    ValueError,
    LookupError,
    TypeError,
)
_ANY_WORKBOOK = WorkbookLimits()


def first_sheet_rows(
    path: Path, *, max_row: int | None = None, limits: WorkbookLimits = _ANY_WORKBOOK
) -> Iterator[Sequence[object]]:
    """The first sheet's rows as values; a formula cell gives the value last saved for it.

    Read as a stream within `limits` (issue 16): past one, UnreadableFile names it; what the
    archive's directory declares is refused before anything is inflated."""
    archive = open_limited_archive(path, limits)
    try:
        workbook = _opened(path, archive)
        try:
            if not workbook.worksheets:
                raise UnreadableFile("the workbook has no sheet of cells")
            sheet = workbook.worksheets[0]
            # Some programs write a wrong sheet size into the file; read every row there is.
            sheet.reset_dimensions()
            archive.read_sheet_rows()
            yield from _bounded(sheet.iter_rows(max_row=max_row, values_only=True), limits)
        finally:
            workbook.close()
    finally:
        archive.close()


def _opened(path: Path, archive: LimitedArchive) -> Any:
    """The workbook read-only, openpyxl reading every part from the limited archive."""
    # openpyxl loads slowly: only commands that meet a workbook pay for it.
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # load_workbook() is this ExcelReader, on an archive it opens itself: give it ours.
        reader = ExcelReader(path, read_only=True, data_only=True, keep_links=False)
        reader.archive.close()
        reader.archive = archive
        reader.valid_files = archive.namelist()
        reader.read()
    except (*_BROKEN, InvalidFileException, OSError):
        raise UnreadableFile("cannot be opened as an XLSX workbook") from None
    return reader.wb


def _bounded(
    rows: Iterator[Sequence[object]], limits: WorkbookLimits
) -> Iterator[Sequence[object]]:
    """The rows, refused past the row, column and cell limits; empty cells past the last
    column daiyun reads are dropped (a clerk's formatting reaches far)."""
    number = 0
    valued = 0
    try:
        for number, cells in enumerate(rows, start=1):
            if number > _EXCEL_ROWS:
                raise UnreadableFile(f"has a row past row {_EXCEL_ROWS:,}, Excel's last", number)
            if cells.count(None) < len(cells):
                valued += 1
                if valued > limits.rows:
                    message = f"has more than {limits.rows:,} rows, the most daiyun reads"
                    raise UnreadableFile(message, number)
            yield _bounded_row(number, cells, limits)
    except _BROKEN as error:
        message = f"cannot be read on from here as an XLSX workbook ({_reason(error)})"
        raise UnreadableFile(message, number + 1) from None


def _bounded_row(number: int, cells: Sequence[object], limits: WorkbookLimits) -> Sequence[object]:
    """The row's cells up to the last column daiyun reads; refused past a limit."""
    from openpyxl.utils import get_column_letter

    if len(cells) > limits.columns:
        beyond = cells[limits.columns :]
        if beyond.count(None) < len(beyond):
            last = get_column_letter(limits.columns)
            message = f"has a value past column {last}: daiyun reads {limits.columns} columns"
            raise UnreadableFile(message, number)
        cells = cells[: limits.columns]
    for position, cell in enumerate(cells, start=1):
        if isinstance(cell, str) and len(cell) > limits.cell_characters:
            raise UnreadableFile(
                f"column {get_column_letter(position)} holds {len(cell):,} characters, more "
                f"than the {limits.cell_characters:,} a cell may hold",
                number,
            )
    return cells


def _reason(error: Exception) -> str:
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return text if len(text) <= 120 else text[:117] + "..."
