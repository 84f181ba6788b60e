"""The notifications page, the layout's bell and the obligations' month calendar (issue 21
point 7, R-O1) on SQLite and PostgreSQL: each user sees and marks only their own notifications,
a brand user only their own brand's (R-D2: another's is not found); the calendar marks 国庆's
holidays and the worked Saturday, lists each day's duties and links to that day's list."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from daiyun.adapters.db.notification_tables import notification
from daiyun.bootstrap import bootstrap
from daiyun.config import load_settings
from tests.builders import beijing
from tests.integration.cli_runner import run_daiyun
from tests.integration.conftest import register_seed, seeded
from tests.integration.notification_isolation_cases import (
    NOTIFICATION_PAGE_CASES,
    b_notification_calls,
)
from tests.integration.reminder_world import B_OCTOBER, OCTOBER, add_staff, kept, remind
from tests.integration.test_isolation import B_MARKERS
from tests.integration.web_world import START, Clock, World, log_in


def _add_reminded(world: World) -> None:
    add_staff(world)
    for contract in ("CHANDO-2026", "PECHOIN-2026"):
        for action, at in (
            ("draft", "2026-11-04T10:00:00+08:00"),
            ("issue", "2026-11-05T10:00:00+08:00"),
        ):
            result = run_daiyun(
                world.database_url, "statement", action, "--contract", contract,
                "--month", "2026-10", "--at", at,
            )  # fmt: skip
            assert result.exit_code == 0, result.stderr
    remind(world.database_url, "2026-11-09T09:00:00+08:00")


def _seed_reminded(url: str, folder: Path) -> None:
    """_add_reminded on the world's database, as a seed loads it."""
    application = bootstrap(load_settings(database_url=url, environment="test"))
    try:
        _add_reminded(World(application, Clock(START), url))
    finally:
        application.close()


# Loaded once per worker and database, each test's database a copy (tests/integration/conftest.py).
_SEED = register_seed(__name__, "reminded", _seed_reminded, extends="world")


@pytest.fixture
def reminded(world: World, request: pytest.FixtureRequest) -> World:
    """chando's and pechoin's October statements issued on 11-05 (each answer due 11-12: 5
    working days); the reminders of 2026-11-09 kept — a-finance chando's answer, b-finance
    pechoin's (3 days before), the agency's finance the earlier months' statements not issued
    (missed) — and the pages' clock at 11-09 10:00."""
    if not seeded(request, _SEED):
        _add_reminded(world)
    world.clock.moment = beijing("2026-11-09 10:00")
    return world


def _ids(page: str) -> list[int]:
    return [int(each) for each in re.findall(r'id="notification-(\d+)"', page)]


def test_a_brand_user_sees_their_reminder_marks_it_read_and_the_bell_counts(
    reminded: World,
) -> None:
    client = reminded.client()
    csrf = log_in(client, "a-finance")
    page = client.get("/notifications").text
    assert "确认或异议" in page and "还有 3 天到期" in page and OCTOBER in page
    assert "data-bell" in page and "/static/notifications.js" in page  # the layout's bell
    mine = kept(reminded, subject=OCTOBER, kind="answer_statement")
    assert _ids(page) == [n["id"] for n in kept(reminded) if n["login"] == "a-finance"][::-1]
    assert client.get("/notifications/count").text == str(len(_ids(page)))
    done = client.post(f"/notifications/{mine[0]['id']}/read", data={"csrf_token": csrf})
    assert (done.status_code, done.headers["location"]) == (303, "/notifications")
    assert kept(reminded, subject=OCTOBER, kind="answer_statement")[0]["read_at"] is not None
    assert client.get("/notifications/count").text == str(len(_ids(page)) - 1)
    reload = client.get(f"/notifications/{mine[0]['id']}/read")  # the form's address opened
    assert (reload.status_code, reload.headers["location"]) == (303, "/notifications")
    assert "已标为已读：1 条" in client.get("/notifications").text
    unread = client.get("/notifications", params={"unread": "1"}).text
    assert mine[0]["id"] not in _ids(unread)
    everything = client.post("/notifications/read", data={"csrf_token": csrf})
    assert everything.status_code == 303
    assert client.get("/notifications/count").text == "0"
    english = reminded.client()
    english.cookies.set("daiyun_lang", "en")
    log_in(english, "a-finance")
    shown = english.get("/notifications").text
    assert "Answer the statement" in shown and "due in 3 day(s)" in shown


def test_another_users_notification_is_not_found_and_stays_unread(reminded: World) -> None:
    # R-D2: b-finance's (pechoin's) and fin's (the agency's) are not a-finance's to see or mark.
    # pechoin's answer is due 11-12 too (issued the same day): b-finance has its reminder.
    others = [n for n in kept(reminded) if n["login"] in ("b-finance", "fin")]
    assert {n["login"] for n in others} == {"b-finance", "fin"}
    client = reminded.client()
    csrf = log_in(client, "a-finance")
    for each in others[:3] + others[-3:]:
        for call in b_notification_calls(each["id"]):
            answer = client.post(call.path, data={"csrf_token": csrf})
            assert answer.status_code == 404, answer.text
            assert "pechoin" not in answer.text and B_OCTOBER not in answer.text
    with reminded.daiyun.engine.connect() as connection:
        read = connection.execute(
            select(notification.c.id).where(notification.c.read_at.is_not(None))
        )
        assert read.all() == []
    page = client.get("/notifications").text
    assert not [marker for marker in B_MARKERS if marker in page]
    # The agency's finance sees both brands' duties it handles; pechoin's people none of chando's.
    fin = reminded.client()
    log_in(fin, "fin")
    assert "statement PECHOIN-2026 2026-09" in fin.get("/notifications").text  # missed
    b_side = reminded.client()
    log_in(b_side, "b-finance")
    assert "CHANDO" not in b_side.get("/notifications").text


@pytest.mark.parametrize("login", ["a-admin", "a-finance", "a-viewer"])
def test_brand_a_people_get_nothing_of_brand_b_from_these_pages(
    reminded: World, login: str
) -> None:
    client = reminded.client()
    csrf = log_in(client, login)
    b_ids = [n["id"] for n in kept(reminded) if n["login"].startswith("b-")]
    assert b_ids
    for build in NOTIFICATION_PAGE_CASES.values():
        for call in [*build(""), *b_notification_calls(b_ids[0])]:
            data = None if call.data is None else {**call.data, "csrf_token": csrf}
            answer = client.request(call.method, call.path, params=call.params, data=data)
            assert answer.status_code < 500, (call, answer.text)
            if call.names_b:
                assert answer.status_code == 404, call
            leaked = [m for m in B_MARKERS if m in answer.text and m not in str(call.params)]
            assert leaked == [], (call, leaked)
    assert all(n["read_at"] is None for n in kept(reminded) if n["login"].startswith("b-"))


def test_the_calendar_of_national_day_marks_the_holidays_and_the_worked_saturday(
    world: World,
) -> None:
    client = world.client()
    log_in(client, "admin")
    page = client.get("/obligations/calendar", params={"month": "2026-10"}).text
    assert "2026年10月" in page
    cells = dict(re.findall(r'<td class="day ([^"]*)" data-day="(2026-10-\d\d)"', page)[::1])
    by_day = {day: classes for classes, day in re.findall(
        r'<td class="day ([^"]*)" data-day="(2026-10-\d\d)"', page)}  # fmt: skip
    assert cells and len(by_day) == 31
    holidays = sorted(day[-2:] for day, c in by_day.items() if "kind-holiday" in c)
    assert holidays == ["01", "02", "03", "04", "05", "06", "07"]  # 国庆: 10-01 to 10-07
    assert [day for day, c in by_day.items() if "kind-adjusted_working" in c] == ["2026-10-10"]
    assert "kind-weekend" in by_day["2026-10-11"] and "kind-working" in by_day["2026-10-12"]
    # 7 days of 国庆, one worked Saturday (and the legend's own tag).
    assert page.count('holiday-tag">国庆节<') == 7 and page.count('adjusted-tag">调休上班<') == 2
    # Monday first: the grid starts on Monday 09-28 (days outside the month shown greyed).
    assert re.search(
        r'<tbody>\s*<tr>\s*<td class="day [^"]*outside[^"]*" data-day="2026-09-28"', page
    )
    english = world.client()
    english.cookies.set("daiyun_lang", "en")
    log_in(english, "admin")
    shown = english.get("/obligations/calendar", params={"month": "2026-10"}).text
    assert shown.count('holiday-tag">National Day<') == 7 and "worked weekend (调休)" in shown


def test_each_day_lists_its_duties_by_status_and_links_to_that_days_list(
    reminded: World,
) -> None:
    admin = reminded.client()
    log_in(admin, "admin")
    page = admin.get("/obligations/calendar", params={"month": "2026-11"}).text
    day = re.search(r'data-day="2026-11-10">(.*?)</td>', page, re.S)
    assert day is not None
    cell = day.group(1)
    # Both Octobers issued on 11-05: met.
    assert cell.count('class="duty status-met"') == 2 and "status-open" not in cell
    assert "出具对账单" in cell and "自然堂" in cell and "百雀羚" in cell
    due = re.search(r'data-day="2026-11-12">(.*?)</td>', page, re.S)
    assert due is not None and due.group(1).count('class="duty status-open"') == 2  # answers
    assert 'href="/obligations?from=2026-11-10&amp;to=2026-11-10"' in cell
    listed = admin.get("/obligations", params={"from": "2026-11-10", "to": "2026-11-10"}).text
    shown = re.search(r'id="obligation-count">共 (\d+) 项', listed)
    assert shown is not None and int(shown.group(1)) == cell.count('class="duty ')
    # A brand user: their own brand's only (R-D2); another brand's calendar is not found.
    brand = reminded.client()
    log_in(brand, "a-finance")
    own = brand.get("/obligations/calendar", params={"month": "2026-11"})
    assert own.status_code == 200 and "自然堂" in own.text and "百雀羚" not in own.text
    other = brand.get("/obligations/calendar", params={"month": "2026-11", "brand": "pechoin"})
    assert other.status_code == 404
    assert brand.get("/obligations/calendar", params={"month": "2026-13"}).status_code == 404
