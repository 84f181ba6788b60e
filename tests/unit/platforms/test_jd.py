"""JD's order export (docs/formats/jd.md): a row per SKU line, read into orders (R-S1, R-S9, R-D1).

The files are made here in the layouts found in public code that reads JD exports: GBK or UTF-8
CSV (or a workbook a clerk saved), an order's order-level cells repeated on each of its rows.
Every problem is named by file, row (1 = the header, as a spreadsheet shows it), column and value.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from daiyun.adapters.platforms.jd import JD_REQUIRED_COLUMNS, JdOrderReading, read_jd_orders
from daiyun.domain.money import Money
from daiyun.domain.orders.records import (
    ImportProblem,
    OrderLineRecord,
    OrderRecord,
    OrderStatus,
    SourceRow,
)
from tests.builders import beijing
from tests.unit.platforms.jd_files import (
    BUYER_ACCOUNT,
    BUYER_ADDRESS,
    BUYER_EMAIL,
    BUYER_NAME,
    BUYER_PHONE,
    BUYER_STREET,
    LAYOUT_2015,
    LAYOUT_2018,
    jd_csv_bytes,
    jd_row,
    write_jd_csv,
    write_jd_xlsx,
)

AS_OF = beijing("2026-11-10 09:00:00")
ORDER = "250123456789"
OTHER = "250123456790"


def read(path: Path, **options: int) -> tuple[list[OrderRecord], list[ImportProblem]]:
    """Every record of the file, then the problems met while reading it."""
    reading = JdOrderReading(path, as_of=AS_OF, **options)
    records = list(reading.records())
    return records, reading.problems


def without_sources(record: OrderRecord) -> OrderRecord:
    """The record as it would be wherever its rows stood in the file."""
    lines = tuple(replace(line, source=None) for line in record.lines)
    return replace(record, source=None, lines=lines)


def completed_cream(file: str, sku_code: str = "CHD-CREAM-50") -> OrderRecord:
    """The default row read: one cream, paid 199.90, completed on 9 November."""
    line = OrderLineRecord(
        line_no=1,
        sku_code=sku_code,
        title="自然堂雪域精粹纯粹滋润霜50g",
        units=1,
        unit_price=Money(19990),
        line_amount=None,
        status=OrderStatus.COMPLETED,
        source=SourceRow(file, 2),
    )
    return OrderRecord(
        order_no=ORDER,
        status=OrderStatus.COMPLETED,
        as_of=AS_OF,
        created_at=beijing("2026-11-05 10:00:00"),
        paid_at=beijing("2026-11-05 10:01:30"),
        shipped_at=None,
        completed_at=beijing("2026-11-09 18:00:00"),
        total=Money(19990),
        paid=Money(19990),
        goods_amount=Money(19990),
        shipping=Money(0),
        refund=Money(0),
        buyer_id=BUYER_ACCOUNT,
        province="江西省",
        city="南昌市",
        lines=(line,),
        source=SourceRow(file, 2),
    )


# --- encodings and layouts ---------------------------------------------------------------------


def test_a_gbk_export_of_the_2015_layout_gives_its_order_with_货号_as_the_sku(
    tmp_path: Path,
) -> None:
    path = write_jd_csv(tmp_path, [jd_row()], layout=LAYOUT_2015, encoding="gbk")

    records, problems = read(path)

    assert problems == []
    assert records == [completed_cream("jd.csv", sku_code="CHD-CREAM")]


def test_a_utf8_export_with_a_bom_of_the_2018_layout_takes_商家SKUID_as_the_sku(
    tmp_path: Path,
) -> None:
    path = write_jd_csv(tmp_path, [jd_row()], encoding="utf-8-sig")

    records, problems = read(path)

    assert problems == []
    assert records == [completed_cream("jd.csv")]


def test_a_line_without_商家SKUID_falls_back_to_货号_and_without_both_has_no_sku(
    tmp_path: Path,
) -> None:
    rows = [jd_row(商家SKUID=""), jd_row(订单号=OTHER, 商家SKUID="", 货号="")]
    path = write_jd_csv(tmp_path, rows)

    records, _ = read(path)

    assert [record.lines[0].sku_code for record in records] == ["CHD-CREAM", None]


def test_cells_padded_with_tabs_and_excel_text_marks_read_as_their_values(tmp_path: Path) -> None:
    path = write_jd_csv(
        tmp_path, [jd_row(订单号=f'="{ORDER}"', 联系电话="'13767111772")], tabbed=True
    )

    records, problems = read(path)

    assert problems == []
    assert records == [completed_cream("jd.csv")]


def test_a_workbook_saved_by_a_clerk_reads_like_the_csv(tmp_path: Path) -> None:
    row = jd_row()
    typed: dict[str, object] = {
        **row,
        "订单号": int(ORDER),  # Excel keeps 12 digits as a number
        "订购数量": 1,
        "京东价": 199.9,
        "应付金额": 199.9,
        "余额支付": 0,
        "运费金额": 0,
        "下单时间": datetime(2026, 11, 5, 10, 0),  # noqa: DTZ001 (Excel times have no zone)
    }
    path = write_jd_xlsx(tmp_path, [[typed.get(name) for name in LAYOUT_2018]])

    records, problems = read(path)

    assert problems == []
    expected = completed_cream("jd.xlsx")
    assert records == [expected]


def test_the_required_columns_are_in_both_known_layouts() -> None:
    assert set(LAYOUT_2015) >= JD_REQUIRED_COLUMNS
    assert set(LAYOUT_2018) >= JD_REQUIRED_COLUMNS


# --- orders of several SKU lines ---------------------------------------------------------------


def test_an_orders_rows_become_its_lines_with_the_order_level_amounts_once(
    tmp_path: Path,
) -> None:
    # 2 × 199.90 + 59.00 = 458.80 listed; the buyer pays 420.00 + 10.00 from JD balance,
    # shipping 6.00 included, so the goods amount to split over the lines is 424.00.
    order_cells = {
        "订单金额": "458.80",
        "应付金额": "420.00",
        "余额支付": "10.00",
        "运费金额": "6.00",
    }
    rows = [
        jd_row(订购数量="2", **order_cells),
        jd_row(
            商品名称="自然堂冰肌水160ml", 京东价="59.00", 商家SKUID="CHD-TONER-160", **order_cells
        ),
    ]
    path = write_jd_csv(tmp_path, rows)

    records, problems = read(path)

    assert problems == []
    [order] = records
    assert (order.total, order.paid, order.goods_amount, order.shipping) == (
        Money(43000),
        Money(43000),
        Money(42400),
        Money(600),
    )
    assert [(line.line_no, line.sku_code, line.units, line.unit_price) for line in order.lines] == [
        (1, "CHD-CREAM-50", 2, Money(19990)),
        (2, "CHD-TONER-160", 1, Money(5900)),
    ]
    assert [line.line_amount for line in order.lines] == [None, None]  # the importer allocates
    assert [line.source for line in order.lines] == [SourceRow("jd.csv", 2), SourceRow("jd.csv", 3)]


def test_rows_of_one_order_apart_in_the_file_give_the_same_records_as_together(
    tmp_path: Path,
) -> None:
    cream, toner = jd_row(), jd_row(京东价="59.00", 商家SKUID="CHD-TONER-160")
    other = jd_row(订单号=OTHER)
    together = write_jd_csv(tmp_path, [cream, toner, other], name="together.csv")
    apart = write_jd_csv(tmp_path, [cream, other, toner], name="apart.csv")

    records_together, _ = read(together)
    records_apart, problems = read(apart)

    assert problems == []
    by_order = {record.order_no: without_sources(record) for record in records_apart}
    assert by_order == {record.order_no: without_sources(record) for record in records_together}


def test_an_orders_rows_further_apart_than_the_reader_holds_are_refused(tmp_path: Path) -> None:
    rows = [jd_row(), jd_row(订单号=OTHER), jd_row(订单号="250123456791"), jd_row()]
    path = write_jd_csv(tmp_path, rows)

    _, problems = read(path, pending_limit=1)

    message = (
        "this order's earlier rows are more than 1 orders back; "
        "sort the file by 订单号 and import it again"
    )
    assert problems == [ImportProblem("jd.csv", 5, "订单号", ORDER, message)]


# --- statuses, refunds and cancellations -------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "status", "paid", "refund"),
    [
        ("等待付款", OrderStatus.UNPAID, 0, 0),
        ("等待付款确认", OrderStatus.UNPAID, 0, 0),
        ("等待出库", OrderStatus.PAID, 19990, 0),
        ("(锁定)等待出库", OrderStatus.PAID, 19990, 0),
        ("锁定", OrderStatus.PAID, 19990, 0),
        ("暂停", OrderStatus.PAID, 19990, 0),
        ("等待发货", OrderStatus.PAID, 19990, 0),
        ("等待确认收货", OrderStatus.SHIPPED, 19990, 0),
        ("(锁定)等待确认收货", OrderStatus.SHIPPED, 19990, 0),
        ("（锁定）等待确认收货", OrderStatus.SHIPPED, 19990, 0),
        ("完成", OrderStatus.COMPLETED, 19990, 0),
        ("已完成", OrderStatus.COMPLETED, 19990, 0),
        ("(删除)等待付款", OrderStatus.CLOSED, 0, 0),
        ("(删除)等待出库", OrderStatus.CLOSED, 19990, 19990),
        ("(删除)等待确认收货", OrderStatus.CLOSED, 19990, 19990),
        ("已取消", OrderStatus.CLOSED, 19990, 19990),
    ],
)
def test_each_status_word_maps_to_a_daiyun_status_with_its_payment_and_refund(
    tmp_path: Path, word: str, status: OrderStatus, paid: int, refund: int
) -> None:
    # Unpaid words come without a payment time; the others keep the default one.
    unpaid = status is OrderStatus.UNPAID or word == "(删除)等待付款"
    row = jd_row(订单状态=word, 订单完成时间="", **({"付款确认时间": ""} if unpaid else {}))
    path = write_jd_csv(tmp_path, [row])

    records, problems = read(path)

    assert problems == []
    [order] = records
    assert (order.status, order.paid, order.refund) == (status, Money(paid), Money(refund))
    assert order.lines[0].status is status


def test_a_cancelled_order_never_paid_has_nothing_paid_or_refunded(tmp_path: Path) -> None:
    path = write_jd_csv(tmp_path, [jd_row(订单状态="已取消", 付款确认时间="", 订单完成时间="")])

    [order], _ = read(path)

    assert (order.status, order.paid, order.refund) == (OrderStatus.CLOSED, Money(0), Money(0))
    assert order.lines[0].refund_units == 0


def test_an_order_deleted_after_payment_refunds_each_line_its_share_to_the_fen(
    tmp_path: Path,
) -> None:
    # R-S1: refunded in full before completion, never recognised. 100.00 paid for lines listed
    # at 100.00 and 50.00: 66.666… and 33.333…, the spare fen to the larger remainder.
    order_cells = {"订单状态": "(删除)等待出库", "应付金额": "100.00", "订单完成时间": ""}
    rows = [
        jd_row(京东价="100.00", **order_cells),
        jd_row(京东价="50.00", 商家SKUID="CHD-TONER-160", **order_cells),
    ]
    path = write_jd_csv(tmp_path, rows)

    [order], problems = read(path)

    assert problems == []
    assert (order.status, order.paid, order.refund) == (
        OrderStatus.CLOSED,
        Money(10000),
        Money(10000),
    )
    assert [(line.refund_units, line.refund_amount, line.refunded_at) for line in order.lines] == [
        (1, Money(6667), AS_OF),
        (1, Money(3333), AS_OF),
    ]


def test_a_completed_order_without_a_completion_time_completes_as_of_the_export(
    tmp_path: Path,
) -> None:
    # R-S1: the platform's time where the file has it, otherwise the as-of time of the export.
    path = write_jd_csv(tmp_path, [jd_row(订单完成时间="")])

    [order], _ = read(path)

    assert order.completed_at == AS_OF


def test_a_cash_on_delivery_order_awaiting_shipment_is_not_yet_paid(tmp_path: Path) -> None:
    path = write_jd_csv(
        tmp_path, [jd_row(订单状态="等待出库", 支付方式="货到付款", 付款确认时间="")]
    )

    [order], _ = read(path)

    assert (order.status, order.paid) == (OrderStatus.PAID, Money(0))


# --- bad cells ---------------------------------------------------------------------------------


def test_every_bad_cell_is_a_problem_and_its_order_gives_no_record(tmp_path: Path) -> None:
    rows = [
        jd_row(订单号="250000000001", 京东价="19.9.0"),
        jd_row(订单号="250000000002", 下单时间="yesterday"),
        jd_row(订单号="250000000003", 订购数量="0"),
        jd_row(订单号="250000000004", 订单状态="退款中"),
        jd_row(订单号="2.50123E+11"),
        jd_row(订单号="JD250000000006"),
        jd_row(订单号="250000000007", 应付金额="-5.00"),
        jd_row(订单号="250000000008", 应付金额="5.00", 运费金额="8.00"),
        jd_row(订单号="250000000009", 付款确认时间="2026-11-31 10:00:00"),
        jd_row(订单号="250000000010", 应付金额=""),
        jd_row(订单号=OTHER),
    ]
    path = write_jd_csv(tmp_path, rows)

    records, problems = read(path)

    rounded = "an order number Excel has rounded; export the file again and import it unsaved"
    assert problems == [
        ImportProblem("jd.csv", 2, "京东价", "19.9.0", "not an amount"),
        ImportProblem("jd.csv", 3, "下单时间", "yesterday", "not a time"),
        ImportProblem("jd.csv", 4, "订购数量", "0", "not a whole number of units"),
        ImportProblem("jd.csv", 5, "订单状态", "退款中", "unknown order status '退款中'"),
        ImportProblem("jd.csv", 6, "订单号", "2.50123E+11", rounded),
        ImportProblem(
            "jd.csv", 7, "订单号", "JD250000000006", "not a JD order number (digits only)"
        ),
        ImportProblem("jd.csv", 8, "应付金额", "-5.00", "a negative amount"),
        ImportProblem("jd.csv", 9, "应付金额", "5.00", "less than the shipping (运费金额)"),
        ImportProblem("jd.csv", 10, "付款确认时间", "2026-11-31 10:00:00", "not a time"),
        ImportProblem("jd.csv", 11, "应付金额", "", "empty"),
    ]
    assert [record.order_no for record in records] == [OTHER]


def test_one_bad_line_keeps_its_whole_order_out(tmp_path: Path) -> None:
    rows = [jd_row(), jd_row(订购数量="两")]
    path = write_jd_csv(tmp_path, rows)

    records, problems = read(path)

    assert records == []
    assert problems == [ImportProblem("jd.csv", 3, "订购数量", "两", "not a whole number of units")]


def test_a_deleted_completed_order_is_an_unknown_status(tmp_path: Path) -> None:
    path = write_jd_csv(tmp_path, [jd_row(订单状态="(删除)完成")])

    records, problems = read(path)

    assert records == []
    assert problems == [
        ImportProblem("jd.csv", 2, "订单状态", "(删除)完成", "unknown order status '(删除)完成'")
    ]


def test_a_header_without_the_required_columns_names_what_is_missing(tmp_path: Path) -> None:
    layout = [name for name in LAYOUT_2018 if name not in ("京东价", "订购数量")]
    path = write_jd_csv(tmp_path, [jd_row()], layout=layout)

    records, problems = read(path)

    listed = "the header row has: " + ", ".join(layout)
    assert records == []
    assert problems == [
        ImportProblem("jd.csv", 1, "京东价", "", f"missing; {listed}"),
        ImportProblem("jd.csv", 1, "订购数量", "", f"missing; {listed}"),
    ]


def test_an_empty_file_is_a_problem_and_a_header_only_file_is_no_orders(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    header_only = write_jd_csv(tmp_path, [], name="header.csv")

    message = "the file is empty; a JD order export starts with a header row"
    assert read(empty) == ([], [ImportProblem("empty.csv", 0, "", "", message)])  # 0: the file
    assert read(header_only) == ([], [])


def test_a_gbk_file_with_bytes_that_are_not_text_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "jd.csv"
    path.write_bytes(jd_csv_bytes([jd_row()], encoding="gbk") + b"\xff")

    records, problems = read(path)

    message = "line 3 is not text in UTF-8 or GBK; save the file as CSV UTF-8"
    assert records == []
    assert problems == [ImportProblem("jd.csv", 0, "", "", message)]


# --- buyer data (R-D1) -------------------------------------------------------------------------


def test_no_record_carries_the_buyers_name_phone_street_or_email(tmp_path: Path) -> None:
    rows = [jd_row(), jd_row(京东价="59.00"), jd_row(订单号=OTHER, 订单状态="(删除)等待出库")]
    path = write_jd_csv(tmp_path, rows, encoding="utf-8-sig")

    records, problems = read(path)

    shown = repr(records) + repr(problems)
    assert len(records) == 2
    for personal in (BUYER_NAME, BUYER_PHONE, BUYER_STREET, BUYER_ADDRESS, BUYER_EMAIL, "恒源"):
        assert personal not in shown
    assert {(record.buyer_id, record.province, record.city) for record in records} == {
        (BUYER_ACCOUNT, "江西省", "南昌市")
    }


@pytest.mark.parametrize(
    ("address", "province", "city"),
    [
        ("江西南昌市青山湖区昌东工业区", "江西省", "南昌市"),
        ("江西省南昌市青山湖区", "江西省", "南昌市"),
        ("北京朝阳区三环到四环之间", "北京市", "北京市"),
        ("上海市浦东新区张江镇", "上海市", "上海市"),
        ("广西南宁市青秀区", "广西壮族自治区", "南宁市"),
        ("内蒙古 呼和浩特市 新城区", "内蒙古自治区", "呼和浩特市"),
        ("四川凉山彝族自治州西昌市", "四川省", "凉山彝族自治州"),
        ("海南澄迈县老城镇", "海南省", None),
        ("", None, None),
        ("收货人自提", None, None),
    ],
)
def test_province_and_city_come_from_the_first_words_of_the_address(
    tmp_path: Path, address: str, province: str | None, city: str | None
) -> None:
    path = write_jd_csv(tmp_path, [jd_row(客户地址=address)])

    [order], _ = read(path)

    assert (order.province, order.city) == (province, city)


# --- the reading itself ------------------------------------------------------------------------


def test_records_stream_an_order_as_soon_as_the_reader_lets_go_of_it(tmp_path: Path) -> None:
    rows = [jd_row(), jd_row(订单号=OTHER), jd_row(订单号="250123456791")]
    path = write_jd_csv(tmp_path, rows)
    reading = JdOrderReading(path, as_of=AS_OF, pending_limit=1)

    stream = reading.records()

    assert next(stream).order_no == ORDER  # before the rest of the file is read
    assert [record.order_no for record in stream] == [OTHER, "250123456791"]


def test_read_jd_orders_needs_an_aware_as_of_time(tmp_path: Path) -> None:
    path = write_jd_csv(tmp_path, [jd_row()])

    assert [r.order_no for r in read_jd_orders(path, as_of=AS_OF).records()] == [ORDER]
    with pytest.raises(ValueError, match="time zone"):
        read_jd_orders(path, as_of=datetime(2026, 11, 10))  # noqa: DTZ001
