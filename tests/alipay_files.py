"""Alipay account statements (支付宝账务明细) made in the tests, as Alipay writes them.

GBK bytes (or UTF-8 with a BOM), the comment header and footer, a TAB after every cell, the
header row's brackets full-width or ASCII, and the ZIP with the summary (汇总) file beside the
detail file, its member names in GBK without the UTF-8 flag.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "ACCOUNT",
    "StatementRow",
    "fen_text",
    "statement_bytes",
    "statement_text",
    "write_statement_csv",
    "write_statement_zip",
]

ACCOUNT = "20881234567890120156"

_HEADER_FULL = (
    "账务流水号,业务流水号,商户订单号,商品名称,发生时间,对方账号,收入金额（+元）,支出金额（-元）,"
    "账户余额（元）,交易渠道,业务类型,备注"
)


@dataclass(frozen=True)
class StatementRow:
    """One line of the table, its cells as the file shows them (amounts as text)."""

    entry_no: str
    occurred_at: str = "2026-10-05 10:21:13"
    income: str = ""  # "+139.00"
    expense: str = ""  # "-4.17"
    business_type: str = "交易付款"
    remark: str = ""
    merchant_order_no: str = ""
    business_no: str = ""
    item_name: str = ""
    counterparty: str = "tb1234567"
    balance: str = ""
    channel: str = "支付宝"

    def cells(self) -> list[str]:
        return [
            self.entry_no,
            self.business_no,
            self.merchant_order_no,
            self.item_name,
            self.occurred_at,
            self.counterparty,
            self.income,
            self.expense,
            self.balance,
            self.channel,
            self.business_type,
            self.remark,
        ]


def fen_text(fen: int, sign: str = "") -> str:
    """Fen as the file writes yuan: 13900 → "139.00" (with `sign` before it)."""
    return f"{sign}{fen // 100}.{fen % 100:02d}"


def _fen(text: str) -> int:
    text = text.strip().lstrip("+-")
    if not text:
        return 0
    whole, _, fraction = text.partition(".")
    return int(whole) * 100 + int(fraction.ljust(2, "0"))


def statement_text(
    rows: Sequence[StatementRow],
    *,
    account: str = ACCOUNT,
    ascii_brackets: bool = False,
    tabs: bool = True,
    income_footer: tuple[int, str] | None = None,
    expense_footer: tuple[int, str] | None = None,
    footer: bool = True,
) -> str:
    """The detail file's text. The footer's totals are worked out from the rows unless given
    (count, "X.XX") to make a footer that disagrees."""
    out = io.StringIO()
    out.write("#支付宝账务明细查询\r\n")
    if ascii_brackets:
        out.write(f"#账号:[{account}]\r\n")
        out.write("#起始日期:[2026年10月01日 00:00:00]   终止日期:[2026年11月01日 00:00:00]\r\n")
    else:
        out.write(f"#账号：[{account}]\r\n")
        out.write("#起始日期：[2026年10月01日 00:00:00]   终止日期：[2026年11月01日 00:00:00]\r\n")
    out.write(f"#{'-' * 41}账务明细列表{'-' * 40}\r\n")
    header = _HEADER_FULL.replace("（", "(").replace("）", ")") if ascii_brackets else _HEADER_FULL
    out.write(header + ",\r\n")
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([cell + "\t" if tabs else cell for cell in row.cells()] + [""])
    if footer:
        if income_footer is None:
            incomes = [_fen(row.income) for row in rows if _fen(row.income)]
            income_footer = (len(incomes), fen_text(sum(incomes)))
        if expense_footer is None:
            expenses = [_fen(row.expense) for row in rows if _fen(row.expense)]
            expense_footer = (len(expenses), fen_text(sum(expenses)))
        (income_count, income_total), (expense_count, expense_total) = (
            income_footer,
            expense_footer,
        )
        out.write(f"#{'-' * 41}账务明细列表结束{'-' * 36}\r\n")
        out.write(f"#收入合计：{income_count}笔，共{income_total}元\r\n")
        out.write(f"#支出合计：{expense_count}笔，共-{expense_total}元\r\n")
        out.write("#导出时间：[2026年11月02日 09:30:12]\r\n")
    return out.getvalue()


def statement_bytes(
    rows: Sequence[StatementRow], *, encoding: str = "gbk", **options: object
) -> bytes:
    """The detail file's bytes: GBK as downloaded, or "utf-8-sig"."""
    return statement_text(rows, **options).encode(encoding)  # type: ignore[arg-type]


def _summary_text(account: str) -> str:
    return (
        "#支付宝账务汇总查询\r\n"
        f"#账号：[{account}]\r\n"
        "#起始日期：[2026年10月01日 00:00:00]   终止日期：[2026年11月01日 00:00:00]\r\n"
        f"#{'-' * 41}账务汇总列表{'-' * 40}\r\n"
        "业务类型,收入笔数,收入金额（+元）,支出笔数,支出金额（-元）,\r\n"
        "交易付款\t,1\t,+139.00\t,0\t,0.00\t,\r\n"
        f"#{'-' * 41}账务汇总列表结束{'-' * 36}\r\n"
        "#导出时间：[2026年11月02日 09:30:12]\r\n"
    )


def write_statement_csv(
    path: Path, rows: Sequence[StatementRow], *, encoding: str = "gbk", **options: object
) -> Path:
    """The detail CSV alone."""
    path.write_bytes(statement_bytes(rows, encoding=encoding, **options))
    return path


class _GbkName(zipfile.ZipInfo):
    """A member whose name is written in GBK without the UTF-8 flag, as Alipay's ZIPs are."""

    def _encodeFilenameFlags(self) -> tuple[bytes, int]:  # zipfile's own name
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def write_statement_zip(
    path: Path,
    rows: Sequence[StatementRow],
    *,
    summary_first: bool = True,
    account: str = ACCOUNT,
    with_detail: bool = True,
    **options: object,
) -> Path:
    """The ZIP as downloaded: the summary …(汇总).csv and the detail file, in either order
    (without the detail file, to make a ZIP that lacks it)."""
    stem = f"{account}_20261001_20261031_账务明细"
    detail = (f"{stem}.csv", statement_bytes(rows, account=account, **options))
    summary = (f"{stem}(汇总).csv", _summary_text(account).encode("gbk"))
    members = [summary, detail] if summary_first else [detail, summary]
    if not with_detail:
        members.remove(detail)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            info = _GbkName(name, date_time=(2026, 11, 2, 9, 30, 12))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return path
