"""The brand's ledger and the statement's obligations through the commands (issue 4, R-O1).

October 2026 at chando's Tmall store is statement_steps.OCTOBER: settlement value 476.00,
shipping income 10.00 (the brand's), commission 23.80, remittance 462.20 (worked by hand in
test_statement_lifecycle.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from daiyun.bootstrap import Daiyun
from tests.integration.cli_runner import run_daiyun
from tests.integration.snapshots import database_snapshot
from tests.integration.statement_steps import (
    OCTOBER,
    add_brand_user,
    completed,
    import_orders,
    ok,
    pay,
    statement,
)


@pytest.fixture
def october(chando_store: str, tmp_path: Path) -> str:
    """chando's store with October's orders imported and a brand finance user."""
    import_orders(chando_store, tmp_path / "october.csv", OCTOBER, "2026-11-01T09:00:00+08:00")
    add_brand_user(chando_store, "chando-finance", "brand_finance")
    return chando_store


def _account(database_url: str) -> Any:
    return ok(run_daiyun(database_url, "account", "show", "--brand", "chando", "--json"))


def _october_duties(database_url: str, as_of: str) -> dict[str, tuple[Any, ...]]:
    document = ok(
        run_daiyun(
            database_url, "obligations", "list", "--brand", "chando", "--as-of", as_of, "--json"
        )
    )
    assert document["as_of"] == as_of
    return {
        o["kind"]: (o["party"], o["due_on"], o["status"], o["done_on"])
        for o in document["obligations"]
        if o["subject"] == "statement CHANDO-2026 2026-10"
    }


def test_issuing_paying_late_and_the_penalty_post_balanced_entries(october: str) -> None:
    ok(statement(october, "draft", "2026-10", "--at", "2026-11-02T10:00:00+08:00"))
    ok(statement(october, "issue", "2026-10", "--at", "2026-11-05T10:00:00+08:00"))
    confirm = ("--by", "chando-finance", "--at", "2026-11-10T16:00:00+08:00")
    ok(statement(october, "confirm", "2026-10", *confirm))
    # Issued: collections 476.00 + 10.00 = 486.00; commission 23.80; owed 462.20.
    assert _account(october)["owed_to_brand"] == "462.20"

    ok(pay(october, "2026-10", "200.00", "2026-11-17", "2026-11-17T11:00:00+08:00"))
    ok(pay(october, "2026-10", "262.20", "2026-11-20", "2026-11-20T09:00:00+08:00"))
    account = _account(october)
    # R-S7: paid in full on 20 Nov, 5 days after the 15th: 5.13 penalty (worked by hand in
    # test_statement_lifecycle), posted once, owed to the brand on top of the remittance.
    assert account["owed_to_brand"] == "5.13"
    assert account["balances"] == {
        "collections": "486.00",
        "goods_payable": "-5.13",
        "commission": "-23.80",
        "brand_deductions": "0.00",
        "penalty": "5.13",
        "cash": "-462.20",
        "platform_fees": "0.00",  # issue 17, R-S5: nothing charged, the operator bears them
        # Model B's accounts (issue 18): nothing for a model A brand.
        "fees_receivable": "0.00",
        "vat_payable": "0.00",
        "service_fee": "0.00",
        "deposit_held": "0.00",
        "deposit_forfeited": "0.00",
        "custody_losses": "0.00",  # issue 19, R-F7: nothing lost in custody
    }
    assert [(e["key"], e["booked_on"], e["postings"]) for e in account["entries"]] == [
        (
            "statement:CHANDO-2026:2026-10:v1",
            "2026-11-05",
            {"collections": "486.00", "goods_payable": "-462.20", "commission": "-23.80"},
        ),
        (
            "payment:CHANDO-2026:2026-10:v1:2026-11-17:20000",
            "2026-11-17",
            {"goods_payable": "200.00", "cash": "-200.00"},
        ),
        (
            "payment:CHANDO-2026:2026-10:v1:2026-11-20:26220",
            "2026-11-20",
            {"goods_payable": "262.20", "cash": "-262.20"},
        ),
        (
            "penalty:CHANDO-2026:2026-10:v1",
            "2026-11-20",
            {"goods_payable": "-5.13", "penalty": "5.13"},
        ),
    ]
    # R-O1 as of 20 Nov: issued 5 Nov (by 10 Nov), confirmed 10 Nov (by 12 Nov), paid in full
    # 20 Nov — due 15 Nov, so missed; the termination right (15 + 15 = 30 Nov) was not reached.
    assert _october_duties(october, "2026-11-20") == {
        "issue_statement": ("operator", "2026-11-10", "met", "2026-11-05"),
        "answer_statement": ("brand", "2026-11-12", "met", "2026-11-10"),
        "pay_remittance": ("operator", "2026-11-15", "missed", "2026-11-20"),
        "pay_before_termination": ("operator", "2026-11-30", "met", "2026-11-20"),
    }


def test_a_dispute_reverses_version_1_when_version_2_is_issued(
    october: str, tmp_path: Path
) -> None:
    ok(statement(october, "draft", "2026-10", "--at", "2026-11-02T10:00:00+08:00"))
    ok(statement(october, "issue", "2026-10", "--at", "2026-11-05T10:00:00+08:00"))
    dispute = ("--by", "chando-finance", "--at", "2026-11-09T15:00:00+08:00", "--reason", "漏单")
    ok(statement(october, "dispute", "2026-10", *dispute))
    # Until version 2 is issued, version 1 stands: 462.20 owed.
    assert _account(october)["owed_to_brand"] == "462.20"
    late = completed(
        "1004", at="2026-10-28 12:00:00", sku="CD-MASK-5", units="1", unit_price="59.00",
        line_amount="59.00", buyer_key="tb_buyer_4",
    )  # fmt: skip
    import_orders(october, tmp_path / "late.csv", [late], "2026-11-10T09:00:00+08:00")
    ok(statement(october, "draft", "2026-10", "--at", "2026-11-13T09:00:00+08:00"))
    ok(statement(october, "issue", "2026-10", "--at", "2026-11-16T10:00:00+08:00"))

    account = _account(october)
    # Version 2: 535.00 + 10.00 − 26.75 = 518.25 owed; version 1 reversed, not changed.
    assert account["owed_to_brand"] == "518.25"
    assert [(e["key"], e["kind"], e["reverses"]) for e in account["entries"]] == [
        ("statement:CHANDO-2026:2026-10:v1", "statement_issued", None),
        (
            "statement:CHANDO-2026:2026-10:v1:reversed",
            "reversal",
            "statement:CHANDO-2026:2026-10:v1",
        ),
        ("statement:CHANDO-2026:2026-10:v2", "statement_issued", None),
    ]
    assert account["balances"]["collections"] == "545.00"
    # R-S6: the answer clock restarts from version 2's issue (Mon 16 Nov → Mon 23 Nov).
    duties = _october_duties(october, "2026-11-18")
    assert duties["answer_statement"] == ("brand", "2026-11-23", "open", None)
    assert duties["issue_statement"] == ("operator", "2026-11-10", "met", "2026-11-05")


def test_a_month_without_a_statement_shows_its_missed_issue_duty(chando_store: str) -> None:
    document = ok(
        run_daiyun(chando_store, "obligations", "list", "--as-of", "2026-02-20", "--json")
    )
    # chando's contract is effective 5 Jan 2026: January's statement was due by 10 Feb.
    # (Other areas' duties — the renewal notice, issue 21; reports — have their own tests.)
    statements = [each for each in document["obligations"] if each["rule"] in ("R-S6", "R-S7")]
    assert statements == [
        {
            "kind": "issue_statement",
            "party": "operator",
            "subject": "statement CHANDO-2026 2026-01",
            "brand": "chando",
            "due_on": "2026-02-10",
            "status": "missed",
            "done_on": None,
            "consequence": "the brand's answer and the payment wait for it; a breach of the"
            " statement clause",
            "rule": "R-S6",
        }
    ]


def test_unknown_brand_and_bad_day_are_refused_and_change_nothing(
    daiyun_app: Daiyun, chando_store: str
) -> None:
    before = database_snapshot(daiyun_app.engine)
    unknown = run_daiyun(chando_store, "account", "show", "--brand", "nobody")
    assert (unknown.exit_code, "no brand with code 'nobody'" in unknown.stderr) == (2, True)
    bad = run_daiyun(chando_store, "obligations", "list", "--as-of", "2026-13-01")
    assert bad.exit_code == 2 and "--as-of '2026-13-01' is not a day" in bad.stderr
    assert database_snapshot(daiyun_app.engine) == before


def test_posted_ledger_records_cannot_be_changed_or_deleted(
    daiyun_app: Daiyun, october: str
) -> None:
    ok(statement(october, "draft", "2026-10", "--at", "2026-11-02T10:00:00+08:00"))
    ok(statement(october, "issue", "2026-10", "--at", "2026-11-05T10:00:00+08:00"))
    before = database_snapshot(daiyun_app.engine)
    for sql in (
        "UPDATE ledger_posting SET amount_fen = 0",
        "DELETE FROM ledger_posting",
        "UPDATE ledger_entry SET memo = 'x'",
        "DELETE FROM ledger_entry",
    ):
        with (
            pytest.raises(DBAPIError, match="ledger records are never changed"),
            daiyun_app.engine.begin() as connection,
        ):
            connection.execute(text(sql))
    assert database_snapshot(daiyun_app.engine) == before
