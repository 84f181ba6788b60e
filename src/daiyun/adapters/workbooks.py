"""XLSX workbooks as exported by platforms and kept by clerks: the first sheet's rows."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from daiyun.adapters.text_files import UnreadableFile

__all__ = ["first_sheet_rows"]


def first_sheet_rows(path: Path, *, max_row: int | None = None) -> Iterator[Sequence[object]]:
    """The first sheet's rows as values; a formula cell gives the value last saved for it."""
    # openpyxl loads slowly: only commands that meet a workbook pay for it.
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise UnreadableFile("cannot be opened as an XLSX workbook") from None
    try:
        if not workbook.worksheets:
            raise UnreadableFile("the workbook has no sheet of cells")
        sheet = workbook.worksheets[0]
        # Some programs write a wrong sheet size into the file; read every row there is.
        sheet.reset_dimensions()
        yield from sheet.iter_rows(max_row=max_row, values_only=True)
    finally:
        workbook.close()
