"""Rows built column by column as binary COPY data (adapters/db/copy_binary) read back exactly.

PostgreSQL parses nothing of binary COPY data: a byte out of place is a wrong number, a moment
off by years, or a refused COPY. Every kind of column an import writes (bigint, integer,
boolean, text, a moment) is given every way the import gives it (one value for every row, a
numpy array, a list with NULLs, an Arrow array with nulls, all NULL) and read back.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import BigInteger, Boolean, Column, Connection, Integer, MetaData, String, Table

from daiyun.adapters.db.bulk import BulkInserter
from daiyun.adapters.db.copy_binary import binary_copy_data
from daiyun.adapters.db.types import UtcDateTime
from daiyun.bootstrap import Daiyun
from daiyun.domain.orders.columns import NO_TIME, microseconds

_PROBE = Table(
    "copy_probe",
    MetaData(),
    Column("position", Integer),
    Column("big", BigInteger),
    Column("small", Integer),
    Column("flag", Boolean),
    Column("words", String(300)),
    Column("at", UtcDateTime),
)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@pytest.fixture
def connection(daiyun_app: Daiyun) -> Iterator[Connection]:
    with daiyun_app.unit_of_work() as uow:
        if uow.connection.dialect.name != "postgresql":
            pytest.skip("binary COPY is PostgreSQL's")
        uow.connection.exec_driver_sql(
            "CREATE TEMP TABLE copy_probe (position integer, big bigint, small integer, "
            "flag boolean, words varchar(300), at timestamptz) ON COMMIT DROP"
        )
        yield uow.connection  # never committed


def _copy_and_read(connection: Connection, columns: dict[str, Any], rows: int) -> list[tuple]:
    connection.exec_driver_sql("TRUNCATE copy_probe")
    names = ["position", *columns]
    data = binary_copy_data(_PROBE, names, [np.arange(rows), *columns.values()], rows)
    BulkInserter(connection).insert_copy_data(_PROBE, names, data)
    return [
        tuple(row[1:])
        for row in connection.exec_driver_sql(
            f"SELECT position, {', '.join(columns)} FROM copy_probe ORDER BY position"
        )
    ]


def test_one_row_of_each_kind_by_hand(connection: Connection) -> None:
    at = datetime(2026, 11, 5, 2, 0, 0, 123456, tzinfo=UTC)
    columns = {
        "big": np.array([-(2**63) + 1, 2**63 - 1]),
        "small": [7, None],
        "flag": pa.array([True, None]),
        "words": ["自然堂 雪域精粹纯粹滋润霜 50g", ""],
        "at": np.array([microseconds(at), NO_TIME]),
    }
    assert _copy_and_read(connection, columns, 2) == [
        (-(2**63) + 1, 7, True, "自然堂 雪域精粹纯粹滋润霜 50g", at),
        (2**63 - 1, None, None, "", None),
    ]


def test_a_column_given_once_and_a_column_of_nulls(connection: Connection) -> None:
    columns = {"big": 42, "small": None, "flag": True, "words": "tmall", "at": None}
    assert _copy_and_read(connection, columns, 3) == [(42, None, True, "tmall", None)] * 3


def test_no_rows(connection: Connection) -> None:
    assert _copy_and_read(connection, {"big": np.zeros(0, np.int64), "words": []}, 0) == []


_MOMENTS = st.datetimes(
    min_value=datetime(1900, 1, 1),  # noqa: DTZ001 (hypothesis takes naive bounds)
    max_value=datetime(2200, 1, 1),  # noqa: DTZ001
    timezones=st.just(UTC),
)
_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"))


def _column(draw: Any, rows: int, kind: str) -> tuple[Any, list[Any]]:
    """A column of `kind` given one of the ways an import gives one, and the values it holds."""
    values_of = {
        "big": st.integers(-(2**63) + 1, 2**63 - 1),
        "small": st.integers(-(2**31), 2**31 - 1),
        "flag": st.booleans(),
        "words": _TEXT,
        "at": _MOMENTS,
    }[kind]
    way = draw(st.sampled_from(["once", "nulls", "list", "arrow", "numpy"]))
    if way == "nulls":
        return None, [None] * rows
    if way == "once":
        value = draw(values_of)
        given_value = microseconds(value) if kind == "at" else value
        return given_value, [value] * rows
    values = draw(st.lists(st.one_of(st.none(), values_of), min_size=rows, max_size=rows))
    if kind == "at":
        stored = [NO_TIME if v is None else microseconds(v) for v in values]
        return np.array(stored, np.int64), values
    if way == "numpy" and kind != "words":
        values = [0 if v is None else v for v in values]
        return np.array(values, np.int64 if kind != "flag" else bool), values
    if way == "arrow":
        arrow_type = {"big": pa.int64(), "small": pa.int64(), "flag": pa.bool_()}
        return pa.array(values, arrow_type.get(kind, pa.string())), values
    return values, values


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_any_rows_read_back_as_given(connection: Connection, data: st.DataObject) -> None:
    rows = data.draw(st.integers(0, 12))
    given_columns, expected = {}, []
    for kind in ("big", "small", "flag", "words", "at"):
        given_columns[kind], values = _column(data.draw, rows, kind)
        expected.append(values)
    assert _copy_and_read(connection, given_columns, rows) == list(zip(*expected, strict=True))


def test_moments_are_counted_from_2000_as_postgresql_counts_them(connection: Connection) -> None:
    # 2000-01-01 00:00 UTC is 0 in the format; a microsecond either side is ±1.
    base = datetime(2000, 1, 1, tzinfo=UTC)
    moments = [base - timedelta(microseconds=1), base, base + timedelta(microseconds=1)]
    read = _copy_and_read(connection, {"at": np.array([microseconds(m) for m in moments])}, 3)
    assert [at for (at,) in read] == moments
    assert microseconds(base) == (base - _EPOCH) // timedelta(microseconds=1) == 946_684_800_000_000
