"""Issue 16, point 8, on SQLite and PostgreSQL: a disabled user's API tokens are revoked for
good (R-D3: audited). The world is web_world.py's: chando (A) and pechoin (B), and their people.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from daiyun.adapters.db.account_tables import api_token
from daiyun.adapters.db.tables import audit_record, brand
from tests.integration.cli_runner import run_daiyun
from tests.integration.web_world import World, log_in


def _cli_token(world: World, login: str) -> str:
    result = run_daiyun(world.database_url, "token", "create", "--login", login, "--name", "ci")
    assert result.exit_code == 0, result.stderr
    return result.stdout.strip()


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _is_logged_in(client: TestClient) -> bool:
    return client.get("/brands").status_code == 200


def _audit(world: World, action: str) -> list[tuple[Any, ...]]:
    """The audit records of `action`, oldest first, with their brand's code."""
    query = (
        select(
            audit_record.c.actor,
            audit_record.c.entity,
            audit_record.c.entity_key,
            brand.c.code,
            audit_record.c.before,
            audit_record.c.after,
            audit_record.c.reason,
        )
        .select_from(audit_record.outerjoin(brand, brand.c.id == audit_record.c.brand_id))
        .where(audit_record.c.action == action)
        .order_by(audit_record.c.id)
    )
    with world.daiyun.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(query)]


def _stored_prefixes(world: World) -> list[str]:
    with world.daiyun.engine.connect() as connection:
        return sorted(prefix for (prefix,) in connection.execute(select(api_token.c.prefix)))


# Point 8: tokens come back ------------------------------------------------------------------


def _set_active_by_api(world: World, login: str, action: str) -> str:
    answer = world.client().post(
        f"/api/users/{login}/{action}", headers=_bearer(_cli_token(world, "admin"))
    )
    assert answer.status_code == 200, answer.text
    return "admin"


def _set_active_by_cli(world: World, login: str, action: str) -> str:
    result = run_daiyun(world.database_url, "user", action, "--login", login)
    assert result.exit_code == 0, result.stderr
    return _audit(world, f"user.{action}")[-1][0]  # the console's operating-system user


@pytest.mark.parametrize("set_active", [_set_active_by_api, _set_active_by_cli])
def test_disabling_revokes_the_users_tokens_so_enabling_again_does_not_bring_them_back(
    world: World, set_active: Any
) -> None:
    """R-D3: disabling ends the sessions and revokes the tokens, each revocation audited."""
    old = [_cli_token(world, "a-viewer"), _cli_token(world, "a-viewer")]
    others = _cli_token(world, "a-finance")  # another user's token is no business of this
    session = world.client()
    log_in(session, "a-viewer")

    actor = set_active(world, "a-viewer", "disable")
    set_active(world, "a-viewer", "enable")

    client = world.client()
    for token in old:
        answer = client.get("/api/me", headers=_bearer(token))
        assert answer.status_code == 401
        assert answer.json() == {"detail": "unknown, revoked or disabled API token"}
    assert not _is_logged_in(session)  # the session ended on disable stays ended
    assert client.get("/api/me", headers=_bearer(others)).status_code == 200
    assert all(
        not prefix.startswith(tuple(t[:12] for t in old)) for prefix in _stored_prefixes(world)
    )
    assert _audit(world, "token.revoke") == [
        (
            actor,
            "user",
            "a-viewer",
            "chando",
            json.dumps({"token": token[:12], "name": "ci"}),
            None,
            "user a-viewer disabled",
        )
        for token in old
    ]
    # Enabled again, the user makes a new token, which works.
    assert client.get("/api/me", headers=_bearer(_cli_token(world, "a-viewer"))).status_code == 200


def test_disabling_a_brand_revokes_its_peoples_tokens_and_no_others(world: World) -> None:
    b_token, a_token = _cli_token(world, "b-finance"), _cli_token(world, "a-finance")
    admin = _cli_token(world, "admin")
    answer = world.client().post("/api/brands/pechoin/disable", headers=_bearer(admin))
    assert answer.status_code == 204
    assert _stored_prefixes(world) == sorted([a_token[:12], admin[:12]])
    assert _audit(world, "token.revoke") == [
        (
            "admin",
            "user",
            "b-finance",
            "pechoin",
            json.dumps({"token": b_token[:12], "name": "ci"}),
            None,
            "brand pechoin disabled",
        )
    ]
    assert world.client().get("/api/me", headers=_bearer(a_token)).status_code == 200
