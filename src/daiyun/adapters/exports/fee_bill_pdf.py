"""A model B fee bill as a PDF (issue 18), with an embedded Chinese font: the bill with how its
amount due is made, its payments and dates (R-B2, R-B3, R-B5), the VAT invoice request to key
into the tax system, then the Alipay lines the bill counts (up to a limit; the XLSX has them
all). Every page's footer carries the version and the content hash.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Final

from daiyun.adapters.exports.fonts import CjkFont, find_cjk_font
from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.fee_bills.bill_file import CountedLines, FeeBillDocument, FileRow, kind_label
from daiyun.domain.money import Money, Rate
from daiyun.domain.reconciliation import AlipayEntry

if TYPE_CHECKING:
    from fpdf import FPDF

__all__ = ["FEE_BILL_PDF_LINE_LIMIT", "fee_bill_pdf_bytes", "write_fee_bill_pdf"]

# As for statements: past a few thousand lines nobody reads a PDF on; the XLSX has every line.
FEE_BILL_PDF_LINE_LIMIT: Final = 2_000

_FAMILY: Final = "cjk"
_PAGES: Final = "{pages}"  # replaced by the page count at the end
_MARGIN: Final = 10.0
_ROW: Final = 4.6  # mm, a lines-table row at 7 pt

# (中文, English, width in mm, is a number) of the lines table, landscape A4 (277 mm).
_LINE_COLUMNS: Final = (
    ("类型", "Kind", 18, False),
    ("发生时间（北京）", "Time (Beijing)", 30, False),
    ("账务流水号", "Entry no", 40, False),
    ("商户订单号", "Merchant order no", 46, False),
    ("业务类型", "Business type", 20, False),
    ("商品名称", "Item", 53, False),
    ("收入", "Income", 22, True),
    ("支出", "Expense", 22, True),
    ("计入金额", "Counted", 24, True),
)


def write_fee_bill_pdf(
    document: FeeBillDocument,
    lines: Iterable[AlipayEntry],
    target: Path | BinaryIO,
    *,
    max_lines: int | None = FEE_BILL_PDF_LINE_LIMIT,
    font: CjkFont | None = None,
) -> None:
    """Write the bill's PDF: the bill and its invoice request, then up to `max_lines` lines."""
    data = fee_bill_pdf_bytes(document, lines, max_lines=max_lines, font=font)
    if isinstance(target, Path):
        target.write_bytes(data)
    else:
        target.write(data)


def fee_bill_pdf_bytes(
    document: FeeBillDocument,
    lines: Iterable[AlipayEntry],
    *,
    max_lines: int | None = FEE_BILL_PDF_LINE_LIMIT,
    font: CjkFont | None = None,
) -> bytes:
    """The bill's PDF as bytes; CjkFontMissing when no Chinese font is installed."""
    pdf = _fee_bill_pdf(document, font or find_cjk_font())
    _bill_page(pdf, document)
    _invoice_request(pdf, document)
    _lines_pages(pdf, document, lines, max_lines)
    buffer = io.BytesIO()
    pdf.output(buffer)
    return buffer.getvalue()


def _fee_bill_pdf(document: FeeBillDocument, font: CjkFont) -> FPDF:
    # fpdf2 loads fontTools: only commands that write a PDF pay for the import.
    from fpdf import FPDF

    class FeeBillPdf(FPDF):
        """Pages with the bill version's identity in every footer."""

        def footer(self) -> None:
            self.set_y(-9)
            self.set_font(_FAMILY, size=6.5)
            self.set_text_color(90)
            self.cell(0, 4, document.file_identity)
            self.set_x(_MARGIN)
            self.cell(0, 4, f"第 {self.page_no()}/{_PAGES} 页 Page", align="R")
            self.set_text_color(0)

    pdf = FeeBillPdf(orientation="portrait", unit="mm", format="A4")
    pdf.set_margins(_MARGIN, _MARGIN, _MARGIN)
    pdf.set_auto_page_break(True, margin=14)
    pdf.alias_nb_pages(_PAGES)
    pdf.add_font(_FAMILY, fname=font.regular, collection_font_number=font.regular_index)
    bold, bold_index = (
        (font.bold, font.bold_index) if font.bold else (font.regular, font.regular_index)
    )
    pdf.add_font(_FAMILY, style="B", fname=bold, collection_font_number=bold_index)
    pdf.set_title(document.title)
    pdf.set_subject(f"version {document.version}; content hash {document.content_hash}")
    pdf.set_creator("daiyun")
    pdf.set_lang("zh-CN")
    # The same bill gives the same file: no wall-clock time inside it.
    pdf.set_creation_date(datetime(2000, 1, 1, tzinfo=UTC))
    return pdf


def _shown(value: Money | Rate | str) -> str:
    if isinstance(value, Money):
        return value.display()
    if isinstance(value, Rate):
        return value.percent_text()
    return value


def _heading(pdf: FPDF, text: str) -> None:
    pdf.ln(3)
    pdf.set_font(_FAMILY, style="B", size=11)
    pdf.cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(_FAMILY, size=9.5)


def _label_row(pdf: FPDF, zh: str, en: str, value: str, *, bold: bool = False) -> None:
    pdf.set_font(_FAMILY, size=9.5)
    pdf.cell(32, 6, zh)
    pdf.set_text_color(90)
    pdf.cell(52, 6, en)
    pdf.set_text_color(0)
    pdf.set_font(_FAMILY, style="B" if bold else "", size=9.5 if len(value) <= 40 else 7.5)
    pdf.multi_cell(0, 6, value, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(_FAMILY, size=9.5)


def _figure_rows(pdf: FPDF, rows: Iterable[FileRow]) -> None:
    """Label, amount right-aligned, and the arithmetic under it in small grey type."""
    for row in rows:
        pdf.set_font(_FAMILY, size=9.5)
        pdf.cell(32, 6, row.zh)
        pdf.set_text_color(90)
        pdf.cell(52, 6, row.en)
        pdf.set_text_color(0)
        bold = row.key in {"amount_due", "outstanding"}
        pdf.set_font(_FAMILY, style="B" if bold else "", size=9.5)
        pdf.cell(36, 6, _shown(row.value), align="R", new_x="LMARGIN", new_y="NEXT")
        if row.note:
            pdf.set_font(_FAMILY, size=7.5)
            pdf.set_text_color(90)
            pdf.set_x(_MARGIN + 32)
            pdf.multi_cell(0, 4, row.note, new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_color(0)


def _bill_page(pdf: FPDF, document: FeeBillDocument) -> None:
    pdf.add_page()
    pdf.set_font(_FAMILY, style="B", size=16)
    pdf.cell(0, 9, "佣金账单 Fee bill", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(_FAMILY, size=11)
    pdf.cell(0, 7, f"{document.brand_name} · {document.month}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    for zh, en, value in document.header_facts():
        _label_row(pdf, zh, en, value)
    _heading(pdf, "应付金额的计算 How the amount due is made (R-B2, R-B3)")
    _figure_rows(pdf, document.derivation())
    _heading(pdf, "付款 Payments")
    _figure_rows(pdf, document.payment_rows())
    _heading(pdf, "日期 Dates (R-B2, R-B5)")
    for zh, en, value in document.date_facts():
        _label_row(pdf, zh, en, value)


def _invoice_request(pdf: FPDF, document: FeeBillDocument) -> None:
    """The invoice request in a ruled box, a row per field the tax system asks for."""
    rows = document.invoice_request()
    notes = document.invoice_notes()
    if pdf.will_page_break(12 + 7 * len(rows) + 10 * len(notes)):
        pdf.add_page()
    _heading(pdf, "增值税发票开票申请 VAT invoice request (R-B3)")
    pdf.set_draw_color(120)
    for row in rows:
        pdf.set_font(_FAMILY, size=9.5)
        pdf.cell(34, 7, row.zh, border=1)
        pdf.set_text_color(90)
        pdf.cell(44, 7, row.en, border=1)
        pdf.set_text_color(0)
        value = _shown(row.value)
        pdf.set_font(_FAMILY, style="B", size=9.5 if len(value) <= 60 else 7)
        pdf.cell(0, 7, value, border=1, new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(0)
    if notes:
        pdf.ln(2)
        pdf.set_font(_FAMILY, size=9)
        for note in notes:
            pdf.multi_cell(0, 5, f"注意 Note: {note}", new_x="LMARGIN", new_y="NEXT")


def _table_page(pdf: FPDF) -> None:
    """A new landscape page that starts with the lines table's heads."""
    pdf.add_page(orientation="landscape")
    pdf.set_font(_FAMILY, style="B", size=7)
    for zh, _, width, is_number in _LINE_COLUMNS:
        pdf.cell(width, 4, zh, align="R" if is_number else "L")
    pdf.ln(4)
    pdf.set_font(_FAMILY, size=6.5)
    pdf.set_text_color(90)
    for _, en, width, is_number in _LINE_COLUMNS:
        pdf.cell(width, 3.5, en, align="R" if is_number else "L")
    pdf.set_text_color(0)
    pdf.ln(4.5)
    pdf.set_font(_FAMILY, size=7)


def _lines_pages(
    pdf: FPDF, document: FeeBillDocument, lines: Iterable[AlipayEntry], max_lines: int | None
) -> None:
    """The counted lines, the first `max_lines` of them drawn; every line counted in the
    totals that close the table."""
    tally = CountedLines()
    drawn = 0
    for entry in lines:
        kind = tally.add(entry)
        if max_lines is not None and drawn >= max_lines:
            continue
        if drawn == 0 or pdf.will_page_break(_ROW):
            _table_page(pdf)
        for (_, _, width, is_number), text in zip(
            _LINE_COLUMNS, _line_texts(entry, kind), strict=True
        ):
            shown = text if is_number else _fit(pdf, text, width)
            pdf.cell(width, _ROW, shown, align="R" if is_number else "L")
        pdf.ln(_ROW)
        drawn += 1
    total = tally.income_lines + tally.refund_lines
    if drawn == 0:
        _heading(pdf, "支付宝明细 Alipay lines")
    pdf.ln(2)
    pdf.set_font(_FAMILY, size=8)
    if drawn < total:
        pdf.multi_cell(
            0,
            4.5,
            f"本文件列出前 {drawn:,} 行，共 {total:,} 行；全部明细见 XLSX — the first {drawn:,} "
            f"of {total:,} lines; the XLSX workbook has every line.",
            new_x="LMARGIN",
            new_y="NEXT",
        )
    pdf.multi_cell(0, 4.5, tally.summary(document.bill), new_x="LMARGIN", new_y="NEXT")


def _line_texts(entry: AlipayEntry, kind: str) -> tuple[str, ...]:
    zh, _ = kind_label(kind)
    return (
        zh,
        entry.occurred_at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S"),
        entry.entry_no,
        entry.merchant_order_no,
        entry.business_type,
        entry.item_name,
        _amount(entry.income),
        _amount(entry.expense),
        _amount(entry.amount),
    )


def _amount(amount: Money) -> str:
    return amount.display().replace("¥", "")


def _fit(pdf: FPDF, text: str, width: float) -> str:
    """The text, cut with "…" to fit the column (cells do not clip)."""
    room = width - 2 * pdf.c_margin
    if pdf.get_string_width(text) <= room:
        return text
    while text and pdf.get_string_width(text + "…") > room:
        text = text[:-1]
    return text + "…"
