"""The dashboard's obligation tiles count exactly what their labels say (R-O1, issue 14): one
tile the duties due today, one those overdue — a duty open for later is in neither.

On 10 November 2026 (Beijing):
- chando's contract starts 1 October: October's statement is due today (issue day 10);
- pechoin's starts 1 September with issue day 12: September's statement was due 12 October
  and is still not issued (overdue), October's is due 12 November (open, later).
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from daiyun.bootstrap import Daiyun
from daiyun.domain.agency import Role
from daiyun.services.accounts.users import add_user
from tests.builders import beijing, contract_toml
from tests.integration.cli_runner import run_daiyun
from tests.integration.web_world import PASSWORD, Clock, World, hash_of_password, log_in

TODAY_9AM = beijing("2026-11-10 09:00")


def _load_contract(database_url: str, folder: Path, brand: str, name: str, starts: str, *,
                   issue_day: int) -> None:  # fmt: skip
    text = contract_toml(
        brand_code=brand,
        brand_name=name,
        contract_code=f"{brand.upper()}-2026",
        store_code=f"{brand}-tmall",
        extra_terms=f"statement_issue_day = {issue_day}",
    )
    text = text.replace("effective_on = 2026-01-05", f"effective_on = {starts}")
    text = text.replace("go_live_on = 2026-02-01", f"go_live_on = {starts}")
    path = folder / f"{brand}.toml"
    path.write_text(text, encoding="utf-8")
    loaded = run_daiyun(database_url, "contract", "load", str(path))
    assert loaded.exit_code == 0, loaded.stderr


def _world(daiyun_app: Daiyun, database_url: str, tmp_path: Path) -> World:
    _load_contract(database_url, tmp_path, "chando", "自然堂", "2026-10-01", issue_day=10)
    _load_contract(database_url, tmp_path, "pechoin", "百雀羚", "2026-09-01", issue_day=12)
    for login, role, brand in (
        ("admin", Role.ADMIN, None),
        ("b-finance", Role.BRAND_FINANCE, "pechoin"),
    ):
        add_user(
            daiyun_app.unit_of_work(), login=login, role=role, brand_code=brand,
            display_name=None, password=PASSWORD, hash_password=hash_of_password,
            at=TODAY_9AM - timedelta(days=30), actor="test",
        )  # fmt: skip
    # Issue 20 (R-R1): the reports owed since the contracts began are made (late, so missed but
    # done): the tiles here count the statements' duties, which these tests are about.
    made = run_daiyun(database_url, "report", "run-due", "--at", TODAY_9AM.isoformat())
    assert made.exit_code == 0, made.stderr
    return World(daiyun_app, Clock(TODAY_9AM), database_url)


def _tile(page: str, name: str) -> tuple[str, str, str]:
    """A tile's label, its number and the text of what it lists."""
    found = re.search(rf'<div class="tile-{name}" id="tile-{name}">(.*?)</div>', page, re.S)
    assert found is not None, name
    tile = found.group(1)
    heading = re.search(r'<a href="([^"]+)">([^<]+)</a> <strong class="count">(\d+)</strong>', tile)
    assert heading is not None, tile
    return heading.group(2), heading.group(3), tile


def test_the_dashboard_counts_the_duty_due_today_and_the_overdue_one_apart(
    daiyun_app: Daiyun, database_url: str, tmp_path: Path
) -> None:
    world = _world(daiyun_app, database_url, tmp_path)
    admin = world.client()
    log_in(admin, "admin")
    page = admin.get("/").text
    label, count, listed = _tile(page, "due-today")
    assert (label, count) == ("今日到期", "1")
    assert "待办，今天是最后期限" in listed
    # Issue 15: what a duty concerns in words, linked to it — not "statement CHANDO-2026 …".
    assert (
        '<a href="/statements/CHANDO-2026/2026-10" title="CHANDO-2026">自然堂 2026年10月对账单</a>'
        in listed
    )
    assert "代运营方：出具对账单" in listed
    assert "百雀羚" not in listed
    label, count, listed = _tile(page, "overdue")
    assert (label, count) == ("逾期未办", "1")
    assert "期限已过，仍未履行" in listed
    assert (
        '<a href="/statements/PECHOIN-2026/2026-09"' in listed
        and "百雀羚 2026年9月对账单" in listed
    )
    assert "自然堂" not in listed
    # The duty open for later (pechoin's October, due 12 November) is counted by neither tile.
    assert "PECHOIN-2026/2026-10" not in page
    assert "statement PECHOIN" not in page and "statement CHANDO" not in page
    assert "今日到期事项" not in page  # the old label, which counted both
    # In English, the same numbers under their English labels.
    admin.cookies.set("daiyun_lang", "en")
    english = admin.get("/").text
    assert _tile(english, "due-today")[:2] == ("Due today", "1")
    assert "the operator: Issue the statement" in _tile(english, "due-today")[2]
    assert "自然堂&#39;s statement for 2026-10" in _tile(english, "due-today")[2]
    assert _tile(english, "overdue")[:2] == ("Overdue", "1")
    assert "past their due day and still not done" in english


def test_each_tile_links_to_exactly_the_obligations_it_counts(
    daiyun_app: Daiyun, database_url: str, tmp_path: Path
) -> None:
    world = _world(daiyun_app, database_url, tmp_path)
    admin = world.client()
    log_in(admin, "admin")
    page = admin.get("/").text
    assert 'href="/obligations?status=due_today">今日到期</a>' in page
    assert 'href="/obligations?status=overdue">逾期未办</a>' in page
    subjects = re.compile(r'<span class="subject"><a href="/statements/([^"]+)"')
    every = subjects.findall(admin.get("/obligations").text)
    assert every == [
        "PECHOIN-2026/2026-09",  # due 12 October: missed, not issued
        "CHANDO-2026/2026-10",  # due 10 November: today
        "PECHOIN-2026/2026-10",  # due 12 November: open
    ]
    today = subjects.findall(admin.get("/obligations?status=due_today").text)
    assert today == ["CHANDO-2026/2026-10"]
    overdue = subjects.findall(admin.get("/obligations?status=overdue").text)
    assert overdue == ["PECHOIN-2026/2026-09"]
    # The tiles' earlier links (?only=…) still give the same subsets.
    assert subjects.findall(admin.get("/obligations?only=overdue").text) == overdue


def test_a_brands_portal_shows_its_own_tasks_not_the_agencys_overdue_duty(
    daiyun_app: Daiyun, database_url: str, tmp_path: Path
) -> None:
    """Issue 15: pechoin's September statement is overdue — the operator's duty to issue it,
    not the brand's — so the brand's portal has nothing waiting for it, and no obligation
    tile listing the agency's own lateness."""
    world = _world(daiyun_app, database_url, tmp_path)
    brand = world.client()
    log_in(brand, "b-finance")
    portal = brand.get("/").text
    assert "品牌门户" in portal
    tasks = re.search(r'<section class="your-tasks" id="your-tasks">(.*?)</section>', portal, re.S)
    assert tasks is not None
    assert "需要您处理" in tasks.group(1) and "目前没有需要您处理的事项" in tasks.group(1)
    assert 'id="tile-overdue"' not in portal and 'id="tile-due-today"' not in portal
    assert "出具对账单" not in portal and "代运营方" not in portal
    # The obligations page still lists the operator's duty for the brand to see, in words.
    listed = brand.get("/obligations?status=overdue").text
    assert "<td>代运营方</td>" in listed and "百雀羚 2026年9月对账单" in listed
