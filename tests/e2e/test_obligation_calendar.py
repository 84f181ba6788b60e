"""Issue 21 point 7 in headless Debian Chromium against `daiyun serve` (SQLite): the reminders
of 2026-11-09 kept (`daiyun obligations remind`), a brand's finance person sees the bell's
count, opens the notifications and marks one read; the agency's admin opens the month calendar
of October 2026 (国庆 marked) and November (the statements' duties by status), on a laptop and
a phone (the days one under another, no sideways scroll). With $DAIYUN_SCREENSHOTS set (`make
screenshots`) the pages are saved there: notifications-<viewport>.png, obligation-calendar-
<viewport>.png and obligation-calendar-october-desktop.png."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

from daiyun.adapters.db.migrate import upgrade_database
from daiyun.bootstrap import bootstrap
from daiyun.config import load_settings
from daiyun.domain.agency import Role
from daiyun.services.accounts.users import add_user
from tests.e2e.conftest import Server, chromium, screenshot, serving
from tests.integration.cli_runner import run_daiyun
from tests.integration.web_world import PASSWORD, START, hash_of_password, make_world

VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("reminders")
    url = f"sqlite:///{folder / 'daiyun.db'}"
    upgrade_database(url)
    app = bootstrap(load_settings(database_url=url, environment="test"))
    try:
        make_world(app, url, folder)
        add_user(
            app.unit_of_work(), login="fin", role=Role.FINANCE, brand_code=None,
            display_name="财务 王芳", password=PASSWORD, hash_password=hash_of_password,
            at=START - timedelta(days=1), actor="test",
        )  # fmt: skip
    finally:
        app.close()
    for action, at in (("draft", "2026-11-04T10:00:00+08:00"), ("issue", "2026-11-05T10:00:00")):
        result = run_daiyun(
            url, "statement", action, "--contract", "CHANDO-2026", "--month", "2026-10",
            "--at", at,
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
    for at in ("2026-11-07T09:00:00+08:00", "2026-11-09T09:00:00+08:00"):
        assert run_daiyun(url, "obligations", "remind", "--at", at).exit_code == 0
    with serving(url) as server:
        yield server


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


def _page(browser: Any, served: Server, login: str, viewport: str = "desktop") -> Any:
    page = browser.new_context(viewport=VIEWPORTS[viewport]).new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{served.url}/login")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", PASSWORD)
    page.click("section.login button[type=submit]")
    page.wait_for_url(f"{served.url}/")
    return page


def _fits(page: Any, viewport: str) -> None:
    width = VIEWPORTS[viewport]["width"]
    assert int(page.evaluate("document.scrollingElement.scrollWidth")) <= width
    page.evaluate("window.scrollTo(0, 0)")


def _shoot(page: Any, name: str) -> None:
    screenshot(page, f"{name}.png")


@pytest.mark.e2e
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_the_brand_finance_person_sees_the_bell_and_marks_a_reminder_read(
    browser: Any, served: Server, viewport: str
) -> None:
    page = _page(browser, served, "a-finance", viewport)
    bell = page.locator("[data-bell] .bell-count")
    unread = 0
    if viewport == "desktop":  # the phone's run comes after the desktop's marked it read
        bell.wait_for(state="visible")
        unread = int(bell.inner_text())
        assert unread >= 1
    page.goto(f"{served.url}/notifications")
    first = page.locator("li.notification").first
    assert "确认或异议" in first.inner_text()  # chando's answer, due 11-12: 3 days before
    _fits(page, viewport)
    _shoot(page, f"notifications-{viewport}")
    if viewport == "desktop":
        first.locator("button[type=submit]").click()
        page.wait_for_url(f"{served.url}/notifications")
        assert "已标为已读：1 条" in page.locator("p.notice").inner_text()
        assert int(page.locator("[data-bell] .bell-count").inner_text() or 0) == unread - 1


@pytest.mark.e2e
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_the_admin_reads_the_month_calendar(browser: Any, served: Server, viewport: str) -> None:
    page = _page(browser, served, "admin", viewport)
    if viewport == "desktop":
        page.goto(f"{served.url}/obligations/calendar?month=2026-10")
        assert page.locator("td.day.kind-holiday").count() == 5  # 国庆 on weekdays, 10-01..07
        assert page.locator("td.day.kind-adjusted_working").count() == 1  # Saturday 10-10
        _shoot(page, "obligation-calendar-october-desktop")
    page.goto(f"{served.url}/obligations/calendar?month=2026-11")
    cell = page.locator('td.day[data-day="2026-11-10"]')
    assert cell.locator("li.duty.status-met").count() == 1  # chando's, issued on 11-05
    _fits(page, viewport)
    if viewport == "phone":  # the days one under another
        days = page.locator('td.day[data-day="2026-11-02"], td.day[data-day="2026-11-03"]')
        first, second = (days.nth(0).bounding_box(), days.nth(1).bounding_box())
        assert first is not None and second is not None and second["y"] > first["y"]
    _shoot(page, f"obligation-calendar-{viewport}")
    cell.locator("a.day-number").click()
    page.wait_for_url(f"{served.url}/obligations?from=2026-11-10&to=2026-11-10")
