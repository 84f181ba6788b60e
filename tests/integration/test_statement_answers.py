"""The brand's answers and the moves a statement refuses (R-S6, R-S8, R-D2, R-D3).

Every refusal is checked for its exit code, its message, and that nothing changed.
October 2026 is statement_steps.OCTOBER (remittance 462.20, see test_statement_lifecycle).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from daiyun.adapters.db.tables import audit_record, statement_recognition, statement_version
from daiyun.bootstrap import Daiyun
from tests.builders import contract_toml
from tests.integration.cli_runner import CliResult, run_daiyun
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

ISSUED_AT = "2026-11-05T10:00:00+08:00"


@pytest.fixture
def october(chando_store: str, tmp_path: Path) -> str:
    """October imported and drafted; chando's finance, admin and viewer users exist."""
    import_orders(chando_store, tmp_path / "october.csv", OCTOBER, "2026-11-01T09:00:00+08:00")
    add_brand_user(chando_store, "chando-finance", "brand_finance")
    add_brand_user(chando_store, "chando-admin", "brand_admin")
    add_brand_user(chando_store, "chando-viewer", "brand_viewer")
    ok(statement(chando_store, "draft", "2026-10", "--at", "2026-11-02T10:00:00+08:00"))
    return chando_store


def _answer(database_url: str, action: str, by: str, at: str, *extra: str) -> CliResult:
    return statement(database_url, action, "2026-10", "--by", by, "--at", at, *extra)


def _refused(app: Daiyun, result: CliResult, exit_code: int, message: str, before: object) -> None:
    assert result.exit_code == exit_code, result.stderr
    assert message in " ".join(result.stderr.split()), result.stderr
    assert result.stdout == ""
    assert database_snapshot(app) == before


def test_a_dispute_leads_to_a_new_version_whose_clock_restarts_from_its_issue(
    daiyun_app: Daiyun, october: str, tmp_path: Path
) -> None:
    """R-S6: a dispute produces a new version; its confirm-by counts from its own issue."""
    ok(statement(october, "issue", "2026-10", "--at", ISSUED_AT))
    disputed = ok(
        _answer(
            october, "dispute", "chando-admin", "2026-11-09T15:00:00+08:00",
            "--reason", "订单1004漏计",
        )
    )  # fmt: skip
    assert (disputed["version"], disputed["status"]) == (1, "disputed")
    # The missing order: 1 × 面膜 59.00, completed in October, reported late.
    late = completed(
        "1004", at="2026-10-28 12:00:00", sku="CD-MASK-5", units="1", unit_price="59.00",
        line_amount="59.00", buyer_key="tb_buyer_4",
    )  # fmt: skip
    import_orders(october, tmp_path / "late.csv", [late], "2026-11-10T09:00:00+08:00")

    redraft = ok(statement(october, "draft", "2026-10", "--at", "2026-11-13T09:00:00+08:00"))
    assert (redraft["version"], redraft["status"], redraft["confirm_by"]) == (2, "draft", None)
    # settlement 476.00 + 59.00 = 535.00; commission 535.00 × 5% = 26.75;
    # remittance 535.00 + 10.00 − 26.75 = 518.25
    assert (redraft["settlement_value"], redraft["commission"], redraft["remittance"]) == (
        "535.00", "26.75", "518.25",
    )  # fmt: skip

    # Issued Mon 16 Nov: confirm by Tue 17, Wed 18, Thu 19, Fri 20, Mon 23 November.
    issued = ok(statement(october, "issue", "2026-10", "--at", "2026-11-16T10:00:00+08:00"))
    assert (issued["version"], issued["confirm_by"]) == (2, "2026-11-23")
    confirmed = ok(_answer(october, "confirm", "chando-finance", "2026-11-18T10:00:00+08:00"))
    # R-S6: the later of 15 Nov and the 3rd working day after 18 Nov (19, 20, 23) = 23 Nov.
    assert (confirmed["status"], confirmed["payment_due"]) == ("confirmed", "2026-11-23")

    first = ok(statement(october, "show", "2026-10", "--version", "1", "--at", ISSUED_AT))
    assert (first["status"], first["remittance"], first["confirm_by"]) == (
        "disputed", "462.20", "2026-11-12",
    )  # fmt: skip
    with daiyun_app.engine.connect() as connection:
        holders = connection.execute(
            select(statement_version.c.version)
            .join(statement_recognition)
            .order_by(statement_version.c.version)
        ).scalars()
        dispute = connection.execute(
            select(audit_record.c.actor, audit_record.c.reason, audit_record.c.after).where(
                audit_record.c.action == "statement.dispute"
            )
        ).one()
    assert list(holders) == [2, 2, 2, 2]  # R-S1: version 2 holds the month's four lines
    assert dispute[:2] == ("chando-admin", "订单1004漏计")  # R-D3: who and why
    assert json.loads(dispute[2]) == {"status": "disputed", "version": 1}


def test_a_draft_cannot_be_confirmed_paid_or_drafted_into_a_second_version(
    daiyun_app: Daiyun, october: str
) -> None:
    """R-S6: only an issued version is answered, only a confirmed one paid."""
    before = database_snapshot(daiyun_app)
    _refused(
        daiyun_app,
        _answer(october, "confirm", "chando-finance", ISSUED_AT),
        1,
        "cannot confirm statement CHANDO-2026/2026-10 version 1: it is a draft the brand has "
        "not received: issue it first",
        before,
    )
    _refused(
        daiyun_app,
        pay(october, "2026-10", "462.20", "2026-11-05", ISSUED_AT),
        1,
        "cannot pay statement CHANDO-2026/2026-10 version 1: it is draft; a statement is paid "
        "once the brand has confirmed it (R-S6)",
        before,
    )
    _refused(
        daiyun_app,
        statement(october, "issue", "2026-09", "--at", ISSUED_AT),
        1,
        "statement CHANDO-2026/2026-09 does not exist: nothing has been drafted or issued",
        before,
    )


def test_months_are_issued_in_order(daiyun_app: Daiyun, october: str) -> None:
    """R-S1, R-S9: a month's refunds reverse only lines an issued statement recognised.
    November is drafted once it is over (issue 15: a month still running is refused)."""
    december = "2026-12-02T10:00:00+08:00"
    ok(statement(october, "draft", "2026-11", "--at", december))
    before = database_snapshot(daiyun_app)
    _refused(
        daiyun_app,
        statement(october, "issue", "2026-11", "--at", december),
        1,
        "cannot issue statement CHANDO-2026/2026-11: the statement of 2026-10 is drafted but "
        "not issued; months are issued in order, issue it first",
        before,
    )
    ok(statement(october, "issue", "2026-10", "--at", ISSUED_AT))
    ok(statement(october, "issue", "2026-11", "--at", december))
    ok(statement(october, "draft", "2026-09", "--at", december))
    before = database_snapshot(daiyun_app)
    _refused(
        daiyun_app,
        statement(october, "issue", "2026-09", "--at", december),
        1,
        "cannot issue statement CHANDO-2026/2026-09: the statement of 2026-10 is issued "
        "already; months are issued in order",
        before,
    )


def test_an_issued_statement_refuses_other_brands_wrong_roles_and_a_second_answer(
    daiyun_app: Daiyun, october: str, tmp_path: Path
) -> None:
    """R-D2: only chando's brand_admin or brand_finance answer; R-S6: once; R-S8: frozen."""
    other = tmp_path / "other.toml"
    other.write_text(
        contract_toml(
            brand_code="proya", brand_name="珀莱雅", contract_code="PROYA-2026",
            store_code="proya-tmall",
        ),
        encoding="utf-8",
    )  # fmt: skip
    assert run_daiyun(october, "contract", "load", str(other)).exit_code == 0
    add_brand_user(october, "proya-finance", "brand_finance", brand="proya")
    ok(statement(october, "issue", "2026-10", "--at", ISSUED_AT))
    at = "2026-11-06T10:00:00+08:00"
    before = database_snapshot(daiyun_app)
    refusals = [
        (
            _answer(october, "confirm", "proya-finance", at),
            1,
            "user proya-finance is of brand proya: only brand chando's own users answer "
            "statement CHANDO-2026 (R-D2)",
        ),
        (
            _answer(october, "confirm", "chando-viewer", at),
            1,
            "user chando-viewer is a brand_viewer: a statement is confirmed or disputed by a "
            "brand_admin or brand_finance user (R-D2)",
        ),
        (_answer(october, "confirm", "nobody", at), 2, "no user with login 'nobody'"),
        (
            _answer(october, "dispute", "chando-finance", at),
            1,
            "a dispute must say why: give --reason",
        ),
        (
            statement(october, "draft", "2026-10", "--at", at),
            1,
            "cannot draft statement CHANDO-2026/2026-10 version 1: it is issued and waits for "
            "the brand's confirmation or dispute",
        ),
        (
            pay(october, "2026-10", "462.20", "2026-11-06", at),
            1,
            "cannot pay statement CHANDO-2026/2026-10 version 1: it is issued",
        ),
        (
            run_daiyun(
                october, "statement", "show", "--contract", "NOPE-2026", "--month", "2026-10"
            ),
            2,
            "no contract with code 'NOPE-2026'",
        ),
        (
            statement(october, "show", "2026-08", "--at", at),
            2,
            "no statement CHANDO-2026/2026-08: draft it first",
        ),
    ]
    for result, exit_code, message in refusals:
        _refused(daiyun_app, result, exit_code, message, before)

    ok(_answer(october, "confirm", "chando-finance", at))
    confirmed = database_snapshot(daiyun_app)
    _refused(
        daiyun_app,
        _answer(october, "confirm", "chando-admin", "2026-11-07T10:00:00+08:00"),
        1,
        "cannot confirm statement CHANDO-2026/2026-10 version 1: it is confirmed: only "
        "payments remain",
        confirmed,
    )
    _refused(
        daiyun_app,
        pay(october, "2026-10", "462.21", "2026-11-16", "2026-11-16T10:00:00+08:00"),
        1,
        "a payment of 462.21 overpays statement CHANDO-2026/2026-10: 462.20 is outstanding "
        "of 462.20",
        confirmed,
    )
    ok(pay(october, "2026-10", "100.00", "2026-11-16", "2026-11-16T10:00:00+08:00"))
    paid = database_snapshot(daiyun_app)
    _refused(
        daiyun_app,
        pay(october, "2026-10", "100.00", "2026-11-16", "2026-11-16T11:00:00+08:00"),
        1,
        "a payment of 100.00 on 2026-11-16 is recorded already for CHANDO-2026/2026-10",
        paid,
    )


def test_an_issued_version_is_frozen_by_the_database_itself(
    daiyun_app: Daiyun, october: str
) -> None:
    """R-S8: once issued, a version's row cannot be updated, even bypassing the code."""
    ok(statement(october, "issue", "2026-10", "--at", ISSUED_AT))
    with daiyun_app.engine.connect() as connection, pytest.raises(Exception, match="R-S8"):
        connection.execute(statement_version.update().values(remittance_fen=1))
