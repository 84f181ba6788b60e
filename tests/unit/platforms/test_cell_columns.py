"""Columns of cells read vectorised give what the row-by-row readers give for each cell.

Times, amounts and addresses, generated in the forms exports and Excel write them (and some
they should not), encoded as GBK, read by cell_columns and by cells.py one cell at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pyarrow as pa
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from daiyun.adapters.platforms.cell_columns import fen_of, moments_of, places_of
from daiyun.adapters.platforms.cells import (
    CellProblem,
    amount,
    moment_or_none,
    province_and_city,
)
from daiyun.domain.orders.columns import NO_TIME, OutsidePattern, microseconds


def _column(cells: list[str]) -> pa.ChunkedArray:
    return pa.chunked_array([pa.array([c.encode("gb18030") for c in cells], pa.binary())])


def _reference_or_refusal(read: Callable[[str], Any], cells: list[str]) -> list[Any] | None:
    """Each cell read by the reference; None when it refuses one (the columns then refuse)."""
    try:
        return [read(cell) for cell in cells]
    except CellProblem:
        return None


DIGITS = st.integers(min_value=0, max_value=99).map(lambda n: f"{n:02d}")
TIMES = st.one_of(
    st.builds(  # as exports write them, some days and hours that do not exist
        "{}-{}-{} {}:{}:{}".format,
        st.sampled_from(["2026", "2025", "0999", "2024"]),
        st.sampled_from(["01", "02", "10", "12", "13", "00"]),
        st.sampled_from(["01", "28", "29", "30", "31", "32"]),
        DIGITS,
        DIGITS,
        DIGITS,
    ),
    st.sampled_from(
        [
            "",
            " ",
            "2016/7/11 10:23",
            "2016-7-11 10:23:05",
            "2026-11-05T10:00:00+08:00",
            " 2026-11-05 10:00:00 ",
            '="2026-11-05 10:00:00"',
            "2026-11-05",
            "昨天",
            "2026-11-05 24:00:00",
            "2026-11-05 10:00:00.5",
            "2026-11-05 10:00",
            "２０２６-11-05 10:00:00",
        ]
    ),
)


@given(cells=st.lists(TIMES, min_size=1, max_size=8))
@example(cells=["2026-02-29 00:00:00"])  # Arrow rolls it over to 1 March; the reference refuses
@example(cells=["2026-04-31 10:00:00", "2026-04-30 10:00:00"])
@example(cells=["2028-02-29 23:59:59", "2026-12-31 23:59:59"])  # a leap day; a year's last second
@example(cells=["2026-11-30 08:00:00", "2026-11-31 08:00:00"])  # the day after is no day
def test_times_are_read_as_moment_or_none_reads_each(cells: list[str]) -> None:
    expected = _reference_or_refusal(moment_or_none, cells)
    if expected is None:
        with pytest.raises(OutsidePattern):
            moments_of(_column(cells), moment_or_none, "gb18030")
        return
    found = moments_of(_column(cells), moment_or_none, "gb18030").tolist()
    assert found == [NO_TIME if m is None else microseconds(m) for m in expected]


AMOUNTS = st.one_of(
    st.integers(min_value=0, max_value=10**11).map(lambda f: f"{f // 100}.{f % 100:02d}"),
    st.sampled_from(
        [
            "0.00",
            "00.50",
            "38",
            "38.5",
            "38.5元",
            "￥38",
            "1,234.50",
            '="12.00"',
            "-1.00",
            "",
            "12.345",
            "１２.００",
            " 7.00 ",
            "'9.90",
        ]
    ),
)


@given(cells=st.lists(AMOUNTS, min_size=1, max_size=8))
def test_amounts_are_read_as_amount_reads_each(cells: list[str]) -> None:
    expected = _reference_or_refusal(amount, cells)
    if expected is None:
        with pytest.raises(OutsidePattern):
            fen_of(_column(cells), amount, "gb18030")
        return
    assert fen_of(_column(cells), amount, "gb18030").tolist() == [m.fen for m in expected]


WORDS = st.sampled_from([
    "浙江省", "北京", "内蒙古自治区", "杭州市", "朝阳区", "延边朝鲜族自治州", "某某小区", "西湖区",
    "文三路", "138号", "x", "",
])  # fmt: skip
SPACES = st.sampled_from([" ", "  ", "\t", "\u3000", " \u3000", "\r\n", ""])


@given(parts=st.lists(st.tuples(SPACES, WORDS), min_size=1, max_size=5), end=SPACES)
def test_places_are_read_as_province_and_city_reads_each_address(
    parts: list[tuple[str, str]], end: str
) -> None:
    address = "".join(space + word for space, word in parts) + end

    provinces, cities = places_of(_column([address, address.strip()]), _kept, "gb18030")

    expected = province_and_city(_kept(address) or "")
    assert (provinces[0], cities[0]) == expected == (provinces[1], cities[1])


def _kept(text: str) -> str | None:
    return text.strip() or None  # as taobao_layouts keeps 收货地址
