"""Order files made in tests: Taobao/Tmall exports, the Tmall order report and daiyun order files.

Rows are dicts from column name to cell text, with business defaults; the files are written
as the platforms write them (GBK, CRLF, `="…"` order numbers, header names with a trailing
space) unless a test asks otherwise.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from pathlib import Path

STAMP = "202611051000"
ORDER_NO = "1930679858170647"
OTHER_ORDER_NO = "1930679858170648"

# formats.md, "Order file, 2016 layout", with the trailing spaces real exports have.
ORDER_HEADER_2016 = (  # noqa: SIM905 (a list literal would take 41 lines)
    "订单编号,买家会员名,买家支付宝账号,买家应付货款,买家应付邮费,买家支付积分,总金额,返点积分,"
    "买家实际支付金额,买家实际支付积分,订单状态,买家留言,收货人姓名,收货地址 ,运送方式,联系电话,"
    "联系手机,订单创建时间,订单付款时间 ,宝贝标题 ,宝贝种类,物流单号,物流公司,订单备注,宝贝总数量,"
    "店铺Id,店铺名称,订单关闭原因,卖家服务费,买家服务费,发票抬头,是否手机订单,分阶段订单信息,"
    "特权订金订单id,定金排名,修改后的sku,修改后的收货地址,异常信息,天猫卡券抵扣,集分宝抵扣,是否是O2O交易"
).split(",")
ORDER_HEADER_LATER = [
    *ORDER_HEADER_2016,
    "支付单号",
    "支付详情",
    "是否代付",
    "退款金额",
    "确认收货时间",
    "打款商家金额",
    "主订单编号",
    "发货时间",
    "延迟发货自动赔付金额",
    "商家备忘",
]
ITEM_HEADER_2016 = (  # noqa: SIM905
    "订单编号,标题,价格,购买数量,外部系统编号,商品属性,套餐信息,备注,订单状态,商家编码"
).split(",")
ITEM_HEADER_SUB_ORDER = (  # noqa: SIM905
    "子订单编号,主订单编号,商品标题,商品价格,购买数量,外部系统编号,商品属性,套餐信息,联系方式备注,"
    "订单状态,商家编码,买家应付货款,买家实付金额,退款状态,退款金额,订单创建时间,订单付款时间,商品ID,"
    "商家备注,主订单买家留言,发货时间,物流单号,物流公司"
).split(",")

# The buyer's personal data in every default order row: no record may carry any of it (R-D1).
BUYER_NAME = "陈小平"
BUYER_PHONE = "13812345678"
BUYER_STREET = "文三路 138号东方通信大厦5幢1203室(310012)"
BUYER_ADDRESS = "浙江省 杭州市 西湖区 " + BUYER_STREET
BUYER_ALIPAY = "chen***@163.com"

ORDER_DEFAULTS: Mapping[str, str] = {
    "订单编号": f'="{ORDER_NO}"',
    "买家会员名": "tb_xiaoping",
    "买家支付宝账号": BUYER_ALIPAY,
    "买家应付货款": "398.00",
    "买家应付邮费": "0.00",
    "买家支付积分": "0",
    "总金额": "398.00",
    "返点积分": "0",
    "买家实际支付金额": "398.00",
    "买家实际支付积分": "0",
    "订单状态": "交易成功",
    "收货人姓名": BUYER_NAME,
    "收货地址": BUYER_ADDRESS,
    "运送方式": "快递",
    "联系手机": f"'{BUYER_PHONE}",
    "订单创建时间": "2026-11-01 09:30:00",
    "订单付款时间": "2026-11-01 09:31:05",
    "宝贝标题": "自然堂雪域精粹纯粹滋润霜50g",
    "宝贝种类": "2",
    "宝贝总数量": "2",
    "店铺名称": "自然堂官方旗舰店",
    "订单关闭原因": "订单未关闭",
    "是否手机订单": "手机订单",
}
ITEM_DEFAULTS: Mapping[str, str] = {
    "订单编号": f'="{ORDER_NO}"',
    "主订单编号": f'="{ORDER_NO}"',
    "标题": "自然堂雪域精粹纯粹滋润霜50g",
    "商品标题": "自然堂雪域精粹纯粹滋润霜50g",
    "价格": "199.00",
    "商品价格": "199.00",
    "购买数量": "1",
    "商品属性": "规格：50g",
    "订单状态": "交易成功",
    "商家编码": "CHD-CREAM-50",
}


def order_row(**cells: str) -> dict[str, str]:
    """An order row with business defaults; keyword names are column names."""
    return {**ORDER_DEFAULTS, **cells}


def item_row(**cells: str) -> dict[str, str]:
    """An item row with business defaults; keyword names are column names."""
    return {**ITEM_DEFAULTS, **cells}


def csv_text(header: Sequence[str], rows: Sequence[Mapping[str, str]]) -> str:
    """The CSV text of these rows as the seller centre writes it: CRLF, `="…"` left unquoted."""
    lines = [",".join(header)]
    for row in rows:
        lines.append(",".join(_cell(row.get(name.strip(), "")) for name in header))
    return "".join(line + "\r\n" for line in lines)


def _cell(text: str) -> str:
    if text.startswith('="') or not any(mark in text for mark in ',"\r\n'):
        return text
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow([text])
    return buffer.getvalue()


def write_file(
    path: Path,
    header: Sequence[str],
    rows: Sequence[Mapping[str, str]],
    encoding: str = "gbk",
) -> Path:
    """Write the rows under the header in `encoding` (GBK, as the seller centre does)."""
    path.write_bytes(csv_text(header, rows).encode(encoding))
    return path


def write_export(
    folder: Path,
    orders: Sequence[Mapping[str, str]],
    items: Sequence[Mapping[str, str]],
    *,
    stamp: str = STAMP,
    order_header: Sequence[str] = ORDER_HEADER_2016,
    item_header: Sequence[str] = ITEM_HEADER_2016,
    encoding: str = "gbk",
) -> tuple[Path, Path]:
    """An export pair named by its time: ExportOrderList<stamp>.csv, ExportOrderDetailList<…>."""
    return (
        write_file(folder / f"ExportOrderList{stamp}.csv", order_header, orders, encoding),
        write_file(folder / f"ExportOrderDetailList{stamp}.csv", item_header, items, encoding),
    )


TMALL_REPORT_HEADER = (  # noqa: SIM905 (as the real file has it, trailing spaces included)
    "订单编号,总金额,买家实际支付金额,收货地址 ,订单创建时间,订单付款时间 ,退款金额"
).split(",")

DAIYUN_HEADER = (  # noqa: SIM905 (interfaces.md, "daiyun order file")
    "order_no,line_no,sku,units,unit_price,line_amount,shipping,status,created_at,paid_at,"
    "shipped_at,completed_at,refund_units,refund_amount,refund_reason,refunded_at,buyer_key,"
    "province,city"
).split(",")
DAIYUN_DEFAULTS: Mapping[str, str] = {
    "order_no": "880001",
    "line_no": "1",
    "sku": "CHD-CREAM-50",
    "units": "1",
    "unit_price": "199.00",
    "line_amount": "189.00",
    "shipping": "",
    "status": "completed",
    "created_at": "2026-11-01 09:30:00",
    "paid_at": "2026-11-01 09:31:05",
    "shipped_at": "2026-11-02 15:00:00",
    "completed_at": "2026-11-06 20:00:00+08:00",
    "buyer_key": "pdd_8812",
    "province": "浙江省",
    "city": "杭州市",
}


def daiyun_row(**cells: str) -> dict[str, str]:
    """A daiyun order file row with business defaults."""
    return {**DAIYUN_DEFAULTS, **cells}
