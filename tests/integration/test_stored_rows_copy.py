"""PostgreSQL reads a batch's stored orders back by COPY (stored_rows_copy) exactly as the row by
row SELECT (stored_rows.select_stored_rows, SQLite's way) reads them.

An order re-imported is compared with what these readers give: a NULL read as "" or a
microsecond lost would make an unchanged order look changed, or a changed one unchanged. Texts
here carry what CSV must quote (commas, quotes, line breaks), Chinese, and the empty text beside
NULL; moments and prices are NULL or not; the lines of the orders asked for are read by a range
of ids when the ids are dense, dropping the lines of orders not asked for, and by the ids
themselves otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, insert, select

from daiyun.adapters.db.repositories.stored_rows import select_stored_rows
from daiyun.adapters.db.repositories.stored_rows_copy import copy_stored_rows
from daiyun.adapters.db.tables import order_line, sales_order, store
from daiyun.bootstrap import Daiyun
from daiyun.domain.orders.column_changes import StoredRows
from daiyun.domain.orders.columns import CHECKS, STATUSES


@pytest.fixture
def connection(daiyun_app: Daiyun, chando_store: str) -> Iterator[Connection]:
    with daiyun_app.unit_of_work() as uow:
        if uow.connection.dialect.name != "postgresql":
            pytest.skip("COPY … TO STDOUT is PostgreSQL's")
        yield uow.connection  # never committed


def _store_id(connection: Connection) -> int:
    return int(
        connection.execute(select(store.c.id).where(store.c.code == "chando-tmall")).one()[0]
    )


_TEXT = st.one_of(
    st.none(),
    st.just(""),
    st.sampled_from(["浙江省", "杭州市", 'say "hi", ok', "two\nlines", "a,b", " ", "\\N", "NULL"]),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=12),
)
# Hypothesis takes naive bounds with the zone apart; made from text, as no code here makes a
# naive moment to use.
_SOME_MOMENT = st.datetimes(
    min_value=datetime.fromisoformat("2000-01-01T00:00:00"),
    max_value=datetime.fromisoformat("2030-12-31T23:59:59"),
    timezones=st.just(UTC),
)
_MOMENT = st.none() | _SOME_MOMENT
_FEN = st.integers(0, 10**12)


@st.composite
def _orders(draw: st.DrawFn) -> list[dict[str, Any]]:
    numbers = draw(
        st.lists(st.from_regex(r"[0-9A-Za-z\-]{1,20}", fullmatch=True), max_size=8, unique=True)
    )
    orders = []
    for number in numbers:
        lines = [
            {
                "line_no": line_no,
                "status": draw(st.sampled_from(STATUSES)).value,
                "price_check": draw(st.sampled_from(CHECKS)).value,
                "guide_price_fen": draw(st.none() | _FEN),
                "completed_at": draw(_MOMENT),
                "units": draw(st.integers(0, 50)),
                "unit_price_fen": draw(_FEN),
                "line_amount_fen": draw(_FEN),
                "refund_units": draw(st.integers(0, 50)),
                "refund_fen": draw(_FEN),
            }
            for line_no in range(1, draw(st.integers(0, 3)) + 1)
        ]
        orders.append(
            {
                "order_no": number,
                "status": draw(st.sampled_from(STATUSES)).value,
                "buyer_key": draw(_TEXT),
                "province": draw(_TEXT),
                "city": draw(_TEXT),
                "as_of": draw(_SOME_MOMENT),
                **{name: draw(_MOMENT) for name in ("created_at", "paid_at", "completed_at")},
                "closed_at": draw(_MOMENT),
                **{name: draw(_FEN) for name in ("total_fen", "paid_fen", "shipping_fen")},
                "refund_fen": draw(_FEN),
                "lines": lines,
            }
        )
    return orders


def _store(connection: Connection, orders: list[dict[str, Any]]) -> None:
    store_id = _store_id(connection)
    for order in orders:
        values = {key: value for key, value in order.items() if key != "lines"}
        order_id = connection.execute(
            insert(sales_order)
            .values(platform="tmall", store_id=store_id, **values)
            .returning(sales_order.c.id)
        ).scalar_one()
        for line in order["lines"]:
            connection.execute(insert(order_line).values(order_id=order_id, **line))


def _canonical(rows: StoredRows) -> tuple[dict[str, tuple[Any, ...]], set[tuple[Any, ...]]]:
    """The orders by number and the lines by (order number, line), whatever the row order."""
    order_columns = (
        rows.status, rows.as_of, rows.created_at, rows.paid_at, rows.completed_at,
        rows.closed_at, rows.total, rows.paid, rows.shipping, rows.refund,
    )  # fmt: skip
    for column in (*order_columns, rows.line_order, rows.line_no, rows.guide_price):
        assert isinstance(column, np.ndarray) and column.dtype == np.int64
    orders = {
        number: (
            *(int(column[k]) for column in order_columns),
            rows.buyer_key[k],
            rows.province[k],
            rows.city[k],
        )
        for k, number in enumerate(rows.order_no)
    }
    line_columns = (
        rows.line_no, rows.line_status, rows.unit_price, rows.line_amount, rows.guide_price,
        rows.price_check, rows.line_completed_at, rows.refund_units, rows.refund_amount,
    )  # fmt: skip
    lines = {
        (rows.order_no[int(rows.line_order[k])], *(int(column[k]) for column in line_columns))
        for k in range(len(rows.line_no))
    }
    assert len(orders) == len(rows.order_no) and len(lines) == len(rows.line_no)
    return orders, lines


def _both(connection: Connection, numbers: list[str]) -> tuple[Any, Any]:
    store_id = _store_id(connection)
    by_copy = copy_stored_rows(connection, store_id, "tmall", numbers)
    by_select = select_stored_rows(connection, store_id, "tmall", numbers)
    return _canonical(by_copy), _canonical(by_select)


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(orders=_orders(), data=st.data())
def test_copy_reads_any_stored_orders_as_the_select_does(
    connection: Connection, orders: list[dict[str, Any]], data: st.DataObject
) -> None:
    connection.exec_driver_sql("DELETE FROM order_line")
    connection.exec_driver_sql("DELETE FROM sales_order")
    _store(connection, orders)
    stored = [order["order_no"] for order in orders]
    asked = data.draw(st.lists(st.sampled_from(stored), unique=True) if stored else st.just([]))
    asked += data.draw(st.lists(st.sampled_from(["never-stored", "0"]), unique=True))
    by_copy, by_select = _both(connection, asked)
    assert by_copy == by_select
    assert set(by_copy[0]) == set(asked) & set(stored)


def test_lines_are_read_by_range_or_by_ids_and_only_those_of_the_orders_asked_for(
    connection: Connection,
) -> None:
    """Ten orders stored one after another, ids in a run, each with lines 1 and 2. Orders 1, 3
    and 5 span 5 ids (at most 2 × 3: one range, the lines of 2 and 4 dropped); orders 0 and 9
    span 10 (more than 2 × 2: by the ids)."""
    moment = datetime(2026, 11, 1, tzinfo=UTC)
    line = {
        "status": "completed", "price_check": "within", "guide_price_fen": 13_900,
        "completed_at": moment, "units": 1, "unit_price_fen": 13_900,
        "line_amount_fen": 13_900, "refund_units": 0, "refund_fen": 0,
    }  # fmt: skip
    orders = [
        {
            "order_no": f"T{k}",
            "status": "completed",
            "buyer_key": None,
            "province": "",
            "city": "杭州市",
            "as_of": moment + timedelta(microseconds=k),
            "created_at": None,
            "paid_at": moment,
            "completed_at": moment,
            "closed_at": None,
            "total_fen": 13_900,
            "paid_fen": 13_900,
            "shipping_fen": 0,
            "refund_fen": 0,
            "lines": [{**line, "line_no": 1}, {**line, "line_no": 2}],
        }
        for k in range(10)
    ]
    _store(connection, orders)
    for asked in (["T1", "T3", "T5"], ["T0", "T9"], [f"T{k}" for k in range(10)]):
        by_copy, by_select = _both(connection, asked)
        assert by_copy == by_select
        assert sorted(by_copy[0]) == sorted(asked)
        assert len(by_copy[1]) == 2 * len(asked)
