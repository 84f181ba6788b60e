"""The brand's stock list read (R-F1): CSV or XLSX, English or Chinese headers; every bad row
named by row and column."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from daiyun.adapters.stock_file import read_stock_file
from daiyun.domain.fulfilment.stock import StockRow


def _csv(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "stock.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_a_chinese_csv_with_warehouses(tmp_path: Path) -> None:
    path = _csv(tmp_path, "商家编码,数量,仓库\nCD-CREAM-50,100,杭州仓\nCD-CREAM-50,20,\n", "gbk")
    rows, problems, sha256 = read_stock_file(path)
    assert problems == []
    assert rows == [StockRow("CD-CREAM-50", "杭州仓", 100, 2), StockRow("CD-CREAM-50", "", 20, 3)]
    assert len(sha256) == 64


def test_english_headers_without_a_warehouse_column(tmp_path: Path) -> None:
    rows, problems, _ = read_stock_file(_csv(tmp_path, "SKU,Quantity\nA,0\nB,1\n"))
    assert problems == []
    assert [(row.sku, row.warehouse, row.quantity) for row in rows] == [("A", "", 0), ("B", "", 1)]


def test_an_xlsx_with_number_cells(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["sku", "quantity", "warehouse"])
    sheet.append(["CD-MASK-5", 12.0, "广州仓"])
    sheet.append(["CD-CREAM-50", 3, None])
    path = tmp_path / "stock.xlsx"
    workbook.save(path)
    rows, problems, _ = read_stock_file(path)
    assert problems == []
    assert [(row.sku, row.warehouse, row.quantity) for row in rows] == [
        ("CD-MASK-5", "广州仓", 12),
        ("CD-CREAM-50", "", 3),
    ]


def test_every_bad_row_is_named_by_row_and_column(tmp_path: Path) -> None:
    text = (
        "商家编码,数量,仓库\n"
        "A,-1,\n"  # row 2: below zero
        "B,2.5,\n"  # row 3: not whole
        ",4,\n"  # row 4: no SKU
        "C,5,杭州仓\n"  # row 5: good
        "C,6,杭州仓\n"  # row 6: the same SKU and warehouse again
        "D,,\n"  # row 7: no quantity
    )
    rows, problems, _ = read_stock_file(_csv(tmp_path, text))
    assert [(p.row, p.column, p.value) for p in problems] == [
        (2, "数量", "-1"),
        (3, "数量", "2.5"),
        (4, "商家编码", ""),
        (6, "商家编码", "C"),
        (7, "数量", ""),
    ]
    assert "already on row 5 in warehouse 杭州仓" in problems[3].message
    assert (
        str(problems[0])
        == "stock.csv row 2, 数量 '-1': not a whole number of units from 0 to 100000000"
    )
    assert [row.row for row in rows] == [5]


def test_a_missing_column_is_named(tmp_path: Path) -> None:
    rows, problems, _ = read_stock_file(_csv(tmp_path, "商家编码,库存\nA,1\n"))
    assert rows == []
    assert [p.message for p in problems] == [
        "no column 数量 (or quantity); the header row has: 商家编码, 库存"
    ]


def test_a_file_that_is_not_a_list(tmp_path: Path) -> None:
    path = tmp_path / "stock.pdf"
    path.write_bytes(b"%PDF-1.4")
    rows, problems, _ = read_stock_file(path)
    assert rows == [] and [p.message for p in problems] == ["not a CSV or XLSX file"]
