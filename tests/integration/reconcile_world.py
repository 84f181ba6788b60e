"""A store's October 2026 for reconciliation, worked by hand (R-X1, R-S5): chando's Tmall store
with orders completed in September, October and November and the October and November Alipay
statements, one difference of each cause in October. tests/integration/test_reconcile.py
checks the command on it, tests/integration/test_reconciliation_pages.py the finance page."""

from __future__ import annotations

from pathlib import Path

from tests.alipay_files import StatementRow, write_statement_csv, write_statement_zip
from tests.builders import daiyun_order_row, write_daiyun_orders
from tests.integration.cli_runner import run_daiyun

__all__ = [
    "NOVEMBER_LINES",
    "OCTOBER_LINES",
    "ORDERS",
    "STORE",
    "UNKNOWN",
    "A",
    "B",
    "C",
    "D",
    "E",
    "F",
    "G",
    "H",
    "J",
    "load_october",
]  # fmt: skip

STORE = "chando-tmall"
# Orders of chando's Tmall store; both SKUs' categories (面霜, 面膜) take the default rate 5%.
A, B, C, D, E, F, G = (f"40120000000000{n:02d}" for n in range(1, 8))
H, J = "4012000000000008", "4012000000000009"  # September's and November's
UNKNOWN = "4012000000000099"  # an order daiyun never imported


def _order(order_no: str, completed_at: str, **values: str) -> dict[str, str]:
    row = daiyun_order_row(
        order_no,
        status="completed",
        created_at="2026-09-01 09:00:00",
        paid_at="2026-09-01 09:01:00",
        shipped_at="2026-09-02 10:00:00",
        completed_at=completed_at,
    )
    row.update(values)
    return row


CREAM = {"sku": "CD-CREAM-50", "units": "1", "unit_price": "139.00", "line_amount": "139.00"}
TWO_MASKS = {"sku": "CD-MASK-5", "units": "2", "unit_price": "59.00", "line_amount": "118.00"}
MASK = {"sku": "CD-MASK-5", "units": "1", "unit_price": "59.00", "line_amount": "59.00"}
TWO_CREAMS = {"sku": "CD-CREAM-50", "units": "2", "unit_price": "139.00", "line_amount": "278.00"}

ORDERS = [
    # A: 139.00, fee 139.00 × 5% = 6.95; both in Alipay: matched.
    _order(A, "2026-10-05 12:00:00", **CREAM),
    # B: 118.00 + shipping 10.00 = 128.00 received on 10-31; its fee 118.00 × 5% = 5.90
    # is charged on 11-02, in November's statement: still B's, matched.
    _order(B, "2026-10-31 20:00:00", shipping="10.00", **TWO_MASKS),
    # C: 139.00 expected, nothing arrived: missing_receipt.
    _order(C, "2026-10-12 08:00:00", **CREAM),
    # D: 278.00 less a 20.00 refund before completion = 258.00 expected, fee
    # (278.00 − 20.00) × 5% = 12.90; 257.00 arrived: amount_differs, −1.00.
    _order(
        D,
        "2026-10-10 08:00:00",
        refund_amount="20.00",
        refunded_at="2026-10-08 09:00:00",
        **TWO_CREAMS,
    ),
    # E: 59.00, fee 59.00 × 5% = 2.95; 3.54 charged: fee_differs, +0.59.
    _order(E, "2026-10-15 08:00:00", **MASK),
    # F: 139.00, fee 6.95, both arrived; a 15.00 refund after completion (10-20) that Alipay
    # never paid out: refund_unmatched, −15.00.
    _order(
        F,
        "2026-10-06 08:00:00",
        refund_amount="15.00",
        refunded_at="2026-10-20 10:00:00",
        **CREAM,
    ),
    # G: 118.00, fee 5.90; one mask (59.00) returned on 10-22 and paid out that day: matched.
    _order(
        G,
        "2026-10-03 08:00:00",
        refund_units="1",
        refund_amount="59.00",
        refunded_at="2026-10-22 10:00:00",
        **TWO_MASKS,
    ),
    # H: September's (completed 09-30 23:50); its money and fee came on 10-01.
    _order(H, "2026-09-30 23:50:00", **CREAM),
    # J: November's (completed 11-01 00:10 as daiyun has it); its money came on 10-31 23:59:50.
    _order(J, "2026-11-01 00:10:00", **MASK),
]


def _income(no: str, order_no: str, at: str, amount: str) -> StatementRow:
    return StatementRow(
        no, occurred_at=at, income=f"+{amount}", merchant_order_no=f"T200P{order_no}"
    )


def _fee(
    no: str, order_no: str, at: str, amount: str, words: str = "天猫佣金{{{}}}"
) -> StatementRow:
    return StatementRow(
        no, occurred_at=at, expense=f"-{amount}", business_type="收费",
        remark=words.format(order_no),
    )  # fmt: skip


OCTOBER_LINES = [
    _income("2026100100001", H, "2026-10-01 00:00:30", "139.00"),
    _fee("2026100100002", H, "2026-10-01 00:00:31", "6.95"),
    _income("2026100300001", G, "2026-10-03 08:00:10", "118.00"),
    _fee("2026100300002", G, "2026-10-03 08:00:11", "5.90"),
    _income("2026100500001", A, "2026-10-05 12:00:05", "139.00"),
    _fee("2026100500002", A, "2026-10-05 12:00:06", "6.95"),
    _income("2026100600001", F, "2026-10-06 08:00:05", "139.00"),
    _fee("2026100600002", F, "2026-10-06 08:00:06", "6.95"),
    _income("2026101000001", D, "2026-10-10 08:00:05", "257.00"),
    _fee("2026101000002", D, "2026-10-10 08:00:06", "12.90"),
    _income("2026101500001", E, "2026-10-15 08:00:05", "59.00"),
    _fee("2026101500002", E, "2026-10-15 08:00:06", "3.54"),
    # Not the technical service fee: an other charge, not compared.
    _fee("2026101500003", E, "2026-10-15 08:00:07", "1.77", "淘宝客佣金代扣款[{}]"),
    _income("2026101800001", UNKNOWN, "2026-10-18 10:00:00", "88.00"),
    _fee("2026101800002", UNKNOWN, "2026-10-18 10:00:01", "4.40"),
    StatementRow(
        "2026102200001",
        occurred_at="2026-10-22 10:00:05",
        expense="-59.00",
        business_type="交易退款",
        merchant_order_no=f"T200P{G}",
    ),
    StatementRow(
        "2026102500001",
        occurred_at="2026-10-25 10:00:00",
        expense="-30.00",
        business_type="转账",
        remark="虚假发货赔付红包",
    ),
    StatementRow(
        "2026102800001",
        occurred_at="2026-10-28 10:00:00",
        expense="-500.00",
        business_type="提现",
        remark="提现",
    ),
    _income("2026103100001", B, "2026-10-31 20:00:10", "128.00"),
    _income("2026103100002", J, "2026-10-31 23:59:50", "59.00"),
]
NOVEMBER_LINES = [
    _fee("2026110100001", J, "2026-11-01 00:10:05", "2.95"),
    _fee("2026110200001", B, "2026-11-02 03:00:00", "5.90"),
]


def load_october(url: str, folder: Path) -> None:
    """Into a database holding chando's store (the chando_store fixture): the orders above,
    imported as of 2026-11-05, and October's (a ZIP) and November's (a CSV) statements."""
    orders = write_daiyun_orders(folder / "orders.csv", ORDERS)
    result = run_daiyun(
        url, "orders", "import", "--store", STORE, "--as-of", "2026-11-05T09:00:00+08:00",
        str(orders),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    october = write_statement_zip(folder / "202610.zip", OCTOBER_LINES)
    november = write_statement_csv(folder / "202611.csv", NOVEMBER_LINES)
    result = run_daiyun(url, "alipay", "import", "--store", STORE, str(october), str(november))
    assert result.exit_code == 0, result.stderr
