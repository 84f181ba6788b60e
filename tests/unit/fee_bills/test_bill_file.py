"""What a fee bill's files show (issue 18): how the amount due is made, the payments and dates,
and the VAT invoice request (R-B2, R-B3, R-B5); worked in tests/unit/exports/fee_bill_builders."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daiyun.domain.calendar import Month
from daiyun.domain.fee_bills.bill_file import TAX_ID_MISSING, CountedLines, FileRow, invoice_item
from daiyun.domain.money import Money, Rate
from tests.unit.exports.fee_bill_builders import (
    OCTOBER,
    TAX_ID,
    alipay_line,
    bill_document,
    october_lines,
    payment,
)


def _by_key(rows: tuple[FileRow, ...]) -> dict[str, FileRow]:
    return {row.key: row for row in rows if row.key}


def test_the_derivation_runs_from_trade_income_to_the_amount_due() -> None:
    rows = _by_key(bill_document().derivation())
    assert {key: row.value for key, row in rows.items()} == {
        "trade_income": Money.of_yuan("12445.60"),  # 12,000.00 + 445.60
        "refunds_paid_out": Money.of_yuan("-100.00"),
        "receipts": Money.of_yuan("12345.60"),  # the withdrawal and the fee left out
        "carried_in": Money.zero(),
        "commission_base": Money.of_yuan("12345.60"),
        "commission_rate": Rate.of("0.03"),
        "commission": Money.of_yuan("370.37"),
        "vat_rate": Rate.of("0.06"),
        "vat": Money.of_yuan("22.22"),
        "amount_due": Money.of_yuan("392.59"),
    }
    # The exact products before the one rounding each (R-B2, R-B3).
    assert rows["commission"].note.startswith("12,345.60 × 3% = 370.368 → 370.37")
    assert rows["vat"].note.startswith("370.37 × 6% = 22.2222 → 22.22")
    assert rows["trade_income"].note.startswith("2 行 lines")
    assert rows["refunds_paid_out"].note.startswith("1 行 lines")


def test_a_month_of_refunds_beyond_its_receipts_shows_the_shortfall_carried_out() -> None:
    # R-B2 (bill.py): income 50.00, refund 80.00: receipts −30.00; with −10.00 carried in the
    # base is max(0, −40.00) = 0.00, commission 0.00, and −40.00 goes to November.
    lines = [
        alipay_line("1", "2026-10-02 10:00", income="50.00"),
        alipay_line("2", "2026-10-03 10:00", expense="80.00", business_type="交易退款"),
    ]
    document = bill_document(lines, carried_in=Money.of_yuan("-10.00"))
    rows = _by_key(document.derivation())
    assert rows["receipts"].value == Money.of_yuan("-30.00")
    assert rows["carried_in"].value == Money.of_yuan("-10.00")
    assert rows["commission_base"].value == Money.zero()
    assert rows["commission"].value == Money.zero()
    assert rows["carried_out"].value == Money.of_yuan("-40.00")
    assert "本月应付为零，无需开票" in " ".join(document.invoice_notes())


def test_an_ordinary_month_carries_nothing_out() -> None:
    assert "carried_out" not in _by_key(bill_document().derivation())


def test_the_invoice_request_is_what_the_tax_system_asks_for() -> None:
    rows = bill_document().invoice_request()
    assert [(row.zh, row.value) for row in rows] == [
        ("购买方名称", "相宜本草"),
        ("纳税人识别号", TAX_ID),
        ("项目", "代运营服务费—佣金 2026年10月"),
        ("金额（不含税）", Money.of_yuan("370.37")),
        ("税率", Rate.of("0.06")),
        ("税额", Money.of_yuan("22.22")),
        ("价税合计", Money.of_yuan("392.59")),  # 370.37 + 22.22
    ]
    assert bill_document().invoice_notes() == ()


def test_without_a_tax_id_the_request_says_to_add_it_to_the_contract_file() -> None:
    document = bill_document(tax_id=None)
    tax_id = next(row for row in document.invoice_request() if row.key == "tax_id")
    assert tax_id.value == TAX_ID_MISSING == "缺失 missing: add tax_id to the contract file"
    [note] = document.invoice_notes()
    assert "[brand]" in note and "tax_id" in note


def test_a_draft_is_not_to_be_invoiced() -> None:
    notes = bill_document(status="draft").invoice_notes()
    assert any("do not invoice from it" in note for note in notes)


def test_the_invoice_item_names_the_month() -> None:
    assert invoice_item(Month(2027, 1)) == "代运营服务费—佣金 2027年1月"


def test_payments_paid_and_outstanding() -> None:
    # 392.59 due; 100.00 on 5 Nov and 200.00 on 18 Nov: 300.00 paid, 92.59 outstanding.
    document = bill_document(
        payments=(payment("200.00", date(2026, 11, 18)), payment("100.00", date(2026, 11, 5)))
    )
    rows = document.payment_rows()
    assert [(row.en, row.value, row.note) for row in rows] == [
        ("Payment", Money.of_yuan("100.00"), "2026-11-05"),
        ("Payment", Money.of_yuan("200.00"), "2026-11-18"),
        ("Paid", Money.of_yuan("300.00"), ""),
        ("Outstanding", Money.of_yuan("92.59"), ""),
    ]


def test_the_dates_and_the_header() -> None:
    document = bill_document()
    assert dict((en, value) for _, en, value in document.date_facts()) == {
        "Issue by": "2026-11-03",
        "Payment due": "2026-11-05",
        "Days overdue": "0",
        "Termination right from (R-B5)": "2026-11-16",
        "Operator may terminate": "否 no",
    }
    header = dict((en, value) for _, en, value in document.header_facts())
    assert header["Brand"] == "相宜本草 (inoherb)"
    assert header["Status"] == "已出具 issued"
    assert header["Content hash (sha256)"] == document.bill.content_hash
    assert document.month == OCTOBER


def test_the_counted_lines_agree_with_the_bill_they_were_drafted_from() -> None:
    document = bill_document()
    tally = CountedLines()
    kinds = [tally.add(line) for line in october_lines()[:3]]
    assert kinds == ["income", "income", "refund"]
    assert tally.agrees_with(document.bill)
    assert "与本版本账单一致" in tally.summary(document.bill)
    # A line imported after the draft: the file says the figures are not the version's.
    tally.add(alipay_line("9", "2026-10-30 10:00", income="1.00"))
    assert not tally.agrees_with(document.bill)
    assert "draft the month again" in tally.summary(document.bill)


def test_a_line_the_bill_does_not_count_is_not_listed() -> None:
    withdrawal = october_lines()[3]
    with pytest.raises(ValueError, match="not counted"):
        CountedLines().add(withdrawal)


@given(st.integers(min_value=0, max_value=10**11))
def test_the_invoices_total_is_its_amount_and_tax_for_any_receipts(fen: int) -> None:
    # R-B3: 价税合计 = 金额 + 税额, whatever the month received.
    line = alipay_line("1", "2026-10-02 10:00", income=Money(fen).yuan_text())
    rows = {row.zh: row.value for row in bill_document([line]).invoice_request()}
    amount, tax, total = rows["金额（不含税）"], rows["税额"], rows["价税合计"]
    assert isinstance(amount, Money) and isinstance(tax, Money) and isinstance(total, Money)
    assert total == amount + tax
