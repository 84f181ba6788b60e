"""The dashboard, the brand portal, the obligations, the audit log and the calendar page as
people use them (issue 15, points 8, 9, 13 and 14; R-O1, R-D3, R-S6).

The world (web_world.py): chando (自然堂) and pechoin (百雀羚), model A contracts from 2026-01-05
(statement issued by the 10th of the next month), on 2026-11-02 09:00 Beijing time. Nothing is
issued, so each brand owes January … October's statements: ten issue duties each, the first
nine missed (due 10 Feb … 10 Oct), October's open (due 10 Nov).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from daiyun.adapters.db.account_tables import api_token, login_attempt, web_session
from daiyun.domain.agency import AuditEntry, Role
from daiyun.domain.calendar import first_unknown_year
from daiyun.services.accounts.users import add_user
from tests.builders import NOTICE_2027, beijing, contract_toml
from tests.integration.cli_runner import run_daiyun
from tests.integration.snapshots import database_snapshot
from tests.integration.statement_world import add_finance_user, upload_october
from tests.integration.web_world import PASSWORD, START, World, hash_of_password, log_in

_ROW = re.compile(r'<tr class="obligation-(\w+)">(.*?)</tr>', re.S)
_SUBJECT = re.compile(r'<span class="subject"><a href="/statements/([^"]+)"')


def _signed_in(world: World, login: str, lang: str = "zh") -> tuple[TestClient, str]:
    client = world.client()
    token = log_in(client, login)
    client.cookies.set("daiyun_lang", lang)
    return client, token


def _after_filters(page: str) -> str:
    """The page below its filter form (whose dropdowns name every brand)."""
    return page.split('class="filters"', 1)[1].split("</form>", 1)[1]


def _rows(page: str) -> list[tuple[str, str]]:
    return _ROW.findall(page)


# — /obligations: paging and each filter —


def test_obligations_come_fifty_a_page_with_the_rest_on_the_next(world: World) -> None:
    """As of 2029-01-01 each contract (auto-renewing) owes the statements of 2026-01 …
    2028-12: 36 months × 2 brands = 72 issue duties; page 1 holds 50, page 2 the other 22.
    (Listed by that kind: other areas' duties — the renewal notice, issue 21 — come too.)"""
    admin, _ = _signed_in(world, "admin")
    first = admin.get("/obligations?as_of=2029-01-01&kind=issue_statement")
    assert first.status_code == 200
    assert "共 72 项" in first.text and "第 1 页，共 2 页" in first.text
    assert len(_rows(first.text)) == 50
    assert re.search(r'href="/obligations\?[^"]*as_of=2029-01-01[^"]*&amp;page=2"', first.text)
    second = admin.get("/obligations?as_of=2029-01-01&kind=issue_statement&page=2").text
    assert len(_rows(second)) == 72 - 50
    # In due-day order: page 2 ends with the last month's duties, due 10 January 2029.
    assert _SUBJECT.findall(second)[-2:] == ["CHANDO-2026/2028-12", "PECHOIN-2026/2028-12"]
    assert 'rel="prev"' in second and 'rel="next"' not in second
    # Everything on one page before: 2 × 10 duties (January … October 2026) as of today.
    assert len(_rows(admin.get("/obligations?kind=issue_statement").text)) == 20


def test_obligations_filter_by_status_party_kind_and_brand_from_dropdowns(
    world: World,
) -> None:
    admin, _ = _signed_in(world, "admin")
    page = admin.get("/obligations").text
    # Dropdowns of words, not a free-text code.
    brand_select = re.search(r'<select name="brand">(.*?)</select>', page, re.S)
    assert brand_select is not None
    assert '<option value="chando">自然堂</option>' in brand_select.group(1)
    assert '<option value="pechoin">百雀羚</option>' in brand_select.group(1)
    assert '<input type="text" name="brand"' not in page
    assert '<option value="operator">代运营方</option>' in page
    assert '<option value="brand">品牌方</option>' in page
    assert '<option value="answer_statement">确认或异议</option>' in page

    def subjects(query: str) -> list[str]:
        return _SUBJECT.findall(admin.get(f"/obligations?{query}").text)

    # Status: October's two are open (due 10 Nov); the eighteen others overdue, none met.
    assert subjects("status=open") == ["CHANDO-2026/2026-10", "PECHOIN-2026/2026-10"]
    overdue, missed = (f"status={each}&kind=issue_statement" for each in ("overdue", "missed"))
    assert len(subjects(overdue)) == 18 == len(subjects(missed))
    assert subjects("status=met") == []
    assert subjects("status=due_today") == []  # nothing is due on 2 November
    assert subjects("status=due_today&as_of=2026-11-10") == [
        "CHANDO-2026/2026-10",
        "PECHOIN-2026/2026-10",
    ]
    # Brand: chando's ten, named by their brand in words.
    chando = admin.get("/obligations?brand=chando").text
    chando_statements = admin.get("/obligations?brand=chando&kind=issue_statement").text
    assert len(_rows(chando_statements)) == 10 and "百雀羚" not in _after_filters(chando)
    assert '<option value="chando" selected>自然堂</option>' in chando
    # Party and kind: every duty so far is the operator's issue duty.
    assert len(subjects("party=operator&kind=issue_statement")) == 20
    assert subjects("party=brand") == [] and subjects("kind=pay_remittance") == []
    # Combined: chando's open issue duty.
    assert subjects("brand=chando&status=open&party=operator&kind=issue_statement") == [
        "CHANDO-2026/2026-10"
    ]
    # An unknown status is no filter; an unknown brand is not found (R-D2).
    assert len(_rows(admin.get("/obligations?status=nope&kind=issue_statement").text)) == 20
    assert admin.get("/obligations?brand=nope").status_code == 404
    # The consequence and the party in both languages.
    assert "品牌方的确认和付款都要等对账单出具" in chando
    admin.cookies.set("daiyun_lang", "en")
    english = admin.get("/obligations?brand=chando").text
    assert "the brand&#39;s answer and the payment wait for it" in english
    assert "<td>the operator</td>" in english


# — the brand portal: its own tasks first —


def _issue_october(world: World) -> None:
    """chando's October imported, drafted and issued by agency finance on 2 November."""
    add_finance_user(world)
    finance = world.client()
    csrf = {"X-CSRF-Token": log_in(finance, "finance")}
    assert upload_october(finance, csrf)["done"] == 2
    statement = "/api/statements/CHANDO-2026/2026-10"
    assert finance.post(f"{statement}/draft", headers=csrf).status_code == 200
    issued = finance.post(f"{statement}/issue", headers=csrf)
    assert issued.status_code == 200, issued.text
    assert issued.json()["confirm_by"] == "2026-11-09"  # R-S6: 5 working days from Mon 2 Nov


def test_a_brand_users_portal_leads_with_its_own_task_and_not_the_agencys_duties(
    world: World,
) -> None:
    _issue_october(world)
    brand, _ = _signed_in(world, "a-finance")
    portal = brand.get("/").text
    tasks = re.search(r'<section class="your-tasks" id="your-tasks">(.*?)</section>', portal, re.S)
    assert tasks is not None
    assert portal.index('id="your-tasks"') < portal.index("<h2>对账单</h2>")  # first
    assert (
        '<a href="/statements/CHANDO-2026/2026-10">确认或对 自然堂 2026年10月对账单提出异议</a>'
        in (tasks.group(1))
    )
    assert "截止 2026-11-09" in tasks.group(1)
    assert '<strong class="count">1</strong>' in tasks.group(1)
    # Not the agency's own duties: January … September's statements it has not issued.
    assert "出具对账单" not in portal and "代运营方" not in portal
    assert "operator" not in portal
    # Brand finance keeps no users' block; a brand admin does.
    assert "/admin/users" not in portal
    admin_portal = _signed_in(world, "a-admin")[0].get("/").text
    assert 'href="/admin/users"' in admin_portal and "<code>a-viewer</code>" in admin_portal
    # A viewer sees the task with whom to ask; pechoin's people see none of chando's.
    viewer = _signed_in(world, "a-viewer")[0].get("/").text
    assert "您的角色只能查看" in viewer
    other = _signed_in(world, "b-finance")[0].get("/").text
    assert "CHANDO" not in other and "目前没有需要您处理的事项" in other
    # In English.
    english = _signed_in(world, "a-finance", "en")[0].get("/").text
    assert "Waiting for you" in english and "Confirm or dispute" in english
    assert "by 2026-11-09" in english


def test_a_model_b_brand_is_told_why_its_portal_has_no_statements(
    world: World, tmp_path: Path
) -> None:
    path = tmp_path / "lancome.toml"
    path.write_text(
        contract_toml(
            brand_code="lancome", brand_name="兰蔻", contract_code="LANCOME-2026", model="B",
            store_code="lancome-tmall",
        ),
        encoding="utf-8",
    )  # fmt: skip
    loaded = run_daiyun(world.database_url, "contract", "load", str(path))
    assert loaded.exit_code == 0, loaded.stderr
    add_user(
        world.daiyun.unit_of_work(), login="l-finance", role=Role.BRAND_FINANCE,
        brand_code="lancome", display_name=None, password=PASSWORD,
        hash_password=hash_of_password, at=START, actor="test",
    )  # fmt: skip
    portal = _signed_in(world, "l-finance")[0].get("/").text
    assert 'id="fee-bills-note"' in portal and "B 模式（服务费模式）" in portal
    # Issue 18: the note leads to the brand's fee bills.
    assert "“服务费账单”页" in portal and '<a href="/fee-bills">服务费账单 →</a>' in portal
    english = _signed_in(world, "l-finance", "en")[0].get("/").text
    assert "model B (a service fee)" in english and "on the fee bills page" in english
    # A model A brand is not told so (its navigation has the fee bills' link, as every brand's).
    assert 'id="fee-bills-note"' not in _signed_in(world, "a-finance")[0].get("/").text


# — the audit log: actions in words, changes readable, dropdowns, paging —


def test_the_audit_log_shows_actions_and_changes_in_words(world: World) -> None:
    admin, token = _signed_in(world, "admin")
    disabled = admin.post("/admin/users/a-viewer/disable", data={"csrf_token": token})
    assert disabled.status_code == 303
    _issue_october(world)
    page = admin.get("/audit").text
    assert "停用用户" in page and "状态：启用 → 停用" in page
    assert "出具对账单" in page and "状态：草稿 → 已出具" in page
    assert "确认截止：— → 2026-11-09" in page
    assert "statement.issue" not in page and "{&#34;status&#34;" not in page
    # Dropdowns of words: entity and brand.
    assert '<option value="statement">对账单</option>' in page
    assert '<option value="chando">自然堂</option>' in page
    statements = admin.get("/audit?entity=statement").text
    assert "出具对账单" in statements and "停用用户" not in statements
    assert '<option value="statement" selected>对账单</option>' in statements
    pechoin = admin.get("/audit?brand=pechoin").text
    assert "出具对账单" not in pechoin
    admin.cookies.set("daiyun_lang", "en")
    english = admin.get("/audit").text
    assert "statement issued" in english and "status: Draft → Issued" in english
    assert "user disabled" in english and "state: enabled → disabled" in english


def test_the_audit_log_comes_fifty_records_a_page(world: World) -> None:
    """60 price changes recorded one minute apart: page 1 shows the newest 50, page 2 the 10
    before them."""
    uow = world.daiyun.unit_of_work()
    with uow:
        for minute in range(60):
            uow.audit.record(
                AuditEntry(
                    at=beijing("2026-11-01 09:00") + timedelta(minutes=minute), actor="ops",
                    action="listing.price", entity="listing", entity_key=f"chando-tmall/S{minute}",
                    brand_code="chando", before=None, after='{"price": "139.00"}',
                )
            )  # fmt: skip
        uow.commit()
    admin, _ = _signed_in(world, "admin")
    first = admin.get("/audit?entity=listing").text
    keys = re.findall(r"<code>chando-tmall/S(\d+)</code>", first)
    assert keys == [str(minute) for minute in range(59, 9, -1)]
    assert "价格：— → ¥139.00" in first
    assert 'href="/audit?entity=listing&amp;page=2"' in first
    second = admin.get("/audit?entity=listing&page=2").text
    assert re.findall(r"<code>chando-tmall/S(\d+)</code>", second) == [
        str(minute) for minute in range(9, -1, -1)
    ]
    assert 'rel="next"' not in second


# — the calendar: upload the notice on the web —


def test_an_admin_uploads_the_holiday_notice_and_its_days_become_known(world: World) -> None:
    """R-O1: on 2026-11-17 a deadline may fall in 2027 (11-17 + 45 days = 2027-01-01), whose
    notice is not recorded: the dashboard says so without a command; the admin's upload
    records it, and the year is known."""
    world.clock.moment = beijing("2026-11-17 09:00")
    admin, token = _signed_in(world, "admin")
    home = admin.get("/").text
    assert "2027年的节假日安排尚未录入" in home and 'href="/calendar"' in home
    assert "daiyun calendar add" not in home and "daiyun" not in home.split("<main>")[1].split(
        "</main>"
    )[0].replace("代运 daiyun", "")
    ops_home = _signed_in(world, "ops")[0].get("/").text
    assert "请联系系统管理员录入国务院办公厅的2027年节假日安排通知" in ops_home
    assert "daiyun calendar add" not in ops_home

    page = admin.get("/calendar").text
    assert '<input type="file" name="file"' in page
    sent = admin.post(
        "/calendar",
        data={"csrf_token": token},
        files={"file": ("2027.toml", NOTICE_2027.encode(), "text/plain")},
    )
    assert sent.status_code == 303 and sent.headers["location"] == "/calendar"
    after = admin.get("/calendar").text
    assert "已录入2027年的节假日通知" in after
    assert 'id="notice-2027"' in after and "a 2027 notice made up for the tests" in after
    assert first_unknown_year(date(2026, 11, 17)) is None
    assert "尚未录入" not in admin.get("/").text
    audit = admin.get("/audit?entity=holiday_notice").text
    assert "录入节假日通知" in audit


def test_only_an_admin_may_upload_a_notice_and_nothing_changes_for_anyone_else(
    world: World,
) -> None:
    world.clock.moment = beijing("2026-11-17 09:00")
    before = database_snapshot(world.daiyun)
    for login in ("ops", "a-admin"):
        client, token = _signed_in(world, login)
        page = client.get("/calendar").text
        assert '<input type="file"' not in page and "请联系系统管理员录入" in page
        refused = client.post(
            "/calendar",
            data={"csrf_token": token},
            files={"file": ("2027.toml", NOTICE_2027.encode(), "text/plain")},
        )
        assert refused.status_code == 403, login
        assert "无权录入节假日通知" in refused.text
    assert _without_sign_ins(database_snapshot(world.daiyun)) == _without_sign_ins(before)
    assert first_unknown_year(date(2026, 11, 17)) == 2027


def test_a_malformed_notice_file_is_refused_with_its_problems_in_chinese(world: World) -> None:
    world.clock.moment = beijing("2026-11-17 09:00")
    admin, token = _signed_in(world, "admin")
    before = _without_sign_ins(database_snapshot(world.daiyun))

    def upload(text: str, lang: str = "zh") -> str:
        admin.cookies.set("daiyun_lang", lang)
        sent = admin.post(
            "/calendar",
            data={"csrf_token": token},
            files={"file": ("2027.toml", text.encode(), "text/plain")},
        )
        assert sent.status_code == 422, sent.text
        return sent.text

    # 2027-02-18 is a Thursday: not a weekend day to work instead; and 元旦 a second time.
    wrong = NOTICE_2027.replace("[2027-02-20]", "[2027-02-18]")
    said = upload(wrong)
    assert "未录入：" in said
    assert (
        "2027.toml：春节：调休上班日 2027-02-18 是星期四，本来就是工作日；"
        "调休上班日只能是周六或周日" in said
    )
    assert "is a Thursday" not in said
    assert "working day 2027-02-18 is a Thursday" in upload(wrong, "en")
    # Not TOML at all, with where.
    said = upload("year = 2027\nsource = \n")
    assert "不是有效的通知文件：第 2 行" in said
    # A key missing.
    said = upload("year = 2027\n")
    assert "文件缺少 holiday, source" in said
    assert "--" not in said.split("<main>")[1]
    assert _without_sign_ins(database_snapshot(world.daiyun)) == before


def _without_sign_ins(snapshot: dict[str, list[tuple[Any, ...]]]) -> dict[str, object]:
    """Signing in writes sessions and attempts; everything else must stay as it was."""
    return {
        table: rows
        for table, rows in snapshot.items()
        if table not in {api_token.name, web_session.name, login_attempt.name}
    }


def test_a_different_notice_for_a_recorded_year_names_the_difference_and_the_correction(
    world: World,
) -> None:
    world.clock.moment = beijing("2026-11-17 09:00")
    admin, token = _signed_in(world, "admin")

    def upload(text: str, **extra: str) -> Any:
        return admin.post(
            "/calendar",
            data={"csrf_token": token, **extra},
            files={"file": ("2027.toml", text.encode(), "text/plain")},
        )

    assert upload(NOTICE_2027).status_code == 303
    corrected = NOTICE_2027.replace("2027-02-14", "2027-02-15")
    refused = upload(corrected)
    assert refused.status_code == 409
    assert "2027年已录入另一份通知" in refused.text
    assert "2027-02-15 在已录入的通知中是工作日，在这份中是休息日" in refused.text
    assert "--replace" not in refused.text and "请勾选“更正”" in refused.text
    replaced = upload(corrected, replace="true")
    assert replaced.status_code == 303
    assert "已更正2027年的节假日通知" in admin.get("/calendar").text
    assert "更正节假日通知" in admin.get("/audit?entity=holiday_notice").text


def test_late_shipments_show_their_lateness_in_days_and_hours_and_link_to_the_order(
    world: World,
) -> None:
    """R-F2: order 1001, paid 2026-10-06 09:01, ships within 48 h: by 10-08 09:01. Unshipped
    at 11-02 14:30 it is 25 days (10-08 09:01 → 11-02 09:01) and 5 h 29 min late, a part hour
    counted whole: 25 天 6 小时 — not "606 h"."""
    world.clock.moment = beijing("2026-11-02 14:30")
    admin, _ = _signed_in(world, "admin")
    tile = re.search(r'<div class="tile-shipping">(.*?)</div>', admin.get("/").text, re.S)
    assert tile is not None
    assert '<a href="/orders/chando-tmall/1001"><code>chando-tmall</code> 1001</a>' in tile.group(1)
    assert "应于 2026-10-08 09:01 前发货" in tile.group(1)
    assert "<strong>超时 25 天 6 小时</strong>" in tile.group(1) and "尚未发货" in tile.group(1)
    assert "606" not in tile.group(1)
    admin.cookies.set("daiyun_lang", "en")
    assert "<strong>25 d 6 h late</strong>" in admin.get("/").text
