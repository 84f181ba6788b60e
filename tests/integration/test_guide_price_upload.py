"""The brand edits its guide prices in the portal (issue 6 item 2, R-P1, R-P5), both databases.

chando (web_world.py): markup cap 10%; CD-CREAM-50 自然堂面霜 (面霜) guide ¥139.00 from
2026-01-01. The operator lists it at ¥145.00; the brand raises the guide price to ¥150.00, so
the listing is now below the floor (R-P2) and store operations get one repricing task (R-P5).
"""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient

from daiyun.adapters.db.account_tables import api_token, login_attempt, web_session
from tests.integration.snapshots import database_snapshot
from tests.integration.web_world import World, log_in

AUTH_TABLES = {api_token.name, web_session.name, login_attempt.name}
HEADER = "商家编码,商品名称,类目,零售指导价\n"
RAISED = HEADER + "CD-CREAM-50,自然堂面霜,面霜,150.00\n"
URL = "/api/brands/chando/catalog"


def session(world: World, login: str) -> TestClient:
    client = world.client()
    client.headers["X-CSRF-Token"] = log_in(client, login)
    return client


def business_rows(world: World) -> dict[str, Any]:
    snapshot = database_snapshot(world.daiyun)
    return {name: rows for name, rows in snapshot.items() if name not in AUTH_TABLES}


def csv_file(text: str, name: str = "catalog.csv") -> dict[str, tuple[str, bytes, str]]:
    return {"file": (name, text.encode(), "text/csv")}


def list_at_145(world: World) -> None:
    ops = session(world, "ops")
    answer = ops.put("/api/listings/chando-tmall/CD-CREAM-50/price", json={"price": "145.00"})
    assert answer.status_code == 200, answer.text
    world.clock.advance(hours=1)


def test_a_brand_admin_raising_a_guide_price_gives_store_operations_one_repricing_task(
    world: World,
) -> None:
    list_at_145(world)
    answer = session(world, "a-admin").post(URL, files=csv_file(RAISED))
    assert answer.status_code == 200, answer.text
    assert answer.json() == {
        "brand": "chando",
        "skus": {"new": 0, "updated": 1, "unchanged": 0},
        "guide_prices_added": 1,
        "repricing_tasks": 1,
    }
    tasks = session(world, "ops").get("/api/repricing-tasks").json()
    assert [(task["store"], task["sku"]) for task in tasks] == [("chando-tmall", "CD-CREAM-50")]
    skus = session(world, "a-admin").get("/api/brands/chando/skus/CD-CREAM-50").json()
    assert [p["price"] for p in skus["guide_prices"]] == ["139.00", "150.00"]


def test_the_same_file_again_changes_nothing_and_raises_no_second_task(world: World) -> None:
    list_at_145(world)
    admin = session(world, "a-admin")
    assert admin.post(URL, files=csv_file(RAISED)).status_code == 200
    again = admin.post(URL, files=csv_file(RAISED))
    assert again.json() == {
        "brand": "chando",
        "skus": {"new": 0, "updated": 0, "unchanged": 1},
        "guide_prices_added": 0,
        "repricing_tasks": 0,
    }


def test_brand_finance_and_another_brands_admin_are_refused_and_nothing_changes(
    world: World,
) -> None:
    list_at_145(world)
    finance, other = session(world, "a-finance"), session(world, "b-admin")
    before = business_rows(world)
    refused = finance.post(URL, files=csv_file(RAISED))
    assert (refused.status_code, refused.json()) == (
        403,
        {"detail": "user a-finance (brand_finance) may not edit guide prices"},
    )
    hidden = other.post(URL, files=csv_file(RAISED))
    assert (hidden.status_code, hidden.json()) == (404, {"detail": "no brand with code 'chando'"})
    page = other.post(
        "/brands/chando/guide-prices",
        data={"csrf_token": other.headers["X-CSRF-Token"]},
        files=csv_file(RAISED),
    )
    assert page.status_code == 404
    assert business_rows(world) == before


def test_a_file_with_problems_lists_each_by_row_and_column_and_changes_nothing(
    world: World,
) -> None:
    admin = session(world, "a-admin")
    before = business_rows(world)
    bad = HEADER + "CD-CREAM-50,自然堂面霜,面霜,150.00\nCD-NEW-1,,面霜,abc\n"
    answer = admin.post(URL, files=csv_file(bad, "guide.csv"))
    assert answer.status_code == 422
    assert answer.json() == {
        "detail": [
            {
                "loc": ["body", "file", 3, "商品名称"],
                "msg": "guide.csv row 3, 商品名称: empty; every row needs a value here",
                "type": "value_error",
            },
            {
                "loc": ["body", "file", 3, "零售指导价"],
                "msg": "guide.csv row 3, 零售指导价 'abc': not an amount with at most two decimals",
                "type": "value_error",
            },
        ]
    }
    assert business_rows(world) == before


def test_the_guide_price_page_shows_the_prices_and_an_upload_shows_its_outcome(
    world: World,
) -> None:
    list_at_145(world)
    admin = world.client()
    csrf = log_in(admin, "a-admin")
    page = admin.get("/brands/chando/guide-prices")
    assert page.status_code == 200
    assert re.search(
        r"CD-CREAM-50</code></td><td>自然堂面霜</td><td>面霜</td>\s*<td[^>]*>¥139.00", page.text
    )
    assert 'action="/brands/chando/guide-prices"' in page.text
    assert "/brands/chando/guide-prices" in admin.get("/").text
    done = admin.post(
        "/brands/chando/guide-prices", data={"csrf_token": csrf}, files=csv_file(RAISED)
    )
    assert done.status_code == 200
    assert '<strong class="repricing-count">1</strong>' in done.text
    assert re.search(r"CD-CREAM-50</code>.*?¥150.00", done.text, re.S)


def test_the_page_lists_a_bad_files_problems_inline_and_changes_nothing(world: World) -> None:
    admin = world.client()
    csrf = log_in(admin, "a-admin")
    before = business_rows(world)
    bad = HEADER + "CD-CREAM-50,自然堂面霜,面霜,-1\n"
    answer = admin.post(
        "/brands/chando/guide-prices", data={"csrf_token": csrf}, files=csv_file(bad)
    )
    assert answer.status_code == 422
    table = answer.text[answer.text.index('class="refusals"') :]
    cells = re.findall(r"<td>([^<]*)</td>", table[: table.index("</table>")])
    assert cells[:3] == ["2", "零售指导价", "-1"]
    assert business_rows(world) == before


def test_a_brand_viewer_sees_the_prices_without_the_upload_form(world: World) -> None:
    viewer = world.client()
    log_in(viewer, "a-viewer")
    page = viewer.get("/brands/chando/guide-prices")
    assert page.status_code == 200
    assert "¥139.00" in page.text
    assert 'type="file"' not in page.text
