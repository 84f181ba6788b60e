"""API tokens for scripts: hashed at rest, shown once, the same permission checks (issue 5)."""

from __future__ import annotations

import hashlib

from sqlalchemy import select

from daiyun.adapters.db.account_tables import api_token
from daiyun.adapters.db.tables import audit_record
from tests.integration.cli_runner import run_daiyun
from tests.integration.snapshots import database_snapshot
from tests.integration.web_world import World, log_in


def _cli_token(world: World, login: str) -> str:
    result = run_daiyun(world.database_url, "token", "create", "--login", login, "--name", "ci")
    assert result.exit_code == 0, result.stderr
    return result.stdout.strip()


def test_a_token_made_on_the_command_line_is_stored_only_as_its_hash(world: World) -> None:
    token = _cli_token(world, "a-finance")
    assert token.startswith("dyt_") and len(token) == 4 + 43
    with world.daiyun.engine.connect() as connection:
        row = connection.execute(select(api_token)).one()
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert (row.prefix, row.name) == (token[:12], "ci")
    answer = world.client().get("/api/me", headers={"Authorization": f"Bearer {token}"})
    assert answer.json() == {
        "login": "a-finance",
        "display_name": "a-finance",
        "role": "brand_finance",
        "brand": "chando",
        "is_active": True,
    }


def test_a_token_sees_what_its_user_may_see_and_no_more(world: World) -> None:
    headers = {"Authorization": f"Bearer {_cli_token(world, 'a-viewer')}"}
    client = world.client()
    assert [b["code"] for b in client.get("/api/brands", headers=headers).json()] == ["chando"]
    orders = client.get("/api/orders", headers=headers).json()
    assert [(o["store"], o["order_no"], o["paid"]) for o in orders["items"]] == [
        ("chando-tmall", "1001", "278.00")
    ]
    assert client.get("/api/users", headers=headers).status_code == 403


def test_no_token_a_wrong_one_or_a_revoked_one_gets_401_and_nothing_changes(
    world: World,
) -> None:
    token = _cli_token(world, "ops")
    prefix = token[:12]
    revoked = run_daiyun(
        world.database_url, "token", "revoke", "--login", "ops", "--prefix", prefix
    )
    assert revoked.exit_code == 0, revoked.stderr
    client = world.client()
    before = database_snapshot(world.daiyun)
    for headers in (
        {},
        {"Authorization": "Bearer dyt_forged"},
        {"Authorization": f"Bearer {token}"},
    ):
        answer = client.post("/api/users/a-viewer/disable", headers=headers)
        assert answer.status_code == 401
        assert answer.headers["www-authenticate"] == "Bearer"
    assert database_snapshot(world.daiyun) == before


def test_a_token_needs_no_csrf_token_and_a_disabled_users_token_stops_working(
    world: World,
) -> None:
    admin = {"Authorization": f"Bearer {_cli_token(world, 'admin')}"}
    viewer = {"Authorization": f"Bearer {_cli_token(world, 'a-viewer')}"}
    client = world.client()
    assert client.get("/api/me", headers=viewer).status_code == 200
    disabled = client.post("/api/users/a-viewer/disable", headers=admin)
    assert disabled.status_code == 200 and disabled.json()["is_active"] is False
    assert client.get("/api/me", headers=viewer).status_code == 401


def test_a_role_change_is_audited_with_before_and_after(world: World) -> None:
    client = world.client()
    csrf = log_in(client, "a-admin")
    answer = client.put(
        "/api/users/a-viewer/role", json={"role": "brand_finance"}, headers={"X-CSRF-Token": csrf}
    )
    assert answer.status_code == 200 and answer.json()["role"] == "brand_finance"
    with world.daiyun.engine.connect() as connection:
        row = connection.execute(
            select(audit_record).where(audit_record.c.action == "user.role")
        ).one()
    assert (row.actor, row.entity_key, row.before, row.after) == (
        "a-admin",
        "a-viewer",
        '{"role": "brand_viewer"}',
        '{"role": "brand_finance"}',
    )


def test_a_brand_admin_cannot_give_an_agency_role_and_nothing_changes(world: World) -> None:
    client = world.client()
    csrf = log_in(client, "a-admin")
    before = database_snapshot(world.daiyun)
    answer = client.put(
        "/api/users/a-viewer/role", json={"role": "admin"}, headers={"X-CSRF-Token": csrf}
    )
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["msg"] == (
        "role admin is an agency role: it cannot belong to a brand"
    )
    assert database_snapshot(world.daiyun) == before


def test_a_common_password_is_refused_on_the_users_page_and_nothing_changes(
    world: World,
) -> None:
    client = world.client()
    csrf = log_in(client, "admin")
    before = database_snapshot(world.daiyun)
    data = {"login": "new.ops", "role": "store_operations", "password": "password123"}
    answer = client.post("/admin/users", data={**data, "csrf_token": csrf})
    assert answer.status_code == 422
    assert "that password is one of the most common ones; choose another" in answer.text
    assert database_snapshot(world.daiyun) == before


def test_a_nul_character_is_bad_input_on_both_databases(world: World) -> None:
    """PostgreSQL cannot hold NUL in text; found by schemathesis as a server error there."""
    headers = {"Authorization": f"Bearer {_cli_token(world, 'admin')}"}
    client = world.client()
    before = database_snapshot(world.daiyun)
    del before["api_token"]  # the token's last use is recorded
    assert client.get("/api/tokens", params={"login": "\x00"}, headers=headers).status_code == 422
    assert client.get("/api/stores/a%00b", headers=headers).status_code == 422
    body = {"login": "new.ops", "role": "finance", "password": "long enough \x00 password"}
    assert client.post("/api/users", json=body, headers=headers).status_code == 422
    after = database_snapshot(world.daiyun)
    del after["api_token"]
    assert after == before
