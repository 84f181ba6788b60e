"""A Taobao/Tmall seller-centre export (formats.md) read as orders with their lines.

Every trap formats.md lists is made here in a small file: GBK bytes, `="…"` order numbers,
header names with trailing spaces, a leading `'`, `元` after amounts, empty time cells,
header-only files; and the reading rules: line amounts only where the file has them (the
domain allocates the rest), line status falling back to the order's, refunds (R-S9).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from daiyun.adapters.platforms import read_order_files
from daiyun.adapters.platforms.taobao_layouts import STATUS_OF_WORD
from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.money import Money
from daiyun.domain.orders.records import (
    ImportProblem,
    OrderLineRecord,
    OrderRecord,
    OrderStatus,
    SourceRow,
)
from tests.unit.platforms.files import (
    BUYER_ALIPAY,
    BUYER_NAME,
    BUYER_PHONE,
    ITEM_HEADER_SUB_ORDER,
    ORDER_HEADER_LATER,
    ORDER_NO,
    OTHER_ORDER_NO,
    item_row,
    order_row,
    write_export,
)

ORDERS_FILE = "ExportOrderList202611051000.csv"
ITEMS_FILE = "ExportOrderDetailList202611051000.csv"
EXPORTED_AT = datetime(2026, 11, 5, 10, 0, tzinfo=SHANGHAI)
CREATED_AT = datetime(2026, 11, 1, 9, 30, tzinfo=SHANGHAI)
PAID_AT = datetime(2026, 11, 1, 9, 31, 5, tzinfo=SHANGHAI)
CREAM = "自然堂雪域精粹纯粹滋润霜50g"
MASK = "自然堂水光补水面膜5片"


def read(
    paths: tuple[Path, Path], as_of: datetime | None = None
) -> tuple[list[OrderRecord], list[ImportProblem]]:
    """The records and problems of reading these files."""
    reading = read_order_files(list(paths), as_of=as_of)
    records = list(reading.records())
    return records, reading.problems


def two_lines() -> list[dict[str, str]]:
    """The default order's two item rows: a cream and a mask, 199.00 each."""
    return [
        item_row(),
        item_row(标题=MASK, 商品标题=MASK, 商家编码="CHD-MASK-5", 商品属性="规格：5片"),
    ]


def line(line_no: int, **fields: object) -> OrderLineRecord:
    """A line as the 2016 item layout gives it, with the defaults of two_lines()."""
    values: dict[str, object] = {
        "line_no": line_no,
        "sku_code": "CHD-CREAM-50" if line_no == 1 else "CHD-MASK-5",
        "title": CREAM if line_no == 1 else MASK,
        "units": 1,
        "unit_price": Money(19900),
        "line_amount": None,
        "status": OrderStatus.COMPLETED,
        "source": SourceRow(ITEMS_FILE, line_no + 1),
    }
    values.update(fields)
    return OrderLineRecord(**values)  # type: ignore[arg-type]


# --- a whole export ---------------------------------------------------------------------------


def test_a_2016_export_in_gbk_gives_each_order_with_its_lines_as_of_the_time_in_its_name(
    tmp_path: Path,
) -> None:
    paths = write_export(tmp_path, [order_row()], two_lines())

    records, problems = read(paths)

    assert problems == []
    assert records == [
        OrderRecord(
            order_no=ORDER_NO,
            status=OrderStatus.COMPLETED,
            as_of=EXPORTED_AT,
            created_at=CREATED_AT,
            paid_at=PAID_AT,
            shipped_at=None,
            completed_at=None,  # no 确认收货时间 in 2016: the domain falls back to as_of (R-S1)
            total=Money(39800),
            paid=Money(39800),
            goods_amount=Money(39800),
            shipping=Money(0),
            refund=Money(0),
            buyer_id="tb_xiaoping",
            province="浙江省",
            city="杭州市",
            lines=(line(1), line(2)),
            source=SourceRow(ORDERS_FILE, 2),
        )
    ]


def test_no_record_carries_the_buyers_name_phone_alipay_account_or_street_r_d1(
    tmp_path: Path,
) -> None:
    records, _ = read(write_export(tmp_path, [order_row()], two_lines()))

    shown = repr(records)
    for personal in (BUYER_NAME, BUYER_PHONE, BUYER_ALIPAY, "文三路", "西湖区", "310012"):
        assert personal not in shown


def test_an_explicit_as_of_overrides_the_time_in_the_file_names(tmp_path: Path) -> None:
    as_of = datetime(2026, 11, 30, 23, 0, tzinfo=SHANGHAI)

    records, _ = read(write_export(tmp_path, [order_row()], two_lines()), as_of=as_of)

    assert [record.as_of for record in records] == [as_of]


def test_a_header_only_export_gives_no_orders_and_no_problems(tmp_path: Path) -> None:
    assert read(write_export(tmp_path, [], [])) == ([], [])


# --- cells as the seller centre writes them --------------------------------------------------


@pytest.mark.parametrize(
    "written", [f'="{ORDER_NO}"', f"'{ORDER_NO}", ORDER_NO, f' ="{ORDER_NO}" ', f"{ORDER_NO}\t"]
)
def test_an_order_number_as_a_formula_with_a_leading_quote_or_spaces_is_its_digits(
    tmp_path: Path, written: str
) -> None:
    paths = write_export(tmp_path, [order_row(订单编号=written)], [item_row(订单编号=written)])

    records, problems = read(paths)

    assert (problems, [record.order_no for record in records]) == ([], [ORDER_NO])


def test_header_names_with_trailing_spaces_are_read_by_their_names(tmp_path: Path) -> None:
    # 收货地址 , 订单付款时间 and 宝贝标题 carry a trailing space in ORDER_HEADER_2016.
    records, _ = read(write_export(tmp_path, [order_row()], [item_row()]))

    assert (records[0].province, records[0].paid_at) == ("浙江省", PAID_AT)


def test_amounts_with_a_yuan_suffix_are_read_exactly(tmp_path: Path) -> None:
    row = order_row(
        买家应付货款="199.00元", 买家应付邮费="8元", 总金额="207.00 元", 买家实际支付金额="207元"
    )
    paths = write_export(tmp_path, [row], [item_row(价格="199.00元")])

    [record], problems = read(paths)

    assert problems == []
    assert (record.goods_amount, record.shipping, record.total, record.paid) == (
        Money(19900),
        Money(800),
        Money(20700),
        Money(20700),
    )
    assert record.lines[0].unit_price == Money(19900)


def test_an_unpaid_order_has_empty_time_cells_and_no_payment(tmp_path: Path) -> None:
    row = order_row(订单状态="等待买家付款", 订单付款时间="", 买家实际支付金额="0.00")
    paths = write_export(tmp_path, [row], [item_row(订单状态="等待买家付款")])

    [record], problems = read(paths)

    assert problems == []
    assert (record.status, record.created_at, record.paid_at, record.paid) == (
        OrderStatus.UNPAID,
        CREATED_AT,
        None,
        Money(0),
    )


def test_times_rewritten_by_excel_with_slashes_and_no_seconds_are_beijing_time(
    tmp_path: Path,
) -> None:
    paths = write_export(tmp_path, [order_row(订单创建时间="2026/11/1 9:30")], [item_row()])

    [record], _ = read(paths)

    assert record.created_at == CREATED_AT


@pytest.mark.parametrize(("word", "status"), sorted(STATUS_OF_WORD.items()))
def test_every_status_word_and_api_code_maps_to_its_status(
    tmp_path: Path, word: str, status: OrderStatus
) -> None:
    paths = write_export(tmp_path, [order_row(订单状态=word)], [item_row(订单状态="")])

    [record], _ = read(paths)

    assert (record.status, record.lines[0].status) == (status, status)


def test_the_status_words_of_formats_md_and_their_api_codes_are_all_known() -> None:
    assert {
        word: STATUS_OF_WORD[word]
        for word in (
            "等待买家付款",
            "买家已付款，等待卖家发货",
            "卖家已发货，等待买家确认",
            "交易成功",
            "交易关闭",
            "WAIT_BUYER_PAY",
            "WAIT_SELLER_SEND_GOODS",
            "WAIT_BUYER_CONFIRM_GOODS",
            "TRADE_BUYER_SIGNED",
            "TRADE_FINISHED",
            "TRADE_CLOSED",
            "TRADE_CLOSED_BY_TAOBAO",
        )
    } == {
        "等待买家付款": OrderStatus.UNPAID,
        "买家已付款，等待卖家发货": OrderStatus.PAID,
        "卖家已发货，等待买家确认": OrderStatus.SHIPPED,
        "交易成功": OrderStatus.COMPLETED,
        "交易关闭": OrderStatus.CLOSED,
        "WAIT_BUYER_PAY": OrderStatus.UNPAID,
        "WAIT_SELLER_SEND_GOODS": OrderStatus.PAID,
        "WAIT_BUYER_CONFIRM_GOODS": OrderStatus.SHIPPED,
        "TRADE_BUYER_SIGNED": OrderStatus.SHIPPED,
        "TRADE_FINISHED": OrderStatus.COMPLETED,
        "TRADE_CLOSED": OrderStatus.CLOSED,
        "TRADE_CLOSED_BY_TAOBAO": OrderStatus.CLOSED,
    }


# --- problems, named by file, row, column and value -------------------------------------------


def test_a_cell_that_is_not_an_amount_is_a_problem_and_only_its_order_is_left_out(
    tmp_path: Path,
) -> None:
    orders = [order_row(买家实际支付金额="38七.00"), order_row(订单编号=f'="{OTHER_ORDER_NO}"')]
    items = [item_row(), item_row(订单编号=f'="{OTHER_ORDER_NO}"')]

    records, problems = read(write_export(tmp_path, orders, items))

    assert [record.order_no for record in records] == [OTHER_ORDER_NO]
    assert problems == [
        ImportProblem(ORDERS_FILE, 2, "买家实际支付金额", "38七.00", "not an amount")
    ]


def test_every_bad_cell_of_a_row_is_named(tmp_path: Path) -> None:
    row = order_row(订单状态="已发货", 总金额="abc", 订单创建时间="昨天")

    _, problems = read(write_export(tmp_path, [row], [item_row(价格="-1.00")]))

    assert [
        (problem.row, problem.column, problem.value, problem.message) for problem in problems
    ] == [
        (
            2,
            "订单状态",
            "已发货",
            "not an order status Taobao writes (such as 交易成功 or TRADE_FINISHED)",
        ),
        (
            2,
            "订单创建时间",
            "昨天",
            "not a time; write 2026-11-05 10:00:00 or 2026-11-05T10:00:00+08:00",
        ),
        (2, "总金额", "abc", "not an amount"),
        (2, "价格", "-1.00", "below zero; amounts here are never negative"),
    ]


def test_an_order_number_excel_has_shortened_is_a_problem_that_says_so(tmp_path: Path) -> None:
    orders = [order_row(订单编号="1.93068E+15")]

    _, problems = read(write_export(tmp_path, orders, [item_row(订单编号="1.93068E+15")]))

    message = "an order number Excel has shortened; import the file as exported, unsaved"
    assert problems == [
        ImportProblem(ORDERS_FILE, 2, "订单编号", "1.93068E+15", message),
        ImportProblem(ITEMS_FILE, 2, "订单编号", "1.93068E+15", message),
    ]


def test_a_line_without_a_sku_code_is_a_problem_naming_the_order_and_the_title(
    tmp_path: Path,
) -> None:
    items = [item_row(), item_row(标题=MASK, 商家编码="")]

    records, problems = read(write_export(tmp_path, [order_row()], items))

    assert records == []
    message = f"empty: order {ORDER_NO}'s item {MASK} has no SKU code"
    assert problems == [ImportProblem(ITEMS_FILE, 3, "商家编码", "", message)]


def test_an_order_without_item_lines_is_a_problem_naming_the_item_file(tmp_path: Path) -> None:
    orders = [order_row(), order_row(订单编号=f'="{OTHER_ORDER_NO}"')]

    records, problems = read(write_export(tmp_path, orders, [item_row()]))

    assert [record.order_no for record in records] == [ORDER_NO]
    message = f"order {OTHER_ORDER_NO} has no item lines in {ITEMS_FILE}"
    assert problems == [ImportProblem(ORDERS_FILE, 3, "订单编号", OTHER_ORDER_NO, message)]


def test_item_lines_whose_order_is_not_in_the_order_file_are_a_problem(tmp_path: Path) -> None:
    items = [item_row(), item_row(订单编号=OTHER_ORDER_NO), item_row(订单编号=OTHER_ORDER_NO)]

    records, problems = read(write_export(tmp_path, [order_row()], items))

    assert [record.order_no for record in records] == [ORDER_NO]
    message = f"order {OTHER_ORDER_NO} is not in the order file {ORDERS_FILE}"
    assert problems == [ImportProblem(ITEMS_FILE, 3, "订单编号", OTHER_ORDER_NO, message)]


def test_an_order_listed_twice_in_the_order_file_is_a_problem_on_the_second_row(
    tmp_path: Path,
) -> None:
    orders = [order_row(), order_row(订单编号=f'="{OTHER_ORDER_NO}"'), order_row()]
    items = [item_row(), item_row(订单编号=OTHER_ORDER_NO)]

    records, problems = read(write_export(tmp_path, orders, items))

    assert [record.order_no for record in records] == [ORDER_NO, OTHER_ORDER_NO]
    message = f"order {ORDER_NO} is also on row 2; an export lists it once"
    assert problems == [ImportProblem(ORDERS_FILE, 4, "订单编号", ORDER_NO, message)]


# --- layouts ----------------------------------------------------------------------------------


def test_without_a_line_amount_column_lines_leave_the_split_of_goods_to_the_domain(
    tmp_path: Path,
) -> None:
    # The 2016 item layout has no 买家实付金额: the order's 买家应付货款 (a discounted 358.00 here)
    # is split over the lines by the domain (largest remainder), never by the reader.
    row = order_row(买家应付货款="358.00", 总金额="358.00", 买家实际支付金额="358.00")

    [record], _ = read(write_export(tmp_path, [row], two_lines()))

    assert record.goods_amount == Money(35800)
    assert [item.line_amount for item in record.lines] == [None, None]


def test_the_2016_layout_numbers_lines_in_file_order(tmp_path: Path) -> None:
    items = list(reversed(two_lines()))

    [record], _ = read(write_export(tmp_path, [order_row()], items))

    assert [(item.line_no, item.sku_code, item.source) for item in record.lines] == [
        (1, "CHD-MASK-5", SourceRow(ITEMS_FILE, 2)),
        (2, "CHD-CREAM-50", SourceRow(ITEMS_FILE, 3)),
    ]


def test_the_later_order_layout_gives_shipping_completion_and_refund(tmp_path: Path) -> None:
    row = order_row(
        发货时间="2026-11-02 15:00:00",
        确认收货时间="2026-11-06 20:00:00",
        退款金额="20.00",
        买家实际支付金额="398.00",
        主订单编号=f'="{ORDER_NO}"',
    )
    paths = write_export(tmp_path, [row], two_lines(), order_header=ORDER_HEADER_LATER)

    [record], problems = read(paths)

    assert problems == []
    assert (record.shipped_at, record.completed_at, record.refund) == (
        datetime(2026, 11, 2, 15, 0, tzinfo=SHANGHAI),
        datetime(2026, 11, 6, 20, 0, tzinfo=SHANGHAI),
        Money(2000),
    )


def sub_order_row(sub_order: str, **cells: str) -> dict[str, str]:
    """An item row of the per-sub-order layout."""
    defaults = {
        "子订单编号": f'="{sub_order}"',
        "买家应付货款": "199.00",
        "买家实付金额": "179.00",
        "退款状态": "没有申请退款",
        "退款金额": "0.00",
    }
    return item_row(**{**defaults, **cells})


def test_the_sub_order_layout_gives_line_amounts_and_numbers_lines_by_sub_order(
    tmp_path: Path,
) -> None:
    items = [
        sub_order_row(
            "1930679858170649", 商品标题=MASK, 商家编码="CHD-MASK-5", 买家实付金额="169.00"
        ),
        sub_order_row("1930679858170648"),
    ]
    order = order_row(买家应付货款="348.00", 总金额="348.00", 买家实际支付金额="348.00")
    paths = write_export(tmp_path, [order], items, item_header=ITEM_HEADER_SUB_ORDER)

    [record], problems = read(paths)

    assert problems == []
    assert record.lines == (
        line(1, line_amount=Money(17900), source=SourceRow(ITEMS_FILE, 3)),
        line(2, line_amount=Money(16900), source=SourceRow(ITEMS_FILE, 2)),
    )


def test_a_sub_order_listed_twice_is_a_problem(tmp_path: Path) -> None:
    items = [sub_order_row("1930679858170648"), sub_order_row("1930679858170648")]
    paths = write_export(tmp_path, [order_row()], items, item_header=ITEM_HEADER_SUB_ORDER)

    records, problems = read(paths)

    assert records == []
    message = "the same sub-order as row 2; each line is listed once"
    assert problems == [ImportProblem(ITEMS_FILE, 3, "子订单编号", "1930679858170648", message)]


# --- line status and refunds (R-S1, R-S9) -----------------------------------------------------


def test_a_line_without_a_status_of_its_own_takes_the_orders(tmp_path: Path) -> None:
    row = order_row(订单状态="卖家已发货，等待买家确认")
    items = [item_row(订单状态=""), item_row(订单状态="交易关闭", 标题=MASK, 商家编码="CHD-MASK-5")]

    [record], _ = read(write_export(tmp_path, [row], items))

    assert [item.status for item in record.lines] == [OrderStatus.SHIPPED, OrderStatus.CLOSED]


def test_a_line_closed_after_payment_was_refunded_before_completion_with_all_its_units(
    tmp_path: Path,
) -> None:
    items = [
        sub_order_row("1930679858170648", 购买数量="2", 买家实付金额="358.00"),
        sub_order_row(
            "1930679858170649",
            订单状态="交易关闭",
            商家编码="CHD-MASK-5",
            商品标题=MASK,
            退款状态="退款成功",
            退款金额="179.00",
        ),
    ]
    paths = write_export(tmp_path, [order_row()], items, item_header=ITEM_HEADER_SUB_ORDER)

    [record], _ = read(paths)

    assert [(item.status, item.refund_units, item.refund_amount) for item in record.lines] == [
        (OrderStatus.COMPLETED, 0, Money(0)),
        (OrderStatus.CLOSED, 1, Money(17900)),
    ]
    assert record.refund == Money(17900)  # the 2016 order layout has no 退款金额: the lines' sum


def test_a_line_closed_before_payment_returns_no_units(tmp_path: Path) -> None:
    row = order_row(订单状态="交易关闭", 订单付款时间="", 买家实际支付金额="0.00")

    [record], _ = read(write_export(tmp_path, [row], [item_row(订单状态="交易关闭")]))

    assert [(item.status, item.refund_units) for item in record.lines] == [(OrderStatus.CLOSED, 0)]


def test_a_refund_on_a_completed_line_is_money_only_with_no_reason(tmp_path: Path) -> None:
    items = [sub_order_row("1930679858170648", 退款状态="退款成功", 退款金额="30.00")]
    paths = write_export(tmp_path, [order_row()], items, item_header=ITEM_HEADER_SUB_ORDER)

    [record], _ = read(paths)

    [item] = record.lines
    assert (item.status, item.refund_units, item.refund_amount, item.refund_reason) == (
        OrderStatus.COMPLETED,
        0,
        Money(3000),
        None,
    )


@pytest.mark.parametrize(
    "state", ["退款协议等待卖家确认中", "卖家不同意协议，等待买家修改", "退款关闭"]
)
def test_a_refund_not_yet_done_or_withdrawn_moves_no_money(tmp_path: Path, state: str) -> None:
    items = [sub_order_row("1930679858170648", 退款状态=state, 退款金额="30.00")]
    paths = write_export(tmp_path, [order_row()], items, item_header=ITEM_HEADER_SUB_ORDER)

    [record], _ = read(paths)

    assert record.lines[0].refund_amount == Money(0)
