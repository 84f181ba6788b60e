"""A report's data tables as an XLSX workbook (issue 20, R-R2): a summary sheet, then one sheet
per section — sales by SKU, category, store, platform, province, day and hour; the analysis;
returns and exchanges; refunds; inventory; customers; browsing. Headers in Chinese and English;
amounts as numbers in yuan with two decimals; every text cell is text, never a formula.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.money import Money
from daiyun.domain.reports.document import SALES_BREAKDOWNS, ReportDocument, SalesRow
from daiyun.domain.reports.segments import SEGMENT_NAMES

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

__all__ = ["REPORT_SHEETS", "write_report_xlsx"]

_BREAKDOWN_NAMES: Final = {
    "sku": ("商家编码", "SKU"),
    "category": ("类目", "Category"),
    "store": ("店铺", "Store"),
    "platform": ("平台", "Platform"),
    "province": ("省份", "Province"),
    "day": ("日期", "Day"),
    "hour": ("小时", "Hour"),
}
REPORT_SHEETS: Final = (
    "概览 Summary",
    *(f"按{zh}销售 Sales by {en.lower()}" for zh, en in _BREAKDOWN_NAMES.values()),
    "销售分析 Analysis",
    "退换货 Returns",
    "退款 Refunds",
    "库存 Inventory",
    "客户 Customers",
    "浏览 Browsing",
)
_FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
_SALES_HEADER: Final = (("订单数", "Orders"), ("件数", "Units"), ("金额（元）", "Amount (CNY)"))


def write_report_xlsx(document: ReportDocument, path: Path) -> None:
    """Write the report's workbook to `path`."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheets = iter(REPORT_SHEETS)
    summary = workbook.create_sheet(next(sheets))
    made = document.made_at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")
    for label, value in (
        ("合同 Contract", document.contract),
        ("品牌 Brand", document.brand),
        ("报告类型 Kind", document.kind.value),
        ("期间 Period", document.period),
        ("起 Start", document.start.isoformat()),
        ("止 End", document.end.isoformat()),
        ("应交日 Due", document.due.isoformat()),
        ("制作时间（北京） Made at (Beijing)", made),
        ("按时 On time", "是 yes" if document.on_time else "否 no"),
        ("订单数 Orders", document.sales.orders),
        ("件数 Units", document.sales.units),
        ("销售额（元，不含运费） Amount (CNY, shipping excluded)", _yuan(document.sales.amount)),
        ("退款笔数 Refunds", document.refunds.count),
        ("退款金额（元） Refunded (CNY)", _yuan(document.refunds.amount)),
        ("买家数 Buyers", document.customers.buyers),
        ("新客 New", document.customers.new),
        ("老客 Repeat", document.customers.repeat),
        ("复购率 Repeat rate", _rate(document.customers.repeat_rate)),
    ):
        summary.append([_text(summary, label), _cell(summary, value)])
    for name in SALES_BREAKDOWNS:
        sheet = workbook.create_sheet(next(sheets))
        _table(sheet, [_BREAKDOWN_NAMES[name], *_SALES_HEADER], _sales(document.sales_by[name]))
    analysis = document.analysis
    sheet = workbook.create_sheet(next(sheets))
    _table(
        sheet,
        [("对比", "Compared"), ("期间", "Period"), *_SALES_HEADER],
        [
            ["本期 This period", document.period, *_figures(document.sales)],
            ["上期 Previous", analysis.previous_period, *_figures(analysis.previous)],
            [
                "去年同期 A year before",
                analysis.year_before_period,
                *_figures(analysis.year_before),
            ],
        ],
    )
    sheet.append([])
    _table(
        sheet,
        [("热销商品", "Top SKUs"), *_SALES_HEADER],
        _sales(document.top_skus),
    )
    sheet.append([])
    _table(
        sheet,
        [("下滑商品", "Falling SKUs"), ("件数", "Units"), ("金额（元）", "Amount (CNY)"),
         ("上期件数", "Units before"), ("上期金额（元）", "Amount before (CNY)"),
         ("变化", "Change")],
        [[row.sku, row.units, _yuan(row.amount), row.previous_units,
          _yuan(row.previous_amount), row.change] for row in analysis.falling_skus],
    )  # fmt: skip
    sheet.append([])
    _table(
        sheet,
        [("价格带（元）", "Price band (CNY)"), ("行数", "Lines"), *_SALES_HEADER[1:]],
        [[row.band, row.lines, row.units, _yuan(row.amount)] for row in analysis.price_bands],
    )
    sheet.append([])
    _table(
        sheet,
        [("有指导价的件数", "Units with a guide price"), ("成交金额（元）", "Amount (CNY)"),
         ("按指导价（元）", "At guide price (CNY)"), ("加价（元）", "Markup (CNY)"),
         ("加价率", "Markup rate")],
        [[analysis.guided_units, _yuan(analysis.guided_amount), _yuan(analysis.guide_amount),
          _yuan(analysis.markup), _rate(analysis.markup_rate)]],
    )  # fmt: skip
    sheet.append([])
    _table(
        sheet,
        [("价格检查", "Price check"), ("行数", "Lines"), *_SALES_HEADER[1:]],
        [[row.check, row.lines, row.units, _yuan(row.amount)] for row in analysis.violations],
    )
    sheet = workbook.create_sheet(next(sheets))
    _table(
        sheet,
        [("商家编码", "SKU"), ("退货", "Returns"), ("换货", "Exchanges"),
         ("售出行数", "Lines sold"), ("退换率", "Rate")],
        [[row.sku, row.returns, row.exchanges, row.lines_sold, _rate(row.rate)]
         for row in document.returns.by_sku],
    )  # fmt: skip
    sheet.append([])
    _table(
        sheet,
        [("原因", "Reason"), ("退货", "Returns"), ("换货", "Exchanges")],
        [[row.reason, row.returns, row.exchanges] for row in document.returns.by_reason],
    )
    sheet = workbook.create_sheet(next(sheets))
    _table(
        sheet,
        [("退款原因", "Reason"), ("笔数", "Count"), ("金额（元）", "Amount (CNY)")],
        [[row.reason, row.count, _yuan(row.amount)] for row in document.refunds.by_reason],
    )
    sheet = workbook.create_sheet(next(sheets))
    inventory = document.inventory
    if not inventory.available:
        sheet.append([_text(sheet, "暂无库存数据 No stock data")])
    else:
        assert inventory.list_as_of is not None
        listed = inventory.list_as_of.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")
        sheet.append([_text(sheet, "可售清单日期 Stock list as of"), _text(sheet, listed)])
        _table(
            sheet,
            [("商家编码", "SKU"), ("可售库存", "On hand"), ("近30天销量", "Sold, last 30 days"),
             ("可售天数", "Days of cover")],
            [[row.sku, row.on_hand, row.sold_recently, row.days_of_cover]
             for row in inventory.rows],
        )  # fmt: skip
    sheet = workbook.create_sheet(next(sheets))
    customers = document.customers
    _table(
        sheet,
        [("客户分层", "RFM segment"), ("买家数", "Buyers"), ("订单数", "Orders"),
         ("金额（元）", "Amount (CNY)")],
        [[" ".join(SEGMENT_NAMES.get(row.segment, (row.segment, row.segment))), row.buyers,
          row.orders, _yuan(row.amount)] for row in customers.segments],
    )  # fmt: skip
    sheet.append([])
    _table(
        sheet,
        [("省份", "Province"), ("买家数", "Buyers")],
        [[key, count] for key, count in customers.province_buyers],
    )
    sheet.append([])
    _table(sheet, [("下单小时", "Hour paid"), *_SALES_HEADER], _sales(customers.hours))
    sheet = workbook.create_sheet(next(sheets))
    sheet.append([_text(sheet, document.browsing.note_zh)])
    sheet.append([_text(sheet, document.browsing.note_en)])
    workbook.properties.title = f"运营报告 {document.contract} {document.period}"
    workbook.save(str(path))


def _table(
    sheet: WriteOnlyWorksheet, header: Sequence[tuple[str, str]], rows: Sequence[Sequence[Any]]
) -> None:
    sheet.append([_text(sheet, f"{zh} {en}") for zh, en in header])
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])


def _sales(rows: Sequence[SalesRow]) -> list[list[Any]]:
    return [[row.key, row.orders, row.units, _yuan(row.amount)] for row in rows]


def _figures(figures: Any) -> list[Any]:
    return [figures.orders, figures.units, _yuan(figures.amount)]


def _yuan(amount: Money) -> Decimal:
    return amount.as_decimal_yuan()


def _rate(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _cell(sheet: WriteOnlyWorksheet, value: Any) -> Any:
    return _text(sheet, value) if isinstance(value, str) else value


def _text(sheet: WriteOnlyWorksheet, value: str) -> Any:
    """A text cell; one a spreadsheet would read as a formula is kept as text."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
    if not text.startswith(_FORMULA_STARTS):
        return text
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell
