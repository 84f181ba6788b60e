"""Money in: the Alipay account statement's lines, and (later) orders matched with them (R-X1)."""

from daiyun.domain.reconciliation.alipay import (
    AlipayEntry,
    Charge,
    ChargeKind,
    FooterTotal,
    ImportedStatement,
    StatementHeader,
    StatementLine,
    Tally,
    account_refusal,
    account_taken_refusal,
    charge_of,
    order_of_merchant_no,
)

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
