"""The pages and the order search: what each reader sees, with exact values (issue 5, R-D2).

Both orders of the world were paid on 2026-10-05 at 09:01 Beijing time (01:01 UTC): chando's
1001 and pechoin's 880088, each 2 × ¥139.00 = ¥278.00.
"""

from __future__ import annotations

import pytest

from tests.integration.web_world import World, log_in


def test_a_brand_user_sees_only_their_brand_in_the_brand_list(world: World) -> None:
    client = world.client()
    log_in(client, "a-viewer")
    page = client.get("/brands").text
    assert page.count('<a class="name" href="/brands/') == 1
    assert "自然堂" in page and "CHANDO-2026" in page
    assert "百雀羚" not in page and "pechoin" not in page


def test_an_agency_user_sees_every_brand(world: World) -> None:
    client = world.client()
    log_in(client, "ops")
    page = client.get("/brands").text
    assert "自然堂" in page and "百雀羚" in page


@pytest.mark.parametrize(
    ("query", "orders"),
    [
        ("", ["880088", "1001"]),
        ("?store=chando-tmall", ["1001"]),
        ("?status=paid&paid_from=2026-10-05&paid_to=2026-10-05", ["880088", "1001"]),
        ("?paid_from=2026-10-06", []),
        ("?paid_to=2026-10-04", []),
        ("?status=completed", []),
        ("?order_no=880088", ["880088"]),
    ],
)
def test_the_order_search_filters_by_store_status_beijing_paid_dates_and_number(
    world: World, query: str, orders: list[str]
) -> None:
    client = world.client()
    log_in(client, "admin")
    found = client.get(f"/api/orders{query}").json()
    assert [order["order_no"] for order in found["items"]] == orders
    assert found["total"] == len(orders)
    page = client.get(f"/orders{query}").text
    assert all(f"<code>{number}</code>" in page for number in orders)
    assert ("没有符合条件的订单" in page) == (not orders)


def test_an_order_shows_its_lines_and_money_as_yuan_strings(world: World) -> None:
    client = world.client()
    log_in(client, "a-finance")
    order = client.get("/api/stores/chando-tmall/orders/1001").json()
    assert (order["paid_at"], order["paid"], order["shipping"]) == (
        "2026-10-05T01:01:00Z",
        "278.00",
        "0.00",
    )
    line = order["lines"][0]
    assert (line["sku"], line["units"], line["unit_price"], line["line_amount"]) == (
        "CD-CREAM-50",
        2,
        "139.00",
        "278.00",
    )
    assert "¥278.00" in client.get("/orders").text


def test_a_brand_admin_manages_only_their_brands_people(world: World) -> None:
    client = world.client()
    log_in(client, "a-admin")
    listed = [user["login"] for user in client.get("/api/users").json()]
    assert listed == ["a-admin", "a-finance", "a-viewer"]
    page = client.get("/admin/users").text
    assert (
        "<code>a-viewer</code>" in page and "b-admin" not in page and "<code>ops</code>" not in page
    )


def test_a_brand_viewer_may_not_open_the_users_page(world: World) -> None:
    client = world.client()
    log_in(client, "a-viewer")
    answer = client.get("/admin/users")
    assert answer.status_code == 403
    assert "用户 a-viewer（品牌方查看者）无权管理用户" in answer.text  # the reader's language


def test_an_agency_admin_adds_a_brand_user_on_the_users_page(world: World) -> None:
    client = world.client()
    csrf = log_in(client, "admin")
    data = {"login": "a-new", "role": "brand_viewer", "brand": "chando",
            "password": "a long enough one", "csrf_token": csrf}  # fmt: skip
    assert client.post("/admin/users", data=data).status_code == 303
    new = world.client()
    log_in(new, "a-new", "a long enough one")
    assert [b["code"] for b in new.get("/api/brands").json()] == ["chando"]


def test_the_script_that_asks_before_irreversible_actions_runs_before_any_form_is_shown(
    world: World,
) -> None:
    # A deferred script runs only once the whole page is parsed: a click on "record payment"
    # before then sent the form without its question (seen in the fee-bill journey under
    # load). daiyun.js listens on the document, so it is loaded in the head, not deferred.
    client = world.client()
    log_in(client, "ops")
    page = client.get("/brands").text
    head = page[: page.index("<body")]
    tags = [tag for tag in head.split("<script")[1:] if 'src="/static/daiyun.js"' in tag]
    assert len(tags) == 1
    opening = tags[0][: tags[0].index(">")]
    assert "defer" not in opening and "async" not in opening
