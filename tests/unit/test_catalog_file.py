"""A brand's catalog file (interfaces.md "Catalog file") gives guide prices with their times (R-P1).

CSV in UTF-8 (with or without BOM) or GBK, or XLSX; headers in English or Chinese. Every problem
is named by file, row (1 is the header, as a spreadsheet shows it), column and value, so that a
clerk can find and fix it; a row with a problem gives no entry (R-P1, R-F6).
"""

from __future__ import annotations

import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from daiyun.adapters.catalog_file import CatalogProblem, read_catalog_file
from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.catalog import CatalogEntry, Fulfilment
from daiyun.domain.money import Money

CHINESE_HEADER = "商家编码,商品名称,类目,零售指导价,生效时间,履约方式"
ENGLISH_HEADER = "sku,name,category,guide_price,effective_from,fulfilment"
CREAM = CatalogEntry(
    sku="CHD-CREAM-50",
    name="自然堂雪域精粹纯粹滋润霜50g",
    category="面霜",
    guide_price=Money(19990),
    effective_from=datetime(2026, 11, 5, tzinfo=SHANGHAI),
    fulfilment=Fulfilment.PHYSICAL,
)
CARD = CatalogEntry(
    sku="CHD-CARD-100",
    name="自然堂电子礼品卡100元",
    category="礼品卡",
    guide_price=Money(10000),
    effective_from=None,
    fulfilment=Fulfilment.DIGITAL,
)


def write_csv(folder: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    """A catalog.csv with these lines, ended by CRLF as Excel writes them."""
    path = folder / "catalog.csv"
    path.write_bytes("".join(line + "\r\n" for line in lines).encode(encoding))
    return path


def problem_texts(path: Path) -> list[str]:
    """The problems of reading `path`, as a clerk reads them."""
    _, problems = read_catalog_file(path)
    return [str(problem) for problem in problems]


# --- files that are read ----------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_a_csv_in_utf8_utf8_with_bom_or_gbk_gives_the_same_entries(
    tmp_path: Path, encoding: str
) -> None:
    path = write_csv(
        tmp_path,
        [
            CHINESE_HEADER,
            "CHD-CREAM-50,自然堂雪域精粹纯粹滋润霜50g,面霜,199.90,2026-11-05,实物",
            "CHD-CARD-100,自然堂电子礼品卡100元,礼品卡,100,,虚拟",
        ],
        encoding,
    )

    assert read_catalog_file(path) == ([CREAM, CARD], [])


def test_english_headers_in_any_case_and_with_spaces_around_them_are_read(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        [
            " SKU , Name ,category,Guide_Price  ,effective_from,fulfilment ",
            "CHD-CREAM-50,自然堂雪域精粹纯粹滋润霜50g,面霜,¥199.9,2026-11-05,physical",
            "CHD-CARD-100,自然堂电子礼品卡100元,礼品卡,100元,,DIGITAL",
        ],
    )

    assert read_catalog_file(path) == ([CREAM, CARD], [])


def test_chinese_headers_with_trailing_spaces_are_read(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        [
            "商家编码 ,商品名称　,类目,零售指导价 ,生效时间",
            "CHD-CREAM-50, 自然堂雪域精粹纯粹滋润霜50g ,面霜, 199.9 ,2026-11-05",
        ],
    )

    assert read_catalog_file(path) == ([CREAM], [])


def test_without_the_optional_columns_an_entry_is_physical_and_takes_the_imports_time(
    tmp_path: Path,
) -> None:
    path = write_csv(tmp_path, ["sku,name,category,guide_price", "CHD-1,霜,面霜,1,234.5"])
    # An unquoted comma splits the amount: 1 yuan, and the extra cell is ignored.
    entries, problems = read_catalog_file(path)

    assert problems == []
    assert entries == [
        CatalogEntry("CHD-1", "霜", "面霜", Money(100), None, Fulfilment.PHYSICAL),
    ]


@pytest.mark.parametrize(
    ("written", "moment"),
    [
        ("2026-11-05", datetime(2026, 11, 5, tzinfo=SHANGHAI)),
        ("2026-11-05 10:00:00", datetime(2026, 11, 5, 10, tzinfo=SHANGHAI)),
        ("2026/11/5 10:00", datetime(2026, 11, 5, 10, tzinfo=SHANGHAI)),
        ("2026-11-05T10:00:00+08:00", datetime(2026, 11, 5, 2, tzinfo=UTC)),
        ("2026-11-05T02:00:00Z", datetime(2026, 11, 5, 10, tzinfo=SHANGHAI)),
        ("2026-11-04T18:00:00+00:00", datetime(2026, 11, 5, 2, tzinfo=SHANGHAI)),
    ],
)
def test_an_effective_from_without_an_offset_is_beijing_time(
    tmp_path: Path, written: str, moment: datetime
) -> None:
    path = write_csv(tmp_path, [CHINESE_HEADER, f"CHD-1,霜,面霜,88,{written},"])

    entries, problems = read_catalog_file(path)

    assert problems == []
    assert entries[0].effective_from == moment
    assert entries[0].effective_from.utcoffset() is not None


def test_one_sku_with_prices_from_different_times_keeps_each_price(tmp_path: Path) -> None:
    # R-P1: history is kept, so the same SKU may come twice with two effective-from times.
    path = write_csv(
        tmp_path,
        [CHINESE_HEADER, "CHD-1,霜,面霜,88,2026-11-01,", "CHD-1,霜,面霜,99,2026-12-01,"],
    )

    entries, problems = read_catalog_file(path)

    assert problems == []
    assert [(entry.guide_price, entry.effective_from) for entry in entries] == [
        (Money(8800), datetime(2026, 11, 1, tzinfo=SHANGHAI)),
        (Money(9900), datetime(2026, 12, 1, tzinfo=SHANGHAI)),
    ]


def test_blank_rows_are_skipped_but_still_counted(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path, [CHINESE_HEADER, "CHD-1,霜,面霜,88,,", ",,,,,", "", "CHD-2,霜,面霜,x,,"]
    )

    entries, problems = read_catalog_file(path)

    assert [entry.sku for entry in entries] == ["CHD-1"]
    assert [str(problem) for problem in problems] == [
        "catalog.csv row 5, 零售指导价 'x': not an amount with at most two decimals"
    ]


def test_formula_looking_text_is_just_text(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path, [CHINESE_HEADER, "CHD-1,=HYPERLINK(1),面霜,88,,", "CHD-2,霜,面霜,=1+1,,"]
    )

    entries, problems = read_catalog_file(path)

    assert [entry.name for entry in entries] == ["=HYPERLINK(1)"]
    assert [str(problem) for problem in problems] == [
        "catalog.csv row 3, 零售指导价 '=1+1': not an amount with at most two decimals"
    ]


# --- XLSX ---------------------------------------------------------------------------------------


# An XLSX date cell carries no time zone; the reader takes it as Beijing time.
XLSX_CELL_TIME = datetime(2026, 11, 5, 10, 30)  # noqa: DTZ001


def write_xlsx(folder: Path, rows: list[list[object]]) -> Path:
    """A catalog.xlsx whose first sheet holds these rows; a second sheet is left active."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    other = workbook.create_sheet("说明")
    other.append(["this sheet is not read"])
    workbook.active = other
    path = folder / "catalog.xlsx"
    workbook.save(path)
    return path


def test_an_xlsx_first_sheet_gives_entries_with_exact_prices_and_beijing_times(
    tmp_path: Path,
) -> None:
    path = write_xlsx(
        tmp_path,
        [
            ["商家编码 ", "商品名称", "类目", "零售指导价", "生效时间", "履约方式"],
            [
                "CHD-CREAM-50",
                "自然堂雪域精粹纯粹滋润霜50g",
                "面霜",
                199.9,
                date(2026, 11, 5),
                "实物",
            ],
            ["CHD-CARD-100", "自然堂电子礼品卡100元", "礼品卡", 100, None, "虚拟"],
            [100234, "霜", "面霜", "¥1,234.50", XLSX_CELL_TIME, None],
        ],
    )

    entries, problems = read_catalog_file(path)

    assert problems == []
    assert entries == [
        CREAM,
        CARD,
        CatalogEntry(
            "100234",
            "霜",
            "面霜",
            Money(123450),
            datetime(2026, 11, 5, 10, 30, tzinfo=SHANGHAI),
            Fulfilment.PHYSICAL,
        ),
    ]


def store_number_as(path: Path, written: str, stored: str) -> None:
    """Make the workbook store a number as `stored`, as Excel does with a computed 199.9 × 0.9."""
    # openpyxl writes 15 significant digits; Excel may write 17 ("179.91000000000003").
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(f"<v>{written}</v>".encode(), f"<v>{stored}</v>".encode())
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)


def test_an_xlsx_number_with_more_than_two_decimals_is_refused_never_rounded(
    tmp_path: Path,
) -> None:
    # openpyxl gives number cells as floats; 12.345 must not become 1235 fen, nor
    # 179.91000000000003 become 17991: the clerk rounds the price, the reader never does.
    path = write_xlsx(
        tmp_path,
        [
            ["sku", "name", "category", "guide_price"],
            ["CHD-1", "霜", "面霜", 12.345],
            ["CHD-2", "霜", "面霜", 179.91],
            ["CHD-3", "霜", "面霜", True],
            ["CHD-4", "霜", "面霜", 0.1],
        ],
    )
    store_number_as(path, "179.91", "179.91000000000003")

    entries, problems = read_catalog_file(path)

    assert [(entry.sku, entry.guide_price) for entry in entries] == [("CHD-4", Money(10))]
    assert [str(problem) for problem in problems] == [
        "catalog.xlsx row 2, guide_price '12.345': not an amount with at most two decimals",
        "catalog.xlsx row 3, guide_price '179.91000000000003': "
        "not an amount with at most two decimals",
        "catalog.xlsx row 4, guide_price 'TRUE': not an amount with at most two decimals",
    ]


def test_an_xlsx_number_where_a_date_belongs_is_refused(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path,
        [
            ["sku", "name", "category", "guide_price", "effective_from"],
            ["C", "霜", "面霜", 9, 46000],
        ],
    )

    assert problem_texts(path) == [
        "catalog.xlsx row 2, effective_from '46000': not a date; write 2026-11-05, "
        "2026-11-05 10:00:00 or 2026-11-05T10:00:00+08:00"
    ]


# --- problems in rows -------------------------------------------------------------------------


def test_each_bad_cell_of_a_row_is_named_and_the_row_gives_no_entry(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path,
        [
            CHINESE_HEADER,
            ",,面霜,,,",
            "CHD-2,霜,面霜,12.345,,",
            "CHD-3,霜,面霜,0,,",
            "CHD-4,霜,面霜,-5,,",
            "CHD-5,霜,面霜,88,2026-02-30,",
            "CHD-6,霜,面霜,88,next tuesday,",
            "CHD-7,霜,面霜,88,,邮寄",
            "CHD 8,霜,面霜,88,,",
            "X" * 65 + ",霜,面霜,88,,",
        ],
    )

    entries, problems = read_catalog_file(path)

    not_a_date = "not a date; write 2026-11-05, 2026-11-05 10:00:00 or 2026-11-05T10:00:00+08:00"
    assert entries == []
    assert [str(problem) for problem in problems] == [
        "catalog.csv row 2, 商家编码: empty; every row needs a value here",
        "catalog.csv row 2, 商品名称: empty; every row needs a value here",
        "catalog.csv row 2, 零售指导价: empty; every row needs a value here",
        "catalog.csv row 3, 零售指导价 '12.345': not an amount with at most two decimals",
        "catalog.csv row 4, 零售指导价 '0': a guide price must be more than zero",
        "catalog.csv row 5, 零售指导价 '-5': a guide price must be more than zero",
        f"catalog.csv row 6, 生效时间 '2026-02-30': {not_a_date}",
        f"catalog.csv row 7, 生效时间 'next tuesday': {not_a_date}",
        "catalog.csv row 8, 履约方式 '邮寄': neither physical nor digital (实物 or 虚拟)",
        "catalog.csv row 9, 商家编码 'CHD 8': has a space inside; a SKU code is one word "
        "without spaces",
        f"catalog.csv row 10, 商家编码 '{'X' * 65}': 65 characters long; a SKU code has at most 64",
    ]


def test_a_problem_carries_file_row_column_and_value_apart(tmp_path: Path) -> None:
    path = write_csv(tmp_path, [CHINESE_HEADER, "CHD-1,霜,面霜,12.345,,"])

    _, problems = read_catalog_file(path)

    assert problems == [
        CatalogProblem(
            file="catalog.csv",
            row=2,
            column="零售指导价",
            value="12.345",
            message="not an amount with at most two decimals",
        )
    ]


def test_the_same_sku_at_the_same_moment_twice_keeps_the_first_and_names_the_second(
    tmp_path: Path,
) -> None:
    path = write_csv(
        tmp_path,
        [
            ENGLISH_HEADER,
            "CHD-1,霜,面霜,88,2026-11-05,",
            "CHD-2,霜,面霜,10,,",
            "CHD-1,霜,面霜,99,2026-11-05T00:00:00+08:00,",
            "CHD-2,霜,面霜,10,,",
        ],
    )

    entries, problems = read_catalog_file(path)

    assert [(entry.sku, entry.guide_price) for entry in entries] == [
        ("CHD-1", Money(8800)),
        ("CHD-2", Money(1000)),
    ]
    assert [str(problem) for problem in problems] == [
        "catalog.csv row 4, sku 'CHD-1': already on row 2 with the same effective-from time",
        "catalog.csv row 5, sku 'CHD-2': already on row 3 with the same effective-from time",
    ]


# --- problems with the file as a whole ----------------------------------------------------------


def test_a_missing_required_column_is_named_with_the_columns_found(tmp_path: Path) -> None:
    path = write_csv(tmp_path, ["商家编码,商品名称,类目,价格", "CHD-1,霜,面霜,88"])

    assert read_catalog_file(path) == (
        [],
        [
            CatalogProblem(
                "catalog.csv",
                1,
                "",
                "",
                "no column 零售指导价 (or guide_price); the header row has: 商家编码, 商品名称, "
                "类目, 价格",
            )
        ],
    )


def test_a_column_given_twice_in_two_languages_is_refused(tmp_path: Path) -> None:
    path = write_csv(tmp_path, ["sku,商家编码,name,category,guide_price", "A,A,霜,面霜,88"])

    assert problem_texts(path) == [
        "catalog.csv row 1: the column 商家编码 repeats sku; keep one of them"
    ]


def test_a_header_with_no_rows_below_it_is_a_problem(tmp_path: Path) -> None:
    path = write_csv(tmp_path, [CHINESE_HEADER, ",,,,,"])

    assert read_catalog_file(path) == (
        [],
        [CatalogProblem("catalog.csv", 0, "", "", "has a header row but no rows of SKUs below it")],
    )


def test_an_empty_file_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "catalog.csv"
    path.write_bytes(b"")

    assert problem_texts(path) == [
        "catalog.csv: the file is empty; a catalog file starts with a header row"
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("catalog.pdf", b"%PDF-1.7", "catalog.pdf: not a CSV or XLSX file"),
        ("catalog.xlsx", b"sku,name", "catalog.xlsx: cannot be opened as an XLSX workbook"),
        ("catalog.xlsx", b"PK\x03\x04broken", "catalog.xlsx: cannot be opened as an XLSX workbook"),
        (
            "catalog.xls",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
            "catalog.xls: an old .xls workbook; save it as .xlsx or as CSV (UTF-8)",
        ),
        (
            "catalog.csv",
            b"sku,name,category,guide_price\r\nA,\xff\xfe,x,1\r\n",
            "catalog.csv: line 2 is not text in UTF-8 or GBK; save the file as CSV UTF-8",
        ),
    ],
)
def test_a_file_that_is_not_a_readable_csv_or_xlsx_is_one_problem_at_row_0(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)

    entries, problems = read_catalog_file(path)

    assert entries == []
    assert [(problem.row, str(problem)) for problem in problems] == [(0, message)]


def test_a_missing_file_is_one_problem(tmp_path: Path) -> None:
    assert problem_texts(tmp_path / "catalog.csv") == [
        "catalog.csv: cannot be opened: No such file or directory"
    ]


def test_a_csv_that_breaks_midway_keeps_the_rows_before_and_names_the_row(tmp_path: Path) -> None:
    # Python's CSV reader refuses a cell over 131,072 characters: a broken export, not a catalog.
    path = write_csv(tmp_path, [ENGLISH_HEADER, "CHD-1,霜,面霜,88,,", "CHD-2," + "x" * 140_000])

    entries, problems = read_catalog_file(path)

    assert [entry.sku for entry in entries] == ["CHD-1"]
    assert [str(problem) for problem in problems] == [
        "catalog.csv row 3: cannot be read on from here as CSV "
        "(field larger than field limit (131072))"
    ]
