"""The daiyun order file (interfaces.md): one row per order line, for platforms without a reader.

Rows are put together by order_no, wherever they are in the file. The order's amounts come from
its lines: goods = the sum of line amounts, shipping from line 1, total = goods + shipping,
paid = total − refunds once paid (R-S9: a refund is money back whether or not units came back).
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from daiyun.adapters.platforms import read_order_files
from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.money import Money
from daiyun.domain.orders.records import (
    ImportProblem,
    OrderLineRecord,
    OrderRecord,
    OrderStatus,
    SourceRow,
)
from tests.unit.platforms.files import DAIYUN_HEADER, daiyun_row, write_file

FILE = "pdd-orders.csv"
AS_OF = datetime(2026, 11, 10, 9, 0, tzinfo=SHANGHAI)
MASK_LINE = {
    "line_no": "2",
    "sku": "CHD-MASK-5",
    "units": "2",
    "unit_price": "99.00",
    "line_amount": "180.00",
    "refund_units": "1",
    "refund_amount": "90.00",
    "refund_reason": "quality",
    "refunded_at": "2026-11-08 10:00:00",
    "created_at": "",
    "paid_at": "",
    "shipped_at": "",
    "completed_at": "",
    "buyer_key": "",
    "province": "",
    "city": "",
}


def read(
    folder: Path, rows: list[dict[str, str]], encoding: str = "utf-8"
) -> tuple[list[OrderRecord], list[ImportProblem]]:
    path = write_file(folder / FILE, DAIYUN_HEADER, rows, encoding)
    reading = read_order_files([path], as_of=AS_OF)
    return list(reading.records()), reading.problems


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_an_order_of_two_lines_is_read_with_its_amounts_from_the_lines(
    tmp_path: Path, encoding: str
) -> None:
    rows = [daiyun_row(shipping="8.00"), daiyun_row(**MASK_LINE)]

    records, problems = read(tmp_path, rows, encoding)

    assert problems == []
    assert records == [
        OrderRecord(
            order_no="880001",
            status=OrderStatus.COMPLETED,
            as_of=AS_OF,
            created_at=datetime(2026, 11, 1, 9, 30, tzinfo=SHANGHAI),
            paid_at=datetime(2026, 11, 1, 9, 31, 5, tzinfo=SHANGHAI),
            shipped_at=datetime(2026, 11, 2, 15, 0, tzinfo=SHANGHAI),
            completed_at=datetime(2026, 11, 6, 20, 0, tzinfo=SHANGHAI),
            total=Money(37700),  # 189.00 + 180.00 + 8.00 shipping
            paid=Money(28700),  # less the 90.00 refunded
            goods_amount=Money(36900),
            shipping=Money(800),
            refund=Money(9000),
            buyer_id="pdd_8812",
            province="浙江省",
            city="杭州市",
            lines=(
                OrderLineRecord(
                    line_no=1,
                    sku_code="CHD-CREAM-50",
                    title=None,
                    units=1,
                    unit_price=Money(19900),
                    line_amount=Money(18900),
                    status=OrderStatus.COMPLETED,
                    source=SourceRow(FILE, 2),
                ),
                OrderLineRecord(
                    line_no=2,
                    sku_code="CHD-MASK-5",
                    title=None,
                    units=2,
                    unit_price=Money(9900),
                    line_amount=Money(18000),
                    status=OrderStatus.COMPLETED,
                    refund_units=1,
                    refund_amount=Money(9000),
                    refund_reason="quality",
                    refunded_at=datetime(2026, 11, 8, 10, 0, tzinfo=SHANGHAI),
                    source=SourceRow(FILE, 3),
                ),
            ),
            source=SourceRow(FILE, 2),
        )
    ]


def test_a_time_with_an_offset_keeps_it_and_one_without_is_beijing_time(tmp_path: Path) -> None:
    rows = [daiyun_row(created_at="2026-11-01T01:30:00Z", paid_at="2026-11-01T09:31:05")]

    [record], _ = read(tmp_path, rows)

    assert record.created_at == datetime(2026, 11, 1, 1, 30, tzinfo=UTC)
    assert record.paid_at == datetime(2026, 11, 1, 9, 31, 5, tzinfo=SHANGHAI)


def test_an_unpaid_order_has_paid_nothing(tmp_path: Path) -> None:
    rows = [daiyun_row(status="unpaid", paid_at="", shipped_at="", completed_at="")]

    [record], _ = read(tmp_path, rows)

    assert (record.status, record.total, record.paid) == (
        OrderStatus.UNPAID,
        Money(18900),
        Money(0),
    )


@pytest.mark.parametrize(
    ("statuses", "order_status"),
    [
        (("completed", "closed"), OrderStatus.COMPLETED),
        (("closed", "closed"), OrderStatus.CLOSED),
        (("paid", "shipped"), OrderStatus.SHIPPED),
        (("unpaid", "closed"), OrderStatus.UNPAID),
    ],
)
def test_an_order_stands_where_its_furthest_open_line_stands(
    tmp_path: Path, statuses: tuple[str, str], order_status: OrderStatus
) -> None:
    rows = [daiyun_row(status=statuses[0]), daiyun_row(line_no="2", status=statuses[1])]

    [record], _ = read(tmp_path, rows)

    assert record.status is order_status


def test_rows_of_an_order_apart_from_each_other_are_one_order(tmp_path: Path) -> None:
    rows = [daiyun_row(), daiyun_row(order_no="880002"), daiyun_row(**MASK_LINE)]

    records, problems = read(tmp_path, rows)

    assert problems == []
    assert [(r.order_no, [line.source for line in r.lines]) for r in records] == [
        ("880002", [SourceRow(FILE, 3)]),
        ("880001", [SourceRow(FILE, 2), SourceRow(FILE, 4)]),
    ]


ROWS = [
    daiyun_row(order_no="880001", shipping="8.00"),
    daiyun_row(order_no="880001", **MASK_LINE),
    daiyun_row(order_no="880002", status="paid", completed_at=""),
    daiyun_row(order_no="880003", line_no="1", sku="A"),
    daiyun_row(order_no="880003", line_no="2", sku="B"),
    daiyun_row(order_no="880003", line_no="3", sku="C", shipped_at=""),
]


def without_sources(records: list[OrderRecord]) -> list[OrderRecord]:
    return sorted(
        (
            dataclasses.replace(
                record,
                source=None,
                lines=tuple(dataclasses.replace(line, source=None) for line in record.lines),
            )
            for record in records
        ),
        key=lambda record: record.order_no,
    )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.permutations(ROWS))
def test_any_order_of_rows_gives_the_same_orders(
    tmp_path: Path, rows: list[dict[str, str]]
) -> None:
    expected, _ = read(tmp_path, ROWS)

    records, problems = read(tmp_path, rows)

    assert problems == []
    assert without_sources(records) == without_sources(expected)
    assert [len(record.lines) for record in without_sources(expected)] == [2, 1, 3]


# --- problems -----------------------------------------------------------------------------------


def test_shipping_on_a_line_other_than_the_first_is_a_problem(tmp_path: Path) -> None:
    records, problems = read(tmp_path, [daiyun_row(), daiyun_row(line_no="2", shipping="8.00")])

    assert records == []
    assert problems == [ImportProblem(FILE, 3, "shipping", "8.00", "shipping goes on line 1 only")]


def test_a_line_number_twice_in_an_order_is_a_problem(tmp_path: Path) -> None:
    _, problems = read(tmp_path, [daiyun_row(), daiyun_row(sku="CHD-MASK-5")])

    assert problems == [
        ImportProblem(FILE, 3, "line_no", "1", "also on row 2; an order has each line once")
    ]


def test_rows_of_an_order_that_disagree_on_the_order_are_a_problem(tmp_path: Path) -> None:
    rows = [daiyun_row(), daiyun_row(line_no="2", buyer_key="pdd_9999")]

    _, problems = read(tmp_path, rows)

    assert problems == [
        ImportProblem(
            FILE, 3, "buyer_key", "pdd_9999", "differs from row 2; an order has one buyer_key"
        )
    ]


def test_every_bad_cell_is_named_with_its_column_and_value(tmp_path: Path) -> None:
    row = daiyun_row(status="done", units="1.5", line_amount="", refund_units="3")

    _, problems = read(tmp_path, [row])

    assert [(p.row, p.column, p.value, p.message) for p in problems] == [
        (2, "units", "1.5", "not a whole number of units"),
        (2, "line_amount", "", "empty; an amount is needed here"),
        (2, "status", "done", "not a status: write unpaid, paid, shipped, completed or closed"),
    ]


def test_refunds_beyond_the_line_are_problems(tmp_path: Path) -> None:
    row = daiyun_row(refund_units="2", refund_amount="200.00")

    _, problems = read(tmp_path, [row])

    assert problems == [
        ImportProblem(FILE, 2, "refund_units", "2", "more than the line's 1 units"),
        ImportProblem(FILE, 2, "refund_amount", "200.00", "more than the line's amount 189.00"),
    ]


def test_a_line_without_a_sku_is_a_problem(tmp_path: Path) -> None:
    _, problems = read(tmp_path, [daiyun_row(sku=" ")])

    assert problems == [
        ImportProblem(FILE, 2, "sku", "", "empty; every line needs its SKU (the brand's code)")
    ]
