"""JD order exports made in tests: the layouts found in public code, rows with business defaults."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from openpyxl import Workbook

# The 30 columns JD's seller centre exported around 2015-2017 (docs/formats/jd.md).
LAYOUT_2015 = (  # noqa: SIM905 (a list literal would take 30 lines)
    "订单号,商品ID,商品名称,订购数量,支付方式,下单时间,京东价,订单金额,结算金额,余额支付,应付金额,"
    "订单状态,订单类型,下单帐号,客户姓名,客户地址,联系电话,订单备注,发票类型,发票抬头,发票内容,"
    "商家备注,商家备注等级（等级1-5为由高到低）,运费金额,付款确认时间,增值税发票,货号,订单完成时间,"
    "订单来源,订单渠道"
).split(",")
# The 40-column layout of about 2018: ten more at the end, among them 商家SKUID.
LAYOUT_2018 = [
    *LAYOUT_2015,
    "送装服务",
    "服务费",
    "仓库id",
    "仓库名称",
    "普通发票纳税编号",
    "商家SKUID",
    "邮箱地址",
    "邮政编码",
    "是否为品牌商订单",
    "是否为toplife订单",
]

# The buyer's personal data in every default row: no record may carry any of it (R-D1).
BUYER_NAME = "王冬阳"
BUYER_PHONE = "13767111772"
BUYER_STREET = "青山湖区昌东工业区恒源科技园1栋仓库"
BUYER_ADDRESS = "江西南昌市" + BUYER_STREET
BUYER_EMAIL = "wdy@example.com"
BUYER_ACCOUNT = "jd_4517f39da4099"

DEFAULTS = {
    "订单号": "250123456789",
    "商品ID": "100012345678",
    "商品名称": "自然堂雪域精粹纯粹滋润霜50g",
    "订购数量": "1",
    "支付方式": "在线支付",
    "下单时间": "2026-11-05 10:00:00",
    "京东价": "199.90",
    "订单金额": "199.90",
    "结算金额": "199.90",
    "余额支付": "0.00",
    "应付金额": "199.90",
    "订单状态": "完成",
    "订单类型": "销售订单",
    "下单帐号": BUYER_ACCOUNT,
    "客户姓名": BUYER_NAME,
    "客户地址": BUYER_ADDRESS,
    "联系电话": BUYER_PHONE,
    "发票类型": "普通发票",
    "商家备注": "",
    "运费金额": "0.00",
    "付款确认时间": "2026-11-05 10:01:30",
    "货号": "CHD-CREAM",
    "订单完成时间": "2026-11-09 18:00:00",
    "订单来源": "移动端订单",
    "订单渠道": "暂无来源",
    "商家SKUID": "CHD-CREAM-50",
    "邮箱地址": BUYER_EMAIL,
    "邮政编码": "330000",
}


def jd_row(**cells: str) -> dict[str, str]:
    """One export row (one SKU line of an order): the defaults with the cells a test varies."""
    return {**DEFAULTS, **cells}


def jd_csv_bytes(
    rows: list[dict[str, str]],
    *,
    layout: list[str] = LAYOUT_2018,
    encoding: str = "gbk",
    tabbed: bool = False,
) -> bytes:
    """The export as JD writes it: CSV, GBK unless told; `tabbed` pads every cell with a TAB."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(layout)
    for row in rows:
        writer.writerow([_padded(row.get(name, ""), tabbed) for name in layout])
    return text.getvalue().encode(encoding)


def write_jd_csv(
    folder: Path, rows: list[dict[str, str]], name: str = "jd.csv", **how: object
) -> Path:
    """Write the export into `folder` and give its path."""
    path = folder / name
    path.write_bytes(jd_csv_bytes(rows, **how))  # type: ignore[arg-type]
    return path


def write_jd_xlsx(
    folder: Path, rows: list[list[object]], *, layout: list[str] = LAYOUT_2018
) -> Path:
    """An export saved as a workbook: `rows` hold cell values in `layout` order, Excel-typed."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(layout)
    for row in rows:
        sheet.append(row)
    path = folder / "jd.xlsx"
    workbook.save(path)
    return path


def _padded(value: str, tabbed: bool) -> str:
    return f"{value}\t" if tabbed and value else value
