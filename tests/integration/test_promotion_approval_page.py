"""The promotion a brand approves shows what it approves (issue 15, points 10 and 11), on SQLite
and PostgreSQL.

chando (web_world.py) has one SKU, CD-CREAM-50 自然堂面霜, guide price ¥139.00 since 2026-01-01.
People: `ops` (store operations) drafts; `a-admin` (chando's brand admin) answers; `a-finance`
(chando's brand finance) reads. Pages are Chinese unless the language cookie says English.
"""

from __future__ import annotations

import re
from html import unescape
from typing import Any

from fastapi.testclient import TestClient

from tests.integration.test_price_pages import business_rows, signed_in
from tests.integration.web_world import World

FORM = {
    "code": "DOUBLE11",
    "name": "双11 面霜直降",
    "stores": "chando-tmall",
    "line_sku": "CD-CREAM-50",
    "line_price": "99",  # whole yuan: the one money parser takes it (point 11)
    "discount": "",
    "start": "2026-11-11T00:00",
    "end": "2026-11-12T00:00",
    "budget": "20000",
    "funded_by": "brand",
}


def _submitted(world: World, **changes: Any) -> None:
    ops, csrf = signed_in(world, "ops")
    drafted = ops.post("/promotions/chando", data={**FORM, **changes, "csrf_token": csrf})
    assert drafted.status_code == 303, drafted.text
    submitted = ops.post("/promotions/chando/DOUBLE11/submit", data={"csrf_token": csrf})
    assert submitted.status_code == 303


def _row(page: str, sku: str) -> list[str]:
    row = page[page.index(f'id="line-{sku}"') :]
    row = row[: row.index("</tr>")]
    return [
        re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)
    ]


def _confirm(page: str, action: str) -> str:
    found = re.search(
        rf'action="/promotions/chando/DOUBLE11/{action}"[^>]*data-confirm="([^"]*)"', page
    )
    assert found is not None, action
    return unescape(found.group(1))


def test_the_brand_admin_reads_name_guide_price_discount_and_funder_and_confirms(
    world: World,
) -> None:
    _submitted(world)
    brand_admin, csrf = signed_in(world, "a-admin")
    page = brand_admin.get("/promotions/chando/DOUBLE11").text
    # Cut per unit 139.00 − 99.00 = 40.00; 40 / 139 = 28.78 % → −29 % (half-up, whole percent).
    assert _row(page, "CD-CREAM-50") == [
        "CD-CREAM-50", "自然堂面霜", "¥139.00", "¥99.00", "¥40.00", "−29%",
    ]  # fmt: skip
    assert "四舍五入到整数百分比" in page
    # R-S2: a brand-funded cut settles at the promotion price; R-P2 says what needs approval.
    assert "品牌方承担：促销期间售出的商品按促销价结算（R-S2）" in page
    assert "店铺优惠券和订单优惠是代运营方的降价" in page
    assert "条款没有限定件数" in page and "预算 ¥20,000.00" in page
    assert "2026-11-11 00:00 – 2026-11-12 00:00" in page
    # Approve and reject look different and both ask first, restating the promotion.
    assert '<button type="submit" name="approve" class="approve">' in page
    assert '<button type="submit" name="reject" class="reject">' in page
    assert _confirm(page, "approve") == (
        "批准促销 DOUBLE11 第 1 版“双11 面霜直降”？1 个商品，2026-11-11 00:00 – 2026-11-12 00:00，"
        "让利由品牌方承担，预算 ¥20,000.00。批准即书面答复，不能撤回。"
    )
    assert _confirm(page, "reject").startswith("驳回促销 DOUBLE11 第 1 版“双11 面霜直降”？")
    approved = brand_admin.post(
        "/promotions/chando/DOUBLE11/approve", data={"version": "1", "csrf_token": csrf}
    )
    assert approved.status_code == 303
    after = brand_admin.get(approved.headers["location"]).text
    assert "已批准促销 DOUBLE11 第 1 版" in after  # said once, after the redirect
    assert "已批准促销 DOUBLE11 第 1 版" not in brand_admin.get("/promotions/chando/DOUBLE11").text


def test_a_discount_shows_each_price_it_makes_and_an_operator_funded_cut_costs_the_brand_nothing(
    world: World,
) -> None:
    _submitted(world, line_sku="", line_price="", discount="15%", discount_sku="CD-CREAM-50",
               funded_by="operator")  # fmt: skip
    page = signed_in(world, "a-admin")[0].get("/promotions/chando/DOUBLE11").text
    # 139.00 × (1 − 15%) = 118.15 (exact, no rounding needed); cut 20.85; 20.85 / 139 = 15 %.
    assert _row(page, "CD-CREAM-50") == [
        "CD-CREAM-50", "自然堂面霜", "¥139.00", "¥118.15", "¥20.85", "−15%",
    ]  # fmt: skip
    assert "代运营方承担：售出的商品仍按指导价结算（R-S2）" in page
    assert "让利由代运营方承担" in _confirm(page, "approve")


def test_brand_finance_sees_who_must_approve_and_no_buttons(world: World) -> None:
    _submitted(world)
    page = signed_in(world, "a-finance")[0].get("/promotions/chando/DOUBLE11").text
    hint = page[page.index('class="who-answers"') :]
    assert hint[: hint.index("</p>")].endswith("需由品牌方管理员书面批准：a-admin。")
    assert 'name="approve"' not in page and 'name="reject"' not in page
    english = signed_in(world, "a-finance")[0]
    english.cookies.set("daiyun_lang", "en")
    page = english.get("/promotions/chando/DOUBLE11").text
    assert "A brand admin must approve in writing: a-admin." in page
    assert "Cut per unit" in page and "−29%" in page


def test_a_failed_create_says_every_error_at_its_field_keeps_what_was_typed_and_says_new(
    world: World,
) -> None:
    ops, csrf = signed_in(world, "ops")
    before = business_rows(world)
    wrong = {**FORM, "stores": "", "line_price": "99.999", "end": "2026-11-10T00:00",
             "budget": "二万", "csrf_token": csrf}  # fmt: skip
    answer = ops.post("/promotions/chando", data=wrong)
    assert answer.status_code == 422
    page = answer.text
    heading = page[page.index("<h1>") : page.index("</h1>")]
    assert "新建促销" in heading and "编辑" not in heading
    errors = dict(re.findall(r'<span class="field-error" id="error-([\w-]+)">([^<]*)</span>', page))
    assert errors == {
        "stores": "店铺：至少选一个",
        "line-0": "CD-CREAM-50 促销价：“99.999”不是金额，请写元，最多两位小数，例如 99 或 99.50",
        "end": "结束：须晚于开始时间",
        "budget": "预算：“二万”不是金额，请写元，最多两位小数，例如 99 或 99.50",
    }
    assert "表单有 4 处需要修改" in page
    for typed in ('value="99.999"', 'value="二万"', 'value="双11 面霜直降"', 'value="CD-CREAM-50"'):
        assert typed in page, typed
    assert "String should match pattern" not in page and "--" not in re.sub(r"<!--.*?-->", "", page)
    assert business_rows(world) == before


def test_an_unknown_sku_is_named_at_its_row_and_full_width_digits_are_yuan(world: World) -> None:
    ops, csrf = signed_in(world, "ops")
    before = business_rows(world)
    data = {**FORM, "line_sku": ["CD-CREAM-50", "NOPE-1"], "line_price": ["９９", "10"],
            "csrf_token": csrf}  # fmt: skip
    answer = ops.post("/promotions/chando", data=data)
    assert answer.status_code == 422
    errors = dict(re.findall(r'id="error-([\w-]+)">([^<]*)<', answer.text))
    assert errors == {"line-1": "商品：品牌的商品目录里没有 NOPE-1，请从列表中选择"}
    assert business_rows(world) == before
    data["line_sku"] = ["CD-CREAM-50"]
    data["line_price"] = ["９９"]
    saved = ops.post("/promotions/chando", data=data)
    assert saved.status_code == 303
    page = ops.get(saved.headers["location"]).text
    assert "促销 DOUBLE11 第 1 版已保存为草稿" in page
    assert _row(page, "CD-CREAM-50")[3] == "¥99.00"


def test_the_form_picks_skus_from_a_searchable_list_and_an_edit_keeps_its_heading(
    world: World,
) -> None:
    ops, csrf = signed_in(world, "ops")
    form = ops.get("/promotions/new", params={"brand": "chando"}).text
    assert '<option value="CD-CREAM-50">自然堂面霜 — ¥139.00</option>' in form
    assert 'list="brand-skus"' in form and "/static/sku_picker.js" in form
    assert ops.get("/static/sku_picker.js").status_code == 200
    ops.post("/promotions/chando", data={**FORM, "csrf_token": csrf})
    edit = ops.get("/promotions/chando/DOUBLE11/edit").text
    assert "编辑（生成新版本）" in edit and 'value="99.00"' in edit
    failed = ops.post(
        "/promotions/chando",
        data={**FORM, "budget": "x", "editing": "DOUBLE11", "csrf_token": csrf},
    )
    assert failed.status_code == 422 and "编辑（生成新版本）" in failed.text


def test_the_promotions_list_filters_by_brand_name_and_status(world: World) -> None:
    _submitted(world)
    client: TestClient = signed_in(world, "ops")[0]
    page = client.get("/promotions").text
    assert '<option value="chando">自然堂</option>' in page
    assert '<option value="pechoin">百雀羚</option>' in page
    assert "DOUBLE11" in client.get("/promotions", params={"status": "submitted"}).text
    assert "DOUBLE11" not in client.get("/promotions", params={"status": "approved"}).text
    assert "DOUBLE11" not in client.get("/promotions", params={"brand": "pechoin"}).text
