"""The statement as an XLSX workbook: a summary sheet and one row per statement line.

Amounts are numbers in yuan made exactly from fen; every text cell is written as text, never as
a formula, whatever a platform file put in it (formula injection).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Final

from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.money import Money
from daiyun.domain.settlement import StatementLine
from daiyun.domain.settlement.document import StatementDocument, yuan
from daiyun.domain.settlement.glossary import GLOSSARY

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

__all__ = ["LINES_SHEET", "SUMMARY_SHEET", "statement_xlsx_bytes", "write_statement_xlsx"]

SUMMARY_SHEET: Final = "汇总 Summary"
LINES_SHEET: Final = "明细 Lines"

YUAN_FORMAT: Final = "¥#,##0.00;-¥#,##0.00"
RATE_FORMAT: Final = "0.00##%"
TIME_FORMAT: Final = "yyyy-mm-dd hh:mm:ss"

# A text starting with one of these is read as a formula (or the start of one) by a spreadsheet
# program when the cell is typed or edited (OWASP: CSV/formula injection).
_FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class _Column:
    zh: str
    en: str
    value: Callable[[StatementLine], Any]
    kind: str = "text"  # text | int | money | rate | time
    width: int = 14


def _beijing(moment: datetime) -> datetime:
    # Excel has no time zones: the column says the times are Beijing time.
    return moment.astimezone(SHANGHAI).replace(tzinfo=None)


def _named(key: str, value: Callable[[StatementLine], Any], kind: str, width: int = 14) -> _Column:
    """An amount's column, named as the glossary names it (the same name as the web's)."""
    return _Column(GLOSSARY[key].zh, GLOSSARY[key].en, value, kind, width)


LINE_COLUMNS: Final[tuple[_Column, ...]] = (
    _Column("类型", "Kind", lambda line: str(line.kind), width=11),
    _Column("规则", "Rule", lambda line: line.rule, width=8),
    _Column("订单号", "Order no", lambda line: line.order_no, width=22),
    _Column("行号", "Line no", lambda line: line.line_no, "int", 8),
    _Column("SKU", "SKU", lambda line: line.sku, width=20),
    _Column("类目", "Category", lambda line: line.category),
    _Column("平台", "Platform", lambda line: line.platform, width=10),
    _Column("时间（北京）", "Time (Beijing)", lambda line: _beijing(line.at), "time", 20),
    _named("settlement_price", lambda line: line.settlement_unit_price_fen, "money"),
    _named("fee_rate", lambda line: Decimal(line.fee_rate), "rate", 9),
    _Column("退款原因", "Refund reason", lambda line: line.refund_reason),
    _Column("件数", "Units", lambda line: line.units, "int", 8),
    _named("returned_units", lambda line: line.returned_units, "int", 8),
    _named("sales_amount", lambda line: line.sales_fen, "money"),
    _named("returned_amount", lambda line: line.returned_fen, "money"),
    _named("concession_amount", lambda line: line.concession_fen, "money"),
    _named("brand_deductions", lambda line: line.brand_deduction_fen, "money"),
    _named("settlement_value", lambda line: line.settlement_value_fen, "money"),
    _named("spread", lambda line: line.spread_fen, "money"),
    _named("platform_fees", lambda line: line.platform_fee_fen, "money"),
    _named("shipping_income", lambda line: line.shipping_income_fen, "money"),
    _named("price_violations", lambda line: line.price_violations, "int", 8),
)


def write_statement_xlsx(document: StatementDocument, target: Path | BinaryIO) -> None:
    """Write the statement workbook to a path or a binary file object."""
    workbook = _workbook(document)
    workbook.save(str(target) if isinstance(target, Path) else target)


def statement_xlsx_bytes(document: StatementDocument) -> bytes:
    """The statement workbook as bytes."""
    buffer = io.BytesIO()
    write_statement_xlsx(document, buffer)
    return buffer.getvalue()


def _workbook(document: StatementDocument) -> Workbook:
    # openpyxl loads slowly: only commands that write a workbook pay for it.
    from openpyxl import Workbook

    # Write-only: rows stream to a temporary file, so memory stays flat for 10⁵–10⁶ lines.
    workbook = Workbook(write_only=True)
    cells = _Cells(workbook.create_sheet(SUMMARY_SHEET))
    _write_summary(document, cells)
    cells = _Cells(workbook.create_sheet(LINES_SHEET))
    _write_lines(document.statement.lines, cells)
    workbook.properties.title = f"对账单 {document.contract_code} {document.statement.month}"
    workbook.properties.identifier = document.content_hash
    workbook.properties.version = str(document.version)
    return workbook


class _Cells:
    """Makes a sheet's cells: text never a formula, numbers formatted, styles made once."""

    def __init__(self, sheet: WriteOnlyWorksheet) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font

        self.sheet = sheet
        self._cell = WriteOnlyCell
        self._bold = Font(bold=True)

    def text(self, value: object, *, bold: bool = False) -> object:
        """A text cell; one that a spreadsheet would read as a formula is forced to text."""
        if value is None:
            return None
        text = _printable(str(value))
        if not bold and not text.startswith(_FORMULA_STARTS):
            return text
        cell = self._cell(self.sheet, value=text)
        if text.startswith(_FORMULA_STARTS):
            # openpyxl would store "=…" as a formula: keep the exact text as an inline string,
            # and quotePrefix makes Excel keep it text even when someone edits the cell.
            cell.data_type = "s"
            cell.quotePrefix = True
        if bold:
            cell.font = self._bold
        return cell

    def number(self, value: int | Decimal | datetime, number_format: str) -> object:
        """A number (or time) cell shown in `number_format`."""
        cell = self._cell(self.sheet, value=value)
        cell.number_format = number_format
        return cell

    def money(self, amount: Money | int) -> object:
        """Yuan as an exact number from fen, shown as ¥1,234.50."""
        fen = amount.fen if isinstance(amount, Money) else amount
        return self.number(yuan(fen), YUAN_FORMAT)

    def append(self, row: Iterable[object]) -> None:
        """Write one row."""
        self.sheet.append(list(row))


def _printable(text: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    # Control characters cannot be stored in XLSX at all; show that something was there.
    printable: str = ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)
    return printable


def _write_summary(document: StatementDocument, cells: _Cells) -> None:
    for letter, width in zip("ABCD", (16, 26, 68, 22), strict=True):
        cells.sheet.column_dimensions[letter].width = width
    title = f"对账单 Statement — {document.brand_name} {document.statement.month}"
    cells.append([cells.text(title, bold=True)])
    cells.append([])
    for zh, en, value in document.header_facts():
        cells.append([cells.text(zh), cells.text(en), cells.text(value)])
    cells.append([])
    cells.append([cells.text(text, bold=True) for text in ("项目", "Figure", "数值 Value", "key")])
    for label, figure in document.figure_values():
        shown = cells.money(figure) if isinstance(figure, Money) else cells.number(figure, "#,##0")
        cells.append([cells.text(label.zh), cells.text(label.en), shown, cells.text(label.key)])
    if penalty_facts := document.penalty_facts():
        cells.append([])
        cells.append([cells.text("滞纳金天数", bold=True), cells.text("Late penalty days (R-S7)")])
        for zh, en, value in penalty_facts:
            cells.append([cells.text(zh), cells.text(en), cells.text(value)])
    statement = document.statement
    if not statement.lines:
        cells.append([])
        cells.append([cells.text("本月无结算行", bold=True), cells.text("Why the month is empty")])
        for reason in statement.explain_empty():
            cells.append([None, None, cells.text(reason)])
    if statement.unsettleable:
        cells.append([])
        cells.append([cells.text("无法结算订单", bold=True), cells.text("Unsettleable orders")])
        for order in statement.unsettleable:
            cells.append([None, cells.text(order.order_no), cells.text(order.reason)])


def _write_lines(lines: Sequence[StatementLine], cells: _Cells) -> None:
    from openpyxl.utils import get_column_letter

    sheet = cells.sheet
    for index, column in enumerate(LINE_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    cells.append(cells.text(f"{column.zh} {column.en}", bold=True) for column in LINE_COLUMNS)
    for row in _line_rows(lines, cells):
        sheet.append(row)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(LINE_COLUMNS))}{len(lines) + 1}"


def _line_rows(lines: Iterable[StatementLine], cells: _Cells) -> Iterator[list[object]]:
    pairs = [(column.value, _maker(column.kind, cells)) for column in LINE_COLUMNS]
    for line in lines:
        yield [make(get(line)) for get, make in pairs]


def _maker(kind: str, cells: _Cells) -> Callable[[Any], object]:
    """How a column's values become cells; a styled column reuses one cell, row after row."""
    if kind == "int":
        return lambda value: value
    if kind == "text":
        return cells.text
    # A write-only sheet writes each row as it is appended, so one cell per column can carry
    # every row's value: no cell object and no style lookup per value (10⁵ lines × 9 amounts).
    number_format = {"money": YUAN_FORMAT, "rate": RATE_FORMAT, "time": TIME_FORMAT}[kind]
    cell: Any = cells.number(0, number_format)

    def make(value: Any) -> object:
        cell.value = yuan(value) if kind == "money" else value
        return cell

    return make
