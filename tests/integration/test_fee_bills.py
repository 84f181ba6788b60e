"""Model B's monthly fee bill through `daiyun bill …`, worked by hand (issue 18; R-B2, R-B3, R-B5,
R-C5, R-D3), on SQLite and PostgreSQL.

INOHERB-2026 (fee_bill_world.py): commission 3% of the month's receipts, VAT 6%, the bill issued
by the 3rd and paid by the 5th of M+1 (calendar days), the termination right when the bill is
more than 10 days overdue. October 2026 is billed in November.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from daiyun.bootstrap import Daiyun
from tests.alipay_files import StatementRow
from tests.builders import contract_toml
from tests.integration.cli_runner import CliResult, run_daiyun
from tests.integration.conftest import register_seed, seeded
from tests.integration.fee_bill_world import (
    CONTRACT,
    STORE,
    import_lines,
    income,
    load_inoherb,
    refund,
)
from tests.integration.snapshots import database_snapshot

NOV_2 = "2026-11-02T09:00:00+08:00"
FINANCE = "inoherb-finance"  # the brand's finance user, who answers its bills (R-D2)

# October 2026 in inoherb's Alipay account (R-B2):
#   交易付款  2 Oct   +12,000.00   trade income
#   在线支付  20 Oct     +445.60   trade income (its 商户订单号 names a Tmall order)
#   交易退款  21 Oct     −100.00   a trade refund paid out
#   提现      25 Oct     −500.00   a withdrawal to the brand's bank: not a receipt
#   转账      26 Oct   +5,000.00   a transfer in from the brand: not a receipt
#   转账      27 Oct      −20.00   a transfer out: not a receipt
#   收费      28 Oct       −4.17   a fee (天猫佣金{…}): not a receipt
#   在线支付  29 Oct     +300.00   naming no trade (a top-up): not a receipt
#   交易付款  30 Sep 23:59 +7.00 and 1 Nov 00:00 +1.00: other months (Beijing time)
# trade income 12,000.00 + 445.60 = 12,445.60; refunds 100.00; receipts 12,345.60
# commission 1,234,560 fen × 0.03 = 37,036.8 fen → half-up 37,037 → 370.37 (R-B2)
# VAT 37,037 × 0.06 = 2,222.22 fen → 2,222 → 22.22 (R-B3); due 370.37 + 22.22 = 392.59
# issue by 3 Nov, pay by 5 Nov; more than 10 days overdue from 5 + 11 = 16 Nov (R-B5)
OCTOBER = [
    income("1", "2026-10-02 10:00:00", "12000.00"),
    StatementRow(
        "2", occurred_at="2026-10-20 10:00:00", income="+445.60", business_type="在线支付",
        merchant_order_no="T200P4012000000000002",
    ),
    refund("3", "2026-10-21 10:00:00", "100.00"),
    StatementRow("4", occurred_at="2026-10-25 10:00:00", expense="-500.00", business_type="提现"),
    StatementRow("5", occurred_at="2026-10-26 10:00:00", income="+5000.00", business_type="转账"),
    StatementRow("6", occurred_at="2026-10-27 10:00:00", expense="-20.00", business_type="转账"),
    StatementRow(
        "7", occurred_at="2026-10-28 10:00:00", expense="-4.17", business_type="收费",
        remark="天猫佣金{4012000000000001}",
    ),
    StatementRow(
        "8", occurred_at="2026-10-29 10:00:00", income="+300.00", business_type="在线支付"
    ),
    income("9", "2026-09-30 23:59:59", "7.00"),
    income("10", "2026-11-01 00:00:00", "1.00"),
]  # fmt: skip

OCTOBER_BILL = {
    "contract": "INOHERB-2026", "brand": "inoherb", "month": "2026-10", "version": 1,
    "status": "draft", "receipts": "12345.60", "commission": "370.37", "vat": "22.22",
    "amount_due": "392.59", "issue_by": "2026-11-03", "payment_due": "2026-11-05",
    "paid": "0.00", "termination_right_from": "2026-11-16",
}  # fmt: skip


def bill(url: str, action: str, month: str, *extra: str) -> CliResult:
    """`daiyun bill ACTION --contract INOHERB-2026 --month MONTH --json EXTRA…`."""
    return run_daiyun(
        url, "bill", action, "--contract", CONTRACT, "--month", month, "--json", *extra
    )


def ok(result: CliResult) -> Any:
    assert result.exit_code == 0, result.stderr
    return result.json()


def refused(result: CliResult, *words: str) -> str:
    """A rule's refusal: exit 1, the message naming `words`."""
    assert result.exit_code == 1, (result.stdout, result.stderr)
    message = " ".join(result.stderr.split())
    for word in words:
        assert word in message, message
    return message


def pay(url: str, month: str, amount: str, paid_on: str, at: str) -> CliResult:
    return bill(url, "pay", month, "--amount", amount, "--paid-on", paid_on, "--at", at)


def standing(url: str, month: str = "2026-10", at: str = "2026-11-20T09:00:00+08:00") -> Any:
    """The bill as shown on a fixed day, and the brand's ledger: what a refusal must not move."""
    return (
        ok(bill(url, "show", month, "--at", at)),
        ok(run_daiyun(url, "account", "show", "--brand", "inoherb", "--json")),
    )


def balances(url: str, *accounts: str) -> dict[str, str]:
    """The brand's ledger balances of these accounts."""
    shown = ok(run_daiyun(url, "account", "show", "--brand", "inoherb", "--json"))["balances"]
    return {account: shown[account] for account in accounts}


def _add_inoherb(url: str, folder: Path) -> None:
    """INOHERB-2026 loaded, with its brand finance user."""
    load_inoherb(url, folder)
    added = run_daiyun(
        url, "user", "add", "--login", FINANCE, "--role", "brand_finance",
        "--brand", "inoherb",
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr


# Loaded once per worker and database, each test's database a copy (tests/integration/conftest.py).
_SEED_INOHERB = register_seed(__name__, "inoherb", _add_inoherb, extends=None)


@pytest.fixture
def inoherb(database_url: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """INOHERB-2026 loaded, with its brand finance user."""
    if not seeded(request, _SEED_INOHERB):
        _add_inoherb(database_url, tmp_path)
    return database_url


def _add_october(url: str, folder: Path) -> None:
    """inoherb with October's Alipay statement imported."""
    import_lines(url, folder, "october", OCTOBER)


# Loaded once per worker and database, each test's database a copy (tests/integration/conftest.py).
_SEED_OCTOBER = register_seed(__name__, "october", _add_october, extends=_SEED_INOHERB)


@pytest.fixture
def october(inoherb: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """inoherb with October's Alipay statement imported."""
    if not seeded(request, _SEED_OCTOBER):
        _add_october(inoherb, tmp_path)
    return inoherb


# — months worked by hand —


def test_a_plain_month_as_interfaces_md_shows_it(october: str) -> None:
    drafted = ok(bill(october, "draft", "2026-10", "--at", NOV_2))
    assert {key: drafted[key] for key in OCTOBER_BILL} == OCTOBER_BILL
    assert list(drafted)[: len(OCTOBER_BILL)] == list(OCTOBER_BILL)  # interfaces.md's order
    # Transfers (转账), withdrawals (提现), fees (收费), a top-up and other months left out.
    assert (drafted["trade_income"], drafted["refunds_paid_out"]) == ("12445.60", "100.00")
    assert (drafted["carried_in"], drafted["carried_out"]) == ("0.00", "0.00")
    assert (drafted["commission_base"], drafted["outstanding"]) == ("12345.60", "392.59")
    assert (drafted["commission_rate"], drafted["vat_rate"]) == ("0.03", "0.06")
    issued = ok(bill(october, "issue", "2026-10", "--at", NOV_2))
    assert issued == drafted | {"status": "issued", "issued_on": "2026-11-02"}


def test_refunds_larger_than_income_bill_nothing_and_carry_the_shortfall(
    inoherb: str, tmp_path: Path
) -> None:
    # September: income 1,000.00, refunds 1,600.00 (of sales billed in earlier months):
    # receipts −600.00. No negative commission: the bill is 0.00 and −600.00 is carried into
    # October's base (domain/fee_bills/bill.py).
    # October: income 2,000.00; base 2,000.00 − 600.00 = 1,400.00; commission 140,000 × 0.03 =
    # 4,200 fen = 42.00; VAT 4,200 × 0.06 = 252 fen = 2.52; due 44.52.
    import_lines(inoherb, tmp_path, "sep-oct", [
        income("21", "2026-09-03 10:00:00", "1000.00"),
        refund("22", "2026-09-10 10:00:00", "1600.00"),
        income("23", "2026-10-08 10:00:00", "2000.00"),
    ])  # fmt: skip
    september = ok(bill(inoherb, "draft", "2026-09", "--at", NOV_2))
    assert {k: september[k] for k in ("receipts", "commission", "vat", "amount_due")} == {
        "receipts": "-600.00", "commission": "0.00", "vat": "0.00", "amount_due": "0.00",
    }  # fmt: skip
    assert (september["commission_base"], september["carried_out"]) == ("0.00", "-600.00")
    assert (september["issue_by"], september["payment_due"]) == ("2026-10-03", "2026-10-05")
    october = ok(bill(inoherb, "draft", "2026-10", "--at", NOV_2))
    assert {
        key: october[key]
        for key in ("receipts", "carried_in", "commission_base", "commission", "vat")
    } == {
        "receipts": "2000.00", "carried_in": "-600.00", "commission_base": "1400.00",
        "commission": "42.00", "vat": "2.52",
    }  # fmt: skip
    assert (october["amount_due"], october["carried_out"]) == ("44.52", "0.00")
    # Nothing is owed on September's: issued, it is never overdue; confirmed, it is settled.
    issued = ok(bill(inoherb, "issue", "2026-09", "--at", NOV_2))
    assert (issued["days_overdue"], issued["termination_right"]) == (0, False)
    confirmed = ok(bill(inoherb, "confirm", "2026-09", "--by", FINANCE, "--at", NOV_2))
    assert confirmed["status"] == "settled"
    ok(bill(inoherb, "issue", "2026-10", "--at", NOV_2))
    # R-B2, R-B3: only October's 44.52 is owed: 42.00 commission, 2.52 VAT.
    assert balances(inoherb, "fees_receivable", "commission", "vat_payable") == {
        "fees_receivable": "44.52", "commission": "-42.00", "vat_payable": "-2.52",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("paid_on", "days_late", "right"),
    [
        ("2026-11-15", 10, False),  # 5 Nov + 10: not "more than 10 days overdue"
        ("2026-11-16", 11, True),  # 5 Nov + 11: more than 10 days (R-B5)
    ],
)
def test_paying_eleven_days_late_gives_the_termination_right_and_ten_does_not(
    october: str, paid_on: str, days_late: int, right: bool
) -> None:
    ok(bill(october, "draft", "2026-10", "--at", NOV_2))
    ok(bill(october, "issue", "2026-10", "--at", NOV_2))
    # Unpaid: 10 days overdue on the 15th, no right yet; 11 on the 16th, the right.
    unpaid_15 = ok(bill(october, "show", "2026-10", "--at", "2026-11-15T23:00:00+08:00"))
    assert (unpaid_15["days_overdue"], unpaid_15["termination_right"]) == (10, False)
    unpaid_16 = ok(bill(october, "show", "2026-10", "--at", "2026-11-16T08:00:00+08:00"))
    assert (unpaid_16["days_overdue"], unpaid_16["termination_right"]) == (11, True)
    paid = ok(pay(october, "2026-10", "392.59", paid_on, f"{paid_on}T10:00:00+08:00"))
    assert (paid["status"], paid["days_overdue"], paid["termination_right"]) == (
        "settled", days_late, right,
    )  # fmt: skip
    # Paid in full, the count stops: the same a month later.
    later = ok(bill(october, "show", "2026-10", "--at", "2026-12-20T09:00:00+08:00"))
    assert (later["days_overdue"], later["termination_right"]) == (days_late, right)


# — the lifecycle: draft, issue, dispute, version 2, confirm, pay in part, settled —


def test_a_bill_is_drafted_issued_disputed_reissued_confirmed_and_paid_in_part_then_full(
    daiyun_app: Daiyun, october: str, tmp_path: Path
) -> None:
    first = ok(bill(october, "draft", "2026-10", "--at", NOV_2))
    snapshot = database_snapshot(daiyun_app)
    # Drafting again on the same lines: the same content hash, nothing stored anew.
    again = ok(bill(october, "draft", "2026-10", "--at", "2026-11-02T11:00:00+08:00"))
    assert again == first
    said = run_daiyun(
        october, "bill", "draft", "--contract", CONTRACT, "--month", "2026-10", "--at", NOV_2
    )
    assert said.exit_code == 0 and "draft unchanged" in said.stderr
    assert database_snapshot(daiyun_app) == snapshot

    issued = ok(bill(october, "issue", "2026-10", "--at", NOV_2))
    assert (issued["version"], issued["status"], issued["content_hash"]) == (
        1, "issued", first["content_hash"],
    )  # fmt: skip
    # An issued version is immutable: drafting over it is refused, nothing changed.
    before = database_snapshot(daiyun_app)
    refused(bill(october, "draft", "2026-10", "--at", NOV_2), "cannot draft", "issued")
    assert database_snapshot(daiyun_app) == before

    # The brand disputes: a refund of 345.60 on 31 Oct is missing from the statement imported.
    refused(bill(october, "dispute", "2026-10", "--by", FINANCE, "--at", NOV_2), "--reason")
    disputed = ok(
        bill(
            october, "dispute", "2026-10", "--by", FINANCE, "--reason",
            "退款 345.60（10月31日）未计入", "--at", "2026-11-03T10:00:00+08:00",
        )
    )  # fmt: skip
    assert (disputed["version"], disputed["status"]) == (1, "disputed")
    import_lines(october, tmp_path, "late-refund", [refund("31", "2026-10-31 20:00:00", "345.60")])
    # Version 2: receipts 12,345.60 − 345.60 = 12,000.00; commission 1,200,000 × 0.03 =
    # 36,000 fen = 360.00; VAT 36,000 × 0.06 = 2,160 fen = 21.60; due 381.60.
    second = ok(bill(october, "draft", "2026-10", "--at", "2026-11-04T09:00:00+08:00"))
    assert {k: second[k] for k in ("version", "status", "receipts", "amount_due")} == {
        "version": 2, "status": "draft", "receipts": "12000.00", "amount_due": "381.60",
    }  # fmt: skip
    assert (second["commission"], second["vat"]) == ("360.00", "21.60")
    assert second["content_hash"] != first["content_hash"]
    reissued = ok(bill(october, "issue", "2026-10", "--at", "2026-11-04T09:00:00+08:00"))
    assert (reissued["version"], reissued["issued_on"]) == (2, "2026-11-04")
    # The dates are the month's, whichever version (R-B2).
    assert (reissued["payment_due"], reissued["termination_right_from"]) == (
        "2026-11-05", "2026-11-16",
    )  # fmt: skip
    # Version 1 stays as it was issued: its figures, its hash, disputed.
    one = ok(bill(october, "show", "2026-10", "--version", "1", "--at", NOV_2))
    assert one == issued | {"status": "disputed"}

    # The ledger: version 1 posted, reversed when version 2 was issued, version 2 posted.
    account = ok(run_daiyun(october, "account", "show", "--brand", "inoherb", "--json"))
    keys = [entry["key"] for entry in account["entries"]]
    assert keys == [
        "fee_bill:INOHERB-2026:2026-10:v1",
        "fee_bill:INOHERB-2026:2026-10:v1:reversed",
        "fee_bill:INOHERB-2026:2026-10:v2",
    ]
    assert balances(october, "fees_receivable", "commission", "vat_payable") == {
        "fees_receivable": "381.60", "commission": "-360.00", "vat_payable": "-21.60",
    }  # fmt: skip

    answered = "2026-11-04T18:00:00+08:00"
    confirmed = ok(bill(october, "confirm", "2026-10", "--by", FINANCE, "--at", answered))
    assert confirmed["status"] == "confirmed"
    part = ok(pay(october, "2026-10", "200.00", "2026-11-05", "2026-11-05T10:00:00+08:00"))
    assert (part["status"], part["paid"], part["outstanding"]) == ("part_paid", "200.00", "181.60")
    # 381.60 − 200.00 = 181.60, paid on the 6th: 1 day late, no right (R-B5).
    full = ok(pay(october, "2026-10", "181.60", "2026-11-06", "2026-11-06T10:00:00+08:00"))
    assert (full["status"], full["paid"], full["outstanding"]) == ("settled", "381.60", "0.00")
    assert (full["days_overdue"], full["termination_right"]) == (1, False)
    assert full["payments"] == [
        {"paid_on": "2026-11-05", "amount": "200.00"},
        {"paid_on": "2026-11-06", "amount": "181.60"},
    ]
    account = ok(run_daiyun(october, "account", "show", "--brand", "inoherb", "--json"))
    assert (account["balances"]["fees_receivable"], account["balances"]["cash"]) == (
        "0.00", "381.60",
    )  # fmt: skip
    assert sum(int(v.replace(".", "")) for v in account["balances"].values()) == 0


def test_payments_that_overpay_repeat_come_from_the_future_or_before_the_issue_are_refused(
    daiyun_app: Daiyun, october: str
) -> None:
    # A draft cannot be paid.
    ok(bill(october, "draft", "2026-10", "--at", NOV_2))
    before = database_snapshot(daiyun_app)
    refused(pay(october, "2026-10", "10.00", "2026-11-02", NOV_2), "cannot pay", "issue it first")
    assert database_snapshot(daiyun_app) == before
    ok(bill(october, "issue", "2026-10", "--at", "2026-11-03T09:00:00+08:00"))
    # Paid without a confirmation: the payment is its acceptance (lifecycle.py).
    part = ok(pay(october, "2026-10", "92.59", "2026-11-04", "2026-11-04T09:00:00+08:00"))
    assert (part["status"], part["outstanding"]) == ("part_paid", "300.00")

    shown = standing(october)
    snapshot = database_snapshot(daiyun_app)
    at = "2026-11-05T09:00:00+08:00"
    cases = [
        # 300.00 outstanding of 392.59: 300.01 is too much.
        (
            pay(october, "2026-10", "300.01", "2026-11-05", at),
            ("overpays", "300.00 is outstanding"),
        ),
        # the same amount on the same day again: recorded already.
        (pay(october, "2026-10", "92.59", "2026-11-04", at), ("recorded already",)),
        # dated after today (5 November).
        (pay(october, "2026-10", "10.00", "2026-11-06", at), ("2026-11-06", "after today")),
        # dated before the bill was issued (3 November).
        (pay(october, "2026-10", "10.00", "2026-11-02", at), ("before the bill was issued",)),
        # zero.
        (pay(october, "2026-10", "0.00", "2026-11-05", at), ("more than zero",)),
    ]  # fmt: skip
    for result, words in cases:
        refused(result, *words)
    assert standing(october) == shown
    assert database_snapshot(daiyun_app) == snapshot

    settled = ok(pay(october, "2026-10", "300.00", "2026-11-05", at))
    assert settled["status"] == "settled"
    shown = standing(october)
    snapshot = database_snapshot(daiyun_app)
    refused(pay(october, "2026-10", "0.01", "2026-11-05", at), "settled")
    # Nor is a settled bill answered any more.
    refused(bill(october, "dispute", "2026-10", "--by", FINANCE, "--reason", "x", "--at", at))
    assert standing(october) == shown
    assert database_snapshot(daiyun_app) == snapshot


def test_a_disputed_bill_is_not_paid_until_its_next_version_is_issued(
    daiyun_app: Daiyun, october: str
) -> None:
    ok(bill(october, "draft", "2026-10", "--at", NOV_2))
    ok(bill(october, "issue", "2026-10", "--at", NOV_2))
    ok(bill(october, "dispute", "2026-10", "--by", FINANCE, "--reason", "金额有误", "--at", NOV_2))
    before = database_snapshot(daiyun_app)
    refused(pay(october, "2026-10", "392.59", "2026-11-02", NOV_2), "disputed", "next version")
    assert database_snapshot(daiyun_app) == before


# — what cannot be billed yet, and months in order —


def test_a_month_whose_alipay_statement_is_not_imported_is_not_drafted(
    daiyun_app: Daiyun, inoherb: str, tmp_path: Path
) -> None:
    before = database_snapshot(daiyun_app)
    refused(
        bill(inoherb, "draft", "2026-10", "--at", NOV_2),
        "have no lines", "import the brand's Alipay statement of 2026-10 first",
    )  # fmt: skip
    assert database_snapshot(daiyun_app) == before
    import_lines(inoherb, tmp_path, "october", OCTOBER)  # 30 Sep 23:59:59 … 1 Nov 00:00
    before = database_snapshot(daiyun_app)
    # August ends before the first line: not covered, not billed 0.00 for want of a statement.
    refused(
        bill(inoherb, "draft", "2026-08", "--at", NOV_2),
        "cover 2026-09-30 to 2026-11-01 only", "Alipay statement of 2026-08",
    )  # fmt: skip
    # November is not over on 2 November (R-B2: the month's receipts).
    assert bill(inoherb, "draft", "2026-11", "--at", NOV_2).exit_code == 1
    assert database_snapshot(daiyun_app) == before


def test_months_are_drafted_and_issued_in_order(
    daiyun_app: Daiyun, inoherb: str, tmp_path: Path
) -> None:
    import_lines(inoherb, tmp_path, "aug-oct", [
        income("41", "2026-08-03 10:00:00", "100.00"),
        income("42", "2026-09-03 10:00:00", "200.00"),
        income("43", "2026-10-03 10:00:00", "300.00"),
    ])  # fmt: skip
    ok(bill(inoherb, "draft", "2026-08", "--at", NOV_2))  # the first month billed in daiyun
    before = database_snapshot(daiyun_app)
    # October's base depends on what September carries out: September first.
    refused(bill(inoherb, "draft", "2026-10", "--at", NOV_2), "draft 2026-09 first")
    assert database_snapshot(daiyun_app) == before
    ok(bill(inoherb, "draft", "2026-09", "--at", NOV_2))
    ok(bill(inoherb, "draft", "2026-10", "--at", NOV_2))
    before = database_snapshot(daiyun_app)
    refused(bill(inoherb, "issue", "2026-10", "--at", NOV_2), "2026-09 is not issued")
    refused(bill(inoherb, "issue", "2026-09", "--at", NOV_2), "2026-08 is not issued")
    assert database_snapshot(daiyun_app) == before
    for month in ("2026-08", "2026-09", "2026-10"):
        assert ok(bill(inoherb, "issue", month, "--at", NOV_2))["status"] == "issued"
    listed = ok(run_daiyun(inoherb, "bill", "list", "--contract", CONTRACT, "--json"))
    # 100.00, 200.00, 300.00 × 3% = 3.00, 6.00, 9.00; VAT 6%: 0.18, 0.36, 0.54
    assert [(b["month"], b["amount_due"]) for b in listed["bills"]] == [
        ("2026-08", "3.18"), ("2026-09", "6.36"), ("2026-10", "9.54"),
    ]  # fmt: skip


# — the annual service fee's instalments and the deposit (R-B1, R-B4, R-C5) —

# INOHERB-2026's terms (fee_bill_world.py), with the second instalment's months written out.
_TERMS = """\
model_b_commission_rate = "0.03"
vat_rate = "0.06"
fee_overdue_termination_days = 10
service_fee_annual = "120000.00"
first_instalment_share = "0.5"
first_instalment_days = 3
second_instalment_months = 5
service_deposit = "20000.00"
"""


def load_signed_on(url: str, folder: Path, day: str, *, auto_renew: bool = True) -> None:
    """INOHERB-2026 signed, and effective (R-C5: its first payment received), on `day`."""
    text = contract_toml(
        brand_code="inoherb", brand_name="相宜本草", contract_code=CONTRACT, model="B",
        store_code=STORE, extra_terms=_TERMS,
    ).replace("2026-01-05", day)  # fmt: skip
    if not auto_renew:
        text = text.replace("auto_renew = true", "auto_renew = false")
    path = folder / "inoherb.toml"
    path.write_text(text, encoding="utf-8")
    loaded = run_daiyun(url, "contract", "load", str(path))
    assert loaded.exit_code == 0, loaded.stderr


def fees(url: str, at: str) -> Any:
    return ok(run_daiyun(url, "service-fee", "list", "--contract", CONTRACT, "--at", at, "--json"))


def pay_instalment(url: str, number: int, amount: str, paid_on: str) -> CliResult:
    return run_daiyun(
        url, "service-fee", "pay", "--contract", CONTRACT, "--instalment", str(number),
        "--amount", amount, "--paid-on", paid_on, "--at", f"{paid_on}T10:00:00+08:00", "--json",
    )  # fmt: skip


def test_instalments_from_a_signing_on_31_january(database_url: str, tmp_path: Path) -> None:
    load_signed_on(database_url, tmp_path, "2026-01-31")
    # R-B1: 120,000.00 × 0.5 = 60,000.00 first, the rest 60,000.00 second; R-B3: VAT 6% on
    # each, 3,600.00: 63,600.00 owed each.
    # The first within 3 days of signing: 31 Jan + 3 = 3 February.
    # The second 5 months after the effective date: 31 June does not exist, so its last day,
    # 30 June (Civil Code art. 203; domain/fee_bills/instalments.py).
    # R-B5: more than 10 days overdue from 3 Feb + 11 = 14 Feb, and 30 Jun + 11 = 11 Jul.
    listed = fees(database_url, "2026-02-01T09:00:00+08:00")
    assert (listed["annual_fee"], listed["effective_on"]) == ("120000.00", "2026-01-31")
    assert listed["instalments"] == [
        {
            "number": 1, "amount": "60000.00", "vat": "3600.00", "amount_due": "63600.00",
            "due_on": "2026-02-03", "paid": "0.00", "status": "due",
            "termination_right_from": "2026-02-14", "termination_right": False,
        },
        {
            "number": 2, "amount": "60000.00", "vat": "3600.00", "amount_due": "63600.00",
            "due_on": "2026-06-30", "paid": "0.00", "status": "due",
            "termination_right_from": "2026-07-11", "termination_right": False,
        },
    ]  # fmt: skip
    assert ok(pay_instalment(database_url, 1, "30000.00", "2026-02-02"))  # in part, early
    on_the_4th = fees(database_url, "2026-02-04T09:00:00+08:00")["instalments"][0]
    assert (on_the_4th["paid"], on_the_4th["status"]) == ("30000.00", "overdue")
    # The rest, 63,600.00 − 30,000.00 = 33,600.00, on 13 Feb: 10 days late, no right.
    ok(pay_instalment(database_url, 1, "33600.00", "2026-02-13"))
    paid = fees(database_url, "2026-03-01T09:00:00+08:00")["instalments"][0]
    assert (paid["paid"], paid["status"], paid["termination_right"]) == (
        "63600.00", "paid", False,
    )  # fmt: skip
    # The second unpaid: the right from 11 July, not on the 10th.
    assert not fees(database_url, "2026-07-10T09:00:00+08:00")["instalments"][1][
        "termination_right"
    ]
    assert fees(database_url, "2026-07-11T09:00:00+08:00")["instalments"][1]["termination_right"]
    account = ok(run_daiyun(database_url, "account", "show", "--brand", "inoherb", "--json"))
    # The instalment's receivable is posted with its first payment, then both payments come in.
    assert {k: account["balances"][k] for k in ("fees_receivable", "service_fee", "cash")} == {
        "fees_receivable": "0.00", "service_fee": "-60000.00", "cash": "63600.00",
    }  # fmt: skip


def test_the_deposit_refund_falls_due_across_guoqing(
    daiyun_app: Daiyun, database_url: str, tmp_path: Path
) -> None:
    # Effective Wed 30 Sep 2025 for 12 months without renewal: the term is [2025-09-30,
    # 2026-09-30), its last day Tue 29 September 2026 (R-C5).
    load_signed_on(database_url, tmp_path, "2025-09-30", auto_renew=False)
    deposit = run_daiyun(
        database_url, "deposit", "receive", "--contract", CONTRACT, "--on", "2025-10-01",
        "--at", "2025-10-01T10:00:00+08:00", "--json",
    )  # fmt: skip
    assert ok(deposit)["state"] == "held"
    # R-B1: the first instalment due 30 Sep + 3 = 3 Oct 2025, the second 5 months after:
    # 28 Feb 2026 (no 30 February). Both paid before the end: all is settled.
    ok(pay_instalment(database_url, 1, "63600.00", "2025-10-02"))
    ok(pay_instalment(database_url, 2, "63600.00", "2026-02-27"))
    # On its last day the contract runs: the deposit is held.
    running = fees(database_url, "2026-09-29T18:00:00+08:00")["deposit"]
    assert (running["state"], running["refund_due"]) == ("held", None)
    # R-B4: refunded within 5 working days after it ended. 2026's 国庆: 1–7 October off,
    # Saturday 10 October worked (调休): 30 Sep (1), 8 Oct (2), 9 Oct (3), Sat 10 Oct (4),
    # Mon 12 Oct (5) → due 12 October.
    ended = fees(database_url, "2026-09-30T09:00:00+08:00")["deposit"]
    assert ended == {
        "amount": "20000.00", "state": "refund_due", "received_on": "2025-10-01",
        "refund_due": "2026-10-12", "ended_on": None,
    }  # fmt: skip
    refunded = run_daiyun(
        database_url, "deposit", "refund", "--contract", CONTRACT, "--on", "2026-10-12",
        "--at", "2026-10-12T10:00:00+08:00", "--json",
    )  # fmt: skip
    assert (ok(refunded)["state"], ok(refunded)["ended_on"]) == ("refunded", "2026-10-12")
    account = ok(run_daiyun(database_url, "account", "show", "--brand", "inoherb", "--json"))
    # 2 × 63,600.00 in, the deposit 20,000.00 in and out again.
    assert {k: account["balances"][k] for k in ("deposit_held", "cash", "fees_receivable")} == {
        "deposit_held": "0.00", "cash": "127200.00", "fees_receivable": "0.00",
    }  # fmt: skip
    # Refunded once only.
    before = database_snapshot(daiyun_app)
    again = run_daiyun(
        database_url, "deposit", "refund", "--contract", CONTRACT, "--on", "2026-10-13",
        "--at", "2026-10-13T10:00:00+08:00",
    )  # fmt: skip
    refused(again, "refunded already")
    assert database_snapshot(daiyun_app) == before


def test_an_earlier_month_is_not_billed_after_a_later_one_was_issued(
    daiyun_app: Daiyun, inoherb: str, tmp_path: Path
) -> None:
    # August: income 1,000.00, refunds 1,600.00: receipts −600.00, carried into September.
    # September (2,000.00) issued first, as the first month billed in daiyun: base 2,000.00.
    # Drafting August now would bill 0.00 and carry −600.00 into a September that is frozen:
    # the shortfall would lapse (bill.py: carried until used up). Months are billed in order.
    import_lines(inoherb, tmp_path, "aug-sep", [
        income("51", "2026-08-03 10:00:00", "1000.00"),
        refund("52", "2026-08-10 10:00:00", "1600.00"),
        income("53", "2026-09-03 10:00:00", "2000.00"),
    ])  # fmt: skip
    ok(bill(inoherb, "draft", "2026-09", "--at", NOV_2))
    ok(bill(inoherb, "issue", "2026-09", "--at", NOV_2))
    before = database_snapshot(daiyun_app)
    refused(bill(inoherb, "draft", "2026-08", "--at", NOV_2), "2026-09")
    assert database_snapshot(daiyun_app) == before
