"""Store credentials and outages on the web, on SQLite and PostgreSQL (issue 21, R-B7, R-B8):
the agency's store operators record a credential and reveal it with a reason (the secret on
that one answer, never cached, the reveal logged); the brand's people see the list and the
reveal log, never a secret, and are refused a reveal (403, nothing logged); an outage over
the contract's hours is a notice on the brand's /outages page; brand A's people get nothing
of brand B's from any of these routes (R-D2)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from cryptography.fernet import Fernet
from fastapi.testclient import TestClient
from sqlalchemy import select

from daiyun.adapters.db.credential_tables import credential_reveal
from daiyun.bootstrap import bootstrap
from daiyun.config import load_settings
from daiyun.domain.agency import Role, User
from daiyun.entrypoints.web.navigation import navigation
from tests.integration.credential_isolation_cases import CREDENTIAL_PAGE_CASES
from tests.integration.snapshots import database_snapshot
from tests.integration.test_isolation import BRAND_A_PEOPLE, _failure, _without_auth_rows
from tests.integration.web_world import World, log_in

KEY = Fernet.generate_key().decode()
SECRET = "Tm4ll-Seller-pw#2026!"
_ID = re.compile(r'/credentials/(\d+)/reveal"')


@pytest.fixture
def keyed(world: World) -> Iterator[World]:
    """The world's database on an application that holds a credential key."""
    app = bootstrap(
        load_settings(database_url=world.database_url, environment="test", credential_keys=KEY)
    )
    try:
        yield World(app, world.clock, world.database_url)
    finally:
        app.close()


def _add(client: TestClient, csrf: str, brand: str, store: str, secret: str = SECRET) -> int:
    answer = client.post(
        f"/brands/{brand}/credentials",
        data={"store": store, "kind": "platform_login", "login_name": f"{brand}:运营",
              "secret": secret, "note": "商家后台", "csrf_token": csrf},
    )  # fmt: skip
    assert answer.status_code == 303, answer.text
    page = client.get(f"/brands/{brand}/credentials")
    assert secret not in page.text
    found = _ID.findall(page.text)
    assert found
    return int(found[-1])


def test_reveal_by_an_operator_is_logged_and_the_brand_sees_the_log_not_the_secret(
    keyed: World,
) -> None:
    ops = keyed.client()
    csrf = log_in(ops, "ops")
    credential_id = _add(ops, csrf, "chando", "chando-tmall")
    shown = ops.post(
        f"/brands/chando/credentials/{credential_id}/reveal",
        data={"reason": "处理退款 #880001", "csrf_token": csrf},
    )
    assert shown.status_code == 200, shown.text
    assert f'<code id="revealed-secret">{SECRET}</code>' in shown.text
    assert shown.headers["cache-control"] == "no-store"
    assert 'data-confirm="' in ops.get("/brands/chando/credentials").text
    # The secret is shown on that answer only.
    assert SECRET not in ops.get("/brands/chando/credentials").text
    # The brand's admin: the list and the log (who, why), no secret, no reveal or add form.
    brand = keyed.client()
    brand_csrf = log_in(brand, "a-admin")
    page = brand.get("/brands/chando/credentials")
    assert page.status_code == 200
    assert SECRET not in page.text and "处理退款 #880001" in page.text
    assert "<code>ops</code>" in page.text
    assert "/reveal" not in page.text and 'name="secret"' not in page.text
    nav = [item.href for item in navigation(User("a-admin", "a", Role.BRAND_ADMIN, "chando"), "/")]
    assert {"/brands/chando/credentials", "/outages"} <= set(nav)
    # Refused to the brand: 403, nothing logged, nothing changed.
    before = database_snapshot(keyed.daiyun)
    refused = brand.post(
        f"/brands/chando/credentials/{credential_id}/reveal",
        data={"reason": "看一下密码", "csrf_token": brand_csrf},
    )
    assert refused.status_code == 403 and SECRET not in refused.text
    assert database_snapshot(keyed.daiyun) == before
    with keyed.daiyun.engine.connect() as connection:
        assert len(connection.execute(select(credential_reveal.c.id)).all()) == 1


def test_a_reveal_without_a_reason_is_refused_on_the_page(keyed: World) -> None:
    ops = keyed.client()
    csrf = log_in(ops, "ops")
    credential_id = _add(ops, csrf, "chando", "chando-tmall")
    before = database_snapshot(keyed.daiyun)
    bare = ops.post(
        f"/brands/chando/credentials/{credential_id}/reveal",
        data={"reason": "", "csrf_token": csrf},
    )
    assert bare.status_code == 422 and SECRET not in bare.text
    assert "查看密码须填写 4 至 500 个字符的原因" in bare.text
    assert database_snapshot(keyed.daiyun) == before


def test_without_a_key_the_page_refuses_to_keep_a_credential(world: World) -> None:
    ops = world.client()
    csrf = log_in(ops, "ops")
    before = database_snapshot(world.daiyun)
    answer = ops.post(
        "/brands/chando/credentials",
        data={"store": "chando-tmall", "kind": "alipay", "login_name": "pay@chando.cn",
              "secret": SECRET, "note": "", "csrf_token": csrf},
    )  # fmt: skip
    assert answer.status_code == 409
    assert "没有加密店铺账号的密钥" in answer.text and SECRET not in answer.text
    assert database_snapshot(world.daiyun) == before


def test_an_outage_over_the_hours_is_a_notice_on_the_brands_portal(world: World) -> None:
    admin = world.client()
    csrf = log_in(admin, "admin")
    for started, ended, what in (
        ("2026-11-02T10:00", "2026-11-02T12:00", "ERP 接口中断"),  # 120 min: not more than 2 h
        ("2026-11-02T14:00", "2026-11-02T16:01", "客服系统宕机"),  # 121 min: noticed
    ):
        answer = admin.post(
            "/outages",
            data={"brand": "chando", "started": started, "ended": ended, "what": what,
                  "csrf_token": csrf},
        )  # fmt: skip
        assert answer.status_code == 303, answer.text
    brand = world.client()
    log_in(brand, "a-viewer")
    page = brand.get("/outages")
    assert page.status_code == 200
    notices = page.text.split('id="outage-notices"')[1].split("</section>")[0]
    assert "客服系统宕机" in notices and "121" in notices
    assert "ERP 接口中断" not in notices
    assert "ERP 接口中断" in page.text  # listed, without a notice
    assert 'id="outage-form"' not in page.text
    # Another brand's people see none of it.
    other = world.client()
    log_in(other, "b-admin")
    assert "客服系统宕机" not in other.get("/outages").text


def test_brand_a_people_get_nothing_of_brand_bs_credentials_or_outages(keyed: World) -> None:
    admin = keyed.client()
    csrf = log_in(admin, "admin")
    b_id = _add(admin, csrf, "pechoin", "pechoin-tmall", secret="s3cret-of-b")
    assert b_id == 1  # the id the cases name
    shown = admin.post(
        f"/brands/pechoin/credentials/{b_id}/reveal",
        data={"reason": "百雀羚退款处理", "csrf_token": csrf},
    )
    assert shown.status_code == 200
    noticed = admin.post(
        "/outages",
        data={"brand": "pechoin", "started": "2026-11-01T08:00", "ended": "2026-11-01T11:00",
              "what": "百雀羚店铺后台中断", "csrf_token": csrf},
    )  # fmt: skip
    assert noticed.status_code == 303
    before = _without_auth_rows(keyed)
    failures: list[str | None] = []
    for login in BRAND_A_PEOPLE:
        browser = keyed.client()
        token = log_in(browser, login)
        for build in CREDENTIAL_PAGE_CASES.values():
            for call in build(""):
                data = None if call.data is None else {**call.data, "csrf_token": token}
                answer = browser.request(call.method, call.path, params=call.params, data=data)
                assert answer.status_code < 500, (call, answer.text)
                assert "s3cret-of-b" not in answer.text and "百雀羚退款处理" not in answer.text
                failures.append(_failure(call, answer.status_code, answer.text))  # type: ignore[arg-type]
    assert [failure for failure in failures if failure] == []
    assert _without_auth_rows(keyed) == before  # logging in writes sessions, nothing else
