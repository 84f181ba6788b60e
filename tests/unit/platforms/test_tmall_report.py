"""The Tmall order report (formats.md): order-level orders without SKU lines (R-S1).

The real file is read as it is; its paid amounts and refunds must add up to the yuan.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from daiyun.adapters.platforms import read_order_files
from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.money import Money
from daiyun.domain.orders.records import ImportProblem, OrderRecord, OrderStatus, SourceRow
from tests.unit.platforms.files import TMALL_REPORT_HEADER, write_file

AS_OF = datetime(2020, 3, 1, 0, 0, tzinfo=SHANGHAI)


def report(
    folder: Path, rows: list[dict[str, str]]
) -> tuple[list[OrderRecord], list[ImportProblem]]:
    path = write_file(folder / "tmall_order_report.csv", TMALL_REPORT_HEADER, rows, "utf-8")
    reading = read_order_files([path], as_of=AS_OF)
    return list(reading.records()), reading.problems


def row(order_no: str, total: str, paid: str, paid_at: str, refund: str) -> dict[str, str]:
    return {
        "订单编号": order_no,
        "总金额": total,
        "买家实际支付金额": paid,
        "收货地址": "上海",
        "订单创建时间": "2020-02-21 00:00:00",
        "订单付款时间": paid_at,
        "退款金额": refund,
    }


def test_the_real_report_gives_28010_orders_paying_1902487_15_and_refunding_572335_92(
    shared_real_data: Path,
) -> None:
    reading = read_order_files([shared_real_data / "tmall_order_report.csv"], as_of=AS_OF)

    records = list(reading.records())

    assert reading.problems == []
    assert len(records) == 28_010
    assert Money.total(record.paid for record in records) == Money.of_yuan("1902487.15")
    assert Money.total(record.refund for record in records) == Money.of_yuan("572335.92")
    assert all(record.lines == () and not record.has_sku_lines for record in records)


def test_an_order_is_unpaid_closed_or_paid_as_its_money_says(tmp_path: Path) -> None:
    records, problems = report(
        tmp_path,
        [
            row("1", "178.8", "0.0", "", "0.0"),
            row("2", "157.0", "0.0", "2020-02-20 23:58:44", "157.0"),
            row("3", "157.0", "57.0", "2020-02-20 23:58:44", "100.0"),
        ],
    )

    assert problems == []
    assert [(r.order_no, r.status, r.paid, r.refund) for r in records] == [
        ("1", OrderStatus.UNPAID, Money(0), Money(0)),
        ("2", OrderStatus.CLOSED, Money(0), Money(15700)),
        ("3", OrderStatus.PAID, Money(5700), Money(10000)),
    ]


def test_a_report_row_is_an_order_without_lines_goods_amount_or_buyer(tmp_path: Path) -> None:
    records, _ = report(tmp_path, [row("2", "21.0", "21.0", "2020-02-21 00:00:02", "0.0")])

    assert records == [
        OrderRecord(
            order_no="2",
            status=OrderStatus.PAID,
            as_of=AS_OF,
            created_at=datetime(2020, 2, 21, 0, 0, tzinfo=SHANGHAI),
            paid_at=datetime(2020, 2, 21, 0, 0, 2, tzinfo=SHANGHAI),
            shipped_at=None,
            completed_at=None,
            total=Money(2100),
            paid=Money(2100),
            goods_amount=None,
            shipping=Money(0),
            refund=Money(0),
            buyer_id=None,
            province="上海",
            city=None,
            lines=(),
            source=SourceRow("tmall_order_report.csv", 2),
        )
    ]


def test_a_payment_without_a_payment_time_is_a_problem(tmp_path: Path) -> None:
    records, problems = report(tmp_path, [row("7", "21.0", "21.0", "", "0.0")])

    assert records == []
    assert problems == [
        ImportProblem(
            "tmall_order_report.csv",
            2,
            "买家实际支付金额",
            "21.0",
            "a payment without a payment time (订单付款时间 is empty)",
        )
    ]
