"""The replenishment list the agency sends the brand (R-F1), as an XLSX workbook: a title, the
moment and the list it starts from, then one row per SKU to replenish with its stock on hand, the
last 30 days' sales, days of cover and the units suggested. Headers in Chinese and English;
every text cell is text, never a formula, whatever the catalogue put in it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.fulfilment.stock import SALES_WINDOW_DAYS, ReplenishmentSheet

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

__all__ = ["REPLENISHMENT_COLUMNS", "REPLENISHMENT_SHEET", "write_replenishment_xlsx"]

REPLENISHMENT_SHEET: Final = "补货单 Replenishment"
REPLENISHMENT_COLUMNS: Final = (
    ("商家编码", "SKU", 20),
    ("商品名称", "Name", 36),
    ("可售库存", "On hand", 12),
    (f"近{SALES_WINDOW_DAYS}天销量", f"Sold, last {SALES_WINDOW_DAYS} days", 14),
    ("可售天数", "Days of cover", 12),
    ("建议补货数量", "Units to send", 14),
)
_FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")


def write_replenishment_xlsx(sheet: ReplenishmentSheet, path: Path) -> None:
    """Write the replenishment workbook to `path`."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    cells = workbook.create_sheet(REPLENISHMENT_SHEET)
    for number, (_, _, width) in enumerate(REPLENISHMENT_COLUMNS, start=1):
        cells.column_dimensions[get_column_letter(number)].width = width
    as_of = sheet.as_of.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")
    listed = sheet.list_as_of.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")
    cells.append([_text(cells, f"补货单 Replenishment list — {sheet.brand_name} ({sheet.brand})")])
    cells.append([_text(cells, "截至（北京时间） As of (Beijing)"), _text(cells, as_of)])
    cells.append([_text(cells, "可售清单日期 Stock list as of"), _text(cells, listed)])
    cells.append([_text(cells, "目标可售天数 Days of cover aimed for"), sheet.cover_days])
    cells.append([])
    cells.append([_text(cells, f"{zh} {en}") for zh, en, _ in REPLENISHMENT_COLUMNS])
    for position, name, units in sheet.rows:
        cells.append(
            [
                _text(cells, position.sku),
                _text(cells, name),
                position.on_hand,
                position.sold_recently,
                position.days_of_cover,
                units,
            ]
        )
    workbook.properties.title = f"补货单 {sheet.brand} {as_of}"
    workbook.save(str(path))


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
