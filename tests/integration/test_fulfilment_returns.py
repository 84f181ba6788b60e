"""Returns and exchanges through the command line and the API, on SQLite and PostgreSQL (R-F5):
the windows on their last day and the day after, quality at any time; kept with their decision;
the goods received back, a return's into the brand's stock (R-F1)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.integration.cli_runner import CliResult, run_daiyun
from tests.integration.fulfilment_world import STORE, import_orders, line
from tests.integration.snapshots import database_snapshot
from tests.integration.web_world import World, api_client

# Order 2001: 2 creams (line 1) and 1 more (line 2), paid 10-05, shipped 10-06; the buyer
# received it on 10-10 — a return may be asked until 10-17 (7 days from 10-11), an exchange
# until 10-25 (15 days).
RECEIVED = "2026-10-10"
WINDOWS = [
    ("return", "2026-10-17", "accepted", "2026-10-17"),  # the return's last day
    ("return", "2026-10-18", "refused", "2026-10-17"),  # the day after
    ("exchange", "2026-10-25", "accepted", "2026-10-25"),  # the exchange's last day
    ("exchange", "2026-10-26", "refused", "2026-10-25"),  # the day after
]


@pytest.fixture
def shipped(world: World, tmp_path: Path) -> World:
    rows = [
        line("2001", 1, paid_at="2026-10-05 10:00:00", status="shipped",
             shipped_at="2026-10-06 09:00:00"),
        line("2001", 2, units=1, paid_at="2026-10-05 10:00:00", status="shipped",
             shipped_at="2026-10-06 09:00:00"),
    ]  # fmt: skip
    import_orders(world.database_url, tmp_path, rows, "2026-10-07T10:00:00+08:00", "2001")
    return world


def _request(database_url: str, kind: str, asked: str, *more: str) -> CliResult:
    return run_daiyun(
        database_url, "return", "request", "--store", STORE, "--order", "2001", "--line", "1",
        "--kind", kind, "--reason", more[0] if more else "不喜欢", "--received-on", RECEIVED,
        "--requested-on", asked, "--json",
    )  # fmt: skip


@pytest.mark.parametrize(("kind", "asked", "status", "ends"), WINDOWS)
def test_the_cli_decides_by_the_window_on_its_last_day_and_the_day_after(
    shipped: World, kind: str, asked: str, status: str, ends: str
) -> None:
    result = _request(shipped.database_url, kind, asked)
    assert result.exit_code == (0 if status == "accepted" else 1), result.stderr
    document = result.json()
    assert (document["status"], document["window_ends"]) == (status, ends)
    assert (document["order_no"], document["line"], document["kind"]) == ("2001", 1, kind)
    if status == "refused":
        # Exit 1, the message naming the window's last day; the refusal is kept.
        assert f"may be asked until {ends}" in result.stderr
        listed = run_daiyun(shipped.database_url, "return", "list", "--json").json()
        assert [each["status"] for each in listed["requests"]] == ["refused"]


def test_quality_is_accepted_at_any_time_through_the_cli(shipped: World) -> None:
    for kind in ("return", "exchange"):
        result = _request(shipped.database_url, kind, "2027-03-01", "quality")
        assert result.exit_code == 0, result.stderr
        assert (result.json()["status"], result.json()["window_ends"]) == ("accepted", None)


def test_the_same_request_again_is_answered_from_what_was_kept(shipped: World) -> None:
    first = _request(shipped.database_url, "return", "2026-10-18")
    again = _request(shipped.database_url, "return", "2026-10-18")
    assert (first.exit_code, again.exit_code) == (1, 1)
    assert again.json()["id"] == first.json()["id"]
    listed = run_daiyun(shipped.database_url, "return", "list", "--json").json()
    assert listed["total"] == 1


def test_bad_requests_are_bad_input_and_keep_nothing(shipped: World) -> None:
    before = database_snapshot(shipped.daiyun)
    early = _request(shipped.database_url, "return", "2026-10-09")  # before receipt
    assert early.exit_code == 2
    assert "comes before the goods were received on 2026-10-10" in early.stderr
    no_line = run_daiyun(
        shipped.database_url, "return", "request", "--store", STORE, "--order", "2001",
        "--line", "9", "--kind", "return", "--reason", "x", "--received-on", RECEIVED,
        "--requested-on", RECEIVED,
    )  # fmt: skip
    assert no_line.exit_code == 2 and "has no line 9; it has 1, 2" in no_line.stderr
    no_order = run_daiyun(
        shipped.database_url, "return", "request", "--store", STORE, "--order", "404",
        "--kind", "return", "--reason", "x", "--received-on", RECEIVED,
        "--requested-on", RECEIVED,
    )  # fmt: skip
    assert no_order.exit_code == 2 and "no order '404' in store 'chando-tmall'" in no_order.stderr
    assert database_snapshot(shipped.daiyun) == before


def _stock_of_cream(database_url: str) -> int:
    shown = run_daiyun(
        database_url, "stock", "show", "--brand", "chando", "--at", "2026-10-20T00:00:00",
        "--json",
    )  # fmt: skip
    assert shown.exit_code == 0, shown.stderr
    return int(next(s for s in shown.json()["skus"] if s["sku"] == "CD-CREAM-50")["on_hand"])


def test_goods_received_back_return_to_stock_once_and_an_exchanges_go_out_again(
    shipped: World, tmp_path: Path
) -> None:
    url = shipped.database_url
    listed = tmp_path / "stock.csv"
    listed.write_text("sku,quantity\nCD-CREAM-50,10\n", encoding="utf-8")
    assert (
        run_daiyun(
            url, "stock", "import", "--brand", "chando", "--at", "2026-10-01T00:00:00", str(listed)
        ).exit_code
        == 0
    )
    # Sold after the list: order 1001 (2 creams, paid 10-05) and 2001 (2 + 1): 10 − 5 = 5.
    assert _stock_of_cream(url) == 5
    # No accepted request yet: refused, nothing changes.
    before = database_snapshot(shipped.daiyun)
    receive = ("return", "receive", "--store", STORE, "--order", "2001", "--on", "2026-10-19")
    orphan = run_daiyun(url, *receive, "--line", "1")
    assert orphan.exit_code == 1 and "has no accepted return or exchange" in orphan.stderr
    assert database_snapshot(shipped.daiyun) == before
    # A return of line 1 accepted; its 2 creams back on 10-19: 5 + 2 = 7.
    assert _request(url, "return", "2026-10-12").exit_code == 0
    back = run_daiyun(url, *receive, "--line", "1", "--json")
    assert back.exit_code == 0, back.stderr
    assert back.json()["goods_received"] == [
        {"line": 1, "sku": "CD-CREAM-50", "units": 2, "restocked": 2, "warehouse": "",
         "received_on": "2026-10-19"},
    ]  # fmt: skip
    assert _stock_of_cream(url) == 7
    # The same receipt again changes nothing; another day for it is refused.
    assert run_daiyun(url, *receive, "--line", "1", "--json").json()["recorded"] is False
    other = run_daiyun(url, "return", "receive", "--store", STORE, "--order", "2001",
                       "--line", "1", "--on", "2026-10-20")  # fmt: skip
    assert other.exit_code == 1 and "received back on 2026-10-19 already" in other.stderr
    assert _stock_of_cream(url) == 7
    # An exchange (the whole order, quality): line 2's cream comes back and a new one goes
    # out — the stock stays as it was.
    whole = run_daiyun(
        url, "return", "request", "--store", STORE, "--order", "2001", "--kind", "exchange",
        "--reason", "quality", "--received-on", RECEIVED, "--requested-on", "2026-10-13",
    )  # fmt: skip
    assert whole.exit_code == 0, whole.stderr
    exchanged = run_daiyun(url, *receive, "--line", "2", "--json")
    assert exchanged.exit_code == 0, exchanged.stderr
    assert exchanged.json()["goods_received"][0]["restocked"] == 0
    assert _stock_of_cream(url) == 7


# — the API —


def _body(kind: str, asked: str, reason: str = "不喜欢") -> dict[str, Any]:
    return {
        "order_no": "2001", "line": 1, "kind": kind, "reason": reason,
        "received_on": RECEIVED, "requested_on": asked,
    }  # fmt: skip


URL = f"/api/stores/{STORE}/returns"


def test_the_api_decides_by_the_same_windows(shipped: World) -> None:
    ops = api_client(shipped, "ops")  # store operations handle returns
    for kind, asked, status, ends in WINDOWS:
        answer = ops.post(URL, json=_body(kind, asked))
        if status == "accepted":
            assert answer.status_code == 200, answer.text
            assert (answer.json()["status"], answer.json()["window_ends"]) == (status, ends)
        else:
            assert answer.status_code == 409, answer.text
            assert f"may be asked until {ends}" in answer.json()["detail"]
    for kind in ("return", "exchange"):
        quality = ops.post(URL, json=_body(kind, "2027-03-01", "quality"))
        assert quality.status_code == 200, quality.text
        assert (quality.json()["status"], quality.json()["window_ends"]) == ("accepted", None)
    listed = ops.get("/api/returns", params={"store": STORE}).json()
    assert listed["total"] == 6
    assert sorted(each["status"] for each in listed["items"]) == ["accepted"] * 4 + ["refused"] * 2


def test_the_api_refuses_bad_requests_and_other_roles_and_brands(shipped: World) -> None:
    before = database_snapshot(shipped.daiyun)
    ops = api_client(shipped, "ops")
    early = ops.post(URL, json=_body("return", "2026-10-09"))
    assert early.status_code == 422
    assert "comes before the goods were received" in early.json()["detail"][0]["msg"]
    assert ops.post(URL, json={**_body("return", RECEIVED), "kind": "swap"}).status_code == 422
    # The brand's own admin may not record a request (the agency's after-sales does)…
    assert (
        api_client(shipped, "a-admin").post(URL, json=_body("return", RECEIVED)).status_code == 403
    )
    # …and another brand's people do not find the store (R-D2).
    assert (
        api_client(shipped, "b-admin").post(URL, json=_body("return", RECEIVED)).status_code == 404
    )
    # Nothing was kept but the authentication's own rows.
    after = database_snapshot(shipped.daiyun)
    assert after["return_request"] == before["return_request"] == []


def test_the_list_shows_each_brand_its_own(shipped: World) -> None:
    assert api_client(shipped, "ops").post(URL, json=_body("return", RECEIVED)).status_code == 200
    mine = api_client(shipped, "a-admin").get("/api/returns").json()
    assert [(each["store"], each["order_no"]) for each in mine["items"]] == [(STORE, "2001")]
    theirs = api_client(shipped, "b-admin").get("/api/returns").json()
    assert theirs == {"items": [], "page": 1, "size": 50, "total": 0}
    assert (
        api_client(shipped, "b-admin").get("/api/returns", params={"store": STORE}).status_code
        == 404
    )
