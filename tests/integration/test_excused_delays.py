"""`daiyun payment excuse`: days of delay the brand caused carry no penalty (R-S7, §2 ch.6 art.5).

October 2026 at chando's Tmall store is statement_steps.OCTOBER: remittance 462.20 (worked by
hand in test_statement_lifecycle.py). Issued 5 Nov, confirmed 10 Nov: payment due 15 Nov.
R-S7 charges 0.3% a day of the unpaid 462.20: 46,220 fen × 0.003 = 138.66 fen a day.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from daiyun.adapters.db.excused_delay_tables import statement_excused_delay
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

REASON = "品牌方更换收款账户，11月18日至20日无法收款"


def _add_october(url: str, folder: Path) -> None:
    """chando's October issued on 5 Nov and confirmed on 10 Nov: 462.20 due on 15 Nov."""
    import_orders(url, folder / "october.csv", OCTOBER, "2026-11-01T09:00:00+08:00")
    add_brand_user(url, "chando-finance", "brand_finance")
    ok(statement(url, "draft", "2026-10", "--at", "2026-11-02T10:00:00+08:00"))
    ok(statement(url, "issue", "2026-10", "--at", "2026-11-05T10:00:00+08:00"))
    confirm = ("--by", "chando-finance", "--at", "2026-11-10T16:00:00+08:00")
    assert ok(statement(url, "confirm", "2026-10", *confirm))["payment_due"] == "2026-11-15"


# Loaded once per worker and database, each test's database a copy (tests/integration/conftest.py).
_SEED = register_seed(__name__, "october", _add_october, extends="chando_store")


@pytest.fixture
def october(chando_store: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """chando's October issued on 5 Nov and confirmed on 10 Nov: 462.20 due on 15 Nov."""
    if not seeded(request, _SEED):
        _add_october(chando_store, tmp_path)
    return chando_store


def excuse(
    database_url: str, first: str, last: str, *extra: str, month: str = "2026-10",
    at: str = "2026-11-21T10:00:00+08:00", reason: str | None = REASON,
) -> CliResult:  # fmt: skip
    """`daiyun payment excuse …` for chando's statement of `month`, as of `at`."""
    given = () if reason is None else ("--reason", reason)
    return run_daiyun(
        database_url, "payment", "excuse", "--contract", CONTRACT, "--month", month,
        "--from", first, "--to", last, *given, "--at", at, "--json", *extra,
    )  # fmt: skip


def _show(database_url: str, at: str) -> Any:
    return ok(statement(database_url, "show", "2026-10", "--at", at))


def test_an_excused_span_lowers_the_penalty_by_exactly_its_days_share(
    daiyun_app: Daiyun, october: str
) -> None:
    """R-S7: as of 25 Nov, 16–25 Nov are 10 days late: 10 × 138.66 = 1,386.60 fen → 13.87.
    The brand caused 18–20 Nov: 7 days are charged, 7 × 138.66 = 970.62 fen → 9.71; the drop
    is the span's share, 3 × 138.66 = 415.98 fen (1,386.60 − 970.62)."""
    assert _show(october, "2026-11-25T12:00:00+08:00")["penalty_accrued"] == "13.87"

    # Recorded on 21 Nov: 16–21 Nov were 6 days, 6 × 138.66 = 831.96 fen → 8.32; with 18–20
    # excused 3 days remain (16, 17, 21 Nov): 415.98 fen → 4.16.
    recorded = ok(excuse(october, "2026-11-18", "2026-11-20"))
    assert (recorded["status"], recorded["penalty_accrued"]) == ("confirmed", "4.16")
    [span] = recorded["excused_delays"]
    assert span["recorded_by"].startswith("cli:")
    assert span == {
        "from": "2026-11-18", "to": "2026-11-20", "days": 3, "reason": REASON,
        "recorded_by": span["recorded_by"], "recorded_at": "2026-11-21T10:00:00+08:00",
    }  # fmt: skip

    shown = _show(october, "2026-11-25T12:00:00+08:00")
    assert (shown["penalty_accrued"], shown["excused_delays"]) == ("9.71", [span])
    human = run_daiyun(
        october, "statement", "show", "--contract", CONTRACT, "--month", "2026-10",
        "--at", "2026-11-25T12:00:00+08:00",
    )  # fmt: skip
    said = " ".join(human.stderr.split())  # rich wraps long lines on stderr
    assert human.exit_code == 0
    assert "penalty accrued 9.71 (7 day(s) late, 3 more excused)" in said
    assert (
        f"delay the brand caused 2026-11-18..2026-11-20 (3 day(s), no penalty, R-S7): {REASON}"
        in said
    )

    with daiyun_app.engine.connect() as connection:
        audit = connection.execute(
            select(audit_record.c.action, audit_record.c.before, audit_record.c.after,
                   audit_record.c.reason)
            .where(audit_record.c.action == "statement.excuse_delay")
        ).all()  # fmt: skip
    # R-D3: who recorded which span, and the penalty as of then, before and after.
    assert [(action, json.loads(b), json.loads(a), why) for action, b, a, why in audit] == [
        (
            "statement.excuse_delay",
            {"excused_delays": [], "days_late": 6, "penalty_accrued": "8.32"},
            {"from": "2026-11-18", "to": "2026-11-20",
             "excused_delays": ["2026-11-18..2026-11-20"], "days_late": 3,
             "penalty_accrued": "4.16"},
            REASON,
        )
    ]  # fmt: skip


def test_the_ledger_posts_the_penalty_without_the_excused_days(october: str) -> None:
    """R-S7: paid in full on 25 Nov, 10 calendar days late, 3 excused: 9.71 posted once."""
    ok(excuse(october, "2026-11-18", "2026-11-20"))
    settled = ok(pay(october, "2026-10", "462.20", "2026-11-25", "2026-11-25T15:00:00+08:00"))
    assert (settled["status"], settled["penalty_accrued"]) == ("settled", "9.71")
    account = ok(run_daiyun(october, "account", "show", "--brand", "chando", "--json"))
    [penalty] = [e for e in account["entries"] if e["kind"] == "penalty"]
    assert penalty == {
        "key": "penalty:CHANDO-2026:2026-10:v1", "booked_on": "2026-11-25", "kind": "penalty",
        "memo": "late penalty of statement CHANDO-2026 2026-10, 7 days "
        "(3 more excused: delay the brand caused)",
        "reverses": None, "postings": {"goods_payable": "-9.71", "penalty": "9.71"},
    }  # fmt: skip
    # Stated later, the figure is the one posted: never forgotten, never recomputed higher.
    assert _show(october, "2026-12-31T12:00:00+08:00")["penalty_accrued"] == "9.71"


def test_the_termination_deadline_waits_for_the_excused_days(october: str) -> None:
    """R-S7, R-O1: due 15 Nov; without the span the right comes after 15 + 15 = 30 Nov; the 3
    excused days put the last day to pay before it at 3 Dec."""
    ok(excuse(october, "2026-11-18", "2026-11-20"))
    document = ok(
        run_daiyun(
            october, "obligations", "list", "--brand", "chando", "--as-of", "2026-11-25",
            "--json",
        )
    )  # fmt: skip
    duties = {
        o["kind"]: (o["due_on"], o["status"])
        for o in document["obligations"]
        if o["subject"] == "statement CHANDO-2026 2026-10"
    }
    assert duties["pay_remittance"] == ("2026-11-15", "missed")
    assert duties["pay_before_termination"] == ("2026-12-03", "open")


def test_what_cannot_be_excused_is_refused_saying_why_and_changes_nothing(
    daiyun_app: Daiyun, october: str
) -> None:
    ok(excuse(october, "2026-11-18", "2026-11-20"))
    refused = "cannot excuse {} for statement CHANDO-2026/2026-10: "
    cases: list[tuple[CliResult, int, str]] = [
        (
            excuse(october, "2026-11-19", "2026-11-21"),
            1,
            refused.format("2026-11-19..2026-11-21") + "the span 2026-11-19..2026-11-21 overlaps "
            "the span 2026-11-18..2026-11-20 (recorded by cli:",
        ),
        (
            excuse(october, "2026-11-18", "2026-11-20"),
            1,
            refused.format("2026-11-18..2026-11-20")
            + "the span 2026-11-18..2026-11-20 is recorded already (recorded by cli:",
        ),
        (
            excuse(october, "2026-11-21", "2026-11-19"),
            1,
            refused.format("2026-11-21..2026-11-19") + "the span 2026-11-21..2026-11-19 ends "
            "before it starts: the first day must be on or before the last",
        ),
        (
            excuse(october, "2026-11-21", "2026-11-21", reason="  "),
            1,
            refused.format("2026-11-21..2026-11-21")
            + "say why the brand caused the delay: the reason is empty",
        ),
        (excuse(october, "2026-11-21", "2026-11-21", reason=None), 2, "Missing option '--reason'"),
        (
            excuse(october, "2026-11-10", "2026-11-15"),
            1,
            refused.format("2026-11-10..2026-11-15") + "the span 2026-11-10..2026-11-15 ends on "
            "or before the payment due date 2026-11-15",
        ),
        (
            excuse(october, "2026-11-21", "2026-11-22"),
            1,
            refused.format("2026-11-21..2026-11-22") + "the span 2026-11-21..2026-11-22 ends "
            "after today 2026-11-21: record a delay once it has happened",
        ),
        (
            excuse(october, "2026-11-21", "2026-11-21", month="2026-09"),
            1,
            "statement CHANDO-2026/2026-09 does not exist: nothing has been drafted or issued",
        ),
        (
            run_daiyun(
                october,
                "payment",
                "excuse",
                "--contract",
                "NOBODY-2026",
                "--month",
                "2026-10",
                "--from",
                "2026-11-21",
                "--to",
                "2026-11-21",
                "--reason",
                REASON,
            ),
            2,
            "no contract with code 'NOBODY-2026'",
        ),
        (
            excuse(october, "2026-11-31", "2026-12-01"),
            2,
            "--from '2026-11-31' is not a day (YYYY-MM-DD)",
        ),
    ]
    before = database_snapshot(daiyun_app)
    for result, exit_code, message in cases:
        said = " ".join(result.stderr.split())  # rich wraps long lines on stderr
        assert (result.exit_code, message in said) == (exit_code, True), said
        assert result.stdout == ""
    assert database_snapshot(daiyun_app) == before


def test_an_unconfirmed_statement_has_no_late_days_to_excuse(
    daiyun_app: Daiyun, chando_store: str, tmp_path: Path
) -> None:
    """R-S6: a payment falls due only once the brand confirms: an issued statement has none."""
    import_orders(chando_store, tmp_path / "october.csv", OCTOBER, "2026-11-01T09:00:00+08:00")
    ok(statement(chando_store, "draft", "2026-10", "--at", "2026-11-02T10:00:00+08:00"))
    ok(statement(chando_store, "issue", "2026-10", "--at", "2026-11-05T10:00:00+08:00"))
    before = database_snapshot(daiyun_app)
    result = excuse(chando_store, "2026-11-18", "2026-11-20")
    assert result.exit_code == 1
    assert (
        "cannot excuse 2026-11-18..2026-11-20 for statement CHANDO-2026/2026-10: it is issued "
        "and has no payment due date until the brand confirms it (R-S6); only days after that "
        "date are late (R-S7)"
    ) in " ".join(result.stderr.split())
    assert database_snapshot(daiyun_app) == before


def test_once_the_penalty_is_posted_no_span_is_excused_any_more(
    daiyun_app: Daiyun, october: str
) -> None:
    """R-S7: the penalty is stated and posted when the remittance is paid in full: final."""
    ok(pay(october, "2026-10", "462.20", "2026-11-20", "2026-11-20T09:00:00+08:00"))
    before = database_snapshot(daiyun_app)
    result = excuse(october, "2026-11-16", "2026-11-17")
    assert result.exit_code == 1
    assert (
        "cannot excuse 2026-11-16..2026-11-17 for statement CHANDO-2026/2026-10: it is settled "
        "and its late penalty was posted to the ledger on 2026-11-20, when it was paid in full; "
        "a posted figure is final (R-S7)"
    ) in " ".join(result.stderr.split())
    assert database_snapshot(daiyun_app) == before


def test_a_statement_paid_on_time_is_final_too(daiyun_app: Daiyun, october: str) -> None:
    ok(pay(october, "2026-10", "462.20", "2026-11-13", "2026-11-13T09:00:00+08:00"))
    before = database_snapshot(daiyun_app)
    result = excuse(october, "2026-11-16", "2026-11-17")
    assert result.exit_code == 1
    assert (
        "it is settled and no late penalty was due when it was paid in full; a posted figure "
        "is final (R-S7)"
    ) in " ".join(result.stderr.split())
    assert database_snapshot(daiyun_app) == before


def test_a_recorded_span_cannot_be_changed_or_deleted_in_the_database(
    daiyun_app: Daiyun, october: str
) -> None:
    """R-D3: a recorded fact is never edited; the database refuses, not just the code."""
    ok(excuse(october, "2026-11-18", "2026-11-20"))
    before = database_snapshot(daiyun_app)
    for sql in (
        f"UPDATE {statement_excused_delay.name} SET reason = 'x'",
        f"DELETE FROM {statement_excused_delay.name}",
    ):
        with (
            pytest.raises(DBAPIError, match="a recorded delay the brand caused is never changed"),
            daiyun_app.engine.begin() as connection,
        ):
            connection.execute(text(sql))
    assert database_snapshot(daiyun_app) == before


def test_the_statement_file_shows_the_days_the_penalty_counts_and_the_excused_span(
    october: str, tmp_path: Path
) -> None:
    """R-S7, R-S8: the XLSX of the statement as of 25 Nov lists the 7 days counted for 9.71,
    the 3 excused and the span with its reason, beside the penalty figure."""
    from openpyxl import load_workbook

    ok(excuse(october, "2026-11-18", "2026-11-20"))
    path = tmp_path / "october.xlsx"
    shown = run_daiyun(
        october, "statement", "show", "--contract", CONTRACT, "--month", "2026-10",
        "--at", "2026-11-25T12:00:00+08:00", "--xlsx", str(path),
    )  # fmt: skip
    assert shown.exit_code == 0, shown.stderr
    summary = load_workbook(path).worksheets[0]
    rows = {row[0]: row[1:3] for row in summary.iter_rows(values_only=True) if row and row[0]}
    assert rows["累计滞纳金"] == ("Penalty accrued", 9.71)
    assert rows["逾期天数"] == ("Days late (counted)", "7")
    assert rows["免计天数"] == ("Days excused", "3")
    assert rows["品牌原因延误"] == (
        "Delay the brand caused",
        f"2026-11-18 – 2026-11-20 (3 d): {REASON}",
    )
