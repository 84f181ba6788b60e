"""An order file's format is told from the names in its header row, never from its file name."""

from __future__ import annotations

from pathlib import Path

import pytest

from daiyun.adapters.platforms import FileFormat, UnknownLayout, detect_format
from daiyun.adapters.platforms.detect import jd_reader
from tests.unit.platforms.files import (
    DAIYUN_HEADER,
    ITEM_HEADER_2016,
    ITEM_HEADER_SUB_ORDER,
    ORDER_HEADER_2016,
    ORDER_HEADER_LATER,
    TMALL_REPORT_HEADER,
    write_file,
)


@pytest.mark.parametrize(
    ("header", "encoding", "expected"),
    [
        (ORDER_HEADER_2016, "gbk", FileFormat.TAOBAO_ORDERS),
        (ORDER_HEADER_LATER, "gbk", FileFormat.TAOBAO_ORDERS),
        (ITEM_HEADER_2016, "gbk", FileFormat.TAOBAO_ITEMS),
        (ITEM_HEADER_SUB_ORDER, "gbk", FileFormat.TAOBAO_ITEMS),
        (TMALL_REPORT_HEADER, "utf-8", FileFormat.TMALL_ORDER_REPORT),
        (DAIYUN_HEADER, "utf-8", FileFormat.DAIYUN_ORDERS),
        ([*DAIYUN_HEADER[:6], "status"], "utf-8-sig", FileFormat.DAIYUN_ORDERS),
        ([f" {name}\t" for name in ITEM_HEADER_2016], "utf-8", FileFormat.TAOBAO_ITEMS),
    ],
)
def test_each_layout_is_told_by_its_header(
    tmp_path: Path, header: list[str], encoding: str, expected: FileFormat
) -> None:
    path = write_file(tmp_path / "any name.csv", header, [], encoding)

    assert detect_format(path) is expected


def test_the_real_tmall_order_report_is_told_as_it_is(
    shared_real_data: Path,
) -> None:
    assert (
        detect_format(shared_real_data / "tmall_order_report.csv") is FileFormat.TMALL_ORDER_REPORT
    )


def test_a_later_taobao_order_file_is_not_taken_for_the_tmall_report_it_contains(
    tmp_path: Path,
) -> None:
    # ORDER_HEADER_LATER has every column of the Tmall report (退款金额 included), and 订单状态.
    path = write_file(tmp_path / "orders.csv", ORDER_HEADER_LATER, [])

    assert detect_format(path) is FileFormat.TAOBAO_ORDERS


@pytest.mark.skipif(jd_reader() is None, reason="the JD reader is not installed")
def test_a_jd_export_is_told_by_jds_columns(tmp_path: Path) -> None:
    columns = sorted(jd_reader().JD_REQUIRED_COLUMNS)  # type: ignore[union-attr]
    path = write_file(tmp_path / "jd.csv", [*columns, "客户姓名"], [], "gbk")

    assert detect_format(path) is FileFormat.JD_ORDERS


def test_an_unknown_layout_names_what_each_format_needs_and_what_the_file_has(
    tmp_path: Path,
) -> None:
    path = tmp_path / "stock.csv"
    path.write_text("商品编码,库存\r\n", encoding="utf-8")

    with pytest.raises(UnknownLayout) as refused:
        detect_format(path)

    jd = jd_reader()
    jd_needs = (
        f"jd-orders needs {', '.join(sorted(jd.JD_REQUIRED_COLUMNS))}; " if jd is not None else ""
    )
    assert str(refused.value) == (
        "stock.csv: the header row is no order file layout daiyun reads. "
        "daiyun-orders needs order_no, line_no, sku, units, unit_price, line_amount, status; "
        "taobao-items (per-sub-order layout) needs 子订单编号, 主订单编号, 商品标题, 商品价格, "
        "购买数量, 商家编码; "
        "taobao-items (2016 layout) needs 订单编号, 标题, 价格, 购买数量, 商家编码; "
        "taobao-orders needs 订单编号, 订单状态, 买家应付货款, 买家应付邮费, 总金额, "
        "买家实际支付金额, 订单创建时间, 订单付款时间; "
        f"{jd_needs}"
        "tmall-order-report needs 订单编号, 总金额, 买家实际支付金额, 收货地址, 订单创建时间, "
        "订单付款时间, 退款金额. "
        "The header row has: 商品编码, 库存"
    )


def test_an_order_file_missing_a_column_is_told_which(tmp_path: Path) -> None:
    header = [name for name in ORDER_HEADER_2016 if name != "买家应付邮费"]
    path = write_file(tmp_path / "ExportOrderList202611051000.csv", header, [])

    with pytest.raises(UnknownLayout) as refused:
        detect_format(path)

    assert (
        "taobao-orders needs 订单编号, 订单状态, 买家应付货款, 买家应付邮费, 总金额, "
        "买家实际支付金额, 订单创建时间, 订单付款时间 (missing here: 买家应付邮费);"
        in str(refused.value)
    )
