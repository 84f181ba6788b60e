"""Reminders of dated duties (R-O1, issue 21 point 7) on SQLite and PostgreSQL, through the
command line and the hourly scheduled duties: 3 days before, on the day and once missed, each
once however often run; to the people who handle the duty and no one else; by email to a real
local SMTP server (aiosmtpd) in Chinese and English; kept in the app when the server is out of
reach, its email retried on the next run.

The world (web_world.py): chando and pechoin, model A, an order each in October 2026. October's
statement is to be issued by 2026-11-10 (R-S6: by the 10th of M+1), so its reminders are due
on 11-07 (10 − 3), 11-09 (10 − 1), 11-10 (the day) and from 11-11 (missed).
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.jobs import JobState
from daiyun.entrypoints.jobs.runtime import JobRuntime
from tests.integration.cli_runner import run_daiyun
from tests.integration.reminder_world import (
    B_OCTOBER,
    OCTOBER,
    add_staff,
    free_port,
    kept,
    local_smtp,
    remind,
    smtp_env,
)
from tests.integration.snapshots import database_snapshot
from tests.integration.web_world import World

ISSUE = "issue_statement"


def _issue_october_of_chando(world: World) -> None:
    """October's statement drafted on 11-04 and issued on 11-05: the brand's answer is due
    5 working days later, 2026-11-12 (11-06, 09, 10, 11, 12; the weekend 07–08 not counted)."""
    for action, at in (
        ("draft", "2026-11-04T10:00:00+08:00"),
        ("issue", "2026-11-05T10:00:00+08:00"),
    ):
        result = run_daiyun(
            world.database_url, "statement", action, "--contract", "CHANDO-2026",
            "--month", "2026-10", "--at", at,
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize(
    ("at", "stage", "days_left"),
    [
        ("2026-11-07T09:00:00+08:00", "3", 3),  # R-O1: 10 − 7 = 3 days before
        ("2026-11-09T09:00:00+08:00", "1", 1),  # 1 day before
        ("2026-11-10T09:00:00+08:00", "0", 0),  # on the day
        ("2026-11-11T09:00:00+08:00", "missed", -1),  # missed, not issued
    ],
)
def test_a_reminder_before_on_the_day_and_when_missed_each_once_when_run_twice(
    world: World, at: str, stage: str, days_left: int
) -> None:
    add_staff(world)
    first = remind(world.database_url, at)
    again = remind(world.database_url, at)
    assert first["reminders_recorded"] > 0 and first["reminders_due"] == first["reminders_recorded"]
    assert again["reminders_recorded"] == 0  # R-O1: the same run again keeps nothing new
    assert again["reminders_due"] == first["reminders_due"]
    assert (first["as_of"], first["days_before"], first["email"]) == (at[:10], [3, 1], False)
    october = kept(world, subject=OCTOBER, kind=ISSUE)
    # The operator's statement duty goes to the agency's finance, once.
    assert [(n["login"], n["stage"], n["days_left"]) for n in october] == [
        ("fin", stage, days_left)
    ]
    assert october[0]["due_on"] == date(2026, 11, 10) and october[0]["email_state"] == "none"
    assert october[0]["rule"] == "R-S6" and october[0]["read_at"] is None


def test_each_stage_is_kept_once_over_the_days_and_an_hourly_run_adds_nothing(
    world: World,
) -> None:
    add_staff(world)
    for at in (
        "2026-11-06T09:00:00+08:00",  # 4 days before: nothing yet
        "2026-11-07T09:00:00+08:00",  # "3"
        "2026-11-08T09:00:00+08:00",  # 2 left: the 3-day reminder, kept already
        "2026-11-09T09:00:00+08:00",  # "1"
        "2026-11-09T10:00:00+08:00",  # the next hour: nothing new
        "2026-11-10T23:59:00+08:00",  # "0"
        "2026-11-11T00:01:00+08:00",  # "missed"
        "2026-11-20T09:00:00+08:00",  # still missed: the one reminder kept
    ):
        remind(world.database_url, at)
    stages = [(n["stage"], n["days_left"]) for n in kept(world, subject=OCTOBER, kind=ISSUE)]
    assert stages == [("3", 3), ("1", 1), ("0", 0), ("missed", -1)]


def test_the_right_people_get_it_finance_for_the_operator_brand_finance_for_the_brand(
    world: World,
) -> None:
    add_staff(world)
    _issue_october_of_chando(world)
    remind(world.database_url, "2026-11-09T09:00:00+08:00")
    # chando's answer is due 11-12: 3 days before. Brand finance of chando only — not its admin
    # or viewer, not pechoin's people, not the agency's.
    answer = kept(world, subject=OCTOBER, kind="answer_statement")
    assert [(n["login"], n["stage"], n["party"]) for n in answer] == [("a-finance", "3", "brand")]
    # pechoin's statement, not issued, due 11-10: the agency's finance only.
    b_issue = kept(world, subject=B_OCTOBER, kind=ISSUE)
    assert [(n["login"], n["stage"]) for n in b_issue] == [("fin", "1")]
    assert kept(world, subject=OCTOBER, kind=ISSUE) == []  # issued on 11-05: met, no reminder
    # R-D2: no brand's people ever get another brand's reminder.
    every = kept(world)
    assert every, "some reminders were kept"
    for person, brand in (("a-", "chando"), ("b-", "pechoin")):
        assert {n["brand_code"] for n in every if n["login"].startswith(person)} <= {brand}
    # The roles the table names, and no other: viewers and customer service get none.
    assert {n["login"] for n in every} <= {"fin", "pm", "admin", "ops", "a-finance", "a-admin",
                                           "b-finance", "b-admin"}  # fmt: skip
    assert not [n for n in every if n["login"] == "a-viewer"]


def test_the_email_arrives_at_the_smtp_server_in_chinese_and_english_once(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_staff(world)
    for login, address in (("fin", "fin@agency.example"), ("a-finance", "cw@chando.example")):
        result = run_daiyun(
            world.database_url, "user", "email", "--login", login, "--email", address, "--json"
        )
        assert result.exit_code == 0, result.stderr
        assert result.json() == {"login": login, "email": address}
    _issue_october_of_chando(world)
    with local_smtp() as inbox:
        for name, value in smtp_env(inbox.port).items():
            monkeypatch.setenv(name, value)
        first = remind(world.database_url, "2026-11-09T09:00:00+08:00")
        assert first["email"] is True and first["emails_failed"] == 0
        assert first["emails_sent"] == len(inbox.messages) > 0
        again = remind(world.database_url, "2026-11-09T10:00:00+08:00")
        assert (again["reminders_recorded"], again["emails_sent"]) == (0, 0)
    assert len(inbox.messages) == first["emails_sent"]  # nothing sent twice
    to_fin = [m for m in inbox.to("fin@agency.example") if B_OCTOBER in m.get_content()]
    assert len(to_fin) == 1
    mail = to_fin[0]
    assert mail["From"] == "daiyun@agency.example" and mail["To"] == "fin@agency.example"
    assert mail["Subject"] == (
        "【代运提醒】出具对账单：还有 1 天到期 / "
        "[daiyun reminder] Issue the statement: due in 1 day(s)"
    )
    body = mail.get_content()
    for line in ("您好，fin：", "事项：出具对账单", "到期日：2026-11-10", "责任方：代运营方",
                 "Hello fin,", "Duty: Issue the statement", "Due on: 2026-11-10",
                 "Party: the operator", f"Subject: {B_OCTOBER}", "Rule: R-S6"):  # fmt: skip
        assert line in body, line
    to_brand = inbox.to("cw@chando.example")
    assert [m["Subject"] for m in to_brand] == [
        "【代运提醒】确认或异议：还有 3 天到期 / "
        "[daiyun reminder] Answer the statement: due in 3 day(s)"
    ]
    assert "责任方：品牌方" in to_brand[0].get_content()
    assert "pechoin" not in to_brand[0].get_content()  # R-D2
    sent = kept(world, subject=B_OCTOBER, kind=ISSUE)
    assert [(n["email_state"], n["email_to"], n["email_attempts"]) for n in sent] == [
        ("sent", "fin@agency.example", 1)
    ]
    # Those without an address have their reminder in the app only.
    assert {n["email_state"] for n in kept(world) if n["login"] in ("admin", "pm")} <= {"none"}


def test_smtp_out_of_reach_keeps_the_notification_and_the_failure_for_the_next_run(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_staff(world)
    assert (
        run_daiyun(
            world.database_url, "user", "email", "--login", "fin", "--email", "fin@agency.example"
        ).exit_code
        == 0
    )
    for name, value in smtp_env(free_port()).items():  # nothing listens there
        monkeypatch.setenv(name, value)
    down = remind(world.database_url, "2026-11-09T09:00:00+08:00")
    assert down["reminders_recorded"] > 0 and down["emails_sent"] == 0
    assert down["emails_failed"] > 0 and down["emails_given_up"] == 0
    assert "ConnectionRefusedError" in down["email_errors"][0]
    waiting = kept(world, subject=B_OCTOBER, kind=ISSUE)
    assert [(n["login"], n["email_state"], n["email_attempts"]) for n in waiting] == [
        ("fin", "pending", 1)
    ]
    assert "ConnectionRefusedError" in waiting[0]["email_error"]
    # The next run, the server up: the email that waited goes out, once.
    with local_smtp() as inbox:
        monkeypatch.setenv("DAIYUN_SMTP_PORT", str(inbox.port))
        up = remind(world.database_url, "2026-11-09T10:00:00+08:00")
    assert up["reminders_recorded"] == 0 and up["emails_failed"] == 0
    assert up["emails_sent"] == down["emails_failed"] == len(inbox.messages)
    assert [(n["email_state"], n["email_attempts"], n["email_error"])
            for n in kept(world, subject=B_OCTOBER, kind=ISSUE)] == [("sent", 2, None)]  # fmt: skip


def test_the_hourly_scheduled_duties_send_the_same_reminders(world: World) -> None:
    add_staff(world)
    moment = datetime(2026, 11, 7, 9, 5, tzinfo=SHANGHAI)
    runtime = JobRuntime(world.daiyun, lambda: moment)
    try:
        job = runtime.tick()
        assert job is not None
        shown = _wait(runtime, job.id)
    finally:
        runtime.close()
    assert shown.state is JobState.DONE, shown.error
    reminders = shown.result["reminders"]
    assert reminders["as_of"] == "2026-11-07" and reminders["reminders_recorded"] > 0
    assert [(n["login"], n["stage"]) for n in kept(world, subject=OCTOBER, kind=ISSUE)] == [
        ("fin", "3")
    ]
    # The command at the same moment finds them kept: nothing new.
    assert remind(world.database_url, "2026-11-07T09:30:00+08:00")["reminders_recorded"] == 0


def _wait(runtime: JobRuntime, job_id: str) -> object:
    import time

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        shown = runtime.show(job_id)
        if shown.state not in (JobState.QUEUED, JobState.RUNNING):
            return shown
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} did not finish in 60 s")


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (("--login", "fin", "--email", "not-an-address"), 2,
         "email 'not-an-address' is not an address like name@example.com"),
        (("--login", "nobody", "--email", "n@x.example"), 2, "no user with login 'nobody'"),
        (("--login", "fin"), 2, "give --email ADDRESS or --clear, one of them"),
    ],
)  # fmt: skip
def test_a_bad_email_or_user_is_bad_input_and_keeps_nothing(
    world: World, args: tuple[str, ...], code: int, says: str
) -> None:
    add_staff(world)
    before = database_snapshot(world.daiyun)
    result = run_daiyun(world.database_url, "user", "email", *args)
    assert result.exit_code == code and says in result.stderr, result.stderr
    assert database_snapshot(world.daiyun) == before


def test_a_bad_reminder_days_setting_is_bad_input_naming_it(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = database_snapshot(world.daiyun)
    monkeypatch.setenv("DAIYUN_REMINDER_DAYS", "3,soon")
    result = run_daiyun(world.database_url, "obligations", "remind", "--at", "2026-11-07")
    assert result.exit_code == 2
    assert "DAIYUN_REMINDER_DAYS: 'soon' is not a number of days" in result.stderr
    assert database_snapshot(world.daiyun) == before


def test_the_list_filters_by_party_status_due_days_kind_and_rule(world: World) -> None:
    _issue_october_of_chando(world)

    def listed(*args: str) -> list[tuple[str, str, str]]:
        result = run_daiyun(world.database_url, "obligations", "list", "--as-of", "2026-11-09",
                            "--json", *args)  # fmt: skip
        assert result.exit_code == 0, result.stderr
        return [(o["kind"], o["brand"], o["due_on"]) for o in result.json()["obligations"]]

    every = listed()
    # chando's October issued on 11-05 (met, due 11-10), pechoin's not yet; chando's answer due.
    assert listed("--from", "2026-11-10", "--to", "2026-11-12", "--rule", "R-S6") == [
        ("issue_statement", "chando", "2026-11-10"), ("issue_statement", "pechoin", "2026-11-10"),
        ("answer_statement", "chando", "2026-11-12"),
    ]  # fmt: skip
    assert listed("--from", "2026-11-10", "--to", "2026-11-10", "--status", "met") == [
        ("issue_statement", "chando", "2026-11-10")
    ]
    assert listed("--party", "brand", "--kind", "answer_statement") == [
        ("answer_statement", "chando", "2026-11-12")
    ]
    assert all(kind != "issue_statement" or due < "2026-11-09"
               for kind, _, due in listed("--status", "missed"))  # fmt: skip
    assert set(listed("--status", "open")) | set(listed("--status", "met")) | set(
        listed("--status", "missed")
    ) == set(every)
    bad = run_daiyun(world.database_url, "obligations", "list", "--party", "agency")
    assert bad.exit_code == 2 and "--party 'agency' is not one of: brand, operator" in bad.stderr
    backwards = run_daiyun(world.database_url, "obligations", "list", "--from", "2026-11-12",
                           "--to", "2026-11-10")  # fmt: skip
    assert backwards.exit_code == 2 and "--to 2026-11-10 is before --from 2026-11-12" in (
        backwards.stderr
    )
