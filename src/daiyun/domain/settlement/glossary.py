"""One name per statement amount, in Chinese and English, for the pages, the PDF and the XLSX.

The Chinese names are the source document's where it has one (seed/source-zh.md, article 2,
chapter 3): 佣金 and 佣金比例 (art. 3.1), 销售差额 (art. 3.2, rules.md's glossary), 结算金额 of
the 对账通知单 and the 货款 remitted to the brand (art. 4.5), 成交额 and 技术服务费率
(art. 4.4.1). Every place that names an amount takes its name from here, so that the web page,
the PDF and the workbook a brand's finance person compares never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

__all__ = ["GLOSSARY", "Term", "term"]


@dataclass(frozen=True, slots=True)
class Term:
    """One amount's name: its key (the Statement JSON's where it is one), 中文, English."""

    key: str
    zh: str
    en: str
    is_money: bool = True


_TERMS: Final[tuple[Term, ...]] = (
    # The figures of interfaces.md's Statement JSON, in its order.
    Term("recognised_lines", "确认行数", "Recognised lines", False),
    Term("recognised_units", "确认件数", "Recognised units", False),
    Term("returned_units", "退货件数", "Returned units", False),
    # §2 ch.3 art.4.4.1: 成交额（不含邮费）, what the buyers paid for the goods (R-S4, R-S5).
    Term("sales_amount", "成交额", "Sales amount"),
    Term("returned_amount", "退货金额", "Returned amount"),
    Term("concession_amount", "仅退款金额", "Concession amount"),
    # §2 ch.3 art.4.5: 结算金额, the units at their settlement price (R-S2).
    Term("settlement_value", "结算金额", "Settlement value"),
    Term("commission", "佣金", "Commission"),  # §2 ch.3 art.3.1 (R-S3)
    Term("spread", "销售差额", "Spread"),  # §2 ch.3 art.3.2 (R-S4)
    Term("brand_deductions", "品牌承担扣款", "Brand deductions"),  # R-S9
    Term("shipping_income", "运费收入", "Shipping income"),
    Term("platform_fees", "平台技术服务费", "Platform fees"),  # §2 ch.3 art.4.4 (R-S5)
    # §2 ch.3 art.4.5: 汇入上月的货款（扣除当月的佣金）(R-S6).
    Term("remittance", "应汇货款", "Remittance"),
    Term("unsettleable_orders", "无法结算订单", "Unsettleable orders", False),
    Term("price_violations", "价格违规", "Price violations", False),
    # Issue 17, R-S5 (§2 ch.3 art.4.4): 保证金 and 年费 charged in the month, and what the
    # brand bears of the platform's fees (deducted from the remittance).
    Term("platform_charges", "平台保证金及年费", "Platform deposit and annual fee"),
    Term("platform_fees_borne", "品牌承担平台费用", "Platform fees borne by the brand"),
    # Issue 19, R-F7: goods lost or damaged in the operator's custody (保管期间货损/丢失).
    Term("custody_losses", "保管期间货损/丢失赔偿", "Custody losses owed to the brand"),
    # What the statement's page and files add to the figures.
    Term("penalty_accrued", "累计滞纳金", "Penalty accrued"),  # R-S7
    Term("paid", "已付货款", "Paid"),
    Term("outstanding", "尚欠货款", "Outstanding"),
    # The inputs of the derived figures (R-S8: down to the contract terms).
    Term("commission_base", "计佣基数", "Commission base"),  # R-S3: the settlement value
    Term("commission_rate", "佣金比例", "Commission rate", False),
    Term("fee_rate", "技术服务费率", "Fee rate", False),  # R-S5: the category's rate
    Term("settlement_price", "结算单价", "Settlement price"),  # R-S2
)

GLOSSARY: Final[dict[str, Term]] = {each.key: each for each in _TERMS}


def term(key: str) -> Term:
    """The name of the amount `key`; KeyError for an amount the glossary does not name."""
    return GLOSSARY[key]
