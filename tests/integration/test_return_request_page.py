"""The desk's form for a buyer's return or exchange request (issue 19 point 5, R-F5), POST
/operations/returns calling the same use case as `daiyun return request` and the API, on SQLite
and PostgreSQL. The world's order 1001 of chando-tmall was paid on 2026-10-05; its buyer
received the goods on 2026-10-10. Windows count calendar days from the day after receipt:

- a return: 10-10 + 7 (return_days) = 2026-10-17 its last day, 10-18 refused;
- an exchange: 10-10 + 15 (exchange_days) = 2026-10-25 its last day, 10-26 refused;
- quality: no window, accepted on 11-02, 23 days after receipt.
"""

from __future__ import annotations

from html import unescape
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from daiyun.adapters.db.fulfilment_tables import return_request
from tests.integration.snapshots import database_snapshot
from tests.integration.web_world import World, log_in

STORE = "chando-tmall"


def _form(csrf: str, **changes: str) -> dict[str, str]:
    form = {
        "csrf_token": csrf, "store": STORE, "order": "1001", "line": "1", "kind": "return",
        "reason": "不喜欢", "received_on": "2026-10-10", "requested_on": "2026-10-17",
    }  # fmt: skip
    return {**form, **changes}


def _decisions(world: World) -> list[tuple[Any, ...]]:
    with world.daiyun.engine.connect() as connection:
        query = select(
            return_request.c.kind, return_request.c.requested_on, return_request.c.decision,
            return_request.c.window_ends,
        ).order_by(return_request.c.id)  # fmt: skip
        return [
            (k, r.isoformat(), d, e and e.isoformat()) for k, r, d, e in connection.execute(query)
        ]


def _accepted(client: TestClient, form: dict[str, str]) -> str:
    """POST the form: 303 back to the desk, which then says what was done."""
    answer = client.post("/operations/returns", data=form)
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == "/operations"
    return client.get("/operations").text


@pytest.mark.parametrize(
    ("kind", "last_day", "day_after", "words"),
    [
        ("return", "2026-10-17", "2026-10-18", "退货"),  # 10-10 + 7
        ("exchange", "2026-10-25", "2026-10-26", "换货"),  # 10-10 + 15
    ],
)
def test_a_request_on_its_windows_last_day_is_accepted_and_the_day_after_refused(
    world: World, kind: str, last_day: str, day_after: str, words: str
) -> None:
    client = world.client()
    csrf = log_in(client, "ops")
    desk = client.get("/operations").text
    assert 'action="/operations/returns"' in desk and "登记退换货申请" in desk
    # R-F5: the last day is in the window.
    page = _accepted(client, _form(csrf, kind=kind, requested_on=last_day))
    assert f"订单 1001 的退换货申请已受理（申请期末日 {last_day}）" in page
    assert 'id="return-chando-tmall-1001-1"' in page  # now among the returns to handle
    # The day after is not: refused, naming the last day, in Chinese beside the form.
    refused = client.post(
        "/operations/returns", data=_form(csrf, kind=kind, requested_on=day_after)
    )
    assert refused.status_code == 409
    assert f"不予受理：非质量问题的{words}须在 {last_day} 之前（含当日）申请" in refused.text
    assert 'id="return-request-error"' in refused.text
    assert f'value="{day_after}"' in refused.text  # the form as entered
    # The same refusal in English is the services' words unchanged (the CLI's and the API's).
    client.cookies.set("daiyun_lang", "en")
    english = client.post(
        "/operations/returns", data=_form(csrf, kind=kind, requested_on=day_after)
    )
    assert english.status_code == 409
    noun = "a return" if kind == "return" else "an exchange"
    assert (
        f"refused: {noun} for a reason other than quality may be asked until {last_day}"
        in english.text
    )
    # Kept with its decision as the CLI and the API keep it (R-F5), once: asked again, answered
    # from what was stored.
    assert _decisions(world) == [
        (kind, last_day, "accepted", last_day),
        (kind, day_after, "refused", last_day),
    ]


def test_quality_is_accepted_at_any_time(world: World) -> None:
    client = world.client()
    csrf = log_in(client, "ops")
    # Asked on 11-02, 23 days after receipt: past both windows, accepted for quality.
    form = _form(csrf, kind="exchange", quality="1", reason="", requested_on="2026-11-02")
    page = _accepted(client, form)
    assert "订单 1001 的退换货申请已受理（质量问题，不限期）" in page
    assert _decisions(world) == [("exchange", "2026-11-02", "accepted", None)]


def test_a_refusal_keeps_nothing_but_the_request_and_bad_forms_keep_nothing(
    world: World,
) -> None:
    client = world.client()
    csrf = log_in(client, "ops")
    before = database_snapshot(world.daiyun)
    refused = client.post("/operations/returns", data=_form(csrf, requested_on="2026-10-18"))
    assert refused.status_code == 409
    after = database_snapshot(world.daiyun)
    # R-F5: the refused request kept with its reason, and nothing else changed (no stock, no
    # receipt, no other table).
    assert {name: rows for name, rows in after.items() if name != "return_request"} == {
        name: rows for name, rows in before.items() if name != "return_request"
    }
    assert len(after["return_request"]) == len(before["return_request"]) + 1
    assert _decisions(world) == [("return", "2026-10-18", "refused", "2026-10-17")]
    before = after
    for changes, status, words in (
        (
            {"received_on": "10/10/2026"},
            422,
            "买家收货日应为日期，例如 2026-10-10，而不是 '10/10/2026'",
        ),
        ({"requested_on": "soon"}, 422, "申请日应为日期，例如 2026-10-17，而不是 'soon'"),
        ({"line": "x"}, 422, "订单行应为 1 到 100000 的整数，而不是 'x'"),
        ({"line": "7"}, 404, ""),  # order 1001 has no line 7
        ({"reason": ""}, 422, "原因应为质量问题或不超过 200 个字符的文字"),
        ({"requested_on": "2026-10-09"}, 422, "申请日期 2026-10-09 早于收货日期 2026-10-10"),
        ({"order": "nope"}, 404, ""),
        ({"store": "nowhere"}, 404, ""),
        ({"kind": "swap"}, 422, ""),
    ):
        answer = client.post("/operations/returns", data=_form(csrf, **changes))
        assert answer.status_code == status, (changes, answer.text)
        assert words in unescape(answer.text), changes
        assert database_snapshot(world.daiyun) == before, changes


def test_a_brand_user_and_a_role_without_handle_returns_cannot_post(world: World) -> None:
    viewer, other = world.client(), world.client()
    token, b_token = log_in(viewer, "a-viewer"), log_in(other, "b-admin")
    before = database_snapshot(world.daiyun)
    # The brand's viewer: its own brand's store, but no HANDLE_RETURNS — 403, and no form.
    assert 'action="/operations/returns"' not in viewer.get("/operations").text
    answer = viewer.post("/operations/returns", data=_form(token))
    assert answer.status_code == 403, answer.text
    # Another brand's people: chando's store is not found (R-D2), nor its order.
    answer = other.post("/operations/returns", data=_form(b_token))
    assert answer.status_code == 404, answer.text
    assert database_snapshot(world.daiyun) == before
