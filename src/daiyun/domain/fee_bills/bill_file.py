"""What a fee bill's files show (issue 18): a version of month M's commission bill with how its
figures are made (R-B2, R-B3), its payments and dates (R-B5), and the VAT invoice request
finance keys into the tax system: buyer, taxpayer id, item, amount before tax, rate, tax and the
total (R-B3). Labels in Chinese and English; the XLSX and PDF writers lay the same rows out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Final

from daiyun.domain.calendar import Month
from daiyun.domain.fee_bills.bill import BillFigures
from daiyun.domain.fee_bills.document import FeeBill
from daiyun.domain.fee_bills.receipts import is_trade_income, is_trade_refund
from daiyun.domain.fee_bills.records import BillPayment
from daiyun.domain.money import Money, Rate
from daiyun.domain.reconciliation.alipay import AlipayEntry

__all__ = [
    "INVOICE_ITEM",
    "TAX_ID_MISSING",
    "CountedLines",
    "FeeBillDocument",
    "FileRow",
    "counted_kind",
    "invoice_item",
    "kind_label",
]

# The invoice's 项目 (goods or service name): the service and what of it is billed.
INVOICE_ITEM: Final = "代运营服务费—佣金"
# What the invoice request says while the brand has no tax id, and the note that explains it.
TAX_ID_MISSING: Final = "缺失 missing: add tax_id to the contract file"
_TAX_ID_MISSING_NOTE: Final = (
    "纳税人识别号缺失：请在合同文件的 [brand] 表中填写 tax_id（统一社会信用代码）并重新加载 — "
    "the taxpayer id is missing: add tax_id (the brand's unified social credit code) to the "
    "contract file's [brand] table and load it again (daiyun contract load)"
)

_STATUS_ZH: Final[dict[str, str]] = {
    "draft": "草稿",
    "issued": "已出具",
    "confirmed": "已确认",
    "disputed": "有异议",
    "part_paid": "部分付款",
    "settled": "已结清",
}
_KIND_LABELS: Final[dict[str, tuple[str, str]]] = {
    "income": ("交易收入", "trade income"),
    "refund": ("交易退款", "trade refund"),
}


@dataclass(frozen=True, slots=True)
class FileRow:
    """One labelled row of a file: an amount, a rate or a text, with how it was made."""

    zh: str
    en: str
    value: Money | Rate | str
    key: str = ""  # the Bill JSON's key, when the row is one of its figures
    note: str = ""  # the arithmetic or the rule behind the value


def invoice_item(month: Month) -> str:
    """The invoice's 项目: "代运营服务费—佣金 2026年10月"."""
    return f"{INVOICE_ITEM} {month.year}年{month.month}月"


def _exact_yuan(exact_fen: Decimal) -> str:
    """An exact, unrounded amount of fen as yuan with every digit it has: 37036.8 → 370.368."""
    yuan = (exact_fen / 100).normalize()
    exponent = yuan.as_tuple().exponent
    if isinstance(exponent, int) and exponent > -2:
        yuan = yuan.quantize(Decimal("0.01"))
    return f"{yuan:,f}"


def _yuan(amount: Money) -> str:
    return amount.display().replace("¥", "")


def _lines(count: int) -> str:
    return f"{count} line" if count == 1 else f"{count} lines"


def _day(day: date | None) -> str:
    return "—" if day is None else day.isoformat()


@dataclass(frozen=True, slots=True)
class FeeBillDocument:
    """A version of a month's fee bill as its files show it, as of a day."""

    contract_code: str
    brand_code: str
    brand_name: str
    tax_id: str | None  # the brand's 统一社会信用代码; None while no contract file gave it
    version: int
    status: str  # "draft", "issued", … (BillStatus is a StrEnum)
    content_hash: str
    bill: FeeBill
    commission_rate: Rate
    vat_rate: Rate
    as_of: date
    issued_on: date | None = None
    payments: tuple[BillPayment, ...] = ()  # this version's
    days_overdue: int = 0
    termination_right: bool = False

    @property
    def month(self) -> Month:
        return self.bill.figures.month

    @property
    def figures(self) -> BillFigures:
        return self.bill.figures

    @property
    def paid(self) -> Money:
        return Money.total(payment.amount for payment in self.payments)

    @property
    def outstanding(self) -> Money:
        return self.figures.amount_due - self.paid

    @property
    def status_label(self) -> str:
        """The status in Chinese and as interfaces.md writes it: "已出具 issued"."""
        zh = _STATUS_ZH.get(self.status)
        return f"{zh} {self.status}" if zh else self.status

    @property
    def title(self) -> str:
        return f"佣金账单 Fee bill {self.contract_code} {self.month}"

    @property
    def file_identity(self) -> str:
        """What every page and the workbook carry, to match a printout to its version."""
        return (
            f"{self.contract_code} · {self.month} · 版本 Version {self.version} · "
            f"内容哈希 Content hash {self.content_hash}"
        )

    def header_facts(self) -> tuple[tuple[str, str, str], ...]:
        """The header as (中文, English, value) rows."""
        return (
            ("合同", "Contract", self.contract_code),
            ("品牌", "Brand", f"{self.brand_name} ({self.brand_code})"),
            ("月份", "Month", str(self.month)),
            ("版本", "Version", str(self.version)),
            ("状态", "Status", self.status_label),
            ("出具日期", "Issued on", _day(self.issued_on)),
            ("截至", "As of", self.as_of.isoformat()),
            ("内容哈希", "Content hash (sha256)", self.content_hash),
        )

    def derivation(self) -> tuple[FileRow, ...]:
        """How the amount due is made from the month's Alipay receipts (R-B2, R-B3)."""
        figures = self.figures
        receipts = self.bill.receipts
        commission_exact = self.commission_rate.apply(figures.commission_base)
        vat_exact = self.vat_rate.apply(figures.commission)
        return (
            FileRow(
                "交易收入",
                "Trade income",
                receipts.trade_income,
                "trade_income",
                f"{self.bill.income_lines} 行 lines: 交易付款, 在线支付 (R-B2)",
            ),
            FileRow(
                "退款支出",
                "Refunds paid out",
                -receipts.refunds_paid_out,
                "refunds_paid_out",
                f"{self.bill.refund_lines} 行 lines: 交易退款 (R-B2)",
            ),
            FileRow(
                "实收金额",
                "Receipts",
                figures.receipts,
                "receipts",
                "交易收入 − 退款支出；手续费、提现、转账不计 — trade income less refunds; "
                "fees, withdrawals and transfers are not receipts",
            ),
            FileRow(
                "上月结转",
                "Carried in",
                figures.carried_in,
                "carried_in",
                "上月退款超出实收的部分 — refunds beyond the receipts of the month before",
            ),
            FileRow(
                "计佣基数",
                "Commission base",
                figures.commission_base,
                "commission_base",
                "max(0, 实收金额 receipts + 上月结转 carried in)",
            ),
            FileRow("佣金比例", "Commission rate", self.commission_rate, "commission_rate"),
            FileRow(
                "佣金",
                "Commission",
                figures.commission,
                "commission",
                f"{_yuan(figures.commission_base)} × {self.commission_rate.percent_text()} = "
                f"{_exact_yuan(commission_exact)} → {_yuan(figures.commission)} "
                "(四舍五入一次 half up, once)",
            ),
            FileRow("增值税税率", "VAT rate", self.vat_rate, "vat_rate"),
            FileRow(
                "增值税",
                "VAT",
                figures.vat,
                "vat",
                f"{_yuan(figures.commission)} × {self.vat_rate.percent_text()} = "
                f"{_exact_yuan(vat_exact)} → {_yuan(figures.vat)} (四舍五入一次 half up, once)",
            ),
            FileRow(
                "应付金额",
                "Amount due",
                figures.amount_due,
                "amount_due",
                "佣金 + 增值税 — commission + VAT (R-B3)",
            ),
            *self._carried_out(),
        )

    def _carried_out(self) -> tuple[FileRow, ...]:
        carried_out = self.figures.carried_out
        if carried_out.is_zero:
            return ()
        note = (
            "退款超出实收，不计负佣金，结转下月 — refunds beyond the receipts: no negative "
            "commission; carried to the next month (R-B2)"
        )
        return (FileRow("结转下月", "Carried out", carried_out, "carried_out", note),)

    def payment_rows(self) -> tuple[FileRow, ...]:
        """Each payment of this version, then what is paid and outstanding."""
        rows = [
            FileRow("付款", "Payment", payment.amount, note=payment.paid_on.isoformat())
            for payment in sorted(self.payments, key=lambda each: each.paid_on)
        ]
        rows.append(FileRow("已付", "Paid", self.paid, "paid"))
        rows.append(FileRow("未付", "Outstanding", self.outstanding, "outstanding"))
        return tuple(rows)

    def date_facts(self) -> tuple[tuple[str, str, str], ...]:
        """The bill's days (R-B2, R-B5) as (中文, English, value) rows."""
        figures = self.figures
        right = "是 yes" if self.termination_right else "否 no"
        return (
            ("出具截止", "Issue by", figures.issue_by.isoformat()),
            ("付款截止", "Payment due", figures.payment_due.isoformat()),
            ("逾期天数", "Days overdue", str(self.days_overdue)),
            (
                "解约权起始",
                "Termination right from (R-B5)",
                figures.termination_right_from.isoformat(),
            ),
            ("运营方可解约", "Operator may terminate", right),
        )

    def invoice_request(self) -> tuple[FileRow, ...]:
        """The VAT invoice to issue the brand for this bill, as the tax system asks (R-B3)."""
        figures = self.figures
        return (
            FileRow("购买方名称", "Buyer", self.brand_name),
            FileRow("纳税人识别号", "Taxpayer id", self.tax_id or TAX_ID_MISSING, "tax_id"),
            FileRow("项目", "Item", invoice_item(self.month)),
            FileRow("金额（不含税）", "Amount before tax", figures.commission, "commission"),
            FileRow("税率", "Tax rate", self.vat_rate, "vat_rate"),
            FileRow("税额", "Tax", figures.vat, "vat"),
            FileRow("价税合计", "Total including tax", figures.amount_due, "amount_due"),
        )

    def invoice_notes(self) -> tuple[str, ...]:
        """What finance must know before keying the invoice request in."""
        notes = []
        if self.status == "draft":
            notes.append(
                "草稿：账单未出具，请勿据此开票 — draft: the bill is not issued; "
                "do not invoice from it"
            )
        if self.figures.amount_due.is_zero:
            notes.append("本月应付为零，无需开票 — nothing is due for the month: no invoice")
        if self.tax_id is None:
            notes.append(_TAX_ID_MISSING_NOTE)
        return tuple(notes)


def counted_kind(entry: AlipayEntry) -> str | None:
    """ "income" or "refund" for a line the bill counts (R-B2); None for any other line."""
    if is_trade_income(entry):
        return "income"
    if is_trade_refund(entry):
        return "refund"
    return None


def kind_label(kind: str) -> tuple[str, str]:
    """The Chinese and English name of a counted line's kind."""
    return _KIND_LABELS[kind]


@dataclass
class CountedLines:
    """The counted lines' own totals, to hold against the bill version's: lines imported after
    the version was drafted make them differ, and the file says so."""

    income_lines: int = 0
    income: Money = field(default_factory=Money.zero)
    refund_lines: int = 0
    refunds: Money = field(default_factory=Money.zero)  # paid out, as a positive amount

    def add(self, entry: AlipayEntry) -> str:
        """Count one line; its kind. ValueError for a line the bill does not count."""
        kind = counted_kind(entry)
        if kind == "income":
            self.income_lines += 1
            self.income += entry.amount
        elif kind == "refund":
            self.refund_lines += 1
            self.refunds -= entry.amount
        else:
            raise ValueError(f"Alipay line {entry.entry_no} is not counted in a fee bill (R-B2)")
        return kind

    def agrees_with(self, bill: FeeBill) -> bool:
        """Whether these lines are the ones the bill version counted, by count and amount."""
        return (
            self.income_lines == bill.income_lines
            and self.income == bill.receipts.trade_income
            and self.refund_lines == bill.refund_lines
            and self.refunds == bill.receipts.refunds_paid_out
        )

    def summary(self, bill: FeeBill) -> str:
        """One line under the table: the totals, and whether they are the bill's."""
        totals = (
            f"交易收入 {self.income_lines} 行 {_yuan(self.income)}，交易退款 "
            f"{self.refund_lines} 行 {_yuan(self.refunds)} — trade income: "
            f"{_lines(self.income_lines)}, {_yuan(self.income)}; refunds paid out: "
            f"{_lines(self.refund_lines)}, {_yuan(self.refunds)}"
        )
        if self.agrees_with(bill):
            return f"{totals}. 与本版本账单一致 — the bill version's figures."
        receipts = bill.receipts
        return (
            f"{totals}. 注意：与本版本账单不一致（账单：交易收入 {bill.income_lines} 行 "
            f"{_yuan(receipts.trade_income)}，退款 {bill.refund_lines} 行 "
            f"{_yuan(receipts.refunds_paid_out)}）：起草后又导入了支付宝账单，请重新起草 — "
            "NOTE: not the bill version's figures: an Alipay statement was imported after it "
            "was drafted; draft the month again."
        )
