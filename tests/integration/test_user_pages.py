"""The users page as an admin uses it (issue 15, points 5 and 12), on SQLite and PostgreSQL.

The add form preselects the least privilege, names roles in words and brands by name; every
error is said at its field in the reader's language, with no command-line flag; each change
says afterwards what was done; 停用 asks first, naming the user. People: web_world.py.
"""

from __future__ import annotations

import re
from html import unescape

from daiyun.domain.agency import Role
from tests.integration.test_price_pages import business_rows, signed_in
from tests.integration.web_world import World, log_in

NEW = {"login": "a-new", "display_name": "新同事", "password": "a long enough one"}


def _errors(page: str) -> dict[str, str]:
    return dict(re.findall(r'<span class="field-error" id="error-([\w-]+)">([^<]*)</span>', page))


def test_the_add_form_preselects_the_least_privilege_and_names_roles_and_brands(
    world: World,
) -> None:
    admin, _ = signed_in(world, "admin")
    page = admin.get("/admin/users").text
    form = page[page.index('action="/admin/users"') :]
    selected = re.findall(r'<option value="(\w+)"[^>]*selected>', form)
    assert selected == [Role.BRAND_VIEWER.value]  # the least privilege, not admin
    assert '<optgroup label="品牌方">' in form and '<optgroup label="代运营方">' in form
    assert '<option value="admin" data-brand-role="no">管理员</option>' in form
    assert '<option value="chando">自然堂</option>' in form  # a brand by its name
    assert '<input name="brand"' not in form and "/static/user_form.js" in page
    row = page[page.index("<code>a-finance</code>") :]
    assert "<td>自然堂</td>" in row[: row.index("</tr>")]


def test_adding_a_brand_user_without_a_brand_says_so_at_the_field_and_adds_nobody(
    world: World,
) -> None:
    admin, csrf = signed_in(world, "admin")
    before = business_rows(world)
    answer = admin.post(
        "/admin/users", data={**NEW, "role": "brand_admin", "brand": "", "csrf_token": csrf}
    )
    assert answer.status_code == 422
    assert _errors(answer.text) == {"brand": "品牌：品牌方角色须选择所属品牌"}
    assert "--brand" not in answer.text
    # What was typed stays (but the password), the role chosen with it.
    assert 'value="a-new"' in answer.text and 'value="新同事"' in answer.text
    assert re.search(r'<option value="brand_admin"[^>]*selected>', answer.text)
    assert "a long enough one" not in answer.text
    assert business_rows(world) == before


def test_every_error_at_once_and_a_service_refusal_at_its_field_in_both_languages(
    world: World,
) -> None:
    admin, csrf = signed_in(world, "admin")
    before = business_rows(world)
    empty = admin.post(
        "/admin/users",
        data={"login": "", "password": "", "role": "brand_finance", "csrf_token": csrf},
    )
    assert empty.status_code == 422
    assert _errors(empty.text) == {
        "login": "用户名：必填",
        "password": "密码：必填",
        "brand": "品牌：品牌方角色须选择所属品牌",
    }
    taken = admin.post(
        "/admin/users",
        data={**NEW, "login": "a-finance", "role": "brand_viewer", "brand": "chando",
              "csrf_token": csrf},
    )  # fmt: skip
    assert taken.status_code == 422
    assert _errors(taken.text) == {"login": "用户名 a-finance 已存在"}
    assert business_rows(world) == before
    english, english_csrf = signed_in(world, "admin")
    english.cookies.set("daiyun_lang", "en")
    taken = english.post(
        "/admin/users",
        data={**NEW, "login": "a-finance", "role": "brand_viewer", "brand": "chando",
              "csrf_token": english_csrf},
    )  # fmt: skip
    assert _errors(unescape(taken.text)) == {
        "login": "a user with login 'a-finance' exists already"
    }


def test_adding_disabling_enabling_and_changing_a_role_each_say_what_was_done(
    world: World,
) -> None:
    admin, csrf = signed_in(world, "admin")
    added = admin.post(
        "/admin/users", data={**NEW, "role": "brand_viewer", "brand": "chando", "csrf_token": csrf}
    )
    assert added.status_code == 303
    assert "已添加用户 a-new，角色：品牌方查看者" in admin.get("/admin/users").text
    page = admin.get("/admin/users").text
    assert "已添加用户" not in page  # said once
    confirm = re.search(r'action="/admin/users/a-new/disable"[^>]*data-confirm="([^"]*)"', page)
    assert confirm is not None
    assert unescape(confirm.group(1)).startswith("停用用户 a-new（新同事）？其所有会话立即结束")
    disabled = admin.post("/admin/users/a-new/disable", data={"csrf_token": csrf})
    assert disabled.status_code == 303
    assert "已停用用户 a-new：其会话已结束，API 令牌已作废" in admin.get("/admin/users").text
    enabled = admin.post("/admin/users/a-new/enable", data={"csrf_token": csrf})
    assert enabled.status_code == 303
    assert "已启用用户 a-new" in admin.get("/admin/users").text
    changed = admin.post(
        "/admin/users/a-new/role", data={"role": "brand_finance", "csrf_token": csrf}
    )
    assert changed.status_code == 303
    assert "用户 a-new 的角色已改为品牌方财务" in admin.get("/admin/users").text
    with world.daiyun.unit_of_work() as uow:
        new = uow.users.get("a-new")
    assert new is not None and (new.role, new.brand_code, new.is_active) == (
        Role.BRAND_FINANCE,
        "chando",
        True,
    )


def test_a_brand_admin_adds_only_brand_roles_of_its_own_brand_and_agency_staff_may_not(
    world: World,
) -> None:
    brand_admin, csrf = signed_in(world, "a-admin")
    page = brand_admin.get("/admin/users").text
    form = page[page.index('action="/admin/users"') :]
    assert '<select name="brand"' not in form and '<option value="admin"' not in form
    added = brand_admin.post("/admin/users", data={**NEW, "role": "brand_finance",
                                                    "csrf_token": csrf})  # fmt: skip
    assert added.status_code == 303
    with world.daiyun.unit_of_work() as uow:
        new = uow.users.get("a-new")
    assert new is not None and new.brand_code == "chando"
    finance = world.client()
    log_in(finance, "a-new", NEW["password"])
    refused = finance.get("/admin/users")
    assert refused.status_code == 403
    assert "用户 a-new（品牌方财务）无权管理用户" in refused.text
