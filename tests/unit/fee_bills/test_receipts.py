"""A month's receipts in the brand's Alipay account (R-B2), worked by hand."""

from __future__ import annotations

from datetime import datetime

from daiyun.domain.calendar import SHANGHAI, Month
from daiyun.domain.fee_bills.receipts import month_receipts
from daiyun.domain.money import Money
from daiyun.domain.reconciliation.alipay import AlipayEntry

OCTOBER = Month(2026, 10)
_counter = iter(range(1, 10_000))


def line(
    business_type: str,
    *,
    income: str = "0",
    expense: str = "0",
    at: datetime | None = None,
    merchant_order_no: str = "",
    remark: str = "",
) -> AlipayEntry:
    number = next(_counter)
    return AlipayEntry(
        entry_no=f"2026{number:08d}",
        business_no=f"B{number}",
        merchant_order_no=merchant_order_no,
        item_name="",
        occurred_at=at or datetime(2026, 10, 15, 12, 0, tzinfo=SHANGHAI),
        income=Money.of_yuan(income),
        expense=Money.of_yuan(expense),
        balance=None,
        channel="",
        business_type=business_type,
        remark=remark,
    )


def test_a_plain_month_is_trade_income_less_refunds_paid_out() -> None:
    entries = [
        line("交易付款", income="10000.00", merchant_order_no="T200P4012000000001"),
        line("交易付款", income="2500.60", merchant_order_no="T200P4012000000002"),
        line("在线支付", income="300.00", merchant_order_no="T200P4012000000003"),
        line("交易退款", expense="455.00", merchant_order_no="T200P4012000000001"),
    ]
    figures = month_receipts(OCTOBER, entries)
    # R-B2: income 10000.00 + 2500.60 + 300.00 = 12800.60; refunds 455.00;
    # receipts 12800.60 − 455.00 = 12345.60
    assert figures.trade_income == Money.of_yuan("12800.60")
    assert figures.refunds_paid_out == Money.of_yuan("455.00")
    assert figures.receipts == Money.of_yuan("12345.60")


def test_fees_withdrawals_and_transfers_are_not_receipts() -> None:
    entries = [
        line("交易付款", income="1000.00", merchant_order_no="T200P4012000000001"),
        # R-B2: none of these is a receipt
        line("收费", expense="50.00", remark="天猫佣金{4012000000001}"),
        line("提现", expense="800.00"),
        line("转账", income="5000.00"),
        line("转账", expense="20.00"),
        # 在线支付 naming no trade (a top-up): not trade income
        line("在线支付", income="700.00", merchant_order_no="TOPUP-1"),
        # a fee line filed as 交易付款 is still a fee, by its 备注
        line("交易付款", expense="3.00", remark="基础软件服务费(4012000000001)"),
    ]
    # R-B2: only the 1000.00 of trade income counts
    assert month_receipts(OCTOBER, entries).receipts == Money.of_yuan("1000.00")


def test_a_line_belongs_to_its_beijing_month() -> None:
    entries = [
        # 2026-09-30 23:30 in Beijing: September, not October
        line("交易付款", income="100.00", at=datetime(2026, 9, 30, 23, 30, tzinfo=SHANGHAI)),
        # 2026-10-31 17:00 UTC is 2026-11-01 01:00 in Beijing: November
        line(
            "交易付款",
            income="200.00",
            at=datetime.fromisoformat("2026-10-31T17:00:00+00:00"),
        ),
        # 2026-09-30 16:30 UTC is 2026-10-01 00:30 in Beijing: October
        line(
            "交易付款",
            income="300.00",
            at=datetime.fromisoformat("2026-09-30T16:30:00+00:00"),
        ),
    ]
    assert month_receipts(OCTOBER, entries).receipts == Money.of_yuan("300.00")


def test_refunds_larger_than_income_give_negative_receipts() -> None:
    entries = [
        line("交易付款", income="400.00", merchant_order_no="T200P4012000000009"),
        line("交易退款", expense="1000.00", merchant_order_no="T200P4012000000001"),
    ]
    # R-B2: 400.00 − 1000.00 = −600.00
    assert month_receipts(OCTOBER, entries).receipts == Money.of_yuan("-600.00")
