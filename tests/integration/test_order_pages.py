"""Orders on the web (issue 15, point 6): an order's page, search by an order number's start,
SKU, title and buyer, sorting, CSV and XLSX exports of a list, and R-D2 isolation.

The world (web_world.py) gives chando's order 1001 (paid 2026-10-05 09:01, 2 × ¥139.00 =
¥278.00) and pechoin's 880088. `more_orders` adds to chando-tmall, whose contract caps prices
at guide × 1.10 (R-P3), with CD-CREAM-50 at ¥139.00 and CD-MASK-5 at ¥59.00:

| order        | status    | paid (Beijing)   | lines                                   | paid (*) |
|--------------|-----------|------------------|-----------------------------------------|----------|
| TB/2026/0001 | completed | 2026-11-11 10:00 | 1: 1 × CD-CREAM-50 ¥119.00 (双11 price) | ¥169.00  |
|              |           |                  | 2: 2 × CD-MASK-5 ¥100.00, ¥50.00 back   |          |
| TB/2026/0002 | paid      | 2026-11-12 09:00 | 1: 3 × CD-CREAM-50 ¥417.00              | ¥417.00  |
| 10020        | shipped   | 2026-11-08 12:00 | 1: 1 × CD-MASK-5 ¥70.00                 | ¥70.00   |
| 10021        | unpaid    | —                | 1: 1 × CD-CREAM-50 ¥139.00              | ¥0.00    |

(*) what the buyer paid net of refunds, as the import keeps it: 119.00 + 100.00 − 50.00.

双11 (CD-CREAM-50 at ¥119.00, brand-funded, 2026-11-11 00:00–24:00) is approved in writing by
chando's brand admin; November's statement is drafted and issued.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.builders import daiyun_order_row, write_catalog_csv, write_daiyun_orders
from tests.integration.cli_runner import run_daiyun
from tests.integration.conftest import register_seed, seeded
from tests.integration.web_world import World, log_in

STORE = "chando-tmall"
_SEEN = {"created_at": "2026-11-01 08:00:00"}


def _ok(*arguments: str, url: str) -> Any:
    result = run_daiyun(url, *arguments)
    assert result.exit_code == 0, result.stderr
    return result


def _add_more_orders(url: str, folder: Path) -> None:
    """The orders, promotion and statement of the table above, on top of the world."""
    catalog = write_catalog_csv(
        folder / "mask.csv", [("CD-MASK-5", "活泉保湿面膜5片", "面膜", "59.00", "2026-01-01")]
    )
    _ok("catalog", "import", "--brand", "chando", str(catalog), url=url)
    _ok(
        "promotion", "draft", "--brand", "chando", "--code", "DOUBLE11", "--name", "双11 面霜直降",
        "--store", STORE, "--price", "CD-CREAM-50=119.00", "--start", "2026-11-11T00:00:00",
        "--end", "2026-11-12T00:00:00", "--budget", "20000.00", "--funded-by", "brand",
        "--by", "ops", "--at", "2026-11-01T10:00:00", url=url,
    )  # fmt: skip
    _ok(
        "promotion", "submit", "--brand", "chando", "--code", "DOUBLE11", "--by", "ops",
        "--at", "2026-11-01T11:00:00", url=url,
    )  # fmt: skip
    _ok(
        "promotion", "approve", "--brand", "chando", "--code", "DOUBLE11", "--version", "1",
        "--by", "a-admin", url=url,
    )  # fmt: skip
    done = {"status": "completed", "shipped_at": "2026-11-11 18:00:00"}
    rows = [
        daiyun_order_row(
            "TB/2026/0001", 1, units="1", unit_price="119.00", line_amount="119.00", **done,
            paid_at="2026-11-11 10:00:00", completed_at="2026-11-15 10:00:00",
            buyer_key="buyer_x", **_SEEN,
        ),
        daiyun_order_row(
            "TB/2026/0001", 2, sku="CD-MASK-5", units="2", unit_price="59.00",
            line_amount="100.00", **done, paid_at="2026-11-11 10:00:00",
            completed_at="2026-11-15 10:00:00", refund_units="1", refund_amount="50.00",
            refund_reason="quality", refunded_at="2026-11-20 09:00:00", buyer_key="buyer_x",
            **_SEEN,
        ),
        daiyun_order_row(
            "TB/2026/0002", units="3", unit_price="139.00", line_amount="417.00",
            paid_at="2026-11-12 09:00:00", buyer_key="buyer_x", **_SEEN,
        ),
        daiyun_order_row(
            "10020", sku="CD-MASK-5", units="1", unit_price="70.00", line_amount="70.00",
            status="shipped", paid_at="2026-11-08 12:00:00", shipped_at="2026-11-09 12:00:00",
            buyer_key="tb_buyer_9", **_SEEN,
        ),
        daiyun_order_row(
            "10021", units="1", unit_price="139.00", line_amount="139.00", status="unpaid",
            paid_at="", buyer_key="tb_buyer_9", **_SEEN,
        ),
    ]  # fmt: skip
    orders = write_daiyun_orders(folder / "chando-november.csv", rows)
    _ok(
        "orders", "import", "--store", STORE, "--as-of", "2026-11-21T09:00:00+08:00",
        str(orders), url=url,
    )  # fmt: skip
    for step in ("draft", "issue"):
        _ok(
            "statement", step, "--contract", "CHANDO-2026", "--month", "2026-11",
            "--at", "2026-12-02T10:00:00+08:00", url=url,
        )  # fmt: skip


# Loaded once per worker and database, each test's database a copy (tests/integration/conftest.py).
_SEED = register_seed(__name__, "more_orders", _add_more_orders, extends="world")


@pytest.fixture
def more_orders(world: World, tmp_path: Path, request: pytest.FixtureRequest) -> World:
    if not seeded(request, _SEED):
        _add_more_orders(world.database_url, tmp_path)
    return world


def _order_numbers(page: str) -> list[str]:
    """The order numbers of a list page's rows, in their order."""
    return re.findall(r'<a href="/orders/[^"]+"><code>([^<]+)</code></a>', page)


def test_an_order_page_shows_header_lines_price_checks_refunds_statement_and_timeline(
    more_orders: World,
) -> None:
    client = more_orders.client()
    log_in(client, "a-finance")
    page = client.get("/orders/chando-tmall/TB/2026/0001")
    assert page.status_code == 200, page.text
    html = page.text
    # Header: Beijing times, status in words, money as yuan.
    assert '<dd id="order-status">交易成功</dd>' in html
    assert '<dd id="paid-at">2026-11-11 10:00</dd>' in html
    assert '<dd id="completed-at">2026-11-15 10:00</dd>' in html
    # total 119.00 + 100.00 = 219.00; ¥50.00 refunded on line 2; paid, as the import keeps
    # it, net of refunds: 219.00 − 50.00 = 169.00
    assert '<dd class="num">¥219.00</dd>' in html
    assert '<dd class="num" id="order-paid">¥169.00</dd>' in html
    assert '<dd class="num" id="order-refunded">¥50.00</dd>' in html
    assert "自然堂官方旗舰店" in html and "CHANDO-2026" in html
    line_1 = html.split('id="line-1"')[1].split("</tr>")[0]
    line_2 = html.split('id="line-2"')[1].split("</tr>")[0]
    # Line 1: 119.00 < guide 139.00, inside 双11's window at its price: no violation (R-P2,
    # R-P4); the cap is 139.00 × 1.10 = 152.90 (R-P3).
    assert "低于指导价，在已批准的促销内" in line_1
    assert "促销 DOUBLE11 第 1 版，促销价 ¥119.00" in line_1 and "由品牌方承担" in line_1
    assert "¥152.90" in line_1 and "¥139.00" in line_1
    assert "自然堂面霜" in line_1  # the catalogue's name: the daiyun file carries no title
    # Line 2: 2 × 59.00 = 118.00 at guide; paid 100.00, ¥18.00 below it, no promotion for
    # the mask: a violation (R-P2); per unit 100.00 ÷ 2 = 50.00.
    assert '<tr id="line-2" class="violation">' in html and '<tr id="line-1">' in html
    assert "低于指导价 ¥18.00（R-P2）" in line_2 and "¥50.00" in line_2
    assert "活泉保湿面膜5片" in line_2
    # Refunds: line 2, 1 unit, ¥50.00, quality.
    refunds = html.split("退款与售后")[1].split("</table>")[0]
    assert "第 2 行" in refunds and "¥50.00" in refunds and "质量问题" in refunds
    # The statement that recognised line 1 (R-S1), linked.
    statements = html.split('<table class="order-statements">')[1].split("</table>")[0]
    assert 'href="/statements/CHANDO-2026/2026-11"' in statements
    assert "CHANDO-2026 · 2026-11 · v1" in statements and "销售" in statements
    # The file that brought it, and the timeline in order.
    assert "chando-november.csv" in html
    timeline = html.split('<ol class="timeline">')[1].split("</ol>")[0]
    steps = ["买家下单", "买家付款", "已发货", "交易成功", "导入文件 chando-november.csv"]
    places = [timeline.index(step) for step in steps]
    assert places == sorted(places)
    assert "对账单 CHANDO-2026 2026-11 第 1 版出具给品牌方" in timeline


def test_an_order_above_the_cap_shows_how_far(more_orders: World) -> None:
    client = more_orders.client()
    log_in(client, "ops")
    html = client.get("/orders/chando-tmall/10020").text
    line = html.split('id="line-1"')[1].split("</tr>")[0]
    # cap 59.00 × 1.10 = 64.90; paid 70.00: 70.00 − 64.90 = 5.10 above it (R-P3)
    assert "¥64.90" in line and "高于最高限价 ¥5.10（R-P3）" in line
    assert "尚未计入任何对账单" in html  # shipped, not completed: no statement yet


def test_a_brand_user_gets_404_for_another_brands_order_and_an_unknown_one(
    more_orders: World,
) -> None:
    client = more_orders.client()
    log_in(client, "b-finance")
    foreign = client.get("/orders/chando-tmall/TB/2026/0001")
    unknown = client.get("/orders/pechoin-tmall/nope")
    assert foreign.status_code == unknown.status_code == 404
    # Nothing of the order shows: not its money, its store's name or its status.
    assert not any(word in foreign.text for word in ("¥219.00", "自然堂", "交易成功"))
    assert client.get("/orders/pechoin-tmall/880088").status_code == 200


def test_list_rows_link_to_their_order_page_with_a_slash_in_the_number(
    more_orders: World,
) -> None:
    client = more_orders.client()
    log_in(client, "admin")
    html = client.get("/orders?order_no=TB/").text
    assert 'href="/orders/chando-tmall/TB/2026/0001"' in html
    assert client.get("/orders/chando-tmall/TB%2F2026%2F0001").status_code == 200


# Newest payment first; orders never paid last, in either direction; ties by id.
_ALL_DESC = ["TB/2026/0002", "TB/2026/0001", "10020", "880088", "1001", "10021"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", _ALL_DESC),
        ("?order_no=TB/2026", ["TB/2026/0002", "TB/2026/0001"]),
        ("?order_no=1002", ["10020", "10021"]),
        ("?order_no=tb/", []),  # an order number is compared exactly: case counts
        ("?sku=CD-MASK", ["TB/2026/0001", "10020"]),
        ("?sku=CD-MASK-5", ["TB/2026/0001", "10020"]),
        ("?title=面膜", ["TB/2026/0001", "10020"]),  # the catalogue's product name
        ("?title=百雀羚", ["880088"]),
        ("?title=100%25", []),  # % is a character, not a wildcard
        (
            "?sort=paid_at&dir=asc",
            ["1001", "880088", "10020", "TB/2026/0001", "TB/2026/0002", "10021"],
        ),
        # paid: 417.00, 278.00, 278.00 (1001 loaded before 880088: the id breaks the tie, in
        # the list's direction), 169.00,
        # 70.00, 0.00
        (
            "?sort=amount&dir=desc",
            ["TB/2026/0002", "880088", "1001", "TB/2026/0001", "10020", "10021"],
        ),
        (
            "?sort=amount&dir=asc",
            ["10021", "10020", "TB/2026/0001", "1001", "880088", "TB/2026/0002"],
        ),
        # along an order's life: unpaid, paid (ids: 1001, 880088, TB/2026/0002), shipped,
        # completed
        (
            "?sort=status&dir=asc",
            ["10021", "1001", "880088", "TB/2026/0002", "10020", "TB/2026/0001"],
        ),
        ("?store=chando-tmall&status=paid&sort=amount", ["TB/2026/0002", "1001"]),
    ],
)  # fmt: skip
def test_search_and_sort(more_orders: World, query: str, expected: list[str]) -> None:
    client = more_orders.client()
    log_in(client, "admin")
    page = client.get(f"/orders{query}")
    assert page.status_code == 200
    assert _order_numbers(page.text) == expected


def test_search_by_the_buyer_key_an_order_page_shows(more_orders: World) -> None:
    client = more_orders.client()
    log_in(client, "a-viewer")
    html = client.get("/orders/chando-tmall/TB/2026/0002").text
    shown = re.search(r'class="buyer-key"[^>]*>([^<]+)</code>', html)
    assert shown is not None
    key = shown.group(1)
    # R-D1: only the keyed hash is shown, never the buyer's account
    assert re.fullmatch("[0-9a-f]{32}", key) and "buyer_x" not in html
    same_buyer = client.get("/orders", params={"buyer": key}).text
    assert _order_numbers(same_buyer) == ["TB/2026/0002", "TB/2026/0001"]


def test_a_brand_user_searches_only_their_brand(more_orders: World) -> None:
    client = more_orders.client()
    log_in(client, "b-admin")
    assert _order_numbers(client.get("/orders?title=面").text) == ["880088"]
    assert _order_numbers(client.get("/orders?order_no=TB").text) == []


def _csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_the_csv_export_holds_the_lists_orders_in_its_order(more_orders: World) -> None:
    client = more_orders.client()
    log_in(client, "admin")
    answer = client.get("/orders/export.csv?store=chando-tmall&sort=amount&dir=desc")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    assert "attachment" in answer.headers["content-disposition"]
    rows = _csv_rows(answer.content)
    assert rows[0][:3] == ["订单号 Order no.", "品牌 Brand", "店铺 Store"]
    assert [row[0] for row in rows[1:]] == [
        "TB/2026/0002",
        "1001",
        "TB/2026/0001",
        "10020",
        "10021",
    ]
    by_number = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    first = by_number["TB/2026/0001"]
    assert first["订单金额（元） Total (yuan)"] == "219.00"
    assert first["实付（元） Paid (yuan)"] == "169.00"
    assert first["退款（元） Refunded (yuan)"] == "50.00"
    assert first["付款时间 Paid at (Beijing)"] == "2026-11-11 10:00:00"
    assert first["状态 Status"] == "交易成功"
    assert by_number["10021"]["付款时间 Paid at (Beijing)"] == ""
    assert by_number["10021"]["实付（元） Paid (yuan)"] == "0.00"


def test_the_xlsx_export_matches_the_csv(more_orders: World) -> None:
    client = more_orders.client()
    log_in(client, "admin")
    query = "?sku=CD-CREAM&sort=paid_at&dir=asc"
    rows = _csv_rows(client.get(f"/orders/export.csv{query}").content)
    answer = client.get(f"/orders/export.xlsx{query}")
    assert answer.status_code == 200
    sheet = load_workbook(io.BytesIO(answer.content), read_only=True).worksheets[0]
    cells = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert [str(value) for value in cells[0]] == rows[0]
    assert [row[0] for row in cells[1:]] == [row[0] for row in rows[1:]]
    assert [row[0] for row in cells[1:]] == ["1001", "TB/2026/0001", "TB/2026/0002", "10021"]
    paid = rows[0].index("实付（元） Paid (yuan)")
    # amounts are numbers shown with two decimals: 278.00, 169.00, 417.00, 0.00
    assert [Decimal(str(row[paid])).quantize(Decimal("0.01")) for row in cells[1:]] == [
        Decimal("278.00"), Decimal("169.00"), Decimal("417.00"), Decimal("0.00"),
    ]  # fmt: skip
    assert str(cells[2][rows[0].index("付款时间 Paid at (Beijing)")]) == "2026-11-11 10:00:00"


def test_a_brand_users_export_holds_only_their_brand(more_orders: World) -> None:
    client = more_orders.client()
    log_in(client, "b-finance")
    rows = _csv_rows(client.get("/orders/export.csv").content)
    assert [row[0] for row in rows[1:]] == ["880088"]
    assert client.get("/orders/export.csv?store=chando-tmall").status_code == 404


def test_the_list_states_the_export_cap_and_keeps_filters_in_its_links(
    more_orders: World,
) -> None:
    client = more_orders.client()
    log_in(client, "admin")
    html = client.get("/orders?sku=CD-MASK&sort=amount&dir=asc").text
    assert 'href="/orders/export.csv?sku=CD-MASK&amp;sort=amount&amp;dir=asc"' in html
    assert "最多 50,000 条" in html
    client.cookies.set("daiyun_lang", "en")
    english = client.get("/orders/chando-tmall/10020").text
    assert "above the highest price" in english and "Timeline" in english
