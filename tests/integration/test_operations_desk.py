"""The operations desk /operations and the brand's view of its goods (issue 19, point 7), on
SQLite and PostgreSQL, with hand-made data as of Monday 2026-11-02 09:00 Beijing (the world's
clock):

- order D1 paid 2026-10-30 08:00, unshipped: ship_by = 10-30 08:00 + 72 h = 11-02 08:00, so at
  09:00 it is an open breach 1 hour late (R-F2);
- order D2 paid 10-29 10:00, shipped 11-01 10:00:01: one second past ship_by 11-01 10:00 —
  a closed breach of 1 hour (a part hour counts as one), shipped in November;
- order D3 paid 10-29 12:00, shipped 11-01 12:00:00 exactly at ship_by: on time, not listed;
- the world's order 1001 paid 10-05 09:01, unshipped: ship_by 10-08 09:01, so at 11-02 09:00
  it is 24 days 23 h 59 min late = 599 h 59 min → 600 hours;
- chando's list of 10-01 has 2 creams, 1001 sold 2 (and D1–D3 6 more): the cream listing on
  sale is out; a check on 10-31 10:00 starts a stockout on 10-31 — notice by 10-31 + 1 =
  11-01 (past at 11-02), replenish by 10-31 + 7 = 11-07 (R-F3);
- a return of 1001 line 1 received 10-26 asked 11-02: window 10-26 + 7 = 11-02, today, its
  last day (R-F5);
- a mis-shipment of 1001 line 1: cream ordered, mask sent (R-F4).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select

from daiyun.adapters.db.fulfilment_tables import stockout
from daiyun.adapters.db.operations_tables import misshipment_seen
from daiyun.domain.agency import Role, User
from daiyun.domain.fulfilment.misshipments import MisShipmentReport
from daiyun.domain.fulfilment.returns import ReturnKind, ReturnRequest
from daiyun.services.fulfilment.duties import list_fulfilment_obligations
from daiyun.services.fulfilment.misshipments import record_misshipment
from daiyun.services.fulfilment.returns import request_return
from daiyun.services.fulfilment.stock import import_stock_list
from daiyun.services.fulfilment.stockouts import check_stockouts
from tests.builders import beijing, daiyun_order_row, write_daiyun_orders
from tests.integration.cli_runner import run_daiyun
from tests.integration.fulfilment_world import stock_list
from tests.integration.snapshots import database_snapshot
from tests.integration.web_world import START, World, api_client, log_in

STORE = "chando-tmall"
CREAM, MASK = "CD-CREAM-50", "CD-MASK-5"
ADMIN = User("admin", "admin", Role.ADMIN, None)


def _order(order_no: str, paid_at: str, shipped_at: str = "") -> dict[str, str]:
    status = "shipped" if shipped_at else "paid"
    return daiyun_order_row(
        order_no, created_at=paid_at, paid_at=paid_at, shipped_at=shipped_at, status=status
    )


@pytest.fixture
def desk(world: World, tmp_path: Path) -> World:
    """The hand-made data of the module's docstring, on top of the world's two brands."""
    url = world.database_url
    orders = write_daiyun_orders(
        tmp_path / "desk-orders.csv",
        [
            _order("D1", "2026-10-30 08:00:00"),
            _order("D2", "2026-10-29 10:00:00", "2026-11-01 10:00:01"),
            _order("D3", "2026-10-29 12:00:00", "2026-11-01 12:00:00"),
        ],
    )
    result = run_daiyun(
        url, "orders", "import", "--store", STORE, "--as-of", "2026-11-02T08:30:00+08:00",
        str(orders),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    app = world.daiyun
    listed = app.stock_files.read(stock_list(tmp_path, [(CREAM, 2, "杭州仓")]))
    import_stock_list(
        app.fulfilment_unit_of_work(), brand_code="chando", source=listed,
        as_of=beijing("2026-10-01 00:00"), at=beijing("2026-10-01 00:00"), actor="test",
    )  # fmt: skip
    result = run_daiyun(
        url, "listing", "set-price", "--store", STORE, "--sku", CREAM, "--price", "139.00",
        "--at", "2026-10-01T00:00:00",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    check = check_stockouts(
        app.fulfilment_unit_of_work(), brand_code="chando", at=beijing("2026-10-31 10:00")
    )
    assert check.started == 1
    answer = request_return(
        app.fulfilment_unit_of_work(), ADMIN,
        request=ReturnRequest(STORE, "1001", 1, ReturnKind.RETURN, "不喜欢",
                              date(2026, 10, 26), date(2026, 11, 2)),
        at=START,
    )  # fmt: skip
    assert answer.record.decision.accepted
    record_misshipment(
        app.fulfilment_unit_of_work(), app.attachment_files,
        report=MisShipmentReport(STORE, "1001", 1, CREAM, MASK, "收到的是面膜，不是面霜"),
        attachments=[], at=beijing("2026-11-02 08:45"), actor="cs",
    )  # fmt: skip
    return world


def _rows(html: str, table: str) -> list[str]:
    """The ids of a table's rows, in order."""
    body = html.split(f'class="ops {table}"', 1)
    if len(body) < 2:
        return []
    return re.findall(r'<tr[^>]* id="([^"]+)"', body[1].split("</table>", 1)[0])


def _row(html: str, row_id: str) -> str:
    start = html.index(f'id="{row_id}"')
    return html[start : html.index("</tr>", start)]


def test_the_desk_lists_each_with_its_deadline_most_urgent_first(desk: World) -> None:
    client = desk.client()
    log_in(client, "ops")
    page = client.get("/operations")
    assert page.status_code == 200, page.text
    html = page.text
    # R-F2: the open breaches by hours late (1001 and B's 880088, both 600 h, then D1's 1 h).
    assert _rows(html, "open-breaches") == [
        "breach-chando-tmall-1001", "breach-pechoin-tmall-880088", "breach-chando-tmall-D1",
    ]  # fmt: skip
    assert "已超时 1 小时" in _row(html, "breach-chando-tmall-D1")
    assert "2026-11-02 08:00" in _row(html, "breach-chando-tmall-D1")  # ship_by, the deadline
    assert "已超时 600 小时" in _row(html, "breach-chando-tmall-1001")
    # Shipped a second late in November: 1 hour; D3, shipped at ship_by exactly, is on time.
    assert _rows(html, "closed-breaches") == ["breach-chando-tmall-D2"]
    assert '<td class="hours">1</td>' in _row(html, "breach-chando-tmall-D2")
    assert "2026-11-01 10:00:01" in _row(html, "breach-chando-tmall-D2")  # to the second
    assert "D3" not in html
    # R-F3: past its notice day (11-01), the replenishment due by 11-07, its deadline.
    assert _rows(html, "stockouts") == ["stockout-chando-tmall-CD-CREAM-50"]
    row = _row(html, "stockout-chando-tmall-CD-CREAM-50")
    assert "2026-11-07" in row and "待品牌方补货" in row and "2026-11-01" in row
    # R-F5: the return on its window's last day, today, flagged, with the form to receive it.
    assert _rows(html, "returns") == ["return-chando-tmall-1001-1"]
    row = _row(html, "return-chando-tmall-1001-1")
    assert 'class="due-today"' in row and "2026-11-02" in row and "退货" in row
    assert 'action="/operations/returns/receive"' in row
    # R-F4: the mis-shipment, not seen by the brand yet.
    rows = _rows(html, "misshipments")
    assert len(rows) == 1 and "品牌方未阅" in _row(html, rows[0])
    # Filtered by brand and by store.
    mine = client.get("/operations", params={"brand": "chando"}).text
    assert "880088" not in mine and "breach-chando-tmall-D1" in mine
    theirs = client.get("/operations", params={"store": "pechoin-tmall"}).text
    assert _rows(theirs, "open-breaches") == ["breach-pechoin-tmall-880088"]
    assert _rows(theirs, "stockouts") == [] and _rows(theirs, "misshipments") == []
    assert client.get("/operations", params={"store": "nowhere"}).status_code == 404


def test_the_brand_sees_its_own_goods_and_another_brands_is_not_found(desk: World) -> None:
    client = desk.client()
    log_in(client, "a-viewer")
    page = client.get("/operations")
    assert page.status_code == 200, page.text
    html = page.text
    assert "货品与售后" in html and "pechoin" not in html and "880088" not in html
    assert _rows(html, "open-breaches") == ["breach-chando-tmall-1001", "breach-chando-tmall-D1"]
    # Its own duty in words: past the notice day, replenish by 11-07 (R-F3).
    assert "请在 2026-11-07 前补货" in _row(html, "stockout-chando-tmall-CD-CREAM-50")
    # No form of the agency's: receiving goods back, the off-sale task.
    assert "/operations/returns/receive" not in html and "/operations/stockouts/done" not in html
    for params in ({"brand": "pechoin"}, {"store": "pechoin-tmall"}):
        assert client.get("/operations", params=params).status_code == 404  # R-D2
    # The navigation names the page for the brand.
    assert 'href="/operations"' in html


def test_a_misshipment_is_on_the_portal_until_the_brand_has_seen_it(desk: World) -> None:
    client = desk.client()
    csrf = log_in(client, "a-viewer")
    home = client.get("/").text
    assert 'id="misshipment-notices"' in home and "收到的是面膜，不是面霜" in home
    (ident,) = re.findall(r'id="notice-misshipment-(\d+)"', home)
    # Another brand's people and the agency's may not mark it seen (404); nothing changes.
    others = []
    for login in ("b-admin", "ops"):
        other = desk.client()
        others.append((login, other, log_in(other, login)))
    before = database_snapshot(desk.daiyun)
    for login, other, token in others:
        seen = other.post(f"/operations/misshipments/{ident}/seen", data={"csrf_token": token})
        assert seen.status_code == 404, (login, seen.status_code)
        assert 'id="misshipment-notices"' not in other.get("/").text
    assert database_snapshot(desk.daiyun) == before
    desk.clock.advance(minutes=5)
    answer = client.post(f"/operations/misshipments/{ident}/seen", data={"csrf_token": csrf})
    assert (answer.status_code, answer.headers["location"]) == (303, "/")
    assert 'id="misshipment-notices"' not in client.get("/").text
    with desk.daiyun.engine.connect() as connection:
        (row,) = connection.execute(select(misshipment_seen)).all()
    assert (row.misshipment_id, row.seen_by) == (int(ident), "a-viewer")
    assert row.seen_at == START + timedelta(minutes=5)
    # Seen again later: the first sight is kept.
    desk.clock.advance(hours=1)
    again = client.post(f"/operations/misshipments/{ident}/seen", data={"csrf_token": csrf})
    assert again.status_code == 303
    with desk.daiyun.engine.connect() as connection:
        assert connection.execute(select(misshipment_seen.c.seen_at)).scalar_one() == row.seen_at
    agency = desk.client()
    log_in(agency, "ops")
    assert "a-viewer 于 2026-11-02 09:05:00 已阅" in agency.get("/operations").text


def test_the_desk_receives_returned_goods_and_finishes_a_stockout_task(desk: World) -> None:
    client = desk.client()
    csrf = log_in(client, "ops")
    form = {"csrf_token": csrf, "brand": "chando", "sku": CREAM, "store": STORE, "note": "已下架"}
    # R-F3: before the day after replenish_by (11-07) the duty is the brand's — refused, kept.
    before = database_snapshot(desk.daiyun)
    early = client.post("/operations/stockouts/done", data=form)
    assert early.status_code == 409
    assert "2026-11-07" in early.text and "R-F3" in early.text
    assert database_snapshot(desk.daiyun) == before
    # R-F5: the goods of the return received back from the desk; the row goes.
    received = client.post(
        "/operations/returns/receive",
        data={"csrf_token": csrf, "store": STORE, "order": "1001", "line": "1", "on": "2026-11-02"},
    )
    assert received.status_code == 303, received.text
    assert _rows(client.get("/operations").text, "returns") == []
    # On 11-08 the task is open: done with its note, the stockout leaves the desk.
    desk.clock.advance(days=6)
    client = desk.client()  # a new day, a new session
    form["csrf_token"] = log_in(client, "ops")
    page = client.get("/operations").text
    assert "待下架或更正" in _row(page, "stockout-chando-tmall-CD-CREAM-50")
    finished = client.post("/operations/stockouts/done", data=form)
    assert finished.status_code == 303, finished.text
    assert _rows(client.get("/operations").text, "stockouts") == []
    with desk.daiyun.engine.connect() as connection:
        (row,) = connection.execute(select(stockout.c.done_by, stockout.c.done_note)).all()
    assert tuple(row) == ("ops", "已下架")
    # A brand's people may not: not even their own brand's task (R-D2 aside, the agency's).
    viewer = desk.client()
    token = log_in(viewer, "a-viewer")
    refused = viewer.post("/operations/stockouts/done", data={**form, "csrf_token": token})
    assert refused.status_code == 403


def test_the_api_gives_each_list_to_the_brands_own_token(desk: World) -> None:
    client = api_client(desk, "a-viewer")
    breaches = client.get(
        "/api/shipping/breaches",
        params={"store": STORE, "month": "2026-10", "at": "2026-11-02T09:00:00"},
    )
    assert breaches.status_code == 200, breaches.text
    # As `daiyun shipping breaches --json`: paid in October, by payment time.
    assert breaches.json() == {
        "store": STORE, "month": "2026-10", "breaches": [
            {"order_no": "1001", "paid_at": "2026-10-05T09:01:00+08:00",
             "ship_by": "2026-10-08T09:01:00+08:00", "shipped_at": None, "hours_late": 600,
             "open": True},
            {"order_no": "D2", "paid_at": "2026-10-29T10:00:00+08:00",
             "ship_by": "2026-11-01T10:00:00+08:00", "shipped_at": "2026-11-01T10:00:01+08:00",
             "hours_late": 1, "open": False},
            {"order_no": "D1", "paid_at": "2026-10-30T08:00:00+08:00",
             "ship_by": "2026-11-02T08:00:00+08:00", "shipped_at": None, "hours_late": 1,
             "open": True},
        ],
    }  # fmt: skip
    stockouts = client.get("/api/stockouts").json()["stockouts"]
    assert [(s["store"], s["sku"], s["state"], s["deadline"]) for s in stockouts] == [
        (STORE, CREAM, "replenish_due", "2026-11-07")
    ]
    misshipped = client.get("/api/misshipments").json()["misshipments"]
    assert [(m["order_no"], m["sent_sku"], m["seen_at"]) for m in misshipped] == [
        ("1001", MASK, None)
    ]
    stock = client.get("/api/stock/chando", params={"at": "2026-11-02T09:00:00"})
    assert stock.status_code == 200, stock.text
    # 2 listed − 2 (1001) − 2 (D1) − 2 (D2) − 2 (D3) = 2 − 8 = −6 creams on hand (R-F1).
    assert [(s["sku"], s["on_hand"]) for s in stock.json()["skus"]] == [(CREAM, -6)]
    for path, params in (
        ("/api/shipping/breaches", {"store": "pechoin-tmall", "month": "2026-10"}),
        ("/api/stockouts", {"brand": "pechoin"}),
        ("/api/stockouts", {"store": "pechoin-tmall"}),
        ("/api/misshipments", {"brand": "pechoin"}),
        ("/api/stock/pechoin", {}),
    ):
        answer = client.get(path, params=params)
        assert answer.status_code == 404, (path, answer.text)  # R-D2
    assert (
        client.get(
            "/api/shipping/breaches", params={"store": STORE, "month": "2026-13"}
        ).status_code
        == 422
    )
    # The agency sees every brand's.
    agency = api_client(desk, "ops")
    assert len(agency.get("/api/misshipments").json()["misshipments"]) == 1
    assert agency.get("/api/stock/pechoin").status_code == 409  # no list of B's yet


def test_the_goods_duties_are_obligations_with_their_rule(desk: World) -> None:
    result = run_daiyun(
        desk.database_url, "obligations", "list", "--brand", "chando", "--as-of", "2026-11-02",
        "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    document: Any = result.json()
    found = document["obligations"] if isinstance(document, dict) else document
    goods = [
        (each["kind"], each["subject"], each["party"], each["due_on"], each["status"],
         each["done_on"], each["rule"])
        for each in found if each["rule"] in {"R-F2", "R-F3"}
    ]  # fmt: skip
    assert sorted(goods) == sorted(
        [
            # R-F2: only the late orders; D3, shipped at its ship_by, owes nothing.
            ("ship_order", f"order {STORE} 1001", "brand", "2026-10-08", "missed", None, "R-F2"),
            # Shipped late on its due day: missed all the same (the duty is by the hour).
            ("ship_order", f"order {STORE} D2", "brand", "2026-11-01", "missed", "2026-11-01",
             "R-F2"),
            ("ship_order", f"order {STORE} D1", "brand", "2026-11-02", "open", None, "R-F2"),
            # R-F3: out on 10-31 — notice by 11-01 (missed), replenish by 11-07 (open).
            ("notify_stockout", f"stockout {STORE} {CREAM}", "brand", "2026-11-01", "missed",
             None, "R-F3"),
            ("replenish_stock", f"stockout {STORE} {CREAM}", "brand", "2026-11-07", "open",
             None, "R-F3"),
        ]
    )  # fmt: skip
    # The obligations page words them and links each to its order or the desk (R-O1).
    client = desk.client()
    log_in(client, "ops")
    asked = {"as_of": "2026-11-02", "brand": "chando"}
    page = client.get("/obligations", params={**asked, "kind": "ship_order"}).text
    assert '<a href="/orders/chando-tmall/D1">自然堂 · chando-tmall 订单 D1</a>' in page
    page = client.get("/obligations", params={**asked, "kind": "replenish_stock"}).text
    assert "自然堂 · chando-tmall 缺货 CD-CREAM-50" in page
    # On 11-09 the operator's task (due 11-08, the day after replenish_by) is missed too.
    later = run_daiyun(
        desk.database_url, "obligations", "list", "--brand", "chando", "--as-of", "2026-11-09",
        "--rule", "R-F3", "--json",
    )  # fmt: skip
    assert later.exit_code == 0, later.stderr
    document = later.json()
    found = document["obligations"] if isinstance(document, dict) else document
    assert [(e["kind"], e["party"], e["due_on"], e["status"]) for e in found] == [
        ("notify_stockout", "brand", "2026-11-01", "missed"),
        ("replenish_stock", "brand", "2026-11-07", "missed"),
        ("stockout_task", "operator", "2026-11-08", "missed"),
    ]


def _statements(world: World, run: Any) -> int:
    """How many SQL statements `run()` makes."""
    seen: list[str] = []

    def count(*args: Any) -> None:
        seen.append(str(args[2]))

    event.listen(world.daiyun.engine, "before_cursor_execute", count)
    try:
        run()
    finally:
        event.remove(world.daiyun.engine, "before_cursor_execute", count)
    return len(seen)


def test_the_desk_and_the_duties_read_as_many_times_for_forty_late_orders(
    desk: World, tmp_path: Path
) -> None:
    """R-O1's flat query count: the duties source and the desk page read the same number of
    times for 3 late orders as for 43, late or on time."""
    client = desk.client()
    log_in(client, "ops")

    def duties() -> None:
        list_fulfilment_obligations(
            desk.daiyun.fulfilment_unit_of_work(read_only=True), as_of=date(2026, 11, 2)
        )

    def page() -> None:
        assert client.get("/operations").status_code == 200

    before = (_statements(desk, duties), _statements(desk, page))
    rows = [_order(f"L{n}", f"2026-10-2{n % 8} 0{n % 10}:00:00") for n in range(40)]
    rows += [_order(f"T{n}", "2026-10-29 12:00:00", "2026-10-30 12:00:00") for n in range(40)]
    path = write_daiyun_orders(tmp_path / "more.csv", rows)
    result = run_daiyun(
        desk.database_url, "orders", "import", "--store", STORE, "--as-of",
        "2026-11-02T08:40:00+08:00", str(path),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    found = list_fulfilment_obligations(
        desk.daiyun.fulfilment_unit_of_work(read_only=True), as_of=date(2026, 11, 2)
    )
    assert len([each for each in found if each.rule == "R-F2"]) == 4 + 40  # the on-time 40: none
    assert (_statements(desk, duties), _statements(desk, page)) == before
