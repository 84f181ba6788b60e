"""Hostile cells in order files are bad input, alike on SQLite and PostgreSQL (issue 16).

Out-of-range numbers and times (point 2), NUL bytes and texts longer than their columns
(point 3) and times far ahead (point 4) make `daiyun orders import` exit 2 naming the file, row,
column and value, and write nothing — by the order-by-order import and by the columnar one of
a Taobao export pair alike. Order numbers with letters (point 12) are stored as written, by the
order-by-order write (COPY on PostgreSQL) and by the columnar bulk write (binary COPY).
"""

from __future__ import annotations

import csv
import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from daiyun.adapters.db.tables import sales_order
from daiyun.adapters.platforms import OrderReading, read_order_files
from daiyun.bootstrap import Daiyun
from daiyun.domain.orders.columns import OrderColumns
from daiyun.services.orders.importing import ImportSummary, import_orders
from tests.builders import DAIYUN_ORDER_COLUMNS, daiyun_order_row
from tests.integration.cli_runner import CliResult, run_daiyun
from tests.integration.snapshots import database_snapshot
from tests.unit.platforms.files import (
    ORDER_NO,
    OTHER_ORDER_NO,
    item_row,
    order_row,
    write_export,
)

AS_OF = "2026-10-05T10:00:00+08:00"
TOO_MANY_UNITS = "more than 1000000 units; no line of an order has that many"
TOO_LARGE = "more than 10000000000.00; no amount of an order is that large"
TOO_EARLY = "before 2000-01-01; no marketplace order is that old"
AFTER_AS_OF = (
    "after 2027-10-06 10:00:00 Beijing time, a year past the file's as-of time: "
    "a wrong year, or a wrong as-of time"
)
NUL = "holds the control character U+0000"


@pytest.fixture
def store(chando_store: str) -> str:
    """chando's Tmall store with two SKUs (see conftest)."""
    return chando_store


def _import(database_url: str, *files: Path, as_of: str | None = AS_OF) -> CliResult:
    return run_daiyun(
        database_url,
        "orders", "import", "--store", "chando-tmall", "--json",
        *(("--as-of", as_of) if as_of else ()),
        *(str(f) for f in files),
    )  # fmt: skip


def _write_daiyun_orders(path: Path, rows: list[dict[str, str]]) -> Path:
    """A daiyun order file (interfaces.md) with these rows, quoted as CSV needs."""
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(DAIYUN_ORDER_COLUMNS)
        writer.writerows([row[column] for column in DAIYUN_ORDER_COLUMNS] for row in rows)
    return path


def _refused(result: CliResult, file: str, row: int, column: str, value: str, message: str) -> None:
    """Exit 2 with exactly this one problem, in the JSON and on stderr, nothing stored."""
    assert result.exit_code == 2, result.stderr
    summary = result.json()
    expected = {"file": file, "row": row, "column": column, "value": value, "message": message}
    assert summary["errors"] == [expected]
    assert summary["error_count"] == 1 and summary["stored"] is False
    where = f"{file} row {row}" + (f", {column}" if column else "")
    assert where in " ".join(result.stderr.split())


# Points 2, 3 and 4 in the daiyun order file: (column, cell, message).
HOSTILE_DAIYUN_CELLS = [
    pytest.param("units", "99999999999999999999", TOO_MANY_UNITS, id="units-20-digits"),
    pytest.param("units", "1000001", TOO_MANY_UNITS, id="units-a-million-and-one"),
    pytest.param("unit_price", "99999999999999999.99", TOO_LARGE, id="unit-price"),
    pytest.param("line_amount", "10000000000.01", TOO_LARGE, id="line-amount"),
    pytest.param("shipping", "9" * 5000, TOO_LARGE, id="shipping-5000-digits"),
    pytest.param("refund_units", "99999999999999999999", TOO_MANY_UNITS, id="refund-units"),
    pytest.param(
        "line_no",
        "99999999999999999999",
        "more than 10000; an order has at most 10000 lines",
        id="line-no",
    ),
    pytest.param("paid_at", "9999-12-31T23:59:59-14:00", AFTER_AS_OF, id="paid-in-year-10000"),
    pytest.param("paid_at", "2027-10-06 10:00:01", AFTER_AS_OF, id="paid-more-than-a-year-after"),
    pytest.param("created_at", "1899-12-30 00:00:00", TOO_EARLY, id="created-excel-zero"),
    pytest.param("refunded_at", "0001-01-01T00:00:00+14:00", TOO_EARLY, id="refunded-year-1"),
    pytest.param(
        "completed_at",
        "2026/10/" + "9" * 5000,
        "not a time; write 2026-11-05 10:00:00 or 2026-11-05T10:00:00+08:00",
        id="completed-5000-digits",
    ),
    pytest.param("province", "浙江\x00省", NUL, id="province-nul"),
    pytest.param(
        "province", "浙" * 41, "longer than 40 characters; at most 40 are kept", id="province-41"
    ),
    pytest.param("city", "杭州\x85市", "holds the control character U+0085", id="city-c1"),
    pytest.param("sku", "CD-CREAM-50\x00", NUL, id="sku-nul"),
    pytest.param("sku", "C" * 65, "longer than 64 characters; at most 64 are kept", id="sku-65"),
    pytest.param(
        "refund_reason",
        "x" * 201,
        "longer than 200 characters; at most 200 are kept",
        id="refund-reason-201",
    ),
    pytest.param(
        "order_no",
        "SO-" + "9" * 38,
        "longer than 40 characters; an order number is shorter",
        id="order-no-41",
    ),
    pytest.param(
        "order_no",
        "SO-1\x00",
        "holds U+0000, which is not printable; an order number is letters, digits and signs",
        id="order-no-nul",
    ),
    pytest.param(
        "order_no",
        "SO-\u200b1",
        "holds U+200B, which is not printable; an order number is letters, digits and signs",
        id="order-no-zero-width-space",
    ),
]


@pytest.mark.parametrize(("column", "cell", "message"), HOSTILE_DAIYUN_CELLS)
def test_a_hostile_cell_of_the_daiyun_order_file_is_bad_input_and_nothing_is_written(
    daiyun_app: Daiyun, store: str, tmp_path: Path, column: str, cell: str, message: str
) -> None:
    # The first order is good; all or nothing: it is not stored either.
    before = database_snapshot(daiyun_app)
    second = {**daiyun_order_row("1002"), column: cell}
    hostile = _write_daiyun_orders(tmp_path / "hostile.csv", [daiyun_order_row("1001"), second])
    result = _import(store, hostile)
    _refused(result, "hostile.csv", 3, column, cell, message)
    assert database_snapshot(daiyun_app) == before


def test_the_lines_of_an_order_adding_up_beyond_the_largest_amount_are_refused(
    daiyun_app: Daiyun, store: str, tmp_path: Path
) -> None:
    # Each line at the largest amount a cell may hold: 10,000,000,000.00 yuan; two lines.
    before = database_snapshot(daiyun_app)
    lines = [
        daiyun_order_row(
            "1001", line_no, units="1", unit_price="10000000000.00", line_amount="10000000000.00"
        )
        for line_no in (1, 2)
    ]
    hostile = _write_daiyun_orders(tmp_path / "sum.csv", lines)
    result = _import(store, hostile)
    message = "the order's line amounts and shipping add up to more than 10000000000.00"
    _refused(result, "sum.csv", 2, "line_amount", "20000000000.00", message)
    assert database_snapshot(daiyun_app) == before


def test_an_as_of_time_out_of_range_is_bad_input_and_nothing_is_written(
    daiyun_app: Daiyun, store: str, tmp_path: Path
) -> None:
    # Point 4: the as-of time bounds the file's times, and is stored with every order.
    before = database_snapshot(daiyun_app)
    orders = _write_daiyun_orders(tmp_path / "d.csv", [daiyun_order_row("1001")])
    result = _import(store, orders, as_of="9999-12-31T23:59:59-14:00")
    message = (
        "an as-of time from 2000-01-01 until 2100-01-01 is needed "
        "(check --as-of or the time in the file name)"
    )
    _refused(result, "d.csv", 0, "", "9999-12-31T23:59:59-14:00", message)
    assert database_snapshot(daiyun_app) == before


def test_times_at_the_edges_of_the_range_are_stored(
    daiyun_app: Daiyun, store: str, tmp_path: Path
) -> None:
    # 2000-01-01 00:00 Beijing time, and a year past the as-of time, are still taken.
    orders = _write_daiyun_orders(
        tmp_path / "edges.csv",
        [daiyun_order_row("1001", created_at="2000-01-01 00:00:00", paid_at="2027-10-06 10:00:00")],
    )
    result = _import(store, orders)
    assert result.exit_code == 0, result.stderr
    with daiyun_app.engine.connect() as connection:
        created, paid = connection.execute(
            select(sales_order.c.created_at, sales_order.c.paid_at)
        ).one()
    assert created == datetime(1999, 12, 31, 16, 0, tzinfo=UTC)
    assert paid == datetime(2027, 10, 6, 2, 0, tzinfo=UTC)


# The same points in a Taobao export pair, which the import reads column by column first:
# (the file, the column as the header names it, the second order's cell there, the message).
# The export is as of the time in its names, 2026-11-05 10:00.
EXPORT_AFTER_AS_OF = AFTER_AS_OF.replace("2027-10-06", "2027-11-06")
HOSTILE_EXPORT_CELLS = [
    pytest.param("items", "价格", "99999999999999999.99", TOO_LARGE, id="price"),
    pytest.param("items", "购买数量", "99999999999999999999", TOO_MANY_UNITS, id="units"),
    pytest.param("orders", "总金额", "10000000000.01", TOO_LARGE, id="total"),
    # A time the columnar reading takes vectorised, and one it leaves to the reference.
    pytest.param(
        "orders", "订单付款时间", "9999-12-31 23:59:59", EXPORT_AFTER_AS_OF, id="paid-9999"
    ),
    pytest.param(
        "orders", "订单付款时间", "9999-12-31T23:59:59-14:00", EXPORT_AFTER_AS_OF, id="paid-10000"
    ),
    pytest.param("orders", "订单创建时间", "1999-12-31 23:59:59", TOO_EARLY, id="created-1999"),
    pytest.param("items", "标题", "自然堂\x00面霜", NUL, id="title-nul"),
    pytest.param(
        "items", "标题", "霜" * 301, "longer than 300 characters; at most 300 are kept", id="title"
    ),
]


def _hostile_export(folder: Path, which: str, column: str, cell: str) -> tuple[Path, Path]:
    """Two orders of one line each; the second order's `column` holds `cell`."""
    second = {column: cell} if which == "orders" else {}
    second_item = {column: cell} if which == "items" else {}
    return write_export(
        folder,
        [order_row(), order_row(订单编号=f'="{OTHER_ORDER_NO}"', **second)],
        [
            item_row(商家编码="CD-CREAM-50"),
            item_row(订单编号=f'="{OTHER_ORDER_NO}"', 商家编码="CD-CREAM-50", **second_item),
        ],
    )


class _OrderByOrder:
    """A reading that offers no columns: the import takes the order-by-order path."""

    def __init__(self, reading: OrderReading) -> None:
        self._reading = reading

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reading, name)

    def column_batches(self, batch_orders: int) -> None:
        return None


@pytest.mark.parametrize(("which", "column", "cell", "message"), HOSTILE_EXPORT_CELLS)
def test_a_hostile_cell_of_an_export_pair_is_bad_input_on_both_import_paths(
    daiyun_app: Daiyun,
    store: str,
    tmp_path: Path,
    which: str,
    column: str,
    cell: str,
    message: str,
) -> None:
    before = database_snapshot(daiyun_app)
    orders, items = _hostile_export(tmp_path, which, column, cell)
    file = (orders if which == "orders" else items).name
    # The command: the columnar reading first; it must leave the pattern, never store.
    _refused(_import(store, orders, items, as_of=None), file, 3, column, cell, message)
    assert database_snapshot(daiyun_app) == before
    # The order-by-order import alone reports the same.
    summary = import_orders(
        daiyun_app.unit_of_work(),
        store_code="chando-tmall",
        source=_OrderByOrder(read_order_files([orders, items], as_of=None)),
        skip_invalid=False,
        buyer_secret=b"test",
        at=datetime(2026, 11, 5, 3, 0, tzinfo=UTC),
        actor="test",
    )
    assert [problem.as_document() for problem in summary.problems] == [
        {"file": file, "row": 3, "column": column, "value": cell, "message": message}
    ]
    assert database_snapshot(daiyun_app) == before


def test_an_address_whose_city_holds_a_nul_keeps_the_province_only_on_both_databases(
    daiyun_app: Daiyun, store: str, tmp_path: Path
) -> None:
    # R-D1 keeps a city only when it reads as a place name; with a NUL it is none, on either
    # import path, where PostgreSQL refused the row and SQLite stored the NUL.
    address = "浙江省 杭州\x00市 西湖区 文三路 138号"
    orders, items = write_export(
        tmp_path,
        [order_row(收货地址=address), order_row(订单编号=f'="{OTHER_ORDER_NO}"', 收货地址=address)],
        [
            item_row(商家编码="CD-CREAM-50"),
            item_row(订单编号=f'="{OTHER_ORDER_NO}"', 商家编码="CD-CREAM-50"),
        ],
    )
    result = _import(store, orders, items, as_of=None)
    assert result.exit_code == 0, result.stderr
    with daiyun_app.engine.connect() as connection:
        places = connection.execute(select(sales_order.c.province, sales_order.c.city)).all()
    assert [tuple(place) for place in places] == [("浙江省", None), ("浙江省", None)]


# Point 12: ids as own-site shops and other platforms write them, up to the column's 40.
ORDER_IDS = [
    "SO-20261001-0001",
    "so-20261001-0001",  # another order: order numbers are compared exactly
    "订单-甲-0001",
    "\\N",  # COPY's text format writes NULL so: it must arrive as these two characters
    'A\\B,"C" D/E',
    "S" * 40,
    "1930679858170647",
]


def _stored_order_numbers(app: Daiyun) -> list[str]:
    with app.engine.connect() as connection:
        return sorted(connection.execute(select(sales_order.c.order_no)).scalars())


def test_order_numbers_with_letters_are_stored_as_written_and_found_again(
    daiyun_app: Daiyun, store: str, tmp_path: Path
) -> None:
    paid = _write_daiyun_orders(
        tmp_path / "paid.csv", [daiyun_order_row(order_id) for order_id in ORDER_IDS]
    )
    first = _import(store, paid)
    assert first.exit_code == 0, first.stderr
    assert first.json()["orders"] == {"new": 7, "updated": 0, "unchanged": 0}
    assert _stored_order_numbers(daiyun_app) == sorted(ORDER_IDS)

    # A newer snapshot: each order is found by its number; one moves forward, none is new.
    rows = [daiyun_order_row(order_id) for order_id in ORDER_IDS]
    rows[3].update(status="shipped", shipped_at="2026-10-06 09:00:00")  # the order \N
    shipped = _write_daiyun_orders(tmp_path / "shipped.csv", rows)
    second = _import(store, shipped, as_of="2026-10-06T10:00:00+08:00")
    assert second.exit_code == 0, second.stderr
    assert second.json()["orders"] == {"new": 0, "updated": 1, "unchanged": 6}
    with daiyun_app.engine.connect() as connection:
        status = connection.execute(
            select(sales_order.c.status).where(sales_order.c.order_no == "\\N")
        ).scalar_one()
    assert status == "shipped"
    assert _stored_order_numbers(daiyun_app) == sorted(ORDER_IDS)


class _WithOrderIds:
    """A reading whose column batches carry other order numbers (ids with letters)."""

    def __init__(self, reading: OrderReading, order_ids: list[str]) -> None:
        self._reading = reading
        self._order_ids = order_ids
        self.batches = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reading, name)

    def column_batches(self, batch_orders: int) -> Iterator[OrderColumns] | None:
        batches = self._reading.column_batches(batch_orders)
        return None if batches is None else self._renamed(batches)

    def _renamed(self, batches: Iterator[OrderColumns]) -> Iterator[OrderColumns]:
        for batch in batches:
            self.batches += 1
            yield dataclasses.replace(batch, order_no=self._order_ids[: len(batch.order_no)])


def test_the_columnar_bulk_write_stores_order_numbers_with_letters_as_written(
    daiyun_app: Daiyun, store: str, tmp_path: Path
) -> None:
    # The bulk write of new orders (binary COPY on PostgreSQL) takes any id the daiyun order
    # file takes: two orders of an export pair, renamed in their column batch.
    orders, items = write_export(
        tmp_path,
        [order_row(), order_row(订单编号=f'="{OTHER_ORDER_NO}"')],
        [
            item_row(商家编码="CD-CREAM-50"),
            item_row(订单编号=f'="{OTHER_ORDER_NO}"', 商家编码="CD-MASK-5"),
        ],
    )
    ids = ['A\\B,"C" D/E', "订单-" + "乙" * 37]
    source = _WithOrderIds(read_order_files([orders, items], as_of=None), ids)
    summary: ImportSummary = import_orders(
        daiyun_app.unit_of_work(),
        store_code="chando-tmall",
        source=source,
        skip_invalid=False,
        buyer_secret=b"test",
        at=datetime(2026, 11, 5, 3, 0, tzinfo=UTC),
        actor="test",
    )
    assert summary.stored and source.batches == 1
    assert summary.orders.as_document() == {"new": 2, "updated": 0, "unchanged": 0}
    assert _stored_order_numbers(daiyun_app) == sorted(ids)
    assert ORDER_NO not in _stored_order_numbers(daiyun_app)
