"""Fuzzing the order file readers (issue 16, point 14): whatever the bytes, read_order_files
gives records and problems, never an exception.

Declared (reading.py, jd.py): every problem of a file, from one that cannot be opened to a
cell that is no amount, is an ImportProblem; records() streams only valid orders. The one
exception of a reading is OutsidePattern, from column_batches() of a Taobao pair, which says
"read records() instead". (read_order_files' ValueError is for a naive as_of, never given here;
OrderFileInfo.sha256's UnreadableFile for a file gone while it was hashed.)
"""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daiyun.adapters.platforms import read_order_files
from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.orders.columns import OutsidePattern
from daiyun.domain.orders.records import ImportProblem, OrderRecord
from tests.fuzz.inputs import (
    ENCODINGS,
    broken_content_types,
    encoded,
    mutated,
    mutated_workbook,
    table_text,
    workbook_bytes,
    workbook_cell,
)
from tests.fuzz.profiles import fuzzing
from tests.unit.platforms import jd_files
from tests.unit.platforms.files import (
    DAIYUN_HEADER,
    ITEM_HEADER_2016,
    ITEM_HEADER_SUB_ORDER,
    ORDER_HEADER_2016,
    ORDER_HEADER_LATER,
    STAMP,
    TMALL_REPORT_HEADER,
    csv_text,
    daiyun_row,
    item_row,
    order_row,
)

pytestmark = pytest.mark.fuzz

AS_OF = datetime(2026, 11, 30, 23, 0, tzinfo=SHANGHAI)
ORDERS_NAME = f"ExportOrderList{STAMP}.csv"
ITEMS_NAME = f"ExportOrderDetailList{STAMP}.csv"

VALID_ORDERS = csv_text(ORDER_HEADER_2016, [order_row()]).encode("gbk")
VALID_ITEMS = csv_text(
    ITEM_HEADER_2016, [item_row(), item_row(商家编码="CHD-MASK-5", 价格="0.00")]
).encode("gbk")
VALID_TMALL = (
    csv_text(TMALL_REPORT_HEADER, [order_row(退款金额="0.00"), order_row(订单编号="8")])
).encode("gbk")
VALID_DAIYUN = csv_text(
    DAIYUN_HEADER, [daiyun_row(), daiyun_row(line_no="2", sku="CHD-MASK-5")]
).encode("utf-8")
VALID_JD_CSV = jd_files.jd_csv_bytes([jd_files.jd_row(), jd_files.jd_row(商家SKUID="CHD-MASK")])
VALID_JD_XLSX = workbook_bytes(
    jd_files.LAYOUT_2018, [[jd_files.jd_row().get(name, "") for name in jd_files.LAYOUT_2018]]
)


def read_order_bytes(files: dict[str, bytes], as_of: datetime | None) -> None:
    """Read the bytes every way an import does; only declared errors may pass."""
    read_everything(files, as_of)


def read_everything(files: dict[str, bytes], as_of: datetime | None) -> None:
    """Write the files, read them every way an import does; only declared errors pass."""
    with tempfile.TemporaryDirectory(prefix="daiyun-fuzz-") as folder:
        paths = [Path(folder) / name for name in files]
        for path, data in zip(paths, files.values(), strict=True):
            path.write_bytes(data)
        reading = read_order_files(paths, as_of=as_of)
        records = list(reading.records())
        assert all(isinstance(record, OrderRecord) for record in records)
        assert all(isinstance(problem, ImportProblem) for problem in reading.problems)
        assert reading.problem_count >= len(reading.problems)
        for info in reading.files:
            assert len(info.sha256) == 64
        batches = reading.column_batches(2)
        if batches is not None:
            try:
                for _ in batches:
                    pass
            except OutsidePattern:
                pass  # declared: the reference reading, records(), takes such a pair


def text_file(header: list[str]) -> st.SearchStrategy[bytes]:
    """The header over random cells, in a random encoding."""
    return st.builds(encoded, table_text(header), st.sampled_from(ENCODINGS))


# --- the Taobao export pair ------------------------------------------------------------------


@fuzzing()
@given(orders=mutated(VALID_ORDERS), items=mutated(VALID_ITEMS))
def test_a_mutated_taobao_pair_gives_only_records_and_problems(orders: bytes, items: bytes) -> None:
    read_order_bytes({ORDERS_NAME: orders, ITEMS_NAME: items}, None)


@fuzzing()
@given(
    orders=st.one_of(text_file(ORDER_HEADER_2016), text_file(ORDER_HEADER_LATER)),
    items=st.one_of(text_file(ITEM_HEADER_2016), text_file(ITEM_HEADER_SUB_ORDER)),
)
def test_a_taobao_pair_of_random_cells_gives_only_records_and_problems(
    orders: bytes, items: bytes
) -> None:
    read_order_bytes({ORDERS_NAME: orders, ITEMS_NAME: items}, None)


# --- the Tmall order report ------------------------------------------------------------------


@fuzzing()
@given(report=st.one_of(mutated(VALID_TMALL), text_file(TMALL_REPORT_HEADER)))
def test_a_hostile_tmall_report_gives_only_records_and_problems(report: bytes) -> None:
    read_order_bytes({"tmall_order_report.csv": report}, AS_OF)


@fuzzing()
@given(data=st.data())
def test_the_real_tmall_report_mutated_gives_only_records_and_problems(
    shared_real_data: Path, data: st.DataObject
) -> None:
    with (shared_real_data / "tmall_order_report.csv").open("rb") as real:
        start = b"".join(real.readline() for _ in range(30))  # header and 29 real orders
    read_order_bytes({"tmall_order_report.csv": data.draw(mutated(start))}, AS_OF)


# --- JD --------------------------------------------------------------------------------------


@fuzzing()
@given(export=st.one_of(mutated(VALID_JD_CSV), text_file(jd_files.LAYOUT_2018)))
def test_a_hostile_jd_csv_export_gives_only_records_and_problems(export: bytes) -> None:
    read_order_bytes({"jd.csv": export}, AS_OF)


@fuzzing()
@given(
    export=st.one_of(
        mutated_workbook(VALID_JD_XLSX),
        st.builds(
            workbook_bytes,
            st.just(jd_files.LAYOUT_2018),
            st.lists(st.lists(workbook_cell, max_size=42), max_size=4),
        ),
    )
)
def test_a_hostile_jd_workbook_gives_only_records_and_problems(export: bytes) -> None:
    read_order_bytes({"jd.xlsx": export}, AS_OF)


# --- the daiyun order file -------------------------------------------------------------------


@fuzzing()
@given(orders=st.one_of(mutated(VALID_DAIYUN), text_file(DAIYUN_HEADER)))
def test_a_hostile_daiyun_order_file_gives_only_records_and_problems(orders: bytes) -> None:
    read_order_bytes({"orders.csv": orders}, AS_OF)


# --- any bytes, under any name ---------------------------------------------------------------


@fuzzing()
@given(
    name=st.sampled_from([ORDERS_NAME, "orders.csv", "jd.xlsx", "report.txt"]),
    data=st.one_of(st.binary(max_size=2048), mutated(VALID_JD_XLSX)),
)
def test_arbitrary_bytes_give_only_problems(name: str, data: bytes) -> None:
    read_order_bytes({name: data}, AS_OF)


# --- undeclared exceptions the fuzzing found, now problems like any other -----------------------


def test_a_short_bad_row_of_a_taobao_order_file_is_a_problem() -> None:
    # Minimal: 订单编号 last in the header, and a row of one cell, which is no order.
    header = [*ORDER_HEADER_2016[1:], ORDER_HEADER_2016[0]]
    orders = (",".join(header) + "\r\nx\r\n").encode("gbk")

    read_everything({ORDERS_NAME: orders, ITEMS_NAME: VALID_ITEMS}, None)


def test_a_jd_workbook_with_a_broken_content_types_part_is_a_problem() -> None:
    read_everything({"jd.xlsx": broken_content_types(VALID_JD_XLSX)}, AS_OF)
