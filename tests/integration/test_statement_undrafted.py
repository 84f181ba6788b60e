"""A month with no statement yet (issue 15): the duties on the dashboard and /obligations link
"出具对账单 · 自然堂 2026年9月" to /statements/{contract}/{month}; that address, for a month never
drafted, says so and when the statement is due (R-S6), offers the draft button to those who
draft (Permission.DRAFT_STATEMENTS) a month that may be drafted, and otherwise says why not
(R-S1, R-S6, R-C5) — in both languages. To a brand's people, and for an unknown contract, it
stays a 404 (R-D2: no telling which contracts and months exist).

The clock: Monday 2 November 2026, 09:00 Beijing (web_world). CHANDO-2026 takes effect on
2026-01-05 and issues each month's statement by the 10th of the month after (R-S6).
"""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient

from tests.integration.statement_world import add_finance_user
from tests.integration.test_api_statements import business_rows
from tests.integration.web_world import World, log_in

SEPTEMBER = "/statements/CHANDO-2026/2026-09"


def _text(page: str) -> str:
    """The page's words without tags, entities read."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))).strip()


def _signed_in(world: World, login: str, language: str = "zh") -> tuple[TestClient, str]:
    client = world.client()
    client.cookies.set("daiyun_lang", language)
    return client, log_in(client, login)


def test_a_month_never_drafted_says_so_and_offers_finance_the_draft_button(world: World) -> None:
    add_finance_user(world)
    finance, csrf = _signed_in(world, "finance")
    page = finance.get(SEPTEMBER)
    assert page.status_code == 200, page.text[:500]
    words = _text(page.text)
    # Due by 10 October (R-S6); 2 November is 23 days later (21 days of October + 2).
    assert "自然堂 2026年9月的对账单还没有生成草稿。按合同，应在 2026-10-10 前出具给品牌方" in words
    assert "出具期限已过 23 天" in words and "尚未生成" in words
    draft = f'<form method="post" action="{SEPTEMBER}/draft"'
    assert draft in page.text and 'id="draft"' in page.text and 'id="cannot-draft"' not in page.text
    # The button is the statement's own draft form: it drafts September and shows it.
    drafted = finance.post(f"{SEPTEMBER}/draft", data={"csrf_token": csrf})
    assert (drafted.status_code, drafted.headers["location"]) == (303, SEPTEMBER)
    shown = finance.get(SEPTEMBER).text
    assert "已生成 CHANDO-2026 2026-09 第 1 版草稿" in _text(shown)
    assert 'id="statement-status">草稿<' in shown and "尚未生成" not in shown


def test_a_month_that_may_not_be_drafted_says_why_and_has_no_button(world: World) -> None:
    """R-S1, R-S6: November is not over on 2 November; R-C5: December 2025 is before the
    contract took effect on 2026-01-05. The page says why, in both languages."""
    add_finance_user(world)
    finance, _ = _signed_in(world, "finance")
    running = finance.get("/statements/CHANDO-2026/2026-11")
    assert running.status_code == 200
    words = _text(running.text)
    assert "不能生成草稿：2026-11 要到 2026-11-30（北京时间）才结束；月份结束后才能对账" in words
    assert "应在 2026-12-10 前出具给品牌方" in words and "出具期限已过" not in words
    assert 'id="draft"' not in running.text
    before_term = finance.get("/statements/CHANDO-2026/2025-12")
    words = _text(before_term.text)
    assert "合同 CHANDO-2026 于 2026-01-05 生效，在 2025-12 之后（R-C5）" in words
    assert "这个月份不在合同期内" in words and "应在" not in words  # no due day: none owed
    assert 'id="draft"' not in before_term.text
    english, _ = _signed_in(world, "finance", "en")
    said = _text(english.get("/statements/CHANDO-2026/2026-11").text)
    assert "It cannot be drafted: 2026-11 is not over until 2026-11-30 (Beijing time)" in said
    september = _text(english.get(SEPTEMBER).text)
    assert "自然堂's statement of 2026-09 has not been drafted yet" in september
    assert "issued to the brand by 2026-10-10 (R-S6)" in september


def test_one_who_may_not_draft_is_told_who_does_and_a_post_changes_nothing(
    world: World,
) -> None:
    ops, ops_csrf = _signed_in(world, "ops")  # store operations: sees statements, drafts none
    page = ops.get(SEPTEMBER)
    assert page.status_code == 200
    assert "只有代运营方的财务人员和管理员可以生成对账单" in _text(page.text)
    assert 'id="draft"' not in page.text
    before = business_rows(world.daiyun)
    assert ops.post(f"{SEPTEMBER}/draft", data={"csrf_token": ops_csrf}).status_code == 403
    assert business_rows(world.daiyun) == before
    # The agency's admin drafts: the button is there.
    admin, _ = _signed_in(world, "admin")
    assert 'id="draft"' in admin.get(SEPTEMBER).text


def test_a_refused_draft_stays_on_the_months_page_with_why(world: World) -> None:
    """A draft of November posted anyway (a stale page, a script): 409 on the month's page,
    the reason where the button would be, nothing stored."""
    add_finance_user(world)
    finance, csrf = _signed_in(world, "finance")
    before = business_rows(world.daiyun)
    refused = finance.post("/statements/CHANDO-2026/2026-11/draft", data={"csrf_token": csrf})
    assert refused.status_code == 409
    assert 'id="not-drafted"' in refused.text and 'id="draft-error"' in refused.text
    assert "对账单 CHANDO-2026/2026-11 不能生成草稿：2026-11 要到 2026-11-30" in _text(refused.text)
    assert business_rows(world.daiyun) == before


def test_brand_people_and_unknown_contracts_get_a_404(world: World) -> None:
    """R-D2: chando's own people see no page for a month never drafted (nor pechoin's people
    for chando's months), and no one for a contract that does not exist."""
    add_finance_user(world)
    for login in ("a-finance", "a-admin", "b-finance"):
        brand, _ = _signed_in(world, login)
        answer = brand.get(SEPTEMBER)
        assert answer.status_code == 404, login
        assert "尚未生成" not in answer.text and 'id="draft"' not in answer.text, login
    finance, _ = _signed_in(world, "finance")
    unknown = finance.get("/statements/NOBODY-2026/2026-09")
    assert unknown.status_code == 404 and "尚未生成" not in unknown.text
    # pechoin's people are told the same about chando's contract as about one that is none.
    b_finance, _ = _signed_in(world, "b-finance")
    theirs, nobodys = (
        _text(b_finance.get(path).text).replace(code, "…")
        for path, code in (
            (SEPTEMBER, "CHANDO-2026"),
            ("/statements/NOBODY-2026/2026-09", "NOBODY-2026"),
        )
    )
    assert theirs == nobodys


def test_the_duties_links_to_an_undrafted_month_open_its_page(world: World) -> None:
    """The complaint: "出具对账单 · 自然堂 2026年N月" on /obligations answered 404."""
    add_finance_user(world)
    finance, _ = _signed_in(world, "finance")
    duties = finance.get("/obligations").text
    linked = sorted(set(re.findall(r'href="(/statements/CHANDO-2026/\d{4}-\d{2})"', duties)))
    assert linked, "no duty links a chando statement"
    for path in linked:
        answer = finance.get(path)
        assert answer.status_code == 200, path
        assert "尚未生成" in answer.text, path
