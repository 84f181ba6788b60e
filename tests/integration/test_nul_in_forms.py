"""A NUL character in a form field is refused with 422 on both databases, and changes nothing.

PostgreSQL cannot store or compare text holding NUL; SQLite can. A NUL in the path or query is
refused at the door (api/input_guard.py); a form field says so in its own pattern (NO_NUL).
Schemathesis found `store=\\x00` on POST /api/imports answering 500 on PostgreSQL."""

from __future__ import annotations

import pytest

from tests.integration.snapshots import database_snapshot
from tests.integration.web_world import World, log_in

_ORDERS = {"file": ("orders.csv", b"order_no,line_no\n", "text/csv")}


@pytest.mark.parametrize(
    ("url", "data", "files"),
    [
        ("/api/imports", {"store": "\x00"}, _ORDERS),
        ("/api/imports", {"store": "chando-tmall\x00"}, _ORDERS),
        ("/imports", {"store": "\x00"}, _ORDERS),
        ("/imports", {"store": "chando-tmall", "as_of": "2026-11-05\x00"}, _ORDERS),
        ("/listings/chando-tmall", {"sku": "\x00", "price": "1.00"}, None),
        ("/listings/chando-tmall", {"sku": "CD-CREAM-50", "price": "1\x00"}, None),
    ],
)
def test_a_nul_in_a_form_field_is_refused_with_422_and_nothing_changes(
    world: World, url: str, data: dict[str, str], files: dict[str, object] | None
) -> None:
    client = world.client()
    csrf = log_in(client, "ops")
    client.headers["X-CSRF-Token"] = csrf
    before = database_snapshot(world.daiyun)
    answer = client.post(url, data={**data, "csrf_token": csrf}, files=files)
    assert answer.status_code == 422, answer.text
    after = database_snapshot(world.daiyun)
    assert {k: v for k, v in after.items() if k not in {"web_session", "login_attempt"}} == {
        k: v for k, v in before.items() if k not in {"web_session", "login_attempt"}
    }
