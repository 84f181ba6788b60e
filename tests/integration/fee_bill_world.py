"""inoherb's model B contract for the fee bill tests (issue 18, R-B1–R-B5), worked by hand.

INOHERB-2026: signed and effective 2026-01-05 (R-C5: the first payment was received that day),
commission 3% of receipts (R-B2), VAT 6% (R-B3), bill issued by the 3rd and paid by the 5th of
M+1, termination right when more than 10 days overdue (R-B5), annual service fee 120,000.00 in
two halves (R-B1), deposit 20,000.00 (R-B4). One Tmall store, inoherb-tmall.
"""

from __future__ import annotations

from pathlib import Path

from tests.alipay_files import StatementRow, write_statement_csv
from tests.builders import contract_toml
from tests.integration.cli_runner import run_daiyun

__all__ = [
    "CONTRACT",
    "STORE",
    "import_lines",
    "income",
    "load_inoherb",
    "refund",
]

CONTRACT = "INOHERB-2026"
STORE = "inoherb-tmall"

_TERMS = """\
model_b_commission_rate = "0.03"
vat_rate = "0.06"
commission_issue_day = 3
commission_payment_day = 5
fee_overdue_termination_days = 10
service_fee_annual = "120000.00"
first_instalment_share = "0.5"
service_deposit = "20000.00"
"""


def load_inoherb(url: str, folder: Path) -> None:
    """The contract and its store, into an empty database."""
    path = folder / "inoherb.toml"
    path.write_text(
        contract_toml(
            brand_code="inoherb",
            brand_name="相宜本草",
            contract_code=CONTRACT,
            model="B",
            store_code=STORE,
            extra_terms=_TERMS,
        ),
        encoding="utf-8",
    )
    result = run_daiyun(url, "contract", "load", str(path))
    assert result.exit_code == 0, result.stderr


def income(no: str, at: str, amount: str, order_no: str = "4012000000000001") -> StatementRow:
    """A buyer's payment reaching the account (交易付款)."""
    return StatementRow(
        no, occurred_at=at, income=f"+{amount}", merchant_order_no=f"T200P{order_no}"
    )


def refund(no: str, at: str, amount: str, order_no: str = "4012000000000001") -> StatementRow:
    """A trade refund paid out of the account (交易退款)."""
    return StatementRow(
        no, occurred_at=at, expense=f"-{amount}", business_type="交易退款",
        merchant_order_no=f"T200P{order_no}",
    )  # fmt: skip


def import_lines(url: str, folder: Path, name: str, lines: list[StatementRow]) -> None:
    """The store's Alipay statement of these lines, imported."""
    path = write_statement_csv(folder / f"{name}.csv", lines)
    result = run_daiyun(url, "alipay", "import", "--store", STORE, str(path))
    assert result.exit_code == 0, result.stderr
