"""The statement as a PDF: a summary page and the lines, with an embedded Chinese font.

Every page's footer carries the version and the content hash, so a printed page can be matched
to the statement version it comes from (R-S8).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Final

from daiyun.adapters.exports.fonts import CjkFont, find_cjk_font
from daiyun.domain.money import Money
from daiyun.domain.settlement import StatementLine
from daiyun.domain.settlement.document import StatementDocument
from daiyun.domain.settlement.glossary import GLOSSARY

if TYPE_CHECKING:
    from fpdf import FPDF

__all__ = ["PDF_LINE_LIMIT", "statement_pdf_bytes", "write_statement_pdf"]

# A PDF is read by people: past a few thousand lines nobody reads on; the XLSX has every line
# (and the content hash covers every line either way). About 45 landscape pages, ~1 s.
PDF_LINE_LIMIT: Final = 2_000

_FAMILY: Final = "cjk"
# Replaced by the page count at the end; as wide as the widest count it may stand for.
_PAGES: Final = "{pages}"
_ROW: Final = 4.6  # mm, a lines-table row at 7 pt
_MARGIN: Final = 10.0


@dataclass(frozen=True, slots=True)
class _Column:
    zh: str
    en: str
    width: float  # mm
    is_number: bool = False


def _named(key: str, width: float) -> _Column:
    """An amount's column, named as the glossary names it (the same name as the web's)."""
    return _Column(GLOSSARY[key].zh, GLOSSARY[key].en, width, True)


_LINE_COLUMNS: Final[tuple[_Column, ...]] = (
    _Column("类型", "Kind", 17),
    _Column("规则", "Rule", 11),
    _Column("订单号", "Order no", 28),
    _Column("行", "Line", 9, True),
    _Column("SKU", "SKU", 26),
    _Column("类目", "Category", 16),
    _Column("件数", "Units", 10, True),
    _Column("退货件数", "Ret. units", 13, True),
    _named("sales_amount", 20),
    _named("returned_amount", 20),
    _named("concession_amount", 21),
    _named("brand_deductions", 19),
    _named("settlement_value", 21),
    _named("spread", 19),
    _named("platform_fees", 21),
)


def write_statement_pdf(
    document: StatementDocument,
    target: Path | BinaryIO,
    *,
    max_lines: int | None = PDF_LINE_LIMIT,
    font: CjkFont | None = None,
) -> None:
    """Write the statement PDF: summary, then up to `max_lines` lines (None: every line)."""
    data = statement_pdf_bytes(document, max_lines=max_lines, font=font)
    if isinstance(target, Path):
        target.write_bytes(data)
    else:
        target.write(data)


def statement_pdf_bytes(
    document: StatementDocument,
    *,
    max_lines: int | None = PDF_LINE_LIMIT,
    font: CjkFont | None = None,
) -> bytes:
    """The statement PDF as bytes; CjkFontMissing when no Chinese font is installed."""
    pdf = _statement_pdf(document, font or find_cjk_font())
    lines = document.statement.lines
    shown = lines if max_lines is None else lines[:max_lines]
    _summary_page(pdf, document, len(shown))
    if shown:
        _lines_pages(pdf, shown)
    buffer = io.BytesIO()
    pdf.output(buffer)
    return buffer.getvalue()


def _statement_pdf(document: StatementDocument, font: CjkFont) -> FPDF:
    # fpdf2 loads fontTools: only commands that write a PDF pay for the import.
    from fpdf import FPDF

    class StatementPdf(FPDF):
        """Pages with the statement's identity in every footer."""

        def footer(self) -> None:
            self.set_y(-9)
            self.set_font(_FAMILY, size=6.5)
            self.set_text_color(90)
            identity = (
                f"{document.contract_code} · {document.statement.month} · "
                f"版本 Version {document.version} · 内容哈希 Content hash {document.content_hash}"
            )
            self.cell(0, 4, identity)
            self.set_x(_MARGIN)
            self.cell(0, 4, f"第 {self.page_no()}/{_PAGES} 页 Page", align="R")
            self.set_text_color(0)

    pdf = StatementPdf(orientation="portrait", unit="mm", format="A4")
    pdf.set_margins(_MARGIN, _MARGIN, _MARGIN)
    pdf.set_auto_page_break(True, margin=14)
    pdf.alias_nb_pages(_PAGES)
    pdf.add_font(_FAMILY, fname=font.regular, collection_font_number=font.regular_index)
    bold, bold_index = (
        (font.bold, font.bold_index) if font.bold else (font.regular, font.regular_index)
    )
    pdf.add_font(_FAMILY, style="B", fname=bold, collection_font_number=bold_index)
    pdf.set_title(f"对账单 {document.contract_code} {document.statement.month}")
    pdf.set_subject(f"version {document.version}; content hash {document.content_hash}")
    pdf.set_creator("daiyun")
    pdf.set_lang("zh-CN")
    # The same statement gives the same file: no wall-clock time inside it.
    pdf.set_creation_date(datetime(2000, 1, 1, tzinfo=UTC))
    return pdf


def _summary_page(pdf: FPDF, document: StatementDocument, shown: int) -> None:
    pdf.add_page()
    pdf.set_font(_FAMILY, style="B", size=16)
    pdf.cell(0, 9, "对账单 Statement", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(_FAMILY, size=11)
    subtitle = f"{document.brand_name} · {document.statement.month}"
    pdf.cell(0, 7, subtitle, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for zh, en, value in document.header_facts():
        _label_row(pdf, zh, en, value, value_size=7.5 if len(value) > 40 else 9.5)
    pdf.ln(4)
    _heading(pdf, "数值 Figures")
    for label, figure in document.figure_values():
        shown_value = figure.display() if isinstance(figure, Money) else f"{figure:,}"
        _label_row(pdf, label.zh, label.en, shown_value, align="R", value_width=40)
    if penalty_facts := document.penalty_facts():
        pdf.ln(3)
        _heading(pdf, "滞纳金天数 Late penalty days (R-S7)")
        for zh, en, value in penalty_facts:
            pdf.multi_cell(0, 5, f"{zh} {en}: {value}", new_x="LMARGIN", new_y="NEXT")
    statement = document.statement
    if not statement.lines:
        pdf.ln(3)
        _heading(pdf, "本月无结算行 Why the month is empty")
        for reason in statement.explain_empty():
            pdf.multi_cell(0, 5, f"• {reason}", new_x="LMARGIN", new_y="NEXT")
    if statement.unsettleable:
        pdf.ln(3)
        _heading(pdf, "无法结算订单 Unsettleable orders")
        for order in statement.unsettleable[:40]:
            pdf.multi_cell(0, 5, f"{order.order_no}: {order.reason}", new_x="LMARGIN", new_y="NEXT")
        if len(statement.unsettleable) > 40:
            pdf.cell(0, 5, f"… {len(statement.unsettleable)} in all", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    _lines_note(pdf, shown, len(statement.lines))


def _heading(pdf: FPDF, text: str) -> None:
    pdf.set_font(_FAMILY, style="B", size=11)
    pdf.cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(_FAMILY, size=9.5)


def _label_row(
    pdf: FPDF,
    zh: str,
    en: str,
    value: str,
    *,
    align: str = "L",
    value_width: float = 0,
    value_size: float = 9.5,
) -> None:
    pdf.set_font(_FAMILY, size=9.5)
    pdf.cell(30, 6, zh)
    pdf.set_text_color(90)
    pdf.cell(48, 6, en)
    pdf.set_text_color(0)
    pdf.set_font(_FAMILY, size=value_size)
    pdf.cell(value_width, 6, value, align=align, new_x="LMARGIN", new_y="NEXT")


def _lines_note(pdf: FPDF, shown: int, total: int) -> None:
    pdf.set_font(_FAMILY, size=9)
    if shown == total:
        note = f"明细 Lines: 共 {total:,} 行，全部列于后页 (all {total:,} lines follow)."
    else:
        note = (
            f"明细 Lines: 共 {total:,} 行，本文件列出前 {shown:,} 行；全部明细见 XLSX 对账单。"
            f"\nThe first {shown:,} of {total:,} lines follow; the XLSX workbook has every line, "
            "and the content hash covers every line."
        )
    pdf.multi_cell(0, 5, note, new_x="LMARGIN", new_y="NEXT")


def _table_page(pdf: FPDF, columns: Sequence[_Column] = _LINE_COLUMNS) -> None:
    """A new landscape page that starts with the table's heads."""
    pdf.add_page(orientation="landscape")
    pdf.set_font(_FAMILY, style="B", size=7)
    for column in columns:
        pdf.cell(column.width, 4, column.zh, align="R" if column.is_number else "L")
    pdf.ln(4)
    pdf.set_font(_FAMILY, size=6.5)
    pdf.set_text_color(90)
    for column in columns:
        pdf.cell(column.width, 3.5, column.en, align="R" if column.is_number else "L")
    pdf.set_text_color(0)
    pdf.ln(4.5)
    pdf.set_font(_FAMILY, size=7)


def _lines_pages(pdf: FPDF, lines: Sequence[StatementLine]) -> None:
    _table_page(pdf)
    for line in lines:
        if pdf.will_page_break(_ROW):
            _table_page(pdf)
        for column, text in zip(_LINE_COLUMNS, _line_texts(line), strict=True):
            shown = text if column.is_number else _fit(pdf, text, column.width)
            pdf.cell(column.width, _ROW, shown, align="R" if column.is_number else "L")
        pdf.ln(_ROW)


def _line_texts(line: StatementLine) -> tuple[str, ...]:
    return (
        str(line.kind),
        line.rule,
        line.order_no,
        str(line.line_no),
        line.sku or "",
        line.category or "",
        str(line.units),
        str(line.returned_units),
        _amount(line.sales_fen),
        _amount(line.returned_fen),
        _amount(line.concession_fen),
        _amount(line.brand_deduction_fen),
        _amount(line.settlement_value_fen),
        _amount(line.spread_fen),
        _amount(line.platform_fee_fen),
    )


def _amount(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    whole, fraction = divmod(abs(fen), 100)
    return f"{sign}{whole:,}.{fraction:02d}"


def _fit(pdf: FPDF, text: str, width: float) -> str:
    """The text, cut with "…" to fit the column (cells do not clip)."""
    room = width - 2 * pdf.c_margin
    if pdf.get_string_width(text) <= room:
        return text
    while text and pdf.get_string_width(text + "…") > room:
        text = text[:-1]
    return text + "…"
