"""The statement files of a stored version, XLSX and PDF, written where the command says."""

from __future__ import annotations

from pathlib import Path

from daiyun.bootstrap import Daiyun
from daiyun.entrypoints.statement_file_bytes import statement_document
from daiyun.services.errors import Refused
from daiyun.services.settlement.ports import PdfFontMissing
from daiyun.services.settlement.statement_access import StatementView
from daiyun.services.settlement.statements import statement_for_files

__all__ = ["write_statement_files"]


def write_statement_files(
    application: Daiyun, view: StatementView, *, xlsx: Path | None, pdf: Path | None
) -> list[Path]:
    """Write the requested files of the shown version, with its version and content hash."""
    if xlsx is None and pdf is None:
        return []
    files = statement_for_files(
        application.unit_of_work(),
        contract_code=view.contract,
        month=view.month,
        version=view.version,
    )
    document = statement_document(view, files)
    written: list[Path] = []
    writers = application.statement_files  # openpyxl and fpdf2 load only when files are made
    if xlsx is not None:
        writers.write_xlsx(document, xlsx)
        written.append(xlsx)
    if pdf is not None:
        try:
            writers.write_pdf(document, pdf)
        except PdfFontMissing as error:
            raise Refused(f"--pdf: {error}") from error
        written.append(pdf)
    return written
