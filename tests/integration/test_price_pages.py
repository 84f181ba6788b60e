"""The listing, promotion, price-violation and ad-spend pages (issue 6), on SQLite and PostgreSQL.

chando (web_world.py): markup cap 10%; CD-CREAM-50 guide ¥139.00, highest ¥152.90 (R-P3).
People: `ops` (store operations), `a-admin` (chando's brand admin). Pages are Chinese unless the
language cookie says English.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient

from daiyun.adapters.db.account_tables import api_token, login_attempt, web_session
from tests.integration.snapshots import database_snapshot
from tests.integration.web_world import World, log_in

AUTH_TABLES = {api_token.name, web_session.name, login_attempt.name}
FORM = {
    "code": "DOUBLE11",
    "name": "双11 面霜直降",
    "stores": "chando-tmall",
    "line_sku": "CD-CREAM-50",
    "line_price": "119.00",
    "discount": "",
    "start": "2026-11-11T00:00",
    "end": "2026-11-12T00:00",
    "budget": "20000.00",
    "funded_by": "brand",
}


def business_rows(world: World) -> dict[str, Any]:
    """The database without the rows that using a session itself writes."""
    snapshot = database_snapshot(world.daiyun)
    return {name: rows for name, rows in snapshot.items() if name not in AUTH_TABLES}


def signed_in(world: World, login: str) -> tuple[TestClient, str]:
    client = world.client()
    return client, log_in(client, login)


def test_a_refused_price_is_shown_on_the_listing_page_and_changes_nothing(world: World) -> None:
    ops, csrf = signed_in(world, "ops")
    before = business_rows(world)
    answer = ops.post(
        "/listings/chando-tmall",
        data={"sku": "CD-CREAM-50", "price": "160.00", "effective_at": "", "csrf_token": csrf},
    )
    assert answer.status_code == 409
    assert (
        "挂牌 chando-tmall CD-CREAM-50：R-P3：¥160.00 超过加价上限：指导价 ¥139.00 加价 10%，"
        "最高为 ¥152.90"
    ) in answer.text
    assert "未做任何修改" in answer.text
    assert business_rows(world) == before


def test_an_accepted_price_shows_in_the_listing_table_in_yuan(world: World) -> None:
    ops, csrf = signed_in(world, "ops")
    answer = ops.post(
        "/listings/chando-tmall",
        data={"sku": "CD-CREAM-50", "price": "abc", "csrf_token": csrf},
    )
    assert answer.status_code == 422  # "abc" is no amount in yuan: said at the price field
    assert (
        '<span class="field-error" id="error-price">价格：“abc”不是金额，请写元，最多两位小数，'
        "例如 99 或 99.50</span>"
    ) in answer.text
    posted = ops.post(
        "/listings/chando-tmall",
        data={"sku": "CD-CREAM-50", "price": "145", "csrf_token": csrf},
    )
    assert (posted.status_code, posted.headers["location"]) == (
        303,
        "/listings/chando-tmall?changed=CD-CREAM-50",
    )
    page = ops.get(posted.headers["location"]).text
    assert "CD-CREAM-50 的挂牌价已设为 ¥145.00" in page  # said once after the redirect
    row = page[page.index('id="sku-CD-CREAM-50"') :]
    row = row[: row.index("</tr>")]
    assert re.findall(r"¥[\d,.]+", row) == ["¥139.00", "¥152.90", "¥145.00"]
    assert "在售" in row


def test_the_price_form_picks_a_sku_by_name_and_says_every_error_at_its_field(
    world: World,
) -> None:
    ops, csrf = signed_in(world, "ops")
    page = ops.get("/listings/chando-tmall").text
    assert (
        '<option value="CD-CREAM-50">自然堂面霜 — 指导价 ¥139.00 · 最高价 ¥152.90</option>' in page
    )
    assert 'list="store-skus"' in page and '<select name="sku">' not in page
    before = business_rows(world)
    answer = ops.post(
        "/listings/chando-tmall",
        data={"sku": "NOPE", "price": "", "effective_at": "tomorrow", "csrf_token": csrf},
    )
    assert answer.status_code == 422
    errors = dict(re.findall(r'id="error-([\w-]+)">([^<]*)<', answer.text))
    assert errors == {
        "sku": "商品：品牌的商品目录里没有 NOPE，请从列表中选择",
        "price": "价格：请填写金额",
        "effective_at": "生效时间：“tomorrow”不是日期和时间",
    }
    assert 'value="NOPE"' in answer.text and 'value="tomorrow"' in answer.text
    assert business_rows(world) == before


def test_an_uploaded_file_with_a_refused_row_shows_every_refusal_and_changes_nothing(
    world: World,
) -> None:
    ops, csrf = signed_in(world, "ops")
    before = business_rows(world)
    text = "store,sku,price\nchando-tmall,CD-CREAM-50,145.00\nchando-tmall,CD-CREAM-50,99.00\n"
    answer = ops.post(
        "/listings/chando-tmall/upload",
        data={"csrf_token": csrf},
        files={"file": ("prices.csv", text.encode(), "text/csv")},
    )
    assert answer.status_code == 409
    assert "1 行被拒（第 3 行）：未修改任何价格" in answer.text
    refusals = answer.text[answer.text.index('class="refusals"') :]
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", refusals[: refusals.index("</table>")])
    assert cells[:7] == ["3", "chando-tmall", "CD-CREAM-50", "R-P2", "¥139.00", "¥152.90", "¥99.00"]
    assert business_rows(world) == before


def test_the_operator_drafts_and_submits_and_the_brand_admin_approves_in_writing(
    world: World,
) -> None:
    ops, ops_csrf = signed_in(world, "ops")
    drafted = ops.post("/promotions/chando", data={**FORM, "csrf_token": ops_csrf})
    assert (drafted.status_code, drafted.headers["location"]) == (
        303,
        "/promotions/chando/DOUBLE11",
    )
    submitted = ops.post("/promotions/chando/DOUBLE11/submit", data={"csrf_token": ops_csrf})
    assert submitted.status_code == 303
    brand_admin, csrf = signed_in(world, "a-admin")
    page = brand_admin.get("/promotions/chando/DOUBLE11").text
    assert "待审批" in page and "¥119.00" in page and "¥20,000.00" in page
    assert "2026-11-11 00:00 – 2026-11-12 00:00" in page
    fingerprint = re.findall(r'class="fingerprint">([0-9a-f]{64})<', page)
    assert len(fingerprint) == 1
    approved = brand_admin.post(
        "/promotions/chando/DOUBLE11/approve", data={"version": "1", "csrf_token": csrf}
    )
    assert approved.status_code == 303
    page = brand_admin.get("/promotions/chando/DOUBLE11").text
    answer = page[page.index('class="written-answer"') :]
    # R-C7: who, when (the web world's clock, Beijing time), which version and fingerprint.
    assert "a-admin" in answer and "2026-11-02 09:00" in answer and "v1" in answer
    assert fingerprint[0] in answer
    assert "已批准" in page


def test_a_drafting_mistake_is_shown_on_the_form_and_changes_nothing(world: World) -> None:
    ops, csrf = signed_in(world, "ops")
    before = business_rows(world)
    answer = ops.post(
        "/promotions/chando", data={**FORM, "end": "2026-11-10T00:00", "csrf_token": csrf}
    )
    assert answer.status_code == 422
    assert '<span class="field-error" id="error-end">结束：须晚于开始时间</span>' in answer.text
    assert 'value="2026-11-10T00:00"' in answer.text  # what was typed stays
    assert business_rows(world) == before


def test_a_brand_admin_cannot_submit_and_an_operator_sees_no_approve_button(
    world: World,
) -> None:
    ops, ops_csrf = signed_in(world, "ops")
    ops.post("/promotions/chando", data={**FORM, "csrf_token": ops_csrf})
    ops.post("/promotions/chando/DOUBLE11/submit", data={"csrf_token": ops_csrf})
    assert 'name="approve"' not in ops.get("/promotions/chando/DOUBLE11").text
    brand_admin, csrf = signed_in(world, "a-admin")
    before = business_rows(world)
    refused = brand_admin.post("/promotions/chando/DOUBLE11/submit", data={"csrf_token": csrf})
    assert refused.status_code == 409
    assert "用户 a-admin（品牌方管理员）无权起草促销" in refused.text
    assert business_rows(world) == before


def test_the_pages_switch_to_english(world: World) -> None:
    ops, _ = signed_in(world, "ops")
    ops.cookies.set("daiyun_lang", "en")
    page = ops.get("/listings/chando-tmall").text
    assert "Guide price" in page and "Highest price" in page and "Markup cap 10%" in page


def test_price_violations_and_ad_spend_pages_show_the_month(world: World) -> None:
    ops, csrf = signed_in(world, "ops")
    violations = ops.get("/price-violations", params={"month": "2026-10"}).text
    assert "本月没有价格违规" in violations
    assert '<option value="chando-tmall">' in violations  # the store by its name, not its code
    assert '<option value="chando-tmall">chando-tmall</option>' not in violations
    before = business_rows(world)
    wrong = ops.post(
        "/ad-spend",
        data={"store": "chando-tmall", "month": "2026-10", "channel": " ", "amount": "3O",
              "csrf_token": csrf},
    )  # fmt: skip
    assert wrong.status_code == 422
    assert dict(re.findall(r'id="error-([\w-]+)">([^<]*)<', wrong.text)) == {
        "channel": "渠道：必填",
        "amount": "广告费金额：“3O”不是金额，请写元，最多两位小数，例如 99 或 99.50",
    }
    assert business_rows(world) == before
    recorded = ops.post(
        "/ad-spend",
        data={
            "store": "chando-tmall",
            "month": "2026-10",
            "channel": "直通车",
            "amount": "３０",  # full-width, as a Chinese input method types it
            "csrf_token": csrf,
        },
    )
    assert recorded.status_code == 303
    page = ops.get(recorded.headers["location"]).text
    assert "已记录 chando-tmall 2026-10 的广告费 ¥30.00（直通车）" in page
    # R-B6: sales ¥278.00, band 10%–20%: ¥27.80 – ¥55.60; ¥30.00 spent is within it.
    assert "¥278.00" in page and "¥27.80 – ¥55.60" in page and "在预算内" in page
    assert "直通车" in page and "10.8%" in page  # 30.00 / 278.00 = 10.79…%


def test_the_dashboard_and_the_brand_portal_link_to_prices_and_promotions(world: World) -> None:
    ops, _ = signed_in(world, "ops")
    first = ops.get("/").text
    assert '<a href="/repricing-tasks">' in first
    assert '<a href="/promotions">' in first and '<a href="/price-violations">' in first
    # The brand portal shows the brand's own work (issue 15, point 9): its promotions to
    # approve, not the agency's repricing tasks and price violations.
    portal = signed_in(world, "a-admin")[0].get("/").text
    assert '<a href="/promotions">' in portal
