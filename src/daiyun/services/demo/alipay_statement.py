"""The demo's Alipay account statements (支付宝账务明细) as Alipay writes them (formats.md,
docs/alipay.md): the detail CSV of one month, GBK, the comment header with the account and the
period, a TAB after every cell, the footer with the income and expense totals and the export
time. Pure: the bytes are made here, written to a file and read by the entrypoint.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from daiyun.domain.calendar import SHANGHAI, Month
from daiyun.domain.money import Money

__all__ = ["StatementLine", "statement_bytes", "statement_name"]

_HEADER = (
    "账务流水号,业务流水号,商户订单号,商品名称,发生时间,对方账号,收入金额（+元）,支出金额（-元）,"
    "账户余额（元）,交易渠道,业务类型,备注"
)
_RULE = "-" * 41


@dataclass(frozen=True, slots=True)
class StatementLine:
    """One line of the account: money in (`amount` above zero) or out (below zero)."""

    entry_no: str  # 账务流水号
    occurred_at: datetime
    amount: Money
    balance: Money  # the account's balance after the line
    business_type: str  # 交易付款, 交易退款, 收费, 提现, 转账
    remark: str = ""
    merchant_order_no: str = ""  # T200P + the Tmall order number, for a trade
    business_no: str = ""
    item_name: str = ""
    counterparty: str = ""

    def cells(self) -> list[str]:
        amount = self.amount
        return [
            self.entry_no,
            self.business_no,
            self.merchant_order_no,
            self.item_name,
            _time(self.occurred_at),
            self.counterparty,
            f"+{amount.yuan_text()}" if amount.fen > 0 else "",
            amount.yuan_text() if amount.fen < 0 else "",
            self.balance.yuan_text(),
            "支付宝",
            self.business_type,
            self.remark,
        ]


def _time(moment: datetime) -> str:
    return moment.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S")


def _day(moment: datetime) -> str:
    return moment.astimezone(SHANGHAI).strftime("%Y年%m月%d日 %H:%M:%S")


def statement_name(account: str, month: Month) -> str:
    """The detail file's name as Alipay gives it: `<account>_<first>_<last day>_账务明细.csv`."""
    return f"{account}_{month.first_day:%Y%m%d}_{month.last_day:%Y%m%d}_账务明细.csv"


def statement_bytes(
    account: str, month: Month, lines: Sequence[StatementLine], exported_at: datetime
) -> bytes:
    """The month's detail file, GBK, its footer totalling the lines as the reader checks."""
    period = month.period()
    out = io.StringIO()
    out.write("#支付宝账务明细查询\r\n")
    out.write(f"#账号：[{account}]\r\n")
    out.write(f"#起始日期：[{_day(period.start)}]   终止日期：[{_day(period.end)}]\r\n")
    out.write(f"#{_RULE}账务明细列表{'-' * 40}\r\n")
    out.write(_HEADER + ",\r\n")
    writer = csv.writer(out, lineterminator="\r\n")
    for line in lines:
        writer.writerow([cell + "\t" for cell in line.cells()] + [""])
    incomes = [line.amount for line in lines if line.amount.fen > 0]
    expenses = [line.amount for line in lines if line.amount.fen < 0]
    out.write(f"#{_RULE}账务明细列表结束{'-' * 36}\r\n")
    out.write(f"#收入合计：{len(incomes)}笔，共{Money.total(incomes).yuan_text()}元\r\n")
    out.write(f"#支出合计：{len(expenses)}笔，共{Money.total(expenses).yuan_text()}元\r\n")
    out.write(f"#导出时间：[{_day(exported_at)}]\r\n")
    return out.getvalue().encode("gbk")
