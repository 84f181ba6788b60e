"""`daiyun bill show --xlsx --pdf` (issue 18): the model B bill as files with its VAT invoice
request for finance, on SQLite and PostgreSQL (R-B2, R-B3, R-B5).

October 2026 of INOHERB-2026 (fee_bill_world.py), worked by hand: trade income 12,000.00 +
445.60 = 12,445.60; a refund of 100.00 paid out; a withdrawal of 500.00 and a line of 1 November
are not October's receipts. Receipts 12,345.60; commission 3%: 1,234,560 fen × 0.03 = 37,036.8
fen → half up 370.37 (R-B2); VAT 6%: 37,037 × 0.06 = 2,222.22 fen → 22.22 (R-B3); amount due
392.59; a payment of 100.00 leaves 292.59.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from daiyun.bootstrap import Daiyun
from daiyun.domain.calendar import Month
from daiyun.entrypoints.fee_bill_files import fee_bill_file_bytes
from daiyun.services.errors import NotFound
from daiyun.services.fee_bills.bills import show_bill
from tests.alipay_files import StatementRow
from tests.integration.cli_runner import CliResult, run_daiyun
from tests.integration.fee_bill_world import CONTRACT, import_lines, income, load_inoherb, refund

TAX_ID = "91350100M000100Y43"  # its check character is worked in tests/unit/contracts
AT = "2026-11-20T09:00:00+08:00"


def _bill(database_url: str, *args: str) -> CliResult:
    return run_daiyun(database_url, "bill", *args, "--contract", CONTRACT, "--month", "2026-10")


def _october(database_url: str, folder: Path, *, tax_id: str | None) -> None:
    """The contract (with its tax id when given), October's lines, the bill issued and paid
    in part."""
    load_inoherb(database_url, folder)
    if tax_id is not None:
        # A later contract file that gives the tax id (R-B3): the brand's table gains the key.
        path = folder / "inoherb.toml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("[contract]", f'tax_id = "{tax_id}"\n\n[contract]', 1))
        assert run_daiyun(database_url, "contract", "load", str(path)).exit_code == 0
    import_lines(
        database_url,
        folder,
        "october",
        [
            income("1", "2026-10-02 10:00:00", "12000.00"),
            income("2", "2026-10-20 10:00:00", "445.60"),
            refund("3", "2026-10-21 10:00:00", "100.00"),
            StatementRow(
                "4", occurred_at="2026-10-25 10:00:00", expense="-500.00",
                business_type="提现", remark="提现",
            ),
            StatementRow("5", occurred_at="2026-11-01 10:00:00", income="+1.00"),
        ],
    )  # fmt: skip
    at = "2026-11-02T09:00:00+08:00"
    for step in (("draft", "--at", at), ("issue", "--at", at)):
        assert _bill(database_url, *step).exit_code == 0
    paid = _bill(
        database_url, "pay", "--amount", "100.00", "--paid-on", "2026-11-05",
        "--at", "2026-11-05T10:00:00+08:00",
    )  # fmt: skip
    assert paid.exit_code == 0, paid.stderr


def _exact(value: object) -> Decimal:
    assert isinstance(value, int | float) and not isinstance(value, bool)
    return Decimal(repr(value))


def _text(pdf: bytes) -> str:
    """The PDF's text with NULs and whitespace removed (see tests/unit/exports)."""
    pages = PdfReader(io.BytesIO(pdf)).pages
    return "".join(re.sub(r"[\s\x00]+", "", page.extract_text()) for page in pages)


def test_show_writes_the_bill_as_xlsx_and_pdf_with_its_invoice_request(
    daiyun_app: Daiyun, database_url: str, tmp_path: Path
) -> None:
    _october(database_url, tmp_path, tax_id=TAX_ID)
    xlsx, pdf = tmp_path / "october.xlsx", tmp_path / "october.pdf"
    shown = _bill(
        database_url, "show", "--at", AT, "--json", "--xlsx", str(xlsx), "--pdf", str(pdf)
    )
    assert shown.exit_code == 0, shown.stderr
    bill = shown.json()
    assert (bill["receipts"], bill["commission"], bill["vat"], bill["amount_due"]) == (
        "12345.60", "370.37", "22.22", "392.59",
    )  # fmt: skip
    assert f"wrote {xlsx}" in shown.stderr and f"wrote {pdf}" in shown.stderr

    workbook = load_workbook(xlsx)
    figures = {
        str(row[3]): row[2]
        for row in workbook["账单 Bill"].iter_rows(values_only=True)
        if len(row) > 3 and row[3] and row[3] != "key"
    }
    assert {key: _exact(figures[key]) for key in ("receipts", "commission", "vat")} == {
        "receipts": Decimal("12345.6"),
        "commission": Decimal("370.37"),
        "vat": Decimal("22.22"),
    }
    assert _exact(figures["amount_due"]) == Decimal("392.59")
    assert _exact(figures["paid"]) == Decimal("100")
    assert _exact(figures["outstanding"]) == Decimal("292.59")  # 392.59 − 100.00
    bill_cells = {cell for row in workbook["账单 Bill"].iter_rows(values_only=True) for cell in row}
    assert bill["content_hash"] in bill_cells
    assert "部分付款 part_paid" in bill_cells
    invoice = {
        row[0]: row[2] for row in workbook["开票申请 Invoice request"].iter_rows(values_only=True)
    }
    assert invoice["购买方名称"] == "相宜本草"
    assert invoice["纳税人识别号"] == TAX_ID
    assert invoice["项目"] == "代运营服务费—佣金 2026年10月"
    assert _exact(invoice["金额（不含税）"]) == Decimal("370.37")
    assert _exact(invoice["税率"]) == Decimal("0.06")
    assert _exact(invoice["税额"]) == Decimal("22.22")
    assert _exact(invoice["价税合计"]) == Decimal("392.59")
    # The lines counted: the two sales and the refund; not the withdrawal, not November's line.
    lines = [
        row for row in workbook["支付宝明细 Alipay lines"].iter_rows(values_only=True) if row[0]
    ]
    assert [(row[2], _exact(row[10])) for row in lines[1:-1]] == [
        ("1", Decimal("12000")),
        ("2", Decimal("445.6")),
        ("3", Decimal("-100")),
    ]
    assert "与本版本账单一致" in str(lines[-1][0])

    text = _text(pdf.read_bytes())
    for expected in (
        "实收金额Receipts¥12,345.60",
        "佣金Commission¥370.37",
        "12,345.60×3%=370.368→370.37",
        "增值税VAT¥22.22",
        "应付金额Amountdue¥392.59",
        "已付Paid¥100.00",
        "未付Outstanding¥292.59",
        "付款截止Paymentdue2026-11-05",
        "解约权起始Terminationrightfrom(R-B5)2026-11-16",
        "购买方名称Buyer相宜本草",
        f"纳税人识别号Taxpayerid{TAX_ID}",
        "项目Item代运营服务费—佣金2026年10月",
        "金额（不含税）Amountbeforetax¥370.37",
        "税率Taxrate6%",
        "税额Tax¥22.22",
        "价税合计Totalincludingtax¥392.59",
        f"内容哈希Contenthash{bill['content_hash']}",
    ):
        assert expected in text


def test_a_brand_without_a_tax_id_gets_a_request_that_says_to_add_it(
    daiyun_app: Daiyun, database_url: str, tmp_path: Path
) -> None:
    _october(database_url, tmp_path, tax_id=None)
    xlsx = tmp_path / "october.xlsx"
    assert _bill(database_url, "show", "--at", AT, "--xlsx", str(xlsx)).exit_code == 0
    invoice = {
        row[0]: row[2]
        for row in load_workbook(xlsx)["开票申请 Invoice request"].iter_rows(values_only=True)
    }
    assert invoice["纳税人识别号"] == "缺失 missing: add tax_id to the contract file"
    assert _exact(invoice["价税合计"]) == Decimal("392.59")


def test_lines_imported_after_the_bill_was_drafted_are_flagged_in_the_file(
    daiyun_app: Daiyun, database_url: str, tmp_path: Path
) -> None:
    _october(database_url, tmp_path, tax_id=TAX_ID)
    import_lines(database_url, tmp_path, "late", [income("6", "2026-10-30 10:00:00", "50.00")])
    xlsx = tmp_path / "october.xlsx"
    assert _bill(database_url, "show", "--at", AT, "--xlsx", str(xlsx)).exit_code == 0
    rows = [
        row for row in load_workbook(xlsx)["支付宝明细 Alipay lines"].iter_rows(values_only=True)
    ]
    summary = str([row for row in rows if row[0]][-1][0])
    # The version still bills 12,445.60 of income from 2 lines; the lines now hold 3, 12,495.60.
    assert "交易收入 3 行 12,495.60" in summary
    assert "draft the month again" in summary


def test_a_file_into_a_missing_folder_is_bad_input_and_nothing_is_written(
    daiyun_app: Daiyun, database_url: str, tmp_path: Path
) -> None:
    _october(database_url, tmp_path, tax_id=TAX_ID)
    xlsx, pdf = tmp_path / "october.xlsx", tmp_path / "no-such-folder" / "october.pdf"
    shown = _bill(database_url, "show", "--xlsx", str(xlsx), "--pdf", str(pdf))
    assert shown.exit_code == 2
    assert "--pdf" in shown.stderr and "does not exist" in shown.stderr
    assert not xlsx.exists()


def test_the_web_gets_the_files_bytes_name_and_media_type(
    daiyun_app: Daiyun, database_url: str, tmp_path: Path
) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    _october(database_url, tmp_path, tax_id=TAX_ID)
    view = show_bill(
        daiyun_app.fee_bill_unit_of_work(),
        contract_code=CONTRACT,
        month=Month(2026, 10),
        at=datetime(2026, 11, 20, 9, tzinfo=ZoneInfo("Asia/Shanghai")),
    )
    data, name, media_type = fee_bill_file_bytes(daiyun_app, view, "xlsx")
    assert name == "INOHERB-2026-2026-10-fee-bill-v1.xlsx"
    assert media_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(data))["开票申请 Invoice request"]
    assert {row[0]: row[2] for row in sheet.iter_rows(values_only=True)}["纳税人识别号"] == TAX_ID
    with pytest.raises(NotFound, match="xlsx and pdf"):
        fee_bill_file_bytes(daiyun_app, view, "docx")
