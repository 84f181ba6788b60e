"""/api/reports on SQLite and PostgreSQL (issue 20, R-R1, R-D2): made once through the API,
read back, and a brand's token sees only its own brand's reports — another's is 404, with
nothing of it in the answer and nothing changed.

The world (web_world.py): chando (A, CHANDO-2026) and pechoin (B, PECHOIN-2026), each with one
order paid 2026-10-05 09:01 of 2 creams for 278.00; the clock at 2026-11-02 09:00 Beijing."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from daiyun.domain.agency import User
from daiyun.services.accounts.logins import create_token
from tests.integration.report_isolation_cases import B_REPORT, REPORT_API_CASES
from tests.integration.snapshots import database_snapshot
from tests.integration.web_world import PEOPLE, START, World

_B = {"contract": "PECHOIN-2026", "kind": "monthly", "period": "2026-10"}


def _token(world: World, login: str) -> dict[str, str]:
    role, brand = next((role, brand) for name, role, brand in PEOPLE if name == login)
    token, _ = create_token(
        world.daiyun.unit_of_work(), User(login, login, role, brand), login=login, name="t",
        now=START,
    )  # fmt: skip
    return {"Authorization": f"Bearer {token}"}


def _client(world: World) -> TestClient:
    return world.client()


def test_a_report_made_and_read_through_the_api(world: World) -> None:
    client = _client(world)
    ops = _token(world, "ops")
    made = client.post("/api/reports", json=_B, headers=ops)
    assert made.status_code == 200, made.text
    report = made.json()
    # October: B's one order, 2 creams, 278.00; due 10-31 + 3 = 11-03, made 11-02: on time.
    assert report["sales"] == {"orders": 1, "units": 2, "amount": "278.00"}
    assert (report["due"], report["on_time"], report["made_before"]) == ("2026-11-03", True, False)
    again = client.post("/api/reports", json=_B, headers=ops).json()
    assert again["made_before"] is True and again["made_at"] == report["made_at"]
    b = _token(world, "b-finance")
    listed = client.get("/api/reports", params={"contract": "PECHOIN-2026"}, headers=b)
    assert listed.status_code == 200
    assert [(r["kind"], r["period"], r["on_time"]) for r in listed.json()] == [
        ("monthly", "2026-10", True)
    ]
    shown = client.get(B_REPORT, headers=b)
    assert shown.status_code == 200
    assert shown.json()["top_skus"][0]["sku"] == "PC-CREAM-50"
    assert shown.json()["content_hash"] == report["content_hash"]
    # The brand's people read their reports but do not make them (the operator's duty).
    assert client.post("/api/reports", json=_B, headers=b).status_code == 403


@pytest.mark.parametrize("login", ["a-admin", "a-finance", "a-viewer"])
def test_brand_a_gets_404_for_every_report_route_of_brand_b(world: World, login: str) -> None:
    """R-D2: B's report made first, so that there is something to leak."""
    client = _client(world)
    assert client.post("/api/reports", json=_B, headers=_token(world, "ops")).status_code == 200
    headers = _token(world, login)
    before = _rows(world)
    calls = [call for build in REPORT_API_CASES.values() for call in build("")]
    assert len(calls) == 3
    for call in calls:
        answer = client.request(
            call.method, call.path, params=call.params, json=call.json, headers=headers
        )
        assert answer.status_code == 404, (call, answer.text)
        assert "PC-CREAM" not in answer.text and "pechoin" not in answer.text
    assert _rows(world) == before
    # Their own contract: the list answers (empty), a report not made is 404.
    own = client.get("/api/reports", params={"contract": "CHANDO-2026"}, headers=headers)
    assert own.status_code == 200 and own.json() == []
    assert (
        client.get("/api/reports/CHANDO-2026/monthly/2026-10", headers=headers).status_code == 404
    )


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({**_B, "period": "2026-13"}, 422),  # no such month
        ({**_B, "kind": "weekly"}, 422),  # a month given to a weekly report
        ({**_B, "kind": "daily"}, 422),
        ({**_B, "period": "2026-11"}, 409),  # November is not over on 11-02
        ({**_B, "contract": "NOPE-2026"}, 404),
    ],
)
def test_a_bad_request_changes_nothing(world: World, body: dict[str, Any], status: int) -> None:
    client = _client(world)
    before = _rows(world)
    answer = client.post("/api/reports", json=body, headers=_token(world, "ops"))
    assert answer.status_code == status, answer.text
    assert _rows(world) == before


def _rows(world: World) -> dict[str, Any]:
    snapshot = database_snapshot(world.daiyun)
    return {name: rows for name, rows in snapshot.items() if name not in {"api_token"}}


def test_the_obligations_page_names_a_report_in_chinese(world: World) -> None:
    """R-O1, R-R1: the reports owed are on /obligations, worded in the reader's language."""
    from tests.integration.web_world import log_in

    client = _client(world)
    assert client.post("/api/reports", json=_B, headers=_token(world, "ops")).status_code == 200
    log_in(client, "admin")
    page = client.get("/obligations", params={"status": "met"})
    assert page.status_code == 200, page.text
    assert "百雀羚 2026-10 月报" in page.text or "pechoin 2026-10 月报" in page.text
