"""`daiyun calendar add|list`: a year's holiday notice recorded for a year chinesecalendar lacks,
and the working-day deadlines that need it (R-O1, R-S6).

The 2027 notice here is made up for the tests (元旦 Fri 01-01 … Sun 01-03 off; 春节 Sat 02-06 …
Sun 02-14 off, Sat 02-20 worked); chinesecalendar 1.11 knows 2004–2026.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from daiyun.adapters.db.account_tables import api_token, login_attempt, web_session
from daiyun.adapters.db.tables import audit_record
from daiyun.bootstrap import Daiyun
from daiyun.domain.holiday_notice import parse_holiday_notice
from tests.builders import NOTICE_2027, beijing
from tests.integration.cli_runner import CliResult, run_daiyun
from tests.integration.snapshots import database_snapshot
from tests.integration.statement_steps import OCTOBER, add_brand_user, import_orders, ok, statement
from tests.integration.statement_world import add_finance_user, upload_october
from tests.integration.web_world import World, log_in

REPO_ROOT = Path(__file__).resolve().parents[2]

AT = "2026-12-01T09:00:00+08:00"
STATEMENT = "/api/statements/CHANDO-2026/2026-10"
# Rows that signing in writes; everything else must stay as it was.
_SIGN_IN = {api_token.name, web_session.name, login_attempt.name}


def add(database_url: str, path: Path, *extra: str) -> CliResult:
    return run_daiyun(database_url, "calendar", "add", str(path), "--at", AT, "--json", *extra)


def notice_file(tmp_path: Path, text: str = NOTICE_2027, name: str = "2027.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_notice_is_recorded_once_and_listed_as_deciding_its_year(
    daiyun_app: Daiyun, database_url: str, tmp_path: Path
) -> None:
    path = notice_file(tmp_path)
    recorded = ok(add(database_url, path))
    assert recorded["outcome"] == "recorded"
    assert [(h["name"], h["days_off"], h["working_days"]) for h in recorded["holidays"]] == [
        ("元旦", 3, []),
        ("春节", 9, ["2027-02-20"]),
    ]
    [listed] = ok(run_daiyun(database_url, "calendar", "list", "--json"))["notices"]
    assert listed["year"] == 2027
    assert listed["status"] == "in_use"
    assert listed["recorded_at"] == "2026-12-01T09:00:00+08:00"
    assert listed["recorded_by"].startswith("cli:")

    before = database_snapshot(daiyun_app)
    again = ok(add(database_url, path))
    assert again["outcome"] == "unchanged"
    assert database_snapshot(daiyun_app) == before

    with daiyun_app.engine.connect() as connection:
        actions = connection.execute(
            select(audit_record.c.action, audit_record.c.entity_key, audit_record.c.reason)
        ).all()
    assert [tuple(row) for row in actions] == [
        ("holiday_notice.recorded", "2027", "a 2027 notice made up for the tests")
    ]


def test_a_different_notice_for_a_recorded_year_is_refused_unless_it_replaces_it(
    daiyun_app: Daiyun, database_url: str, tmp_path: Path
) -> None:
    ok(add(database_url, notice_file(tmp_path)))
    # Corrected: 春节 one day longer, to Mon 02-15.
    corrected = notice_file(
        tmp_path, NOTICE_2027.replace("2027-02-14", "2027-02-15"), "2027-corrected.toml"
    )
    before = database_snapshot(daiyun_app)
    refused = add(database_url, corrected)
    assert refused.exit_code == 1
    said = " ".join(refused.stderr.split())
    assert "a different notice for 2027 is already recorded" in said
    assert "2027-02-15 is a working day there and a day off here" in said
    assert "--replace" in said
    assert database_snapshot(daiyun_app) == before

    replaced = ok(add(database_url, corrected, "--replace"))
    assert replaced["outcome"] == "replaced"
    [listed] = ok(run_daiyun(database_url, "calendar", "list", "--json"))["notices"]
    assert listed["holidays"][1]["last_day"] == "2027-02-15"
    with daiyun_app.engine.connect() as connection:
        before_json, after_json = connection.execute(
            select(audit_record.c.before, audit_record.c.after).where(
                audit_record.c.action == "holiday_notice.replaced"
            )
        ).one()
    # R-D3: the audit log keeps the notice it replaced.
    assert json.loads(before_json)["holidays"][1]["last_day"] == "2027-02-14"
    assert json.loads(after_json)["holidays"][1]["last_day"] == "2027-02-15"


def test_a_notice_file_saved_with_a_byte_order_mark_is_read_alike(
    database_url: str, tmp_path: Path
) -> None:
    path = tmp_path / "2027-notepad.toml"
    path.write_bytes(NOTICE_2027.encode("utf-8-sig"))
    assert ok(add(database_url, path))["outcome"] == "recorded"
    assert ok(add(database_url, notice_file(tmp_path)))["outcome"] == "unchanged"


def test_a_year_chinesecalendar_knows_is_refused_and_nothing_is_stored(
    daiyun_app: Daiyun, database_url: str
) -> None:
    before = database_snapshot(daiyun_app)
    refused = add(database_url, REPO_ROOT / "docs" / "examples" / "holiday-notice-2026.toml")
    assert refused.exit_code == 1
    assert "already has the State Council's notice for 2026" in " ".join(refused.stderr.split())
    assert database_snapshot(daiyun_app) == before


def test_a_notice_file_with_a_mistake_is_refused_naming_file_and_holiday(
    daiyun_app: Daiyun, database_url: str, tmp_path: Path
) -> None:
    path = notice_file(tmp_path, NOTICE_2027.replace("[2027-02-20]", "[2027-02-18]"))
    before = database_snapshot(daiyun_app)
    refused = add(database_url, path)
    assert refused.exit_code == 2
    said = " ".join(refused.stderr.split())
    assert (
        f"{path}: the holiday notice for 2027: 春节: working day 2027-02-18 is a Thursday" in said
    )
    assert database_snapshot(daiyun_app) == before


def test_a_deadline_in_2027_waits_for_the_notice_and_is_counted_with_it(
    daiyun_app: Daiyun, chando_store: str, tmp_path: Path
) -> None:
    """R-S6: October's statement issued (received) Mon 2026-12-28 is confirmed by the 5th
    working day after: Tue 12-29 (1), Wed 12-30 (2), Thu 12-31 (3), 2027-01-01 … 01-03 off
    (元旦, the recorded notice), Mon 01-04 (4), Tue 01-05 (5). Confirmed Mon 01-04, it is paid
    by the later of 11-15 and the 3rd working day after: Tue 01-05, Wed 01-06, Thu 01-07."""
    import_orders(chando_store, tmp_path / "october.csv", OCTOBER, "2026-11-01T09:00:00+08:00")
    add_brand_user(chando_store, "chando-finance", "brand_finance")
    ok(statement(chando_store, "draft", "2026-10", "--at", "2026-12-28T09:00:00+08:00"))

    before = database_snapshot(daiyun_app)
    unknown = statement(chando_store, "issue", "2026-10", "--at", "2026-12-28T10:00:00+08:00")
    assert unknown.exit_code == 1
    said = " ".join(unknown.stderr.split())
    assert "the PRC working-day calendar for 2027-01-01 is not known" in said
    assert "daiyun calendar add" in said
    assert database_snapshot(daiyun_app) == before

    ok(add(chando_store, notice_file(tmp_path)))
    issued = ok(statement(chando_store, "issue", "2026-10", "--at", "2026-12-28T10:00:00+08:00"))
    assert issued["confirm_by"] == "2027-01-05"
    confirm = ("--by", "chando-finance", "--at", "2027-01-04T16:00:00+08:00")
    assert ok(statement(chando_store, "confirm", "2026-10", *confirm))["payment_due"] == (
        "2027-01-07"
    )


@pytest.mark.parametrize("listing", [[], ["--json"]], ids=["table", "json"])
def test_with_nothing_recorded_the_list_says_so(database_url: str, listing: list[str]) -> None:
    shown = run_daiyun(database_url, "calendar", "list", *listing)
    assert shown.exit_code == 0
    if listing:
        assert shown.json() == {"notices": []}
    else:
        assert "no holiday notice recorded" in shown.stderr


def test_the_api_answers_409_for_a_deadline_without_its_notice_then_counts_it_once_recorded(
    world: World, tmp_path: Path
) -> None:
    """The same worked example through the API: issued Mon 2026-12-28, confirm by Tue
    2027-01-05 once 2027's notice is recorded (by the command, while the app runs: the app
    finds it without a restart)."""
    add_finance_user(world)
    ops = world.client()
    assert upload_october(ops, {"X-CSRF-Token": log_in(ops, "ops")})["state"] == "finished"
    world.clock.moment = beijing("2026-12-28 10:00")
    finance = world.client()
    csrf = {"X-CSRF-Token": log_in(finance, "finance")}
    assert finance.post(f"{STATEMENT}/draft", headers=csrf).status_code == 200

    before = database_snapshot(world.daiyun)
    refused = finance.post(f"{STATEMENT}/issue", headers=csrf)
    assert refused.status_code == 409
    assert "the PRC working-day calendar for 2027-01-01 is not known" in refused.json()["detail"]
    after = database_snapshot(world.daiyun)
    # Signing in writes its own rows; the business tables are as they were.
    assert {n: r for n, r in after.items() if n not in _SIGN_IN} == {
        n: r for n, r in before.items() if n not in _SIGN_IN
    }

    ok(add(world.database_url, notice_file(tmp_path)))
    issued = finance.post(f"{STATEMENT}/issue", headers=csrf)
    assert issued.status_code == 200, issued.text
    assert issued.json()["confirm_by"] == "2027-01-05"


def test_a_notice_for_a_year_chinesecalendar_now_knows_is_listed_as_superseded_with_any_difference(
    daiyun_app: Daiyun, database_url: str
) -> None:
    """A notice recorded before an upgraded chinesecalendar came to know its year (stored here
    straight through the repository: `calendar add` refuses such a year today). The library
    decides; the list says whether the two agree, day by day."""
    example = REPO_ROOT / "docs" / "examples" / "holiday-notice-2026.toml"
    text = example.read_text(encoding="utf-8")
    # 2027: the made-up notice; 2026: the real one but 国庆 one day shorter (10-07 worked:
    # a Wednesday, so a working day by the notice, a day off by chinesecalendar).
    notices = [
        parse_holiday_notice(text.replace("last_day = 2026-10-07", "last_day = 2026-10-06"), "x"),
        parse_holiday_notice(NOTICE_2027, "y"),
    ]
    with daiyun_app.unit_of_work() as uow:
        for notice in notices:
            uow.holiday_notices.put(
                notice, recorded_at=beijing("2025-12-01 09:00"), recorded_by="t"
            )
        uow.commit()
    listed = ok(run_daiyun(database_url, "calendar", "list", "--json"))["notices"]
    assert [(n["year"], n["status"], n["disagreements"]) for n in listed] == [
        (2026, "superseded", ["2026-10-07"]),
        (2027, "in_use", []),
    ]
    table = run_daiyun(database_url, "calendar", "list")
    said = " ".join(table.stderr.split())
    assert (
        "2026: chinesecalendar decides the year now, and disagrees on 1 day(s): 2026-10-07" in said
    )
    assert "2027: this notice decides the year; a 2027 notice made up for the tests" in said


def test_the_dashboard_and_the_obligations_warn_of_next_years_missing_notice_until_recorded(
    world: World, tmp_path: Path
) -> None:
    """R-O1: from 2026-11-17 a deadline six weeks ahead may fall in 2027 (11-17 + 45 days =
    2027-01-01); 2027 is neither in chinesecalendar nor recorded, so agency staff are told."""
    warning = "The PRC holiday notice for 2027 is not recorded"

    def dashboard(at: str) -> str:
        world.clock.moment = beijing(at)
        ops = world.client()
        log_in(ops, "ops")
        ops.cookies.set("daiyun_lang", "en")
        page = ops.get("/")
        assert page.status_code == 200
        return page.text

    assert warning not in dashboard("2026-11-16 09:00")
    assert warning in dashboard("2026-11-17 09:00")
    listed = run_daiyun(world.database_url, "obligations", "list", "--as-of", "2026-11-17")
    assert listed.exit_code == 0
    assert "the PRC holiday notice for 2027 is not recorded" in " ".join(listed.stderr.split())

    ok(add(world.database_url, notice_file(tmp_path)))
    assert warning not in dashboard("2026-11-17 10:00")
    listed = run_daiyun(world.database_url, "obligations", "list", "--as-of", "2026-11-17")
    assert "holiday notice" not in listed.stderr
