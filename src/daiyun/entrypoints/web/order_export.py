"""A list of orders as a file: CSV (UTF-8 with a BOM, which Excel needs to read Chinese) or
XLSX (openpyxl's write-only workbook: rows are streamed to the file, not held as cells).

Headers in both languages; amounts in yuan with two decimals; times in Beijing time. A text
cell that a spreadsheet would read as a formula (=, +, -, @ first) is kept as text.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Callable, Iterable
from datetime import datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.money import Money
from daiyun.domain.orders.search import OrderSummary

__all__ = [
    "CSV_MEDIA",
    "HEADERS",
    "XLSX_MEDIA",
    "Row",
    "export_name",
    "export_row",
    "orders_csv",
    "orders_xlsx",
]

CSV_MEDIA = "text/csv; charset=utf-8"
XLSX_MEDIA = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_SHEET = "订单 Orders"
_TIME = "%Y-%m-%d %H:%M:%S"

# One column per field of the list: (中文 English) — both in every file.
HEADERS: tuple[str, ...] = (
    "订单号 Order no.",
    "品牌 Brand",
    "店铺 Store",
    "平台 Platform",
    "状态 Status",
    "下单时间 Created (Beijing)",
    "付款时间 Paid at (Beijing)",
    "发货时间 Shipped at (Beijing)",
    "成交时间 Completed at (Beijing)",
    "订单金额（元） Total (yuan)",
    "实付（元） Paid (yuan)",
    "运费（元） Shipping (yuan)",
    "退款（元） Refunded (yuan)",
    "省份 Province",
    "城市 City",
)
_AMOUNTS = range(9, 13)
_TIMES = range(5, 9)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Label = Callable[..., str]
Cell = str | Decimal | datetime | None
Row = tuple[Cell, ...]


def export_name(extension: str) -> str:
    """The file's name: orders.csv or orders.xlsx."""
    return f"orders.{extension}"


def _beijing(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.astimezone(SHANGHAI).replace(tzinfo=None)


def _yuan(amount: Money) -> Decimal:
    return amount.as_decimal_yuan().quantize(Decimal("0.01"))


def export_row(order: OrderSummary, label: Label) -> Row:
    """One order as the file's row: texts, Beijing times (naive), yuan amounts."""
    return (
        order.order_no,
        order.brand_code,
        order.store_code,
        label("platform", order.platform),
        label("order", order.status.value),
        _beijing(order.created_at),
        _beijing(order.paid_at),
        _beijing(order.shipped_at),
        _beijing(order.completed_at),
        _yuan(order.total),
        _yuan(order.paid),
        _yuan(order.shipping),
        _yuan(order.refunded),
        order.province,
        order.city,
    )


def _as_text(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime(_TIME)
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return _as_text(value)


def orders_csv(rows: Iterable[Row]) -> bytes:
    """The orders' rows (export_row) as CSV bytes: a BOM, the bilingual header line, one line
    per order."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def orders_xlsx(rows: Iterable[Row]) -> bytes:
    """The orders' rows (export_row) as an XLSX workbook: one sheet, a bold bilingual header
    row, amounts as numbers shown with two decimals, times as dates."""
    workbook = Workbook(write_only=True)
    sheet: WriteOnlyWorksheet = workbook.create_sheet(_SHEET)
    sheet.freeze_panes = "A2"
    header = []
    for text in HEADERS:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([_xlsx_cell(sheet, index, value) for index, value in enumerate(row)])
    with tempfile.TemporaryFile() as file:
        workbook.save(file)
        file.seek(0)
        return file.read()


def _xlsx_cell(sheet: WriteOnlyWorksheet, index: int, value: Cell) -> object:
    if value is None:
        return None
    if index in _AMOUNTS:
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "#,##0.00"
        return cell
    if index in _TIMES:
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "yyyy-mm-dd hh:mm:ss"
        return cell
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"  # a text, never a formula
        return cell
    return value
