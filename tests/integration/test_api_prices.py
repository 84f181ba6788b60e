"""The prices-and-promotions API (issue 6) over a logged-in session, on SQLite and PostgreSQL.

chando (web_world.py): markup cap 10%; CD-CREAM-50 guide ¥139.00 from 2026-01-01, so the highest
price within the cap is 139.00 × 1.10 = ¥152.90 (R-P3). People: `ops` (store operations),
`a-admin` (chando's brand admin), `a-finance`. Moments without an offset are Beijing time.
"""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from daiyun.adapters.db.account_tables import api_token, login_attempt, web_session
from tests.integration.snapshots import database_snapshot
from tests.integration.web_world import World, log_in

AUTH_TABLES = {api_token.name, web_session.name, login_attempt.name}
STORE, SKU = "chando-tmall", "CD-CREAM-50"
PRICE_URL = f"/api/listings/{STORE}/{SKU}/price"
# 双11, Beijing time, half-open: [2026-11-11 00:00, 2026-11-12 00:00).
DRAFT = {
    "code": "DOUBLE11",
    "name": "双11 面霜直降",
    "stores": [STORE],
    "prices": {SKU: "119.00"},
    "start": "2026-11-11T00:00:00",
    "end": "2026-11-12T00:00:00",
    "budget": "20000.00",
    "funded_by": "brand",
}


def session(world: World, login: str) -> TestClient:
    """A client logged in as `login`, sending its session's CSRF token on every request."""
    client = world.client()
    client.headers["X-CSRF-Token"] = log_in(client, login)
    return client


def business_rows(world: World) -> dict[str, Any]:
    """The database without the rows that using a session itself writes (its last use)."""
    snapshot = database_snapshot(world.daiyun)
    return {name: rows for name, rows in snapshot.items() if name not in AUTH_TABLES}


def put_price(client: TestClient, price: str, at: str | None = None) -> Any:
    body = {"price": price} if at is None else {"price": price, "at": at}
    return client.put(PRICE_URL, json=body)


def test_an_operator_sets_a_price_through_the_api_and_the_listing_page_shows_it(
    world: World,
) -> None:
    ops = session(world, "ops")
    answer = put_price(ops, "145.00", "2026-11-02T10:00:00")
    assert answer.status_code == 200, answer.text
    assert answer.json() == {
        "store": STORE,
        "sku": SKU,
        "price": "145.00",
        "previous": None,
        "guide_price": "139.00",
        "promotion": None,
        "tasks_resolved": 0,
    }
    listing = ops.get("/api/listings", params={"store": STORE}).json()
    assert listing == {
        "store": STORE,
        "brand": "chando",
        "markup_cap": "10%",
        "listings": [
            {
                "sku": SKU,
                "name": "自然堂面霜",
                "guide_price": "139.00",
                "highest_price": "152.90",
                "price": "145.00",
                "status": "on_sale",
            }
        ],
    }


def test_a_price_above_the_cap_is_refused_naming_rule_guide_and_cap_and_changes_nothing(
    world: World,
) -> None:
    ops = session(world, "ops")
    assert put_price(ops, "145.00", "2026-11-02T10:00:00").status_code == 200
    before = business_rows(world)
    refused = put_price(ops, "152.91", "2026-11-02T11:00:00")
    assert refused.status_code == 409
    assert refused.json() == {
        "detail": "listing chando-tmall CD-CREAM-50: R-P3: ¥152.91 is above the markup cap:"
        " guide price ¥139.00 + 10% allows at most ¥152.90"
    }
    assert business_rows(world) == before


def test_a_brand_user_may_not_set_a_listing_price(world: World) -> None:
    before = business_rows(world)
    refused = put_price(session(world, "a-admin"), "145.00")
    # A role refusal is 403 (issue 16, point 10), as docs/web-and-api.md says.
    assert refused.status_code == 403
    assert refused.json() == {"detail": "user a-admin (brand_admin) may not set listing prices"}
    assert business_rows(world) == before


def _upload(client: TestClient, text: str) -> Any:
    files = {"file": ("prices.csv", text.encode(), "text/csv")}
    return client.post("/api/listings/prices", files=files)


def test_an_uploaded_price_file_with_a_refused_row_lists_every_refusal_and_changes_nothing(
    world: World,
) -> None:
    ops = session(world, "ops")
    assert put_price(ops, "145.00", "2026-11-02T10:00:00").status_code == 200
    before = business_rows(world)
    refused = _upload(
        ops,
        "store,sku,price\n"
        f"{STORE},{SKU},150.00\n"  # row 2: fine alone, but the file is all or nothing
        f"{STORE},{SKU},160.00\n"  # row 3: above the cap
        f"{STORE},{SKU},100.00\n"  # row 4: below the guide, no promotion
        f"{STORE},NOPE,100.00\n",  # row 5: no such SKU
    )
    assert refused.status_code == 409
    assert refused.json() == {
        "detail": "3 rows refused (3, 4, 5): no price was changed",
        "refusals": [
            {
                "row": 3,
                "store": STORE,
                "sku": SKU,
                "rule": "R-P3",
                "message": "listing chando-tmall CD-CREAM-50: R-P3: ¥160.00 is above the markup"
                " cap: guide price ¥139.00 + 10% allows at most ¥152.90",
                "guide_price": "139.00",
                "highest_price": "152.90",
                "attempted": "160.00",
            },
            {
                "row": 4,
                "store": STORE,
                "sku": SKU,
                "rule": "R-P2",
                "message": "listing chando-tmall CD-CREAM-50: R-P2: ¥100.00 is below the guide"
                " price ¥139.00 (cap ¥152.90) and no approved promotion covers this listing now",
                "guide_price": "139.00",
                "highest_price": "152.90",
                "attempted": "100.00",
            },
            {
                "row": 5,
                "store": STORE,
                "sku": "NOPE",
                "rule": "not_found",
                "message": "no SKU 'NOPE' in brand chando's catalogue",
                "guide_price": None,
                "highest_price": None,
                "attempted": None,
            },
        ],
    }
    assert business_rows(world) == before


def test_an_uploaded_price_file_within_bounds_sets_every_row(world: World) -> None:
    ops = session(world, "ops")
    answer = _upload(ops, f"store,sku,price\n{STORE},{SKU},139.00\n{STORE},{SKU},152.90\n")
    assert answer.status_code == 200, answer.text
    changed = answer.json()["changed"]
    assert [(c["price"], c["previous"]) for c in changed] == [
        ("139.00", None),
        ("152.90", "139.00"),
    ]


def test_an_approved_promotion_allows_its_price_in_its_window_and_not_a_minute_after(
    world: World,
) -> None:
    ops, brand_admin = session(world, "ops"), session(world, "a-admin")
    drafted = ops.post("/api/promotions/chando", json=DRAFT)
    assert drafted.status_code == 201, drafted.text
    assert (drafted.json()["version"], drafted.json()["status"]) == (1, "draft")
    fingerprint = drafted.json()["fingerprint"]
    assert ops.post("/api/promotions/chando/DOUBLE11/submit").json()["status"] == "submitted"
    shown = brand_admin.get("/api/promotions/chando/DOUBLE11").json()
    assert shown["terms"]["prices"] == {SKU: 11900}
    assert shown["terms"]["window"] == ["2026-11-11T00:00:00+08:00", "2026-11-12T00:00:00+08:00"]
    assert (shown["fingerprint"], shown["answer"]) == (fingerprint, None)
    approved = brand_admin.post("/api/promotions/chando/DOUBLE11/approve", json={"version": 1})
    assert approved.status_code == 200, approved.text
    assert approved.json() == {
        "version": 1,
        "approved": True,
        "fingerprint": fingerprint,
        "by": "a-admin",
        "at": "2026-11-02T01:00:00Z",  # the web world's clock: 2026-11-02 09:00 Beijing time
        "reason": "",
    }
    inside = put_price(ops, "119.00", "2026-11-11T23:59:00")
    assert inside.status_code == 200 and inside.json()["promotion"] == "DOUBLE11 v1"
    after_end = put_price(ops, "119.00", "2026-11-12T00:01:00")
    assert after_end.status_code == 409
    assert "R-P2: ¥119.00 is below the guide price ¥139.00" in after_end.json()["detail"]


def test_only_the_brand_admin_answers_and_only_the_version_it_read(world: World) -> None:
    ops, finance = session(world, "ops"), session(world, "a-finance")
    assert ops.post("/api/promotions/chando", json=DRAFT).status_code == 201
    assert ops.post("/api/promotions/chando/DOUBLE11/submit").status_code == 200
    before = business_rows(world)
    by_ops = ops.post("/api/promotions/chando/DOUBLE11/approve", json={"version": 1})
    assert by_ops.json() == {"detail": "user ops (store_operations) may not approve promotions"}
    by_finance = finance.post("/api/promotions/chando/DOUBLE11/approve", json={"version": 1})
    assert by_finance.json() == {
        "detail": "user a-finance (brand_finance) may not approve promotions"
    }
    stale = session(world, "a-admin").post(
        "/api/promotions/chando/DOUBLE11/approve", json={"version": 2}
    )
    assert stale.status_code == 409
    assert stale.json() == {
        "detail": "promotion DOUBLE11 is at version 1, not 2: read the current version and"
        " answer that"
    }
    assert business_rows(world) == before


def test_a_rejection_keeps_the_reason_and_an_edit_makes_version_2(world: World) -> None:
    ops, brand_admin = session(world, "ops"), session(world, "a-admin")
    ops.post("/api/promotions/chando", json=DRAFT)
    ops.post("/api/promotions/chando/DOUBLE11/submit")
    rejected = brand_admin.post(
        "/api/promotions/chando/DOUBLE11/reject", json={"version": 1, "reason": "价格太低"}
    )
    assert (rejected.json()["approved"], rejected.json()["reason"]) == (False, "价格太低")
    edited = ops.post("/api/promotions/chando", json={**DRAFT, "prices": {SKU: "129.00"}})
    assert (edited.json()["version"], edited.json()["status"]) == (2, "draft")
    listed = brand_admin.get("/api/promotions").json()
    assert [(p["code"], p["version"], p["status"]) for p in listed] == [("DOUBLE11", 2, "draft")]
    first = brand_admin.get("/api/promotions/chando/DOUBLE11", params={"version": 1}).json()
    assert (first["status"], first["current_version"], first["answer"]["reason"]) == (
        "rejected",
        2,
        "价格太低",
    )


def test_ad_spend_is_recorded_per_channel_and_shown_against_the_budget(world: World) -> None:
    ops = session(world, "ops")
    body = {"store": STORE, "month": "2026-10", "channel": "直通车", "amount": "30.00"}
    recorded = ops.post("/api/ad-spend", json=body)
    assert recorded.status_code == 200, recorded.text
    ops.post("/api/ad-spend", json={**body, "channel": "万相台", "amount": "12.50"})
    shown = session(world, "a-finance").get(
        "/api/ad-spend", params={"store": STORE, "month": "2026-10"}
    )
    # R-B6: October's sales are the one order, 2 × ¥139.00 = ¥278.00; the band is 10%–20% of
    # it: ¥27.80 – ¥55.60; spent 30.00 + 12.50 = ¥42.50, within it.
    assert shown.json() == {
        "store": STORE,
        "month": "2026-10",
        "sales": "278.00",
        "budget_floor": "27.80",
        "budget_ceiling": "55.60",
        "spent": "42.50",
        "remaining": "13.10",
        "standing": "within",
        "channels": {"直通车": "30.00", "万相台": "12.50"},
    }


def test_price_violations_and_repricing_tasks_answer_per_month_and_brand(world: World) -> None:
    finance = session(world, "a-finance")
    # The one October line sold at the guide price: no violation; no guide change: no task.
    october = finance.get("/api/price-violations", params={"month": "2026-10", "store": STORE})
    assert (october.status_code, october.json()) == (200, [])
    assert finance.get("/api/repricing-tasks").json() == []
