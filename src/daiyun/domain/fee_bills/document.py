"""A month's fee bill as drafted: its receipts, its figures and the hash that names them (R-B2).

The content hash is over everything the bill says, so drafting again on the same Alipay lines
and terms gives the same hash and leaves the stored draft as it is; any change of a figure, a
date or the lines counted gives another (R-S8's rule, applied to bills).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from daiyun.domain.calendar import Month
from daiyun.domain.contracts.terms import ContractTerms
from daiyun.domain.fee_bills.bill import BillFigures, bill_figures
from daiyun.domain.fee_bills.receipts import (
    MonthReceipts,
    is_trade_income,
    is_trade_refund,
    month_receipts,
)
from daiyun.domain.money import Money
from daiyun.domain.reconciliation.alipay import AlipayEntry

__all__ = ["FeeBill", "draft_bill"]


@dataclass(frozen=True, slots=True)
class FeeBill:
    """What a draft of month M's bill says."""

    contract: str
    receipts: MonthReceipts
    figures: BillFigures
    income_lines: int  # trade income lines counted
    refund_lines: int  # trade refund lines counted

    @property
    def content_hash(self) -> str:
        """sha256 of the bill's content, the same for the same content (R-S8, R-B2)."""
        figures = self.figures
        content = {
            "contract": self.contract,
            "month": str(figures.month),
            "trade_income": self.receipts.trade_income.fen,
            "refunds_paid_out": self.receipts.refunds_paid_out.fen,
            "receipts": figures.receipts.fen,
            "carried_in": figures.carried_in.fen,
            "commission_base": figures.commission_base.fen,
            "carried_out": figures.carried_out.fen,
            "commission": figures.commission.fen,
            "vat": figures.vat.fen,
            "issue_by": figures.issue_by.isoformat(),
            "payment_due": figures.payment_due.isoformat(),
            "termination_right_from": figures.termination_right_from.isoformat(),
            "income_lines": self.income_lines,
            "refund_lines": self.refund_lines,
        }
        text = json.dumps(content, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()


def draft_bill(
    contract: str,
    month: Month,
    entries: Iterable[AlipayEntry],
    terms: ContractTerms,
    carried_in: Money | None = None,
) -> FeeBill:
    """Month M's bill from the account's lines (R-B2, R-B3): the lines of other months and
    those that are not receipts are left out; the shortfall carried from M-1 comes off first."""
    counted = {"income": 0, "refund": 0}
    kept: list[AlipayEntry] = []
    for entry in entries:
        if Month.containing(entry.occurred_at) != month:
            continue
        if is_trade_income(entry):
            counted["income"] += 1
        elif is_trade_refund(entry):
            counted["refund"] += 1
        else:
            continue
        kept.append(entry)
    receipts = month_receipts(month, kept)
    figures = bill_figures(month, receipts.receipts, terms, carried_in)
    return FeeBill(contract, receipts, figures, counted["income"], counted["refund"])
