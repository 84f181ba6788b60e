"""The port through which a statement version becomes its files (R-S8): XLSX and PDF; bootstrap
wires in the writers of adapters/exports."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from daiyun.domain.settlement.document import StatementDocument

__all__ = ["PdfFontMissing", "StatementFiles"]


class PdfFontMissing(Exception):
    """No CJK font to embed: the PDF cannot be written (the message says what to install)."""


class StatementFiles(Protocol):
    """Writes a statement version's files."""

    def write_xlsx(self, document: StatementDocument, path: Path) -> None: ...
    def write_pdf(self, document: StatementDocument, path: Path) -> None:
        """Write the PDF; raises PdfFontMissing when no CJK font can be embedded."""
        ...
