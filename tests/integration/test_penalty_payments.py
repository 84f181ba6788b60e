"""`daiyun payment penalty`: the late penalty posted when a statement was paid in full is paid
to the brand, in parts if need be, and never forgotten (R-S7).

October 2026 at chando's Tmall store is statement_steps.OCTOBER: remittance 462.20 (worked by
hand in test_statement_lifecycle.py). Issued 5 Nov, confirmed 10 Nov: payment due 15 Nov.
R-S7 charges 0.3% a day of the unpaid 462.20: 46,220 fen × 0.003 = 138.66 fen a day. Paid in
full on 25 Nov: 16–25 Nov are 10 days late, 10 × 138.66 = 1,386.60 fen, rounded half-up once
when posted: 13.87 owed to the brand.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from daiyun.adapters.db.tables import audit_record
from daiyun.bootstrap import Daiyun
from tests.integration.cli_runner import CliResult, run_daiyun
from tests.integration.conftest import register_seed, seeded
from tests.integration.snapshots import database_snapshot
from tests.integration.statement_steps import (
    CONTRACT,
    OCTOBER,
    add_brand_user,
    import_orders,
    ok,
    pay,
    statement,
)


def _add_october(url: str, folder: Path) -> None:
    """chando's October issued on 5 Nov and confirmed on 10 Nov: 462.20 due on 15 Nov."""
    import_orders(url, folder / "october.csv", OCTOBER, "2026-11-01T09:00:00+08:00")
    add_brand_user(url, "chando-finance", "brand_finance")
    ok(statement(url, "draft", "2026-10", "--at", "2026-11-02T10:00:00+08:00"))
    ok(statement(url, "issue", "2026-10", "--at", "2026-11-05T10:00:00+08:00"))
    confirm = ("--by", "chando-finance", "--at", "2026-11-10T16:00:00+08:00")
    ok(statement(url, "confirm", "2026-10", *confirm))


# Loaded once per worker and database, each test's database a copy (tests/integration/conftest.py).
_SEED = register_seed(__name__, "october", _add_october, extends="chando_store")


@pytest.fixture
def october(chando_store: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """chando's October issued on 5 Nov and confirmed on 10 Nov: 462.20 due on 15 Nov."""
    if not seeded(request, _SEED):
        _add_october(chando_store, tmp_path)
    return chando_store


@pytest.fixture
def settled_late(october: str) -> str:
    """October paid in full on 25 Nov, 10 days late: 13.87 of late penalty posted (R-S7)."""
    settled = ok(pay(october, "2026-10", "462.20", "2026-11-25", "2026-11-25T15:00:00+08:00"))
    assert (settled["status"], settled["penalty_accrued"]) == ("settled", "13.87")
    assert (settled["penalty_posted"], settled["penalty_paid"]) == ("13.87", "0.00")
    return october


def pay_penalty(
    database_url: str, amount: str, paid_on: str, *, month: str = "2026-10",
    at: str = "2026-11-30T10:00:00+08:00", contract: str = CONTRACT,
) -> CliResult:  # fmt: skip
    """`daiyun payment penalty …` for chando's statement of `month`, as of `at`."""
    return run_daiyun(
        database_url, "payment", "penalty", "--contract", contract, "--month", month,
        "--amount", amount, "--paid-on", paid_on, "--at", at, "--json",
    )  # fmt: skip


def _account(database_url: str) -> Any:
    return ok(run_daiyun(database_url, "account", "show", "--brand", "chando", "--json"))


def _show(database_url: str) -> Any:
    return ok(statement(database_url, "show", "2026-10", "--at", "2026-12-31T12:00:00+08:00"))


def _stderr(result: CliResult) -> str:
    return " ".join(result.stderr.split())


def test_a_posted_penalty_is_paid_in_two_parts_and_the_brand_is_owed_nothing(
    daiyun_app: Daiyun, settled_late: str
) -> None:
    """R-S7: never forgotten when the principal is paid — and cleared once paid to the brand.

    Goods payable (credit-normal): issued −462.20, remittance +462.20, penalty −13.87, so the
    brand is owed 13.87. Paid 5.00 on 26 Nov: owed 13.87 − 5.00 = 8.87. Paid 8.87 on 28 Nov:
    owed 0.00. Cash went out 462.20 + 5.00 + 8.87 = 476.07.
    """
    assert _account(settled_late)["owed_to_brand"] == "13.87"

    first = ok(pay_penalty(settled_late, "5.00", "2026-11-26", at="2026-11-26T10:00:00+08:00"))
    assert (first["status"], first["penalty_posted"], first["penalty_paid"]) == (
        "settled", "13.87", "5.00",
    )  # fmt: skip
    assert first["penalty_accrued"] == "13.87"  # the stated figure is unchanged
    account = _account(settled_late)
    assert account["owed_to_brand"] == "8.87"
    [entry] = [e for e in account["entries"] if e["kind"] == "penalty_payment"]
    assert entry == {
        "key": "penalty:CHANDO-2026:2026-10:v1:paid:2026-11-26:500", "booked_on": "2026-11-26",
        "kind": "penalty_payment",
        "memo": "late penalty of statement CHANDO-2026 2026-10 paid to the brand",
        "reverses": None, "postings": {"goods_payable": "5.00", "cash": "-5.00"},
    }  # fmt: skip
    assert _show(settled_late)["penalty_paid"] == "5.00"

    second = ok(pay_penalty(settled_late, "8.87", "2026-11-28"))
    assert (second["penalty_posted"], second["penalty_paid"]) == ("13.87", "13.87")
    account = _account(settled_late)
    assert account["owed_to_brand"] == "0.00"
    assert account["balances"]["goods_payable"] == "0.00"
    assert account["balances"]["cash"] == "-476.07"
    assert account["balances"]["penalty"] == "13.87"  # the expense stays, as posted
    shown = _show(settled_late)
    assert (shown["penalty_posted"], shown["penalty_paid"]) == ("13.87", "13.87")

    # R-D3: each payment audited, the penalty before and after.
    with daiyun_app.engine.connect() as connection:
        rows = connection.execute(
            select(audit_record.c.actor, audit_record.c.before, audit_record.c.after)
            .where(audit_record.c.action == "statement.pay_penalty")
            .order_by(audit_record.c.id)
        ).all()
    assert [json.loads(row.after) for row in rows] == [
        {"amount": "5.00", "paid_on": "2026-11-26", "penalty_posted": "13.87",
         "penalty_paid": "5.00", "penalty_owed": "8.87"},
        {"amount": "8.87", "paid_on": "2026-11-28", "penalty_posted": "13.87",
         "penalty_paid": "13.87", "penalty_owed": "0.00"},
    ]  # fmt: skip
    assert json.loads(rows[1].before)["penalty_owed"] == "8.87"
    assert all(row.actor.startswith("cli:") for row in rows)


def test_the_human_output_says_what_is_still_owed(settled_late: str) -> None:
    result = run_daiyun(
        settled_late, "payment", "penalty", "--contract", CONTRACT, "--month", "2026-10",
        "--amount", "3.87", "--paid-on", "2026-11-27", "--at", "2026-11-30T10:00:00+08:00",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    said = _stderr(result)
    assert "late penalty payment of 3.87 on 2026-11-27 recorded: 10.00 still owed of 13.87" in said
    assert "late penalty posted 13.87, paid to the brand 3.87, owed 10.00 (R-S7)" in said


def test_a_statement_without_a_posted_penalty_shows_null(october: str) -> None:
    shown = _show(october)
    assert (shown["penalty_posted"], shown["penalty_paid"]) == (None, "0.00")


def test_what_cannot_be_paid_is_refused_saying_why_and_changes_nothing(
    daiyun_app: Daiyun, settled_late: str
) -> None:
    ok(pay_penalty(settled_late, "5.00", "2026-11-26"))
    refused = "cannot pay the late penalty of statement CHANDO-2026/2026-10: "
    before = database_snapshot(daiyun_app)
    cases: list[tuple[CliResult, int, str]] = [
        (
            pay_penalty(settled_late, "8.88", "2026-11-27"),
            1,
            refused + "a penalty payment of 8.88 is more than is owed: 8.87 is owed of the late "
            "penalty of 13.87",
        ),
        (
            pay_penalty(settled_late, "5.00", "2026-11-26"),
            1,
            "a penalty payment of 5.00 on 2026-11-26 is recorded already for CHANDO-2026/2026-10",
        ),
        (
            pay_penalty(settled_late, "1.00", "2026-12-01"),
            1,
            refused + "a penalty payment cannot be dated 2026-12-01, after today 2026-11-30",
        ),
        (
            pay_penalty(settled_late, "0.00", "2026-11-27"),
            1,
            refused + "a penalty payment must be more than zero, not 0.00",
        ),
        (
            pay_penalty(settled_late, "1.00", "2026-11-27", month="2026-09"),
            1,
            "statement CHANDO-2026/2026-09 does not exist",
        ),
        (
            pay_penalty(settled_late, "1.00", "2026-11-27", contract="NOBODY"),
            2,
            "no contract with code 'NOBODY'",
        ),
        (pay_penalty(settled_late, "1.001", "2026-11-27"), 2, "--amount"),
        (pay_penalty(settled_late, "1.00", "27 Nov"), 2, "--paid-on '27 Nov' is not a day"),
    ]
    for result, code, message in cases:
        assert result.exit_code == code, result.stderr
        assert message in _stderr(result)
    assert database_snapshot(daiyun_app) == before


def test_a_statement_not_settled_has_no_penalty_to_pay(daiyun_app: Daiyun, october: str) -> None:
    """R-S7: the penalty is posted — and so payable — once the remittance is paid in full."""
    ok(pay(october, "2026-10", "100.00", "2026-11-20", "2026-11-20T09:00:00+08:00"))
    before = database_snapshot(daiyun_app)
    result = pay_penalty(october, "1.00", "2026-11-27")
    assert result.exit_code == 1
    assert (
        "cannot pay the late penalty of statement CHANDO-2026/2026-10: it is part_paid; the "
        "penalty is posted, and then paid, once the remittance is paid in full (R-S7)"
    ) in _stderr(result)
    assert database_snapshot(daiyun_app) == before


def test_a_statement_paid_on_time_had_no_late_penalty_due(daiyun_app: Daiyun, october: str) -> None:
    ok(pay(october, "2026-10", "462.20", "2026-11-13", "2026-11-13T09:00:00+08:00"))
    before = database_snapshot(daiyun_app)
    result = pay_penalty(october, "1.00", "2026-11-27")
    assert result.exit_code == 1
    assert (
        "cannot pay the late penalty of statement CHANDO-2026/2026-10: no late penalty was due "
        "when it was paid in full"
    ) in _stderr(result)
    assert database_snapshot(daiyun_app) == before
