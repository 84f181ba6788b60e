"""The benchmark's made-up Taobao export pair looks like the real one (formats.md) and adds up.

The import benchmark (bench/bench_import.py) times our importer on these files, so they must be
what the importer will meet: GBK text, the 2016 layouts, `="…"` order numbers, totals that agree
with their lines; and the same seed must give the same bytes.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime
from pathlib import Path

import pytest
from bench.lib.taobao_export import (
    BRAND_CODE,
    STORE_CODE,
    ExportFiles,
    ExportSpec,
    allocate_fen,
    write_export,
)

from daiyun.adapters.catalog_file import read_catalog_file
from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.contracts import parse_contract_file
from daiyun.domain.money import Money, Rate, allocate

# Copied from formats.md, "Order file, 2016 layout" and "Item file" (trailing spaces as exported).
ORDER_HEADER = (
    "订单编号,买家会员名,买家支付宝账号,买家应付货款,买家应付邮费,买家支付积分,总金额,"
    "返点积分,买家实际支付金额,买家实际支付积分,订单状态,买家留言,收货人姓名,收货地址 ,"
    "运送方式,联系电话,联系手机,订单创建时间,订单付款时间 ,宝贝标题 ,宝贝种类,物流单号,"
    "物流公司,订单备注,宝贝总数量,店铺Id,店铺名称,订单关闭原因,卖家服务费,买家服务费,"
    "发票抬头,是否手机订单,分阶段订单信息,特权订金订单id,定金排名,修改后的sku,"
    "修改后的收货地址,异常信息,天猫卡券抵扣,集分宝抵扣,是否是O2O交易"
)
ITEM_HEADER = "订单编号,标题,价格,购买数量,外部系统编号,商品属性,套餐信息,备注,订单状态,商家编码"
STATUSES = {
    "等待买家付款",
    "买家已付款，等待卖家发货",
    "卖家已发货，等待买家确认",
    "交易成功",
    "交易关闭",
}
ORDER_NUMBER = re.compile(r'="(\d{16,19})"')
# Province, city, district, street, house, postcode: "浙江省 杭州市 西湖区 文三路 1号…(310000)".
ADDRESS = re.compile(r"\S+ \S+[市州] \S+区 \S+ \S+号\S+\(\d{6}\)")
SPEC = ExportSpec(lines=50, seed=7)


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> ExportFiles:
    return write_export(SPEC, tmp_path_factory.mktemp("export"))


def rows_of(path: Path) -> list[dict[str, str]]:
    text = path.read_bytes().decode("gbk")  # strict: every character is one GBK has
    return list(csv.DictReader(io.StringIO(text, newline="")))


def fen(yuan: str) -> int:
    whole, cents = yuan.split(".")
    assert len(cents) == 2, yuan
    return int(whole) * 100 + int(cents)


def test_the_files_are_named_by_the_export_time(export: ExportFiles) -> None:
    assert export.order_file.name == "ExportOrderList202611011000.csv"
    assert export.item_file.name == "ExportOrderDetailList202611011000.csv"


def test_the_files_are_gbk_with_the_2016_headers_and_crlf(export: ExportFiles) -> None:
    for path, header in ((export.order_file, ORDER_HEADER), (export.item_file, ITEM_HEADER)):
        raw = path.read_bytes()
        assert raw.decode("gb18030") == raw.decode("gbk")
        assert raw.decode("gbk").split("\r\n", 1)[0] == header
        assert raw.count(b"\r\n") == raw.count(b"\n")


def test_orders_and_lines_are_listed_in_the_same_order(export: ExportFiles) -> None:
    orders = rows_of(export.order_file)
    items = rows_of(export.item_file)
    assert len(items) == SPEC.lines == export.stats.lines
    assert len(orders) == export.stats.orders
    order_numbers = [ORDER_NUMBER.fullmatch(row["订单编号"]) for row in orders]
    assert all(order_numbers)
    numbers = [match.group(1) for match in order_numbers if match]
    assert len(set(numbers)) == len(numbers)
    in_items = [ORDER_NUMBER.fullmatch(row["订单编号"]) for row in items]
    item_numbers = [match.group(1) for match in in_items if match]
    assert list(dict.fromkeys(item_numbers)) == numbers
    # Newest first, as the seller centre lists them, all in the month, in Beijing time.
    created = [datetime.fromisoformat(row["订单创建时间"]) for row in orders]
    assert created == sorted(created, reverse=True)
    assert all(
        SPEC.month_start <= moment.replace(tzinfo=SHANGHAI) < SPEC.month_end for moment in created
    )


def test_order_totals_agree_with_their_lines(export: ExportFiles) -> None:
    lines_of: dict[str, list[dict[str, str]]] = {}
    for item in rows_of(export.item_file):
        lines_of.setdefault(item["订单编号"], []).append(item)
    for order in rows_of(export.order_file):
        lines = lines_of[order["订单编号"]]
        gross = sum(fen(line["价格"]) * int(line["购买数量"]) for line in lines)
        goods = fen(order["买家应付货款"])
        postage = fen(order["买家应付邮费"])
        assert gross - gross // 4 <= goods <= gross  # a coupon, sometimes, of at most a quarter
        assert postage == 0 or 600 <= postage <= 1200
        assert fen(order["总金额"]) == goods + postage
        assert 1 <= len(lines) <= 5
        assert order["宝贝种类"] == str(len(lines))
        assert order["宝贝总数量"] == str(sum(int(line["购买数量"]) for line in lines))
        assert order["订单状态"] in STATUSES
        assert {line["订单状态"] for line in lines} <= STATUSES
        assert order["联系手机"].startswith("'1")
        if order["订单状态"] == "等待买家付款":
            assert order["订单付款时间 "] == ""
            assert fen(order["买家实际支付金额"]) == 0
        elif order["订单状态"] != "交易关闭":
            assert order["订单付款时间 "] > order["订单创建时间"]
            assert fen(order["买家实际支付金额"]) == goods + postage
        assert ADDRESS.fullmatch(order["收货地址 "])


def test_every_line_sells_a_sku_of_the_catalog_file(export: ExportFiles) -> None:
    entries, problems = read_catalog_file(export.catalog_file)
    assert problems == []
    assert len(entries) == SPEC.skus
    known = {entry.sku for entry in entries}
    assert {row["商家编码"] for row in rows_of(export.item_file)} <= known


def test_the_contract_file_reads_with_a_tmall_store_and_a_ten_percent_cap(
    export: ExportFiles,
) -> None:
    contract = parse_contract_file(export.contract_file.read_text("utf-8"), "bench.toml")
    assert contract.brand.code == BRAND_CODE
    assert [store.code for store in contract.stores] == [STORE_CODE]
    assert contract.contract.terms.markup_cap == Rate.of("0.10")


def test_the_same_seed_writes_the_same_bytes(export: ExportFiles, tmp_path: Path) -> None:
    again = write_export(SPEC, tmp_path / "again")
    other = write_export(ExportSpec(lines=50, seed=8), tmp_path / "other")
    assert again.order_file.read_bytes() == export.order_file.read_bytes()
    assert again.item_file.read_bytes() == export.item_file.read_bytes()
    assert other.item_file.read_bytes() != export.item_file.read_bytes()


@pytest.mark.parametrize(
    ("total", "weights"),
    [(10000, [1, 1, 1]), (39195, [27900, 12900]), (1, [5, 5]), (99, [3, 0, 7]), (0, [1, 2])],
)
def test_line_amounts_are_split_as_daiyun_splits_them(total: int, weights: list[int]) -> None:
    assert allocate_fen(total, weights) == [share.fen for share in allocate(Money(total), weights)]
