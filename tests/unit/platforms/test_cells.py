"""Cells of platform files read strictly, as a clerk means them (formats.md "traps")."""

from __future__ import annotations

import codecs
import re
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daiyun.adapters.platforms.cells import (
    CellProblem,
    amount,
    clean_cell,
    moment_or_none,
    order_number,
    province_and_city,
    units,
)
from daiyun.adapters.text_files import UnreadableFile, numbered_rows, sniff_text_file
from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.money import Money


@pytest.mark.parametrize(
    ("cell", "meant"),
    [
        ('="1930679858170647"', "1930679858170647"),
        ("'13812345678", "13812345678"),
        ("  交易成功 \t", "交易成功"),
        ('= "x"', '= "x"'),
        ("'", ""),
    ],
)
def test_a_cell_is_taken_as_the_clerk_means_it(cell: str, meant: str) -> None:
    assert clean_cell(cell) == meant


@pytest.mark.parametrize(
    ("cell", "fen"),
    [("38.00", 3800), ("38", 3800), ("38.5", 3850), ("178.8元", 17880), (" ¥1,234.50 ", 123450)],
)
def test_an_amount_is_read_exactly_in_fen(cell: str, fen: int) -> None:
    assert amount(cell) == Money(fen)


@given(st.integers(min_value=0, max_value=10**12))
def test_any_amount_written_with_two_decimals_reads_back_to_its_fen(fen: int) -> None:
    assert amount(f"{fen // 100}.{fen % 100:02d}") == Money(fen)


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("38七.00", "not an amount"),
        ("38.005", "not an amount"),
        ("３８", "not an amount"),
        ("", "empty; an amount is needed here"),
        ("-5.00", "below zero; amounts here are never negative"),
    ],
)
def test_a_cell_that_is_not_an_amount_says_why(cell: str, message: str) -> None:
    with pytest.raises(CellProblem, match=f"^{re.escape(message)}$"):
        amount(cell)


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        (
            "1.93068E+15",
            "an order number Excel has shortened; import the file as exported, unsaved",
        ),
        ("TB-123", "not an order number (digits only)"),
        ("1" * 31, "not an order number (digits only)"),
        ("", "empty; every row needs its order number"),
    ],
)
def test_an_order_number_is_digits_only(cell: str, message: str) -> None:
    with pytest.raises(CellProblem, match=f"^{re.escape(message)}$"):
        order_number(cell)


@pytest.mark.parametrize(("cell", "count"), [("1", 1), ("12", 12), ("'3", 3)])
def test_units_are_whole_numbers_from_one(cell: str, count: int) -> None:
    assert units(cell) == count


@pytest.mark.parametrize("cell", ["0", "1.5", "two", ""])
def test_anything_else_is_not_a_number_of_units(cell: str) -> None:
    with pytest.raises(CellProblem):
        units(cell)


@pytest.mark.parametrize(
    ("cell", "moment"),
    [
        ("2026-11-05 10:00:00", datetime(2026, 11, 5, 10, 0, tzinfo=SHANGHAI)),
        ("2026/11/5 10:00", datetime(2026, 11, 5, 10, 0, tzinfo=SHANGHAI)),
        ("2026-11-05", datetime(2026, 11, 5, tzinfo=SHANGHAI)),
        ("2026-11-05T02:00:00Z", datetime(2026, 11, 5, 10, 0, tzinfo=SHANGHAI)),
        ("", None),
        ("  ", None),
    ],
)
def test_a_time_without_an_offset_is_beijing_time_and_an_empty_cell_is_none(
    cell: str, moment: datetime | None
) -> None:
    assert moment_or_none(cell) == moment


@pytest.mark.parametrize(
    ("address", "place"),
    [
        ("浙江省 杭州市 西湖区 文三路 138号(310012)", ("浙江省", "杭州市")),
        ("上海 上海市 浦东新区 世纪大道 100号", ("上海", "上海市")),
        ("吉林省 延边朝鲜族自治州 延吉市 光明街 1号", ("吉林省", "延边朝鲜族自治州")),
        ("内蒙古自治区", ("内蒙古自治区", None)),
        ("浙江省 杭州市西湖区文三路138号东方通信大厦", ("浙江省", None)),
        ("浙江省杭州市西湖区文三路138号", (None, None)),
        ("浙江省 阳光小区 3幢", ("浙江省", None)),
        ("", (None, None)),
    ],
)
def test_only_a_province_and_a_city_are_taken_from_an_address_r_d1(
    address: str, place: tuple[str | None, str | None]
) -> None:
    assert province_and_city(address) == place


# --- text files -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "encoding"),
    [
        ("订单编号,总金额\r\n1,2\r\n".encode("gbk"), "gb18030"),
        ("订单编号,总金额\r\n1,2\r\n".encode(), "utf-8"),
        (codecs.BOM_UTF8 + "订单编号\r\n".encode(), "utf-8-sig"),
        (b"order_no,sku\r\n1,A\r\n" + "浙江省".encode("gbk"), "gb18030"),
    ],
)
def test_a_files_encoding_is_told_from_its_bytes(
    tmp_path: Path, content: bytes, encoding: str
) -> None:
    path = tmp_path / "file.csv"
    path.write_bytes(content)

    assert sniff_text_file(path).encoding == encoding


def test_rows_are_numbered_as_a_spreadsheet_shows_them_even_past_blank_lines(
    tmp_path: Path,
) -> None:
    path = tmp_path / "file.csv"
    path.write_text('a,b\r\n1,"two\r\nlines"\r\n\r\n,\r\n3,4\r\n', encoding="utf-8")

    assert list(numbered_rows(path, "utf-8", skip_blank=True)) == [
        (1, ["a", "b"]),
        (2, ["1", "two\r\nlines"]),
        (5, ["3", "4"]),
    ]


def test_a_file_that_cannot_be_opened_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile, match=r"^cannot be opened: No such file or directory$"):
        sniff_text_file(tmp_path / "missing.csv")
