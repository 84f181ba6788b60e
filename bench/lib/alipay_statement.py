"""A store's Alipay account statement (支付宝账务明细) as Alipay's download has it, streamed.

GBK text, the comment header (account, period), the table's header row with full-width brackets,
a TAB after every cell, CRLF line ends, and the footer with the count and total of the income and
expense lines — worked out while the lines are written, so that a month of millions of lines
never sits in memory. The same layout as tests/alipay_files.py makes for the tests, which is the
format `daiyun alipay import` reads (formats.md).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import TextIO

__all__ = ["AlipayStatementWriter", "StatementLine"]

_HEADER = (
    "账务流水号,业务流水号,商户订单号,商品名称,发生时间,对方账号,收入金额（+元）,支出金额（-元）,"
    "账户余额（元）,交易渠道,业务类型,备注"
)
_NEWLINE = "\r\n"


def _yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


@dataclass(frozen=True, slots=True)
class StatementLine:
    """One line of the account: money in (`income_fen`) or out (`expense_fen`), in fen."""

    entry_no: str
    occurred_at: datetime  # Beijing time, as the file shows it
    income_fen: int = 0
    expense_fen: int = 0
    business_type: str = "交易付款"
    merchant_order_no: str = ""
    remark: str = ""
    item_name: str = ""
    counterparty: str = ""


class AlipayStatementWriter:
    """Writes one statement file line by line; the footer on close."""

    def __init__(self, path: Path, account: str, start: datetime, end: datetime) -> None:
        self.path = path
        self._out: TextIO = path.open("w", encoding="gbk", newline="", buffering=1 << 20)
        self._csv = csv.writer(self._out, lineterminator=_NEWLINE)
        self.income_count = self.expense_count = 0
        self.income_fen = self.expense_fen = 0
        self._out.write("#支付宝账务明细查询\r\n")
        self._out.write(f"#账号：[{account}]\r\n")
        shown = "%Y年%m月%d日 %H:%M:%S"
        self._out.write(f"#起始日期：[{start:{shown}}]   终止日期：[{end:{shown}}]\r\n")
        self._out.write(f"#{'-' * 41}账务明细列表{'-' * 40}\r\n")
        self._out.write(_HEADER + "," + _NEWLINE)

    def write(self, line: StatementLine) -> None:
        if line.income_fen:
            self.income_count += 1
            self.income_fen += line.income_fen
        if line.expense_fen:
            self.expense_count += 1
            self.expense_fen += line.expense_fen
        cells = (
            line.entry_no,
            f"{line.entry_no}0",
            line.merchant_order_no,
            line.item_name,
            f"{line.occurred_at:%Y-%m-%d %H:%M:%S}",
            line.counterparty,
            f"+{_yuan(line.income_fen)}" if line.income_fen else "",
            f"-{_yuan(line.expense_fen)}" if line.expense_fen else "",
            "",
            "支付宝",
            line.business_type,
            line.remark,
        )
        self._csv.writerow([f"{cell}\t" for cell in cells] + [""])

    def close(self, exported_at: datetime) -> None:
        out = self._out
        out.write(f"#{'-' * 41}账务明细列表结束{'-' * 36}\r\n")
        out.write(f"#收入合计：{self.income_count}笔，共{_yuan(self.income_fen)}元\r\n")
        out.write(f"#支出合计：{self.expense_count}笔，共-{_yuan(self.expense_fen)}元\r\n")
        out.write(f"#导出时间：[{exported_at:%Y年%m月%d日 %H:%M:%S}]\r\n")
        out.close()

    def __enter__(self) -> AlipayStatementWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if not self._out.closed:
            self._out.close()
