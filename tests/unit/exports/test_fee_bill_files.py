"""A model B fee bill as XLSX and PDF (issue 18, R-B2, R-B3, R-B5): the hand-worked October of
fee_bill_builders read back with openpyxl and pypdf.

pypdf reads fpdf2's two-byte glyph codes with a NUL behind each character and spaces some apart:
the PDF checks compare text with NULs and whitespace removed (as test_statement_pdf does).
"""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from daiyun.adapters.exports.fee_bill_pdf import fee_bill_pdf_bytes, write_fee_bill_pdf
from daiyun.adapters.exports.fee_bill_xlsx import (
    BILL_SHEET,
    INVOICE_SHEET,
    LINES_SHEET,
    fee_bill_xlsx_bytes,
    write_fee_bill_xlsx,
)
from daiyun.domain.fee_bills.bill_file import counted_kind
from daiyun.domain.reconciliation import AlipayEntry
from tests.unit.exports.export_builders import MALICIOUS_SKU
from tests.unit.exports.fee_bill_builders import TAX_ID, alipay_line, bill_document, october_lines


def _counted() -> list[AlipayEntry]:
    """October's lines the bill counts, as services/fee_bills/bill_lines.py streams them."""
    return [line for line in october_lines() if counted_kind(line) is not None]


def _exact(value: object) -> Decimal:
    # openpyxl reads numbers as float; repr is the shortest text that reads back the same double.
    assert isinstance(value, int | float) and not isinstance(value, bool)
    return Decimal(repr(value))


def _rows(sheet: Worksheet) -> list[tuple[object, ...]]:
    return [row for row in sheet.iter_rows(values_only=True) if any(c is not None for c in row)]


def _by_key(sheet: Worksheet, key_column: int) -> dict[str, object]:
    """Column C's value by the JSON key in `key_column`."""
    return {
        str(row[key_column]): row[2]
        for row in _rows(sheet)
        if len(row) > key_column and row[key_column] and row[key_column] != "key"
    }


@pytest.fixture(scope="module")
def workbook_bytes() -> bytes:
    return fee_bill_xlsx_bytes(bill_document(), _counted())


def test_the_bill_sheet_holds_every_figure_as_a_number_exact_to_the_fen(
    workbook_bytes: bytes,
) -> None:
    sheet = load_workbook(io.BytesIO(workbook_bytes))[BILL_SHEET]
    figures = {key: _exact(value) for key, value in _by_key(sheet, 3).items()}
    assert figures == {
        "trade_income": Decimal("12445.6"),  # 12,000.00 + 445.60
        "refunds_paid_out": Decimal("-100"),
        "receipts": Decimal("12345.6"),  # the withdrawal (500.00) and the fee (4.17) left out
        "carried_in": Decimal("0"),
        "commission_base": Decimal("12345.6"),
        "commission_rate": Decimal("0.03"),
        "commission": Decimal("370.37"),  # 37,036.8 fen → 37,037
        "vat_rate": Decimal("0.06"),
        "vat": Decimal("22.22"),  # 2,222.22 fen → 2,222
        "amount_due": Decimal("392.59"),
        "paid": Decimal("0"),
        "outstanding": Decimal("392.59"),
    }
    cells = {cell for row in _rows(sheet) for cell in row}
    assert "12,345.60 × 3% = 370.368 → 370.37 (四舍五入一次 half up, once)" in cells
    for text in ("INOHERB-2026", "相宜本草 (inoherb)", "2026-10", "已出具 issued"):
        assert text in cells
    assert bill_document().content_hash in cells
    for day in ("2026-11-03", "2026-11-05", "2026-11-16"):  # issue by, due, termination right
        assert day in cells


def test_the_invoice_request_sheet_is_what_finance_keys_in(workbook_bytes: bytes) -> None:
    sheet = load_workbook(io.BytesIO(workbook_bytes))[INVOICE_SHEET]
    request = {str(row[0]): row[2] for row in _rows(sheet)[2:9]}
    assert request.pop("购买方名称") == "相宜本草"
    assert request.pop("纳税人识别号") == TAX_ID
    assert request.pop("项目") == "代运营服务费—佣金 2026年10月"
    assert {zh: _exact(value) for zh, value in request.items()} == {
        "金额（不含税）": Decimal("370.37"),
        "税率": Decimal("0.06"),
        "税额": Decimal("22.22"),
        "价税合计": Decimal("392.59"),  # 370.37 + 22.22
    }
    assert sheet["C8"].number_format == "0.00##%"  # the rate shows as 6.00%


def test_the_lines_sheet_lists_the_counted_lines_and_their_totals(workbook_bytes: bytes) -> None:
    rows = _rows(load_workbook(io.BytesIO(workbook_bytes))[LINES_SHEET])
    header, *lines, summary = rows
    assert header[0] == "类型 Kind" and header[10] == "计入金额（元） Counted"
    assert [(row[0], row[2], _exact(row[10])) for row in lines] == [
        ("交易收入 trade income", "1", Decimal("12000")),
        ("交易收入 trade income", "2", Decimal("445.6")),
        ("交易退款 trade refund", "3", Decimal("-100")),
    ]
    assert str(lines[0][1]) == "2026-10-02 10:00:00"  # Beijing time
    assert lines[0][5] == "4012000000000001"  # the Tmall order the line names
    assert "与本版本账单一致" in str(summary[0])


def test_without_a_tax_id_both_files_say_what_to_add() -> None:
    document = bill_document(tax_id=None)
    sheet = load_workbook(io.BytesIO(fee_bill_xlsx_bytes(document, _counted())))[INVOICE_SHEET]
    assert sheet["A5"].value == "纳税人识别号"
    assert sheet["C5"].value == "缺失 missing: add tax_id to the contract file"
    text = "".join(_pages(fee_bill_pdf_bytes(document, _counted())))
    assert "纳税人识别号Taxpayerid缺失missing:addtax_idtothecontractfile" in text


@pytest.mark.parametrize("remark", [MALICIOUS_SKU, "+1+cmd|' /C calc'!A0", "@SUM(1+1)"])
def test_a_remark_a_spreadsheet_would_run_is_written_as_quoted_text(remark: str) -> None:
    """OWASP formula injection: an Alipay 备注 is the brand's bank's text, not ours."""
    line = alipay_line("1", "2026-10-02 10:00", income="10.00", remark=remark)
    data = fee_bill_xlsx_bytes(bill_document([line]), [line])
    cell = load_workbook(io.BytesIO(data))[LINES_SHEET]["L2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (remark, "s", True)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(name) for name in sheets)


def test_the_workbook_can_be_written_to_a_path(tmp_path: Path, workbook_bytes: bytes) -> None:
    path = tmp_path / "账单.xlsx"
    write_fee_bill_xlsx(bill_document(), _counted(), path)
    assert (
        load_workbook(path)[BILL_SHEET]["A1"].value
        == load_workbook(io.BytesIO(workbook_bytes))[BILL_SHEET]["A1"].value
    )


def _pages(data: bytes) -> list[str]:
    """Each page's text with NULs and whitespace removed."""
    reader = PdfReader(io.BytesIO(data))
    return [re.sub(r"[\s\x00]+", "", page.extract_text()) for page in reader.pages]


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    return fee_bill_pdf_bytes(bill_document(), _counted())


def test_the_pdf_shows_the_derivation_with_chinese_and_english_labels(pdf_bytes: bytes) -> None:
    text = "".join(_pages(pdf_bytes))
    for shown in (
        "交易收入Tradeincome¥12,445.60",
        "退款支出Refundspaidout-¥100.00",
        "实收金额Receipts¥12,345.60",
        "计佣基数Commissionbase¥12,345.60",
        "佣金比例Commissionrate3%",
        "佣金Commission¥370.37",
        "12,345.60×3%=370.368→370.37",
        "增值税VAT¥22.22",
        "370.37×6%=22.2222→22.22",
        "应付金额Amountdue¥392.59",
        "未付Outstanding¥392.59",
        "付款截止Paymentdue2026-11-05",
        "解约权起始Terminationrightfrom(R-B5)2026-11-16",
    ):
        assert shown in text


def test_the_pdf_has_the_invoice_request_with_the_tax_id(pdf_bytes: bytes) -> None:
    text = "".join(_pages(pdf_bytes))
    for shown in (
        "增值税发票开票申请VATinvoicerequest(R-B3)",
        "购买方名称Buyer相宜本草",
        f"纳税人识别号Taxpayerid{TAX_ID}",
        "项目Item代运营服务费—佣金2026年10月",
        "金额（不含税）Amountbeforetax¥370.37",
        "税率Taxrate6%",
        "税额Tax¥22.22",
        "价税合计Totalincludingtax¥392.59",
    ):
        assert shown in text


def test_every_pdf_page_carries_the_version_and_content_hash(pdf_bytes: bytes) -> None:
    pages = _pages(pdf_bytes)
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"版本Version1·内容哈希Contenthash{bill_document().content_hash}" in page
        assert f"第{number}/{len(pages)}页" in page


def test_the_chinese_font_is_embedded(pdf_bytes: bytes) -> None:
    page = PdfReader(io.BytesIO(pdf_bytes)).pages[0]
    resources = page["/Resources"].get_object()
    assert isinstance(resources, DictionaryObject)
    font_table = resources["/Font"].get_object()
    assert isinstance(font_table, DictionaryObject)
    fonts = [font.get_object() for font in font_table.values()]
    assert fonts and all("NotoSansCJKSC" in font["/BaseFont"] for font in fonts)


def test_the_pdf_lists_the_counted_lines_up_to_its_limit_and_says_where_the_rest_are() -> None:
    # 30 sales of 1.00 each, 2 drawn: every line still counted in the totals.
    lines = [
        alipay_line(f"E{number:03d}", f"2026-10-{number % 28 + 1:02d} 10:00", income="1.00")
        for number in range(1, 31)
    ]
    text = "".join(_pages(fee_bill_pdf_bytes(bill_document(lines), lines, max_lines=2)))
    assert "E001" in text and "E002" in text and "E003" not in text
    assert "本文件列出前2行，共30行" in text
    assert "交易收入30行30.00" in text


def test_the_same_bill_gives_the_same_pdf(pdf_bytes: bytes, tmp_path: Path) -> None:
    path = tmp_path / "账单.pdf"
    write_fee_bill_pdf(bill_document(), _counted(), path)
    assert path.read_bytes() == pdf_bytes
