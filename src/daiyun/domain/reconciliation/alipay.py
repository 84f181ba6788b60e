"""The lines of an Alipay account statement (支付宝账务明细) and what they say (R-X1, R-S5).

Pure: the reader in adapters/platforms/alipay.py hands over cells already split and trimmed;
this module tells what a line is — the order it names, the fee or charge its 备注 words — and
whether a file's footer totals agree with its lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from daiyun.domain.money import Money

__all__ = [
    "AlipayEntry",
    "Charge",
    "ChargeKind",
    "FooterTotal",
    "ImportedStatement",
    "StatementHeader",
    "StatementLine",
    "Tally",
    "account_refusal",
    "account_taken_refusal",
    "charge_of",
    "order_of_merchant_no",
]


class ChargeKind(StrEnum):
    """What a fee or charge line is, told from its 备注 (formats.md)."""

    TMALL_COMMISSION = "tmall_commission"  # 天猫佣金{order}: the technical service fee (R-S5)
    SOFTWARE_SERVICE_FEE = "software_service_fee"  # 基础软件服务费(order)
    TAOBAOKE_COMMISSION = "taobaoke_commission"  # 淘宝客佣金代扣款[order]
    POINTS_REBATE = "points_rebate"  # 代扣返点积分order
    HUABEI_FEE = "huabei_fee"  # 花呗 charges (instalment, service fees)
    POINTS = "points"  # other 积分 charges
    LATE_SHIPMENT_COMPENSATION = "late_shipment_compensation"  # 卖家延迟发货赔付红包
    FALSE_SHIPMENT_COMPENSATION = "false_shipment_compensation"  # 虚假发货赔付红包
    STOCKOUT_COMPENSATION = "stockout_compensation"  # 淘宝缺货赔付红包
    CHARITY_DONATION = "charity_donation"  # 公益宝贝捐赠


@dataclass(frozen=True, slots=True)
class Charge:
    """A fee or charge line's kind and the Tmall order it names, if it names one."""

    kind: ChargeKind
    order_no: str | None


# Brackets as the files write them, ASCII or full-width, around an order number.
_CURLY = r"[{｛]\s*(\d{6,30})\s*[}｝]"
_ROUND = r"[(（]\s*(\d{6,30})\s*[)）]"
_SQUARE = r"[\[［【]\s*(\d{6,30})\s*[\]］】]"
_ANY_BRACKETED = re.compile(f"{_CURLY}|{_ROUND}|{_SQUARE}")
_LONG_DIGITS = re.compile(r"(?<!\d)(\d{10,30})(?!\d)")

# (words in the 备注, kind, the order number's own form right after the words, if any). First
# match wins: 代扣返点积分 before 积分, the fees before the charges naming no order.
_CHARGES: tuple[tuple[str, ChargeKind, re.Pattern[str] | None], ...] = (
    ("天猫佣金", ChargeKind.TMALL_COMMISSION, re.compile(f"天猫佣金[^{{｛]*{_CURLY}")),
    (
        "基础软件服务费",
        ChargeKind.SOFTWARE_SERVICE_FEE,
        re.compile(f"基础软件服务费[^(（]*{_ROUND}"),
    ),
    ("淘宝客佣金", ChargeKind.TAOBAOKE_COMMISSION, re.compile(f"淘宝客佣金[^\\[［【]*{_SQUARE}")),
    ("返点积分", ChargeKind.POINTS_REBATE, re.compile(r"返点积分\s*[:：]?\s*(\d{6,30})(?!\d)")),
    ("花呗", ChargeKind.HUABEI_FEE, None),
    ("积分", ChargeKind.POINTS, None),
    ("延迟发货赔付", ChargeKind.LATE_SHIPMENT_COMPENSATION, None),
    ("虚假发货赔付", ChargeKind.FALSE_SHIPMENT_COMPENSATION, None),
    ("缺货赔付", ChargeKind.STOCKOUT_COMPENSATION, None),
    ("公益宝贝", ChargeKind.CHARITY_DONATION, None),
)


def charge_of(remark: str) -> Charge | None:
    """The fee or charge a 备注 words, with the order it names; None for any other line.

    `天猫佣金{4012…}` → (tmall_commission, "4012…"); `基础软件服务费(…)`, `淘宝客佣金代扣款[…]`,
    `代扣返点积分…` likewise, full-width brackets too; 花呗 and 积分 charges take the order number
    they carry in brackets (or a long run of digits), if any; the compensation red packets and
    公益宝贝捐赠 mostly name none.
    """
    text = remark.strip()
    for words, kind, own_form in _CHARGES:
        if words not in text:
            continue
        found = None if own_form is None else own_form.search(text)
        if found is not None:
            return Charge(kind, next(group for group in found.groups() if group))
        return Charge(kind, _any_order_no(text))
    return None


def _any_order_no(text: str) -> str | None:
    bracketed = _ANY_BRACKETED.search(text)
    if bracketed is not None:
        return next(group for group in bracketed.groups() if group)
    digits = _LONG_DIGITS.search(text)
    return None if digits is None else digits.group(1)


_TMALL_MERCHANT_NO = re.compile(r"T200P(\d+)")


def order_of_merchant_no(merchant_order_no: str) -> str | None:
    """The Tmall 订单编号 in a 商户订单号 (`T200P` + the order number), None for any other."""
    found = _TMALL_MERCHANT_NO.fullmatch(merchant_order_no.strip())
    return None if found is None else found.group(1)


@dataclass(frozen=True, slots=True)
class AlipayEntry:
    """One line of the account statement, as the file gives it; amounts in fen.

    `income` and `expense` are both zero or more (the file writes expenses as "-4.17" or
    "4.17"); the buyer's account (对方账号) is not kept (R-D1).
    """

    entry_no: str  # 账务流水号: the natural key, each once per account
    business_no: str  # 业务流水号
    merchant_order_no: str  # 商户订单号
    item_name: str  # 商品名称
    occurred_at: datetime  # 发生时间, Beijing time
    income: Money  # 收入金额（+元）
    expense: Money  # 支出金额（-元）
    balance: Money | None  # 账户余额（元）
    channel: str  # 交易渠道
    business_type: str  # 业务类型: 交易付款, 交易退款, 在线支付, 收费, 提现, 转账 …
    remark: str  # 备注

    def __post_init__(self) -> None:
        if self.occurred_at.tzinfo is None:
            raise ValueError(
                f"naive datetime {self.occurred_at} has no time zone; refusing to guess"
            )

    @property
    def charge(self) -> Charge | None:
        """The fee or charge the line is, by its 备注."""
        return charge_of(self.remark)

    @property
    def order_no(self) -> str | None:
        """The Tmall order the line belongs to: a fee's from its 备注, else the 商户订单号's."""
        charge = self.charge
        if charge is not None and charge.order_no is not None:
            return charge.order_no
        return order_of_merchant_no(self.merchant_order_no)

    @property
    def amount(self) -> Money:
        """Income less expense: what the line moved into the account."""
        return self.income - self.expense


@dataclass(frozen=True, slots=True)
class StatementHeader:
    """The comment lines above the table: the account and the period the file covers."""

    account: str
    start: date | None
    end: date | None


@dataclass(frozen=True, slots=True)
class FooterTotal:
    """`#收入合计：N笔，共X元` or `#支出合计：…` as the footer states it."""

    side: str  # "收入" or "支出"
    count: int
    total: Money  # as a positive amount, whatever sign the file wrote
    row: int
    text: str


@dataclass
class Tally:
    """The lines' own totals, to hold against the footer's: a line counts as income when its
    income is not zero, as expense when its expense is not zero."""

    income_count: int = 0
    income: Money = field(default_factory=Money.zero)
    expense_count: int = 0
    expense: Money = field(default_factory=Money.zero)

    def add(self, entry: AlipayEntry) -> None:
        """Count one line."""
        if not entry.income.is_zero:
            self.income_count += 1
            self.income += entry.income
        if not entry.expense.is_zero:
            self.expense_count += 1
            self.expense += entry.expense

    def disagreement(self, footer: FooterTotal) -> str | None:
        """Why the footer's total disagrees with the lines, None when it agrees (R-X1)."""
        count, total = (
            (self.income_count, self.income)
            if footer.side == "收入"
            else (self.expense_count, self.expense)
        )
        if (count, total) == (footer.count, footer.total):
            return None
        english = "income" if footer.side == "收入" else "expense"
        return (
            f"the footer says {footer.count} {english} line(s) totalling "
            f"{footer.total.yuan_text()} yuan, the lines hold {count} totalling "
            f"{total.yuan_text()} yuan: the file is incomplete or altered, nothing was imported"
            f" / 页脚{footer.side}合计 {footer.count} 笔共 {footer.total.yuan_text()} 元，"
            f"明细行为 {count} 笔共 {total.yuan_text()} 元：文件不完整或被改动，未导入任何内容"
        )


def account_refusal(store_code: str, known: str | None, found: str, file_name: str) -> str | None:
    """Why a file of Alipay account `found` cannot be imported into a store whose account is
    `known` (None: not known yet, any account is taken); None when it can."""
    if known is None or known == found:
        return None
    return (
        f"{file_name} is the statement of Alipay account {found}, but store {store_code}'s "
        f"account is {known}; nothing was imported (R-X1) / {file_name} 是支付宝账户 {found} "
        f"的账务明细，而店铺 {store_code} 的账户是 {known}；未导入任何内容"
    )


def account_taken_refusal(store_code: str, other_store: str, account: str, file_name: str) -> str:
    """Why a file of an account another store's statements came from cannot be this store's:
    the same money would be counted twice."""
    return (
        f"{file_name} is the statement of Alipay account {account}, which is store "
        f"{other_store}'s, not {store_code}'s; nothing was imported (R-X1) / {file_name} "
        f"是支付宝账户 {account} 的账务明细，该账户属于店铺 {other_store}，不属于 {store_code}；"
        "未导入任何内容"
    )


@dataclass(frozen=True, slots=True)
class StatementLine:
    """A line as read, with where it was read: the file and its row as a spreadsheet shows it."""

    entry: AlipayEntry
    file: str
    row: int


@dataclass(frozen=True, slots=True)
class ImportedStatement:
    """A statement file imported into a store: its content hash and what it brought."""

    sha256: str
    name: str
    account: str
    imported_at: datetime
    actor: str
    entries_new: int
    entries_unchanged: int
