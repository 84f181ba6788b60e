"""The accounts a brand's money moves through: model A (R-S6, R-S7, R-S9) and model B
(R-B1–R-B4)."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Account"]


class Account(StrEnum):
    """One account of a brand's ledger; debits are positive, credits negative."""

    # Money the operator collected from buyers on the brand's behalf, at settlement value
    # (plus shipping income when the contract gives it to the brand): debited on issue.
    COLLECTIONS = "collections"
    # What the operator owes the brand: credited by the remittance and by penalties,
    # debited by payments (R-S6).
    GOODS_PAYABLE = "goods_payable"
    # The operator's commission (R-S3): credited on issue.
    COMMISSION = "commission"
    # Brand-borne concessions (R-S9 quality refunds) recovered from the brand.
    BRAND_DEDUCTIONS = "brand_deductions"
    # Late penalty the operator owes the brand (R-S7): debited (an expense) when posted.
    PENALTY = "penalty"
    # The operator's bank account: credited by remittances paid out.
    CASH = "cash"
    # The platform's own fees (R-S5, issue 17): debited by the deposit and annual fee when
    # due (credited by an annual fee refund), credited by what the brand bears of the platform
    # fees through its statements; what stays debited is what the operator bore.
    PLATFORM_FEES = "platform_fees"
    # Model B (issue 18): what the brand owes the operator, commission and service fee with
    # their VAT: debited when a bill is issued or an instalment falls due, credited by payments.
    FEES_RECEIVABLE = "fees_receivable"
    # R-B3: the VAT the operator's invoices add, owed to the tax office: credited with each fee.
    VAT_PAYABLE = "vat_payable"
    # R-B1: the annual service fee, before VAT: credited when an instalment falls due.
    SERVICE_FEE = "service_fee"
    # R-B4: the service deposit the brand paid, held for the term and owed back to it:
    # credited when received, debited when refunded or forfeited.
    DEPOSIT_HELD = "deposit_held"
    # R-B4: a deposit forfeited on the brand's breach or unilateral termination: income.
    DEPOSIT_FORFEITED = "deposit_forfeited"
    # R-F7 (issue 19): the brand's goods lost or damaged in the operator's custody, the
    # operator's to bear: debited (an expense) when the statement owing them is issued.
    CUSTODY_LOSSES = "custody_losses"

    @property
    def label_zh(self) -> str:
        """The account's name as a Chinese finance clerk reads it."""
        return _LABELS_ZH[self]


_LABELS_ZH = {
    Account.COLLECTIONS: "代收货款",
    Account.GOODS_PAYABLE: "应付品牌货款",
    Account.COMMISSION: "佣金收入",
    Account.BRAND_DEDUCTIONS: "品牌承担扣款",
    Account.PENALTY: "滞纳金",
    Account.CASH: "银行存款",
    Account.PLATFORM_FEES: "平台费用",
    Account.FEES_RECEIVABLE: "应收服务费",
    Account.VAT_PAYABLE: "应交增值税",
    Account.SERVICE_FEE: "年度服务费收入",
    Account.DEPOSIT_HELD: "代管保证金",
    Account.DEPOSIT_FORFEITED: "没收保证金收入",
    Account.CUSTODY_LOSSES: "保管期间货损/丢失赔偿",  # issue 19, R-F7
}
