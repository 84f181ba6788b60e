"""R-D2 over the statement side: with brand B's statement issued and B's import finished,
brand A's people try B's ids on every statement, payment, obligation, ledger, import and
audit route (API by token, pages by session): nothing of B's comes back, nothing changes."""

from __future__ import annotations

from typing import Any

from daiyun.domain.agency import User
from daiyun.services.accounts.logins import create_token
from tests.integration.desk_isolation_cases import (
    B_STATEMENT,
    DESK_API_CASES,
    DESK_PAGE_CASES,
)
from tests.integration.isolation_call import Call
from tests.integration.statement_world import wait_for_import
from tests.integration.test_api_statements import business_rows
from tests.integration.test_isolation import BRAND_A_PEOPLE, _failure, _role_and_brand
from tests.integration.web_world import START, World, log_in


def _b_world(world: World) -> str:
    """B's October statement drafted and issued, B's order file imported; the import's id."""
    admin = world.client()
    headers = {"X-CSRF-Token": log_in(admin, "admin")}
    for step in ("draft", "issue"):
        answer = admin.post(f"{B_STATEMENT}/{step}", headers=headers)
        assert answer.status_code == 200, answer.text
    started = admin.post(
        "/api/imports",
        data={"store": "pechoin-tmall", "as_of": "2026-11-01T10:00:00+08:00"},
        files={"file": ("pechoin.csv", b"order_no\n880089\n", "text/csv")},
        headers=headers,
    )
    assert started.status_code == 202, started.text
    job = wait_for_import(admin, f"/api/imports/jobs/{started.json()['id']}")
    assert job["state"] == "finished" and job["summary"]["stored"] is False  # a bad file
    return str(job["id"])


def _run(client: Any, call: Call, **extra: Any) -> tuple[int, str]:
    answer = client.request(
        call.method, call.path, params=call.params, json=call.json, files=call.files, **extra
    )
    assert answer.status_code < 500, (call, answer.text)
    return answer.status_code, answer.text


def test_brand_a_people_get_nothing_of_brand_bs_statements_imports_or_audit(
    world: World,
) -> None:
    job = _b_world(world)
    before = business_rows(world.daiyun)
    failures: list[str | None] = []
    for login in BRAND_A_PEOPLE:  # one world for the three: B's side is set up once
        role, brand = _role_and_brand(login)
        token, _ = create_token(
            world.daiyun.unit_of_work(), User(login, login, role, brand), login=login,
            name="t", now=START,
        )  # fmt: skip
        scripted, browser = world.client(), world.client()
        csrf = log_in(browser, login)
        for build in DESK_API_CASES.values():
            for call in build(job):
                status, body = _run(
                    scripted, call, data=call.data, headers={"Authorization": f"Bearer {token}"}
                )
                failures.append(_failure(call, status, body))  # type: ignore[arg-type]
        for build in DESK_PAGE_CASES.values():
            for call in build(job):
                data = None if call.data is None else {**call.data, "csrf_token": csrf}
                status, body = _run(browser, call, data=data)
                failures.append(_failure(call, status, body))  # type: ignore[arg-type]
    assert len(failures) == 3 * (
        sum(len(b(job)) for b in DESK_API_CASES.values())
        + sum(len(b(job)) for b in DESK_PAGE_CASES.values())
    )
    assert [failure for failure in failures if failure] == []
    assert business_rows(world.daiyun) == before
