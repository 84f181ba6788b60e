"""read_order_files: any set of order files, their formats told, Taobao pairs matched, streamed.

Problems of whole files (no partner, unknown layout, not text) come out as problems beside the
cell problems, never as exceptions, so that a clerk sees them all at once.
"""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from daiyun.adapters.platforms import FileFormat, read_order_files
from daiyun.adapters.platforms.detect import jd_reader
from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.orders.records import ImportProblem, OrderRecord
from tests.unit.platforms import jd_files
from tests.unit.platforms.files import (
    ITEM_HEADER_SUB_ORDER,
    ORDER_NO,
    TMALL_REPORT_HEADER,
    item_row,
    order_row,
    write_export,
    write_file,
)

AS_OF = datetime(2026, 11, 30, 23, 0, tzinfo=SHANGHAI)


def problems_of(paths: list[Path], as_of: datetime | None = None) -> list[str]:
    """The problems of reading these files, as a clerk reads them."""
    reading = read_order_files(paths, as_of=as_of)
    list(reading.records())
    return [str(problem) for problem in reading.problems]


# --- pairing ----------------------------------------------------------------------------------


def test_two_exports_are_paired_by_the_time_in_their_names(tmp_path: Path) -> None:
    first = write_export(tmp_path, [order_row()], [item_row()], stamp="202611051000")
    second = write_export(
        tmp_path, [order_row(订单状态="交易关闭")], [item_row()], stamp="202611061000"
    )

    reading = read_order_files([first[0], second[0], second[1], first[1]], as_of=None)

    assert [(record.order_no, record.as_of.day) for record in reading.records()] == [
        (ORDER_NO, 5),
        (ORDER_NO, 6),
    ]
    assert reading.problems == []


def test_one_order_file_and_one_item_file_are_one_export_whatever_their_names(
    tmp_path: Path,
) -> None:
    orders, items = write_export(tmp_path, [order_row()], [item_row()])
    renamed = [orders.rename(tmp_path / "orders.csv"), items.rename(tmp_path / "lines.csv")]

    reading = read_order_files(renamed, as_of=AS_OF)

    assert [record.as_of for record in reading.records()] == [AS_OF]
    assert reading.problems == []


def test_an_export_whose_names_carry_no_time_needs_an_as_of(tmp_path: Path) -> None:
    orders, items = write_export(tmp_path, [order_row()], [item_row()])
    renamed = [orders.rename(tmp_path / "orders.csv"), items.rename(tmp_path / "lines.csv")]

    assert problems_of(renamed) == [
        "orders.csv row 0: says nothing of when it was exported; give the export time"
    ]


def test_an_order_file_or_an_item_file_without_its_partner_is_a_problem_naming_it(
    tmp_path: Path,
) -> None:
    first = write_export(tmp_path, [order_row()], [item_row()], stamp="202611051000")
    second = write_export(tmp_path, [order_row()], [item_row()], stamp="202611061000")

    assert problems_of([first[0], second[1]]) == [
        "ExportOrderList202611051000.csv row 0: its item file "
        "ExportOrderDetailList202611051000.csv is not among the files given; give both together",
        "ExportOrderDetailList202611061000.csv row 0: its order file "
        "ExportOrderList202611061000.csv is not among the files given; give both together",
    ]


def test_a_lone_order_file_is_a_problem_and_nothing_is_read(tmp_path: Path) -> None:
    orders, _ = write_export(tmp_path, [order_row()], [item_row()])

    reading = read_order_files([orders], as_of=None)

    assert list(reading.records()) == []
    assert reading.problem_count == 1


# --- files that are no order file -------------------------------------------------------------


def test_an_unknown_layout_is_a_problem_at_its_header_row(tmp_path: Path) -> None:
    path = tmp_path / "stock.csv"
    path.write_text("商品编码,库存\r\nCHD-1,10\r\n", encoding="utf-8")

    [problem] = problems_of([path])

    assert problem.startswith("stock.csv row 1: the header row is no order file layout daiyun ")
    assert problem.endswith("The header row has: 商品编码, 库存")


def test_a_file_that_is_not_text_or_cannot_be_opened_is_a_problem(tmp_path: Path) -> None:
    binary = tmp_path / "ExportOrderList202611051000.csv"
    binary.write_bytes(b"\x81\x30\xff\xfe\x00" * 10)

    assert problems_of([binary, tmp_path / "missing.csv"]) == [
        "ExportOrderList202611051000.csv row 0: line 1 is not text in UTF-8 or GBK; "
        "save the file as CSV UTF-8",
        "missing.csv row 0: cannot be opened: No such file or directory",
    ]


def test_gbk_bytes_that_break_partway_are_a_problem_at_their_row(tmp_path: Path) -> None:
    orders, items = write_export(tmp_path, [order_row()] * 2000, [item_row()])
    orders.write_bytes(orders.read_bytes() + b"\xff\xff\xff,\r\n")

    problems = problems_of([orders, items])

    assert problems[0] == (
        "ExportOrderList202611051000.csv row 2002: is not text in GBK from this line on; "
        "save the file as CSV UTF-8"
    )


def test_the_tmall_order_report_needs_an_as_of(tmp_path: Path) -> None:
    path = write_file(tmp_path / "report.csv", TMALL_REPORT_HEADER, [], encoding="utf-8")

    assert problems_of([path]) == [
        "report.csv row 0: says nothing of when it was exported; give the export time"
    ]
    assert problems_of([path], as_of=AS_OF) == []


# --- what a reading tells -----------------------------------------------------------------------


def test_each_file_is_listed_with_its_format_and_the_sha256_of_its_bytes(tmp_path: Path) -> None:
    orders, items = write_export(tmp_path, [order_row()], [item_row()])

    reading = read_order_files([orders, items], as_of=None)

    assert [(f.name, f.format, f.sha256, f.path) for f in reading.files] == [
        (orders.name, FileFormat.TAOBAO_ORDERS, hashlib.sha256(orders.read_bytes()).hexdigest(),
         orders),
        (items.name, FileFormat.TAOBAO_ITEMS, hashlib.sha256(items.read_bytes()).hexdigest(),
         items),
    ]  # fmt: skip


def test_records_read_twice_give_the_same_records_and_problems_once(tmp_path: Path) -> None:
    orders, items = write_export(tmp_path, [order_row(总金额="x")], [item_row()])
    reading = read_order_files([orders, items, tmp_path / "missing.csv"], as_of=None)

    first = (list(reading.records()), list(reading.problems))
    second = (list(reading.records()), list(reading.problems))

    assert first == second
    assert reading.problem_count == 2


def test_past_ten_thousand_problems_are_counted_but_not_kept(tmp_path: Path) -> None:
    orders = [order_row(订单编号=str(number), 总金额="x") for number in range(1, 10_003)]
    items = [item_row(订单编号=str(number)) for number in range(1, 10_003)]

    reading = read_order_files(list(write_export(tmp_path, orders, items)), as_of=None)
    records = list(reading.records())

    assert (records, len(reading.problems), reading.problem_count) == ([], 10_000, 10_002)
    assert reading.problems[-1] == ImportProblem(
        "ExportOrderList202611051000.csv", 10_001, "总金额", "x", "not an amount"
    )


# --- any order of rows ---------------------------------------------------------------------------

SUB_ORDERS = {  # order number: its sub-order numbers
    "1930679858170601": ["1930679858170611"],
    "1930679858170602": ["1930679858170612", "1930679858170613", "1930679858170614"],
    "1930679858170603": ["1930679858170615", "1930679858170616"],
    "1930679858170604": ["1930679858170617"],
}
ORDER_ROWS = [order_row(订单编号=f'="{order_no}"') for order_no in SUB_ORDERS]
ITEM_ROWS = [
    item_row(
        主订单编号=f'="{order_no}"',
        子订单编号=f'="{sub_order}"',
        商家编码=f"SKU-{sub_order[-2:]}",
        买家实付金额="100.00",
    )
    for order_no, sub_orders in SUB_ORDERS.items()
    for sub_order in sub_orders
]


def without_sources(records: list[OrderRecord]) -> list[OrderRecord]:
    """The records in order-number order, without the rows they came from (which move)."""
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


def read_records(
    folder: Path, orders: list[dict[str, str]], items: list[dict[str, str]]
) -> list[OrderRecord]:
    paths = write_export(folder, orders, items, item_header=ITEM_HEADER_SUB_ORDER)
    reading = read_order_files(list(paths), as_of=None)
    records = list(reading.records())
    assert reading.problems == []
    return without_sources(records)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.permutations(ORDER_ROWS), st.permutations(ITEM_ROWS))
def test_any_order_of_order_rows_and_item_rows_gives_the_same_records(
    tmp_path: Path, orders: list[dict[str, str]], items: list[dict[str, str]]
) -> None:
    expected = read_records(tmp_path, ORDER_ROWS, ITEM_ROWS)

    assert read_records(tmp_path, orders, items) == expected
    assert [len(record.lines) for record in expected] == [1, 3, 2, 1]


def test_an_export_read_in_reverse_gives_the_same_records(tmp_path: Path) -> None:
    assert read_records(tmp_path, ORDER_ROWS[::-1], ITEM_ROWS) == read_records(
        tmp_path, ORDER_ROWS, ITEM_ROWS
    )


# --- JD, read by its own reader (jd.py) ----------------------------------------------------------


@pytest.mark.skipif(jd_reader() is None, reason="the JD reader is not installed")
@pytest.mark.parametrize("saved_as", ["csv", "xlsx"])
def test_a_jd_export_is_told_and_read_by_the_jd_reader(tmp_path: Path, saved_as: str) -> None:
    if saved_as == "csv":
        path = jd_files.write_jd_csv(tmp_path, [jd_files.jd_row()])
    else:
        row = jd_files.jd_row()
        path = jd_files.write_jd_xlsx(
            tmp_path, [[row.get(name, "") for name in jd_files.LAYOUT_2018]]
        )

    reading = read_order_files([path], as_of=AS_OF)
    records = list(reading.records())

    assert [file.format for file in reading.files] == [FileFormat.JD_ORDERS]
    assert ([record.order_no for record in records], reading.problems) == (["250123456789"], [])


def test_a_taobao_export_saved_as_a_workbook_is_refused_as_one(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(ITEM_HEADER_SUB_ORDER)
    workbook.save(tmp_path / "items.xlsx")

    assert problems_of([tmp_path / "items.xlsx"]) == [
        "items.xlsx row 0: an XLSX workbook; import this export as the CSV file the platform gives"
    ]
