"""A month's reconciliation differences as an XLSX workbook (R-X1): openpyxl's write-only
workbook, bilingual headers, amounts as numbers shown with two decimals.

The CLI's `daiyun reconcile --xlsx PATH` writes it; a finance page may serve the same bytes.
"""

from __future__ import annotations

import tempfile
from decimal import Decimal
from typing import Any

from daiyun.domain.money import Money
from daiyun.services.reconciliation.reconcile import StoreMonth

__all__ = ["CAUSE_NAMES", "HEADERS", "differences_xlsx"]

# Each cause in both languages, as every output names it.
CAUSE_NAMES: dict[str, tuple[str, str]] = {
    "missing_receipt": ("缺少到账", "Missing receipt"),
    "missing_order": ("缺少订单", "Missing order"),
    "amount_differs": ("金额不符", "Amount differs"),
    "fee_differs": ("费用不符", "Fee differs"),
    "refund_unmatched": ("退款未匹配", "Refund unmatched"),
}

HEADERS: tuple[str, ...] = (
    "原因 Cause",
    "原因代码 Cause code",
    "订单号 Order no.",
    "应得（元） Expected (yuan)",
    "实际（元） Actual (yuan)",
    "差额（元） Difference (yuan)",
    "支付宝账务流水号 Alipay entries",
)
_AMOUNTS = range(3, 6)
_SHEET = "对账差异 Differences"
_SUMMARY = "汇总 Summary"


def _yuan(amount: Money) -> Decimal:
    return amount.as_decimal_yuan()


def differences_xlsx(month: StoreMonth) -> bytes:
    """The workbook: a sheet of the differences, one row each, and a sheet of the month's
    figures (orders, matched, expected and Alipay income, fees and refunds)."""
    from openpyxl import Workbook  # loads here: other commands start faster without it
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    result = month.result
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_SHEET)
    sheet.freeze_panes = "A2"

    def bold(texts: tuple[str, ...]) -> list[object]:
        cells = []
        for text in texts:
            cell = WriteOnlyCell(sheet, value=text)
            cell.font = Font(bold=True)
            cells.append(cell)
        return cells

    def amount(value: Money, target: Any = sheet) -> object:
        cell = WriteOnlyCell(target, value=_yuan(value))
        cell.number_format = "#,##0.00"
        return cell

    sheet.append(bold(HEADERS))
    for difference in result.differences:
        chinese, english = CAUSE_NAMES[difference.cause.value]
        order_no = WriteOnlyCell(sheet, value=difference.order_no or "")
        order_no.data_type = "s"  # 19 digits stay digits, never 1.23E+18
        sheet.append(
            [
                f"{chinese} {english}",
                difference.cause.value,
                order_no,
                amount(difference.expected),
                amount(difference.actual),
                amount(difference.difference),
                " ".join(difference.entries),
            ]
        )
    summary = workbook.create_sheet(_SUMMARY)
    rows: list[tuple[str, object]] = [
        ("店铺 Store", month.store),
        ("月份 Month", str(result.month)),
        ("完成订单数 Orders completed", result.orders_completed),
        ("已匹配 Matched", result.matched),
        ("应到账（元） Expected income (yuan)", result.expected_income),
        ("支付宝到账（元） Alipay income (yuan)", result.alipay_income),
        ("应扣技术服务费（元） Expected fees (yuan)", result.expected_fees),
        ("支付宝扣费（元） Alipay fees (yuan)", result.alipay_fees),
        ("应退款（元） Expected refunds (yuan)", result.expected_refunds),
        ("支付宝退款（元） Alipay refunds (yuan)", result.alipay_refunds),
        ("退回费用（元） Fees returned (yuan)", result.fees_returned),
        ("其他扣费（未比对）（元） Other charges, not compared (yuan)", result.other_charges),
    ]
    for label, value in rows:
        head = WriteOnlyCell(summary, value=label)
        head.font = Font(bold=True)
        summary.append([head, amount(value, summary) if isinstance(value, Money) else value])
    with tempfile.TemporaryFile() as file:
        workbook.save(file)
        file.seek(0)
        return file.read()
