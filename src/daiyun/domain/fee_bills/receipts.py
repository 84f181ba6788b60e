"""A month's receipts in the brand's own Alipay account (R-B2), from its statement's lines.

Receipts = trade income less trade refunds paid out, in the month by Beijing time:
- trade income: a 交易付款 line, or an 在线支付 line naming a trade (its 商户订单号 is a Tmall
  order), bringing money in;
- trade refunds paid out: 交易退款 lines taking money out;
- not receipts: fees and charges (收费, and any line whose 备注 words a fee), withdrawals (提现),
  transfers (转账), and anything else.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from daiyun.domain.calendar import Month
from daiyun.domain.money import Money
from daiyun.domain.reconciliation.alipay import AlipayEntry

__all__ = [
    "ONLINE_PAYMENT",
    "TRADE_PAYMENT",
    "TRADE_REFUND",
    "MonthReceipts",
    "is_trade_income",
    "is_trade_refund",
    "month_receipts",
]

TRADE_PAYMENT = "交易付款"
ONLINE_PAYMENT = "在线支付"
TRADE_REFUND = "交易退款"


def is_trade_income(entry: AlipayEntry) -> bool:
    """True for a trade's money arriving: 交易付款, or 在线支付 naming a trade (R-B2)."""
    if entry.charge is not None:  # a fee, whatever its 业务类型 says: not a receipt
        return False
    if entry.business_type == TRADE_PAYMENT:
        return True
    return entry.business_type == ONLINE_PAYMENT and entry.order_no is not None


def is_trade_refund(entry: AlipayEntry) -> bool:
    """True for a trade refund paid out of the account (交易退款, R-B2)."""
    return entry.charge is None and entry.business_type == TRADE_REFUND


@dataclass(frozen=True, slots=True)
class MonthReceipts:
    """What the brand's account actually received in a month (R-B2)."""

    month: Month
    trade_income: Money  # the trade income lines' net amount
    refunds_paid_out: Money  # the trade refunds paid out, as a positive amount

    @property
    def receipts(self) -> Money:
        """Trade income less refunds paid out; below zero when refunds exceed income."""
        return self.trade_income - self.refunds_paid_out


def month_receipts(month: Month, entries: Iterable[AlipayEntry]) -> MonthReceipts:
    """The month's receipts from the account's lines; lines of other months are left out
    (a line belongs to the month of its 发生时间 in Beijing time)."""
    income = Money.zero()
    refunds = Money.zero()
    for entry in entries:
        if Month.containing(entry.occurred_at) != month:
            continue
        if is_trade_income(entry):
            income += entry.amount
        elif is_trade_refund(entry):
            refunds -= entry.amount  # expense less any income on the line
    return MonthReceipts(month, income, refunds)
