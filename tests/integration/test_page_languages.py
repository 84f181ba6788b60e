"""The pages speak the reader's language (issue 14): the obligations' consequences and parties,
the order statuses, the roles, the audit log's actions and the footer — in Chinese by default,
in English after the language link — while the CLI and the JSON keep their English (R-O1).

chando's October statement is imported, drafted, issued and confirmed (payment due 15 Nov);
on 21 Nov its payment is missed and the brand's termination right is near, so the obligations
page shows all four consequences.
"""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient

from tests.integration.statement_world import confirmed_then_21_november
from tests.integration.test_api_statements import business_rows
from tests.integration.web_world import World, log_in

CONSEQUENCES = {  # English (CLI, JSON, the English page) → Chinese (the Chinese page)
    "the brand's answer and the payment wait for it; a breach of the statement clause": (
        "品牌方的确认和付款都要等对账单出具；违反对账条款"
    ),
    "the payment clock does not start; days of delay the brand causes carry no late penalty": (
        "付款期限不起算；品牌方造成的延误天数不计滞纳金"
    ),
    "late penalty of 0.3% a day on the unpaid remittance": "未付货款按每日 0.3% 计滞纳金",
    "the brand may terminate the contract": "品牌方有权解除合同",
}


# The statements' duties (R-S6, R-S7): the other areas' (reports, the contract's renewal …,
# issues 19–21) have consequences of their own, and would fill the page's first 50.
STATEMENT_RULES = ("R-S6", "R-S7")


def _statement_duties(client: TestClient) -> str:
    """The obligations page, once per statement rule, as one text."""
    return "".join(client.get(f"/obligations?rule={rule}").text for rule in STATEMENT_RULES)


def _consequences(page: str) -> set[str]:
    return {
        html.unescape(re.sub(r"\s+", " ", cell).strip())
        for cell in re.findall(r'<td class="consequence">(.*?) <code>R-S\d</code></td>', page)
    }


def _english(world: World, login: str) -> TestClient:
    client = world.client()
    client.get("/lang/en")
    assert client.cookies.get("daiyun_lang") == "en"
    log_in(client, login)
    return client


def test_the_obligations_page_shows_each_consequence_in_the_readers_language_only(
    world: World,
) -> None:
    confirmed_then_21_november(world)
    chinese = world.client()
    log_in(chinese, "admin")
    page = _statement_duties(chinese)
    assert _consequences(page) == set(CONSEQUENCES.values())
    assert [english for english in CONSEQUENCES if english in html.unescape(page)] == []
    assert "<td>代运营方</td>" in page and "<td>品牌方</td>" in page
    assert "<td>operator</td>" not in page and "<td>brand</td>" not in page
    assert "自然堂 2026年10月对账单</a>" in page and "statement CHANDO" not in page
    english = _statement_duties(_english(world, "admin"))
    assert _consequences(english) == set(CONSEQUENCES)
    assert [chinese for chinese in CONSEQUENCES.values() if chinese in english] == []
    assert all(text in html.unescape(english) for text in CONSEQUENCES)
    assert "<td>the operator</td>" in english and "<td>the brand</td>" in english
    assert "自然堂&#39;s statement for 2026-10</a>" in english
    # The JSON keeps the English, whatever the reader's language.
    answer = chinese.get("/api/obligations").json()
    statements = [each for each in answer if each["rule"] in STATEMENT_RULES]
    assert {each["consequence"] for each in statements} == set(CONSEQUENCES)


def test_order_statuses_roles_audit_actions_and_the_footer_are_named_in_the_readers_language(
    world: World,
) -> None:
    confirmed_then_21_november(world)
    chinese = world.client()
    log_in(chinese, "admin")
    orders = chinese.get("/orders").text
    assert "<td>交易成功</td>" in orders and "<td>completed</td>" not in orders
    assert '<option value="completed">交易成功</option>' in orders
    users = chinese.get("/admin/users").text
    assert "<td>品牌方财务</td>" in users and "<td>brand_finance</td>" not in users
    assert '<option value="brand_viewer">品牌方查看者</option>' in users
    assert "<code>管理员</code>" in users  # who is logged in, in the header
    audit = chinese.get("/audit?entity=statement").text
    assert '<td class="action">出具对账单</td>' in audit and "statement.issue" not in audit
    assert '<td class="action">确认对账单</td>' in audit and "状态：已出具 → 已确认" in audit
    assert "<td>对账单 <code>CHANDO-2026/2026-10</code>" in audit
    assert "金额以分计 · 时间为北京时间" in audit
    brand = chinese.get("/brands/chando").text
    assert "<td>天猫</td>" in brand
    english = _english(world, "admin")
    assert "<td>completed</td>" in english.get("/orders").text
    users = english.get("/admin/users").text
    assert "<td>brand finance</td>" in users and "<code>admin</code>" in users
    audit = english.get("/audit?entity=statement").text
    assert '<td class="action">statement issued</td>' in audit
    assert "money in fen · times in Beijing time" in audit and "金额以分计" not in audit
    assert "<td>Tmall</td>" in english.get("/brands/chando").text
    assert "<td>Tmall</td>" in english.get("/listings").text


def test_a_refusal_is_shown_in_the_readers_language_and_nothing_changes(world: World) -> None:
    confirmed_then_21_november(world)
    statement = "/statements/CHANDO-2026/2026-10"
    finance = world.client()
    csrf = log_in(finance, "finance")
    before = business_rows(world.daiyun)
    refused = finance.post(
        f"{statement}/pay", data={"csrf_token": csrf, "amount": "abc", "paid_on": "2026-11-21"}
    )
    assert refused.status_code == 422  # a field that is no amount (issue 15: 422, not 409)
    assert "abc 不是以元为单位的金额，例如 1234.50" in refused.text
    overpaid = finance.post(
        f"{statement}/pay", data={"csrf_token": csrf, "amount": "9999", "paid_on": "2026-11-21"}
    )
    assert overpaid.status_code == 409
    assert (
        "付款 9999.00 超过对账单 CHANDO-2026/2026-10 的尚欠货款：应汇货款 396.15" in overpaid.text
    )
    assert business_rows(world.daiyun) == before
    brand = world.client()
    log_in(brand, "a-finance")
    forbidden = brand.get("/admin/users")
    assert forbidden.status_code == 403
    assert "用户 a-finance（品牌方财务）无权管理用户" in forbidden.text
    english = _english(world, "finance")
    english_csrf = re.search(r'name="csrf_token" value="([^"]+)"', english.get(statement).text)
    assert english_csrf is not None
    answer = english.post(
        f"{statement}/pay",
        data={"csrf_token": english_csrf.group(1), "amount": "abc", "paid_on": "2026-11-21"},
    )
    assert "&#39;abc&#39; is not an amount in yuan, e.g. 1234.50" in answer.text
    assert business_rows(world.daiyun) == before


def test_an_unknown_address_or_a_form_missing_a_field_gets_a_page_and_the_api_keeps_json(
    world: World,
) -> None:
    ops = world.client()
    csrf = log_in(ops, "ops")
    missing = ops.get("/nowhere")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")
    assert "找不到这个页面" in missing.text and "Not Found" not in missing.text
    # Opening a form's address (a reload after a refused form) goes to the page it belongs to
    # (issue 15); a method a page does not take at all is still the error page, in words.
    wrong_method = ops.get("/statements/draft")
    assert (wrong_method.status_code, wrong_method.headers["location"]) == (303, "/statements")
    posted = ops.post("/brands", data={"csrf_token": csrf})
    assert posted.status_code == 405 and posted.headers["allow"] == "GET"
    assert "这个地址不接受这种请求" in posted.text
    before = business_rows(world.daiyun)
    no_channel = ops.post(
        "/ad-spend",
        data={"csrf_token": csrf, "store": "chando-tmall", "month": "2026-11", "amount": "5"},
    )
    assert no_channel.status_code == 422 and "渠道：必填" in no_channel.text
    assert business_rows(world.daiyun) == before
    english = _english(world, "ops")
    assert "Not Found" in english.get("/nowhere").text
    # The API answers as FastAPI does, in JSON (interfaces.md).
    api = ops.get("/api/nowhere")
    assert (api.status_code, api.json()) == (404, {"detail": "Not Found"})
    bad = ops.post("/api/ad-spend", json={}, headers={"X-CSRF-Token": csrf})
    assert bad.status_code == 422 and isinstance(bad.json()["detail"], list)
