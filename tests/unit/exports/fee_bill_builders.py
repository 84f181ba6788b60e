"""Fee bill documents for the file tests (issue 18): inoherb's October 2026, worked by hand.

Alipay lines of October: trade income 12,000.00 + 445.60 = 12,445.60; a trade refund of 100.00
paid out; a withdrawal (提现) of 500.00 and a Tmall commission fee (收费) of 4.17, neither a
receipt (R-B2). Receipts 12,445.60 − 100.00 = 12,345.60; commission 3%: 1,234,560 fen × 0.03 =
37,036.8 fen → half up 37,037 = 370.37; VAT 6%: 37,037 × 0.06 = 2,222.22 fen → 2,222 = 22.22
(R-B3); amount due 370.37 + 22.22 = 392.59. Issued 2 November, due 5 November, termination
right from 16 November (R-B5).
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from daiyun.domain.calendar import Month
from daiyun.domain.contracts.terms import ContractTerms
from daiyun.domain.fee_bills.bill_file import FeeBillDocument
from daiyun.domain.fee_bills.document import draft_bill
from daiyun.domain.fee_bills.records import BillPayment
from daiyun.domain.money import Money, Rate
from daiyun.domain.reconciliation import AlipayEntry

__all__ = [
    "OCTOBER",
    "TAX_ID",
    "TERMS",
    "alipay_line",
    "bill_document",
    "october_lines",
    "payment",
]

TAX_ID = "91350100M000100Y43"
OCTOBER = Month(2026, 10)
TERMS = ContractTerms(model_b_commission_rate=Rate.of("0.03"), vat_rate=Rate.of("0.06"))
_BEIJING = ZoneInfo("Asia/Shanghai")


def alipay_line(
    entry_no: str,
    at: str,
    *,
    income: str = "0",
    expense: str = "0",
    business_type: str = "交易付款",
    remark: str = "",
    order_no: str = "4012000000000001",
    item_name: str = "相宜本草 红石榴面霜",
) -> AlipayEntry:
    """One line of the brand's Alipay account; `at` is Beijing time "YYYY-MM-DD HH:MM"."""
    return AlipayEntry(
        entry_no=entry_no,
        business_no=f"B{entry_no}",
        merchant_order_no=f"T200P{order_no}",
        item_name=item_name,
        occurred_at=datetime.strptime(at, "%Y-%m-%d %H:%M").replace(tzinfo=_BEIJING),
        income=Money.of_yuan(income),
        expense=Money.of_yuan(expense),
        balance=None,
        channel="支付宝",
        business_type=business_type,
        remark=remark,
    )


def october_lines() -> list[AlipayEntry]:
    """Every line of October's statement, counted or not (see the module's arithmetic)."""
    return [
        alipay_line("1", "2026-10-02 10:00", income="12000.00"),
        alipay_line("2", "2026-10-20 10:00", income="445.60"),
        alipay_line("3", "2026-10-21 10:00", expense="100.00", business_type="交易退款"),
        alipay_line("4", "2026-10-25 10:00", expense="500.00", business_type="提现", remark="提现"),
        alipay_line(
            "5",
            "2026-10-26 10:00",
            expense="4.17",
            business_type="收费",
            remark="天猫佣金{4012000000000001}",
        ),
    ]


def bill_document(
    lines: list[AlipayEntry] | None = None,
    *,
    tax_id: str | None = TAX_ID,
    status: str = "issued",
    payments: tuple[BillPayment, ...] = (),
    carried_in: Money | None = None,
    brand_name: str = "相宜本草",
) -> FeeBillDocument:
    """October's bill, version 1, issued on 2 November, as of 20 November."""
    bill = draft_bill(
        "INOHERB-2026", OCTOBER, october_lines() if lines is None else lines, TERMS, carried_in
    )
    return FeeBillDocument(
        contract_code="INOHERB-2026",
        brand_code="inoherb",
        brand_name=brand_name,
        tax_id=tax_id,
        version=1,
        status=status,
        content_hash=bill.content_hash,
        bill=bill,
        commission_rate=TERMS.model_b_commission_rate,
        vat_rate=TERMS.vat_rate,
        as_of=date(2026, 11, 20),
        issued_on=None if status == "draft" else date(2026, 11, 2),
        payments=payments,
    )


def payment(amount: str, paid_on: date) -> BillPayment:
    """A payment of version 1."""
    return BillPayment(
        version=1,
        paid_on=paid_on,
        amount=Money.of_yuan(amount),
        recorded_at=datetime(2026, 11, 20, 9, tzinfo=_BEIJING),
        recorded_by="finance",
    )
