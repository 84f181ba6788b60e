"""Statement and report files: the statement as XLSX and as PDF, from a StatementDocument."""

from daiyun.adapters.exports.fonts import CJK_FONT_PACKAGE, CjkFont, CjkFontMissing, find_cjk_font
from daiyun.adapters.exports.statement_pdf import (
    PDF_LINE_LIMIT,
    statement_pdf_bytes,
    write_statement_pdf,
)
from daiyun.adapters.exports.statement_xlsx import (
    LINES_SHEET,
    SUMMARY_SHEET,
    statement_xlsx_bytes,
    write_statement_xlsx,
)
from daiyun.domain.settlement.document import FIGURE_LABELS, FigureLabel, StatementDocument, yuan

__all__ = [
    "CJK_FONT_PACKAGE",
    "FIGURE_LABELS",
    "LINES_SHEET",
    "PDF_LINE_LIMIT",
    "SUMMARY_SHEET",
    "CjkFont",
    "CjkFontMissing",
    "FigureLabel",
    "StatementDocument",
    "find_cjk_font",
    "statement_pdf_bytes",
    "statement_xlsx_bytes",
    "write_statement_pdf",
    "write_statement_xlsx",
    "yuan",
]
