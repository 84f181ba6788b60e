"""Logging in: rotation, cookies, throttling, CSRF, expiry, logging out, lockouts (issue 5)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from daiyun.adapters.db.account_tables import login_attempt, web_session
from daiyun.adapters.db.tables import audit_record
from tests.integration.snapshots import database_snapshot
from tests.integration.web_world import SESSION, World, csrf_of, log_in, login_form_token


def _is_logged_in(client: TestClient) -> bool:
    answer = client.get("/brands")
    return answer.status_code == 200


def _try_login(client: TestClient, login: str, password: str) -> int:
    data = {"login": login, "password": password, "csrf_token": login_form_token(client)}
    return client.post("/login", data=data).status_code


def _count(world: World, table) -> int:  # type: ignore[no-untyped-def]
    with world.daiyun.engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(table)).scalar_one())


def test_a_page_without_a_session_leads_to_the_login_page(world: World) -> None:
    answer = world.client().get("/orders?status=paid")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/login?next=%2Forders%3Fstatus%3Dpaid"


def test_the_session_cookie_is_httponly_samesite_lax_and_secure(world: World) -> None:
    client = world.client()
    data = {"login": "admin", "password": "correct horse battery"}
    answer = client.post("/login", data={**data, "csrf_token": login_form_token(client)})
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    cookie = next(c for c in answer.headers.get_list("set-cookie") if c.startswith(SESSION))
    attributes = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert {"httponly", "samesite=lax", "secure", "path=/"} <= attributes


def test_logging_in_again_rotates_the_session_id_and_ends_the_old_one(world: World) -> None:
    client = world.client()
    log_in(client, "a-viewer")
    first = client.cookies[SESSION]
    log_in(client, "a-viewer")
    second = client.cookies[SESSION]
    assert first != second
    stolen = world.client()
    stolen.cookies.set(SESSION, first)
    assert not _is_logged_in(stolen)
    assert _is_logged_in(client)
    assert _count(world, web_session) == 1


def test_only_a_hash_of_the_session_id_is_stored(world: World) -> None:
    client = world.client()
    log_in(client, "admin")
    with world.daiyun.engine.connect() as connection:
        stored = connection.execute(select(web_session.c.key_hash)).scalar_one()
    assert client.cookies[SESSION] not in stored and len(stored) == 64


def test_the_sixth_login_on_an_account_within_15_minutes_is_refused_even_when_right(
    world: World,
) -> None:
    client = world.client()
    for _ in range(5):
        assert _try_login(client, "a-finance", "wrong password!") == 401
    assert _try_login(client, "a-finance", "correct horse battery") == 429
    # Throttled attempts are not recorded: the five failures alone count.
    assert _count(world, login_attempt) == 5
    world.clock.advance(minutes=15)
    assert _try_login(client, "a-finance", "correct horse battery") == 303


def test_a_throttled_account_does_not_lock_other_accounts(world: World) -> None:
    client = world.client()
    for _ in range(5):
        _try_login(client, "a-finance", "wrong password!")
    assert _try_login(world.client(), "a-viewer", "correct horse battery") == 303


def test_one_address_is_throttled_after_30_failures_across_accounts(world: World) -> None:
    client = world.client()
    for attempt in range(30):
        assert _try_login(client, f"nobody{attempt}", "wrong password!") == 401
    assert _try_login(client, "admin", "correct horse battery") == 429


def test_an_unknown_login_and_a_wrong_password_get_the_same_answer(world: World) -> None:
    client = world.client()
    data = {"password": "wrong password!", "csrf_token": login_form_token(client)}
    unknown = client.post("/login", data={**data, "login": "nobody"})
    data["csrf_token"] = login_form_token(client)
    wrong = client.post("/login", data={**data, "login": "admin"})
    assert unknown.status_code == wrong.status_code == 401
    assert "用户名或密码错误" in unknown.text and "用户名或密码错误" in wrong.text


def test_the_login_form_refuses_a_post_without_its_own_token(world: World) -> None:
    client = world.client()
    login_form_token(client)
    data = {"login": "admin", "password": "correct horse battery", "csrf_token": "forged"}
    assert client.post("/login", data=data).status_code == 403
    assert SESSION not in client.cookies


def test_a_form_post_without_the_csrf_token_is_refused_and_nothing_changes(world: World) -> None:
    client = world.client()
    log_in(client, "admin")
    before = database_snapshot(world.daiyun)
    for data in ({}, {"csrf_token": "not-the-token"}):
        answer = client.post("/admin/users/ops/disable", data=data)
        assert answer.status_code == 403
        assert (
            "表单已过期或并非来自 daiyun：请刷新页面后重试" in answer.text
        )  # the reader's language
    api = client.post("/api/users/ops/disable")  # the API on a cookie needs the header too
    assert api.status_code == 403
    assert "did not come from daiyun" in api.json()["detail"]  # the API's English (interfaces.md)
    assert database_snapshot(world.daiyun) == before


def test_the_same_post_with_the_sessions_token_goes_through_and_is_audited(world: World) -> None:
    client = world.client()
    csrf = log_in(client, "admin")
    answer = client.post("/admin/users/ops/disable", data={"csrf_token": csrf})
    assert answer.status_code == 303
    with world.daiyun.engine.connect() as connection:
        row = connection.execute(
            select(audit_record).where(audit_record.c.action == "user.disable")
        ).one()
    assert (row.actor, row.entity_key, row.before, row.after) == (
        "admin",
        "ops",
        '{"is_active": true}',
        '{"is_active": false}',
    )


def test_a_disabled_user_is_locked_out_at_once(world: World) -> None:
    victim = world.client()
    log_in(victim, "a-finance")
    admin = world.client()
    csrf = log_in(admin, "a-admin")  # the brand's own admin manages its people
    assert (
        admin.post("/api/users/a-finance/disable", headers={"X-CSRF-Token": csrf}).json()[
            "is_active"
        ]
        is False
    )
    assert not _is_logged_in(victim)
    assert _try_login(world.client(), "a-finance", "correct horse battery") == 401


def test_disabling_a_brand_ends_its_peoples_sessions_but_not_others(world: World) -> None:
    brand_user, other = world.client(), world.client()
    log_in(brand_user, "b-finance")
    log_in(other, "a-finance")
    admin = world.client()
    csrf = log_in(admin, "admin")
    assert (
        admin.post("/api/brands/pechoin/disable", headers={"X-CSRF-Token": csrf}).status_code == 204
    )
    assert not _is_logged_in(brand_user)
    assert _is_logged_in(other)
    assert _try_login(world.client(), "b-admin", "correct horse battery") == 401


def test_a_session_ends_after_30_minutes_without_use(world: World) -> None:
    client = world.client()
    log_in(client, "ops")
    world.clock.advance(minutes=29, seconds=59)
    assert _is_logged_in(client)  # and the use counts: 30 idle minutes start again
    world.clock.advance(minutes=29, seconds=59)
    assert _is_logged_in(client)
    world.clock.advance(minutes=30)
    assert not _is_logged_in(client)
    assert _count(world, web_session) == 0


def test_a_session_ends_after_12_hours_however_busy(world: World) -> None:
    client = world.client()
    log_in(client, "ops")
    for _ in range(47):  # every quarter of an hour for 11 h 45 min
        world.clock.advance(minutes=15)
        assert _is_logged_in(client)
    world.clock.advance(minutes=15)
    assert not _is_logged_in(client)


def test_logging_out_everywhere_ends_every_session_of_that_user_only(world: World) -> None:
    laptop, phone, colleague = world.client(), world.client(), world.client()
    csrf = log_in(laptop, "a-finance")
    log_in(phone, "a-finance")
    log_in(colleague, "a-viewer")
    answer = laptop.post("/logout/everywhere", data={"csrf_token": csrf})
    assert answer.status_code == 303 and answer.headers["location"] == "/login"
    assert not _is_logged_in(laptop) and not _is_logged_in(phone)
    assert _is_logged_in(colleague)


def test_logging_out_ends_this_session_only(world: World) -> None:
    laptop, phone = world.client(), world.client()
    csrf = log_in(laptop, "ops")
    log_in(phone, "ops")
    assert laptop.post("/logout", data={"csrf_token": csrf}).status_code == 303
    assert not _is_logged_in(laptop)
    assert _is_logged_in(phone)


def test_the_pages_speak_chinese_until_english_is_chosen(world: World) -> None:
    client = world.client()
    log_in(client, "admin")
    assert "工作台" in client.get("/brands").text
    assert client.get("/lang/en?back=/orders").headers["location"] == "/orders"
    page = client.get("/orders").text
    assert "Paid from" in page and "付款自" not in page
    assert csrf_of(client)


def test_each_login_deletes_the_sessions_nobody_came_back_to(world: World) -> None:
    log_in(world.client(), "a-viewer")
    log_in(world.client(), "a-finance")
    world.clock.advance(minutes=30)
    log_in(world.client(), "ops")
    with world.daiyun.engine.connect() as connection:
        logins = connection.execute(select(web_session.c.user_id)).all()
    assert len(logins) == 1
