"""Every cell read from an order file is bounded (issue 16, points 2, 3, 4 and 12).

Amounts, units and line numbers within what an order can be and 64-bit arithmetic keeps; times
from 2000-01-01 to a year past the file's as-of time; texts kept no longer than their columns
and without control characters; the daiyun order file's order numbers any printable id that
fits. Each reader (daiyun order file, Taobao pair row by row and column by column, Tmall report,
JD) refuses alike, with a message for the clerk, never an exception of its own.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import pyarrow as pa
import pytest
from sqlalchemy import Column

from daiyun.adapters.db.tables import order_line, sales_order
from daiyun.adapters.platforms import read_order_files
from daiyun.adapters.platforms.cell_bounds import kept_text, moment_reader
from daiyun.adapters.platforms.cell_columns import fen_of, moments_of
from daiyun.adapters.platforms.cells import (
    CellProblem,
    amount,
    count_or_zero,
    moment_or_none,
    order_id,
    order_number,
    units,
)
from daiyun.adapters.platforms.jd import read_jd_orders
from daiyun.adapters.platforms.taobao import TaobaoExport
from daiyun.adapters.platforms.taobao_columns import read_export_columns
from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.money import Money
from daiyun.domain.orders.bounds import (
    EARLIEST_MOMENT,
    LARGEST_AMOUNT,
    LONGEST_ORDER_NUMBER,
    LONGEST_PLACE,
    LONGEST_REFUND_REASON,
    LONGEST_SKU_CODE,
    LONGEST_TITLE,
    MOST_LINES,
    MOST_UNITS,
    latest_moment,
)
from daiyun.domain.orders.columns import NO_TIME, OutsidePattern, microseconds
from tests.unit.platforms.files import (
    DAIYUN_HEADER,
    ORDER_NO,
    OTHER_ORDER_NO,
    TMALL_REPORT_HEADER,
    daiyun_row,
    item_row,
    order_row,
    write_export,
    write_file,
)
from tests.unit.platforms.jd_files import jd_row, write_jd_csv

AS_OF = datetime(2026, 11, 5, 10, 0, tzinfo=SHANGHAI)
TOO_LARGE = "more than 10000000000.00; no amount of an order is that large"
TOO_MANY_UNITS = "more than 1000000 units; no line of an order has that many"
TOO_EARLY = "before 2000-01-01; no marketplace order is that old"
AFTER_AS_OF = (
    "after 2027-11-06 10:00:00 Beijing time, a year past the file's as-of time: "
    "a wrong year, or a wrong as-of time"
)


def _refused(message: str) -> pytest.RaisesExc[CellProblem]:
    """Raises CellProblem with exactly this message."""
    return pytest.raises(CellProblem, match=f"^{re.escape(message)}$")


# The bounds and the database -------------------------------------------------------------


@pytest.mark.parametrize(
    ("longest", "column"),
    [
        (LONGEST_ORDER_NUMBER, sales_order.c.order_no),
        (LONGEST_PLACE, sales_order.c.province),
        (LONGEST_PLACE, sales_order.c.city),
        (LONGEST_SKU_CODE, order_line.c.sku_code),
        (LONGEST_TITLE, order_line.c.title),
        (LONGEST_REFUND_REASON, order_line.c.refund_reason),
    ],
)
def test_each_longest_text_is_its_columns_length(longest: int, column: Column[str]) -> None:
    assert column.type.length == longest  # type: ignore[attr-defined]


def test_the_largest_numbers_fit_the_columns_and_64_bit_arithmetic() -> None:
    # units and line_no are INTEGER (32 bits on PostgreSQL); amounts BIGINT, and the columnar
    # import multiplies price by units in 64 bits.
    assert MOST_UNITS < 2**31 and MOST_LINES < 2**31
    assert LARGEST_AMOUNT.fen * MOST_UNITS < 2**63
    assert latest_moment(datetime.max.replace(tzinfo=SHANGHAI)).year == 2101


# Point 2: amounts, units and line numbers ------------------------------------------------


@pytest.mark.parametrize("cell", ["10000000000.00", "¥10,000,000,000", "010000000000.00"])
def test_the_largest_amount_is_taken(cell: str) -> None:
    assert amount(cell) == LARGEST_AMOUNT == Money(10**12)


@pytest.mark.parametrize(
    "cell", ["10000000000.01", "99999999999999999.99", "¥10,000,000,000.01", "9" * 5000]
)
def test_an_amount_beyond_the_largest_is_a_problem_not_an_error(cell: str) -> None:
    with _refused(TOO_LARGE):
        amount(cell)


@pytest.mark.parametrize(("cell", "count"), [("1000000", 10**6), ("0001000000", 10**6)])
def test_a_million_units_are_taken(cell: str, count: int) -> None:
    assert units(cell) == count
    assert count_or_zero(cell) == count


@pytest.mark.parametrize("cell", ["1000001", "99999999999999999999", "9" * 5000])
def test_more_units_than_a_million_are_a_problem_not_an_error(cell: str) -> None:
    with _refused(TOO_MANY_UNITS):
        units(cell)
    with _refused(TOO_MANY_UNITS):
        count_or_zero(cell)


def test_zeros_however_many_are_no_units() -> None:
    with _refused("not a whole number of units"):
        units("0" * 5000)
    assert count_or_zero("0" * 5000) == 0


# Point 4: times --------------------------------------------------------------------------


def test_times_from_2000_to_a_year_past_the_as_of_time_are_taken() -> None:
    read = moment_reader(AS_OF)
    assert read("2000-01-01 00:00:00") == EARLIEST_MOMENT
    assert read("2027-11-06 10:00:00") == AS_OF + timedelta(days=366)
    assert read("2027-11-06T02:00:00Z") == AS_OF + timedelta(days=366)
    assert read("") is None


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("1999-12-31 23:59:59", TOO_EARLY),
        ("1999-12-31T15:59:59Z", TOO_EARLY),
        ("1899-12-30 00:00:00", TOO_EARLY),  # Excel's day 0
        ("0001-01-01T00:00:00+14:00", TOO_EARLY),
        ("2027-11-06 10:00:01", AFTER_AS_OF),
        ("9999-12-31 23:59:59", AFTER_AS_OF),
        ("9999-12-31T23:59:59-14:00", AFTER_AS_OF),  # the year 10000 in UTC
    ],
)
def test_a_time_out_of_range_is_a_problem(cell: str, message: str) -> None:
    with _refused(message):
        moment_reader(AS_OF)(cell)


def test_a_time_with_more_digits_than_python_reads_is_no_time_not_an_error() -> None:
    with _refused("not a time; write 2026-11-05 10:00:00 or 2026-11-05T10:00:00+08:00"):
        moment_or_none("2016/7/" + "1" * 5000)


# Point 3: texts kept ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("浙江\x00省", "holds the control character U+0000"),
        ("\x00", "holds the control character U+0000"),
        ("浙江\x7f省", "holds the control character U+007F"),
        ("浙江\x85省", "holds the control character U+0085"),
        ("浙江\n省", "holds the control character U+000A"),
        ("浙" * 41, "longer than 40 characters; at most 40 are kept"),
    ],
)
def test_a_text_with_a_control_character_or_too_long_is_a_problem(cell: str, message: str) -> None:
    with _refused(message):
        kept_text(40)(cell)


@pytest.mark.parametrize(
    ("cell", "kept"),
    [
        (" " + "浙" * 40 + " ", "浙" * 40),
        ("自然堂\u3000面霜", "自然堂\u3000面霜"),  # an ideographic space is text
        ("面霜👩\u200d👩\u200d👧", "面霜👩\u200d👩\u200d👧"),  # so is a joiner in an emoji
        ('="CD-CREAM-50"', "CD-CREAM-50"),
        ("  ", None),
    ],
)
def test_any_other_text_is_kept_cleaned(cell: str, kept: str | None) -> None:
    assert kept_text(40)(cell) == kept


# Point 12: order numbers -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "number"),
    [
        ("SO-20261001-0001", "SO-20261001-0001"),
        ('="1930679858170647"', "1930679858170647"),
        ("订单-甲-0001", "订单-甲-0001"),
        ('A\\B,"C" D/E', 'A\\B,"C" D/E'),
        ("S" * 40, "S" * 40),
    ],
)
def test_the_daiyun_order_file_takes_any_printable_order_number_that_fits(
    cell: str, number: str
) -> None:
    assert order_id(cell) == number


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("S" * 41, "longer than 40 characters; an order number is shorter"),
        (
            "SO\t1",
            "holds U+0009, which is not printable; an order number is letters, digits and signs",
        ),
        (
            "SO\u30001",
            "holds U+3000, which is not printable; an order number is letters, digits and signs",
        ),
        (
            "1.93068E+15",
            "an order number Excel has shortened; import the file as exported, unsaved",
        ),
        ("", "empty; every row needs its order number"),
    ],
)
def test_an_order_number_not_printable_or_too_long_is_a_problem(cell: str, message: str) -> None:
    with _refused(message):
        order_id(cell)


def test_platform_exports_keep_their_digits_only_order_numbers() -> None:
    with _refused("not an order number (digits only)"):
        order_number("SO-20261001-0001")


# The readers -----------------------------------------------------------------------------


def _problems(paths: list[Path], as_of: datetime | None = AS_OF) -> list[tuple[int, str, str, str]]:
    reading = read_order_files(paths, as_of=as_of)
    assert list(reading.records()) == []
    return [(p.row, p.column, p.value, p.message) for p in reading.problems]


def test_the_daiyun_order_file_names_each_cell_out_of_bounds(tmp_path: Path) -> None:
    rows = [
        daiyun_row(
            units="99999999999999999999",
            unit_price="99999999999999999.99",
            paid_at="9999-12-31T23:59:59-14:00",
            province="浙江\x00省",
            city="杭" * 41,
            line_no="10001",
        )
    ]
    path = write_file(tmp_path / "d.csv", DAIYUN_HEADER, rows, "utf-8")
    assert _problems([path]) == [
        (2, "line_no", "10001", "more than 10000; an order has at most 10000 lines"),
        (2, "units", "99999999999999999999", TOO_MANY_UNITS),
        (2, "unit_price", "99999999999999999.99", TOO_LARGE),
        (2, "paid_at", "9999-12-31T23:59:59-14:00", AFTER_AS_OF),
        (2, "province", "浙江\x00省", "holds the control character U+0000"),
        (2, "city", "杭" * 41, "longer than 40 characters; at most 40 are kept"),
    ]


def test_the_tmall_report_names_a_time_out_of_range(tmp_path: Path) -> None:
    row = {
        "订单编号": "1001", "总金额": "10.00", "买家实际支付金额": "10.00", "收货地址": "上海",
        "订单创建时间": "1999-12-31 23:59:59", "订单付款时间": "9999-12-31 23:59:59",
        "退款金额": "0.00",
    }  # fmt: skip
    path = write_file(tmp_path / "report.csv", TMALL_REPORT_HEADER, [row], "utf-8")
    assert _problems([path]) == [
        (2, "订单创建时间", "1999-12-31 23:59:59", TOO_EARLY),
        (2, "订单付款时间", "9999-12-31 23:59:59", AFTER_AS_OF),
    ]


def test_a_jd_export_names_each_cell_out_of_bounds(tmp_path: Path) -> None:
    row = jd_row(
        订购数量="99999999999999999999",
        京东价="99999999999999999.99",
        下单时间="2027-11-06 10:00:01",
        付款确认时间="1999-12-31 23:59:59",
        商家SKUID="CHD-CREAM-50\x00",
        商品名称="霜" * 301,
        订单完成时间="",
    )
    reading = read_jd_orders(write_jd_csv(tmp_path, [row], encoding="utf-8"), as_of=AS_OF)
    assert list(reading.records()) == []
    assert sorted((p.row, p.column, p.message) for p in reading.problems) == sorted(
        [
            (2, "商家SKUID", "holds the control character U+0000"),
            (2, "商品名称", "longer than 300 characters; at most 300 are kept"),
            (2, "订购数量", TOO_MANY_UNITS),
            (2, "京东价", TOO_LARGE),
            (2, "下单时间", AFTER_AS_OF),
            (2, "付款确认时间", TOO_EARLY),
        ]
    )


def _export(folder: Path, **second: str) -> tuple[Path, Path]:
    """Two orders of one line each; the second order's row and line hold these cells."""
    orders = {k: v for k, v in second.items() if k in ("订单付款时间", "订单创建时间", "总金额")}
    items = {k: v for k, v in second.items() if k not in orders}
    return write_export(
        folder,
        [order_row(), order_row(订单编号=f'="{OTHER_ORDER_NO}"', **orders)],
        [item_row(), item_row(订单编号=f'="{OTHER_ORDER_NO}"', **items)],
    )


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        ({"订单付款时间": "9999-12-31 23:59:59"}, ("订单付款时间", AFTER_AS_OF)),
        ({"订单创建时间": "1999-12-31 23:59:59"}, ("订单创建时间", TOO_EARLY)),
        ({"总金额": "10000000000.01"}, ("总金额", TOO_LARGE)),
        ({"价格": "99999999999999999.99"}, ("价格", TOO_LARGE)),
        ({"购买数量": "1000001"}, ("购买数量", TOO_MANY_UNITS)),
        ({"标题": "自然堂\x00面霜"}, ("标题", "holds the control character U+0000")),
        ({"商家编码": "C" * 65}, ("商家编码", "longer than 64 characters; at most 64 are kept")),
    ],
)
def test_an_export_pair_out_of_bounds_leaves_the_columnar_pattern_and_the_reference_names_it(
    tmp_path: Path, cells: dict[str, str], problem: tuple[str, str]
) -> None:
    orders, items = _export(tmp_path, **cells)
    export = TaobaoExport(orders, "gb18030", items, "gb18030", AS_OF)
    with pytest.raises(OutsidePattern):
        list(read_export_columns(export, 100))
    column, message = problem
    reading = read_order_files([orders, items], as_of=None)  # the row-by-row reader
    assert [record.order_no for record in reading.records()] == [ORDER_NO]
    assert [(p.row, p.column, p.message) for p in reading.problems] == [(3, column, message)]


def test_an_export_pair_in_bounds_is_read_column_by_column(tmp_path: Path) -> None:
    # The edges themselves stay in the pattern: 2000-01-01 00:00 and a year past the as-of.
    orders, items = _export(
        tmp_path, 订单创建时间="2000-01-01 00:00:00", 订单付款时间="2027-11-06 10:00:00"
    )
    export = TaobaoExport(orders, "gb18030", items, "gb18030", AS_OF)
    [batch] = read_export_columns(export, 100)
    assert batch.created_at[1] == microseconds(EARLIEST_MOMENT)
    assert batch.paid_at[1] == microseconds(AS_OF + timedelta(days=366))


def _times(cells: list[str]) -> pa.ChunkedArray:
    return pa.chunked_array([pa.array([c.encode() for c in cells], pa.binary())])


@pytest.mark.parametrize(
    "cell", ["9999-12-31 23:59:59", "1999-12-31 23:59:59", "2027-11-06 10:00:01"]
)
def test_a_time_out_of_range_in_a_column_leaves_the_pattern(cell: str) -> None:
    cells = _times(["2026-11-01 09:00:00", cell])
    with pytest.raises(OutsidePattern):
        moments_of(cells, moment_reader(AS_OF), "utf-8", AS_OF)


def test_times_in_range_in_a_column_are_read_as_the_reference_reads_them() -> None:
    cells = ["2000-01-01 00:00:00", "", "2027-11-06 10:00:00", "2027-11-06T02:00:00Z"]
    found = moments_of(_times(cells), moment_reader(AS_OF), "utf-8", AS_OF).tolist()
    expected = [moment_reader(AS_OF)(cell) for cell in cells]
    assert found == [NO_TIME if m is None else microseconds(m) for m in expected]


def test_an_amount_beyond_the_largest_in_a_column_leaves_the_pattern() -> None:
    column = _times(["10000000000.00", "1.00"])
    assert fen_of(column, amount, "utf-8").tolist() == [10**12, 100]
    with pytest.raises(OutsidePattern):
        fen_of(_times(["10000000000.01", "1.00"]), amount, "utf-8")


@pytest.mark.parametrize(
    ("as_of", "name"),
    [
        (datetime(9999, 12, 31, 23, 59, 59, tzinfo=SHANGHAI), "orders.csv"),
        (datetime(1999, 12, 31, 23, 59, 59, tzinfo=SHANGHAI), "orders.csv"),
        (None, "orders999912312359.csv"),  # the export time in a file name
    ],
)
def test_an_as_of_time_out_of_range_is_a_problem_and_nothing_is_read(
    tmp_path: Path, as_of: datetime | None, name: str
) -> None:
    path = write_file(tmp_path / name, DAIYUN_HEADER, [daiyun_row()], "utf-8")
    [(row, column, value, message)] = _problems([path], as_of)
    assert (row, column) == (0, "")
    assert value.startswith(("9999-12-31T23:59", "1999-12-31T23:59:59"))
    assert message == (
        "an export time from 2000-01-01 until 2100-01-01 is needed "
        "(check the export time given or the time in the file name)"
    )  # worded for a page too: the command line adds its flag (test_hostile_order_cells.py)


def test_a_city_with_a_control_character_is_no_place_and_is_not_kept(tmp_path: Path) -> None:
    # R-D1 keeps only what reads as a place name; a NUL makes it none, on either reading.
    orders, items = _export(tmp_path)
    orders.write_bytes(
        orders.read_bytes().replace("杭州市".encode("gbk"), "杭州\x00市".encode("gbk"))
    )
    export = TaobaoExport(orders, "gb18030", items, "gb18030", AS_OF)
    [batch] = read_export_columns(export, 100)
    assert (batch.province, batch.city) == (["浙江省", "浙江省"], [None, None])
    records = list(read_order_files([orders, items], as_of=None).records())
    assert [(r.province, r.city) for r in records] == [("浙江省", None), ("浙江省", None)]

    jd = write_jd_csv(
        tmp_path, [jd_row(客户地址="江西南\x00昌市青山湖区", 订单完成时间="")], encoding="utf-8"
    )
    [record] = read_jd_orders(jd, as_of=AS_OF).records()
    assert (record.province, record.city) == ("江西省", None)
