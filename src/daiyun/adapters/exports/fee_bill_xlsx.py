"""A model B fee bill as an XLSX workbook (issue 18): the bill with how its amount due is made,
its payments and dates (R-B2, R-B3, R-B5); the VAT invoice request on a sheet of its own, to key
into the tax system; and the Alipay lines the bill counts, streamed to a write-only sheet.

Amounts are numbers in yuan made exactly from fen; text is written as text, never as a formula,
whatever an Alipay statement put in it (the statement workbook's cells, `statement_xlsx._Cells`).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Final

from daiyun.adapters.exports.statement_xlsx import RATE_FORMAT, TIME_FORMAT, _Cells
from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.fee_bills.bill_file import CountedLines, FeeBillDocument, FileRow, kind_label
from daiyun.domain.money import Money, Rate
from daiyun.domain.reconciliation import AlipayEntry
from daiyun.domain.settlement.document import yuan

if TYPE_CHECKING:
    from openpyxl import Workbook

__all__ = [
    "BILL_SHEET",
    "INVOICE_SHEET",
    "LINES_SHEET",
    "fee_bill_xlsx_bytes",
    "write_fee_bill_xlsx",
]

BILL_SHEET: Final = "账单 Bill"
INVOICE_SHEET: Final = "开票申请 Invoice request"
LINES_SHEET: Final = "支付宝明细 Alipay lines"

# (中文, English, width) of the lines sheet's columns.
_LINE_COLUMNS: Final = (
    ("类型", "Kind", 18),
    ("发生时间（北京）", "Time (Beijing)", 20),
    ("账务流水号", "Entry no", 24),
    ("业务流水号", "Business no", 24),
    ("商户订单号", "Merchant order no", 26),
    ("订单号", "Order no", 20),
    ("业务类型", "Business type", 12),
    ("商品名称", "Item", 30),
    ("收入（元）", "Income", 14),
    ("支出（元）", "Expense", 14),
    ("计入金额（元）", "Counted", 14),
    ("备注", "Remark", 30),
)


def write_fee_bill_xlsx(
    document: FeeBillDocument, lines: Iterable[AlipayEntry], target: Path | BinaryIO
) -> None:
    """Write the bill's workbook to a path or a binary file object."""
    workbook = _workbook(document, lines)
    workbook.save(str(target) if isinstance(target, Path) else target)


def fee_bill_xlsx_bytes(document: FeeBillDocument, lines: Iterable[AlipayEntry]) -> bytes:
    """The bill's workbook as bytes."""
    buffer = io.BytesIO()
    write_fee_bill_xlsx(document, lines, buffer)
    return buffer.getvalue()


def _workbook(document: FeeBillDocument, lines: Iterable[AlipayEntry]) -> Workbook:
    # openpyxl loads slowly: only commands that write a workbook pay for it.
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    _write_bill(document, _Cells(workbook.create_sheet(BILL_SHEET)))
    _write_invoice(document, _Cells(workbook.create_sheet(INVOICE_SHEET)))
    _write_lines(document, lines, _Cells(workbook.create_sheet(LINES_SHEET)))
    workbook.properties.title = document.title
    workbook.properties.identifier = document.content_hash
    workbook.properties.version = str(document.version)
    return workbook


def _widths(cells: _Cells, widths: Iterable[int]) -> None:
    from openpyxl.utils import get_column_letter

    for index, width in enumerate(widths, start=1):
        cells.sheet.column_dimensions[get_column_letter(index)].width = width


def _value(cells: _Cells, value: Money | Rate | str) -> object:
    if isinstance(value, Money):
        return cells.money(value)
    if isinstance(value, Rate):
        return cells.number(value.value, RATE_FORMAT)
    return cells.text(value)


def _rows(cells: _Cells, rows: Iterable[FileRow]) -> None:
    for row in rows:
        cells.append(
            [
                cells.text(row.zh),
                cells.text(row.en),
                _value(cells, row.value),
                cells.text(row.key or None),
                cells.text(row.note or None),
            ]
        )


def _facts(cells: _Cells, facts: Iterable[tuple[str, str, str]]) -> None:
    for zh, en, value in facts:
        cells.append([cells.text(zh), cells.text(en), cells.text(value)])


def _heading(cells: _Cells, zh: str, en: str) -> None:
    cells.append([])
    cells.append([cells.text(zh, bold=True), cells.text(en, bold=True)])


def _write_bill(document: FeeBillDocument, cells: _Cells) -> None:
    _widths(cells, (16, 30, 22, 18, 80))
    cells.append([cells.text(f"{document.title} — {document.brand_name}", bold=True)])
    cells.append([])
    _facts(cells, document.header_facts())
    _heading(cells, "应付金额的计算", "How the amount due is made (R-B2, R-B3)")
    cells.append(
        [
            cells.text(text, bold=True)
            for text in ("项目", "Figure", "数值 Value", "key", "说明 How")
        ]
    )
    _rows(cells, document.derivation())
    _heading(cells, "付款", "Payments")
    _rows(cells, document.payment_rows())
    _heading(cells, "日期", "Dates (R-B2, R-B5)")
    _facts(cells, document.date_facts())
    cells.append([])
    cells.append([cells.text(document.file_identity)])


def _write_invoice(document: FeeBillDocument, cells: _Cells) -> None:
    _widths(cells, (18, 24, 40, 14))
    cells.append([cells.text("增值税发票开票申请 VAT invoice request (R-B3)", bold=True)])
    cells.append([cells.text(f"{document.contract_code} {document.month}")])
    cells.append([])
    for row in document.invoice_request():
        value = _value(cells, row.value)
        cells.append([cells.text(row.zh), cells.text(row.en), value, cells.text(row.key or None)])
    notes = document.invoice_notes()
    if notes:
        cells.append([])
        for note in notes:
            cells.append([cells.text("注意 Note", bold=True), None, cells.text(note)])
    cells.append([])
    cells.append([cells.text(document.file_identity)])


def _beijing(moment: datetime) -> datetime:
    # Excel has no time zones: the column says the times are Beijing time.
    return moment.astimezone(SHANGHAI).replace(tzinfo=None)


def _write_lines(document: FeeBillDocument, lines: Iterable[AlipayEntry], cells: _Cells) -> None:
    _widths(cells, (width for _, _, width in _LINE_COLUMNS))
    cells.sheet.freeze_panes = "A2"
    cells.append(cells.text(f"{zh} {en}", bold=True) for zh, en, _ in _LINE_COLUMNS)
    # A write-only sheet writes each row as it is appended, so one styled cell per column can
    # carry every row's value (as the statement's lines sheet does).
    time: Any = cells.number(0, TIME_FORMAT)
    income: Any = cells.money(0)
    expense: Any = cells.money(0)
    counted: Any = cells.money(0)
    tally = CountedLines()
    for entry in lines:
        zh, en = kind_label(tally.add(entry))
        time.value = _beijing(entry.occurred_at)
        income.value = yuan(entry.income.fen)
        expense.value = yuan(entry.expense.fen)
        counted.value = yuan(entry.amount.fen)
        cells.append(
            [
                cells.text(f"{zh} {en}"),
                time,
                cells.text(entry.entry_no),
                cells.text(entry.business_no or None),
                cells.text(entry.merchant_order_no or None),
                cells.text(entry.order_no),
                cells.text(entry.business_type),
                cells.text(entry.item_name or None),
                income,
                expense,
                counted,
                cells.text(entry.remark or None),
            ]
        )
    cells.append([])
    cells.append([cells.text(tally.summary(document.bill))])
