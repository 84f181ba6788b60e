"""Issue 15, point 1: the pages as people use them, on a phone (390×844) and a laptop (1366×900),
in headless Debian Chromium on a served copy of the demo. No page scrolls sideways — the agency's
dashboard, orders, an order, obligations; the brand's portal home, its statement awaiting
confirmation, a promotion to approve — and on the statement the amounts and the 确认对账单
button lie within the screen. On the phone the navigation is folded behind a menu button that
opens it. With $DAIYUN_SCREENSHOTS set (`make screenshots`), each page is saved there as
`<page>-desktop.png` and `<page>-phone.png`."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from daiyun.domain.calendar import SHANGHAI
from daiyun.services.demo.agency import DEMO_PASSWORD
from tests.e2e.conftest import Server, chromium, screenshot, serve_copy

VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}
AGENCY, BRAND = "finance", "chando-finance"  # the agency's finance clerk, chando's finance person
# chando's statements from October 2026 on are left to whoever tries the demo (demo/history.py);
# the browser journey drafts October, so a statement awaiting confirmation is November's.
CONTRACT, MONTH = "CHANDO-2026", "2026-11"
PROMOTION = "E2E-VIEWPORTS"
# An order page's address: /orders/{store}/{order_no}.
ORDER_PAGE = re.compile(r"^/orders/[^/?#]+/[^?#]+$")
PROMOTION_PAGE = re.compile(r"^/promotions/[^/?#]+/[^/?#]+$")


@dataclass(frozen=True)
class Case:
    """A page to look at: its name in the screenshots, who looks, and how it is reached."""

    name: str
    login: str
    path: str | None = None  # None: found by following links (see _open)


CASES = (
    Case("dashboard", AGENCY, "/"),
    Case("orders", AGENCY, "/orders"),
    Case("order", AGENCY),
    Case("obligations", AGENCY, "/obligations"),
    Case("portal", BRAND, "/"),
    Case("statement", BRAND),
    Case("promotion", BRAND),
)


def _client(server: Server, login: str) -> tuple[httpx.Client, str]:
    """A logged-in client and its session's CSRF token (every page's logout form holds it)."""
    client = httpx.Client(base_url=server.url, timeout=60)
    form = client.get("/login").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form)
    assert token is not None
    data = {"login": login, "password": DEMO_PASSWORD, "csrf_token": token.group(1)}
    assert client.post("/login", data=data).status_code == 303
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/").text)
    assert csrf is not None
    client.headers["X-CSRF-Token"] = csrf.group(1)
    return client, csrf.group(1)


def _awaiting_confirmation(server: Server) -> None:
    """chando's finance person has a statement issued and not yet answered: finance drafts and
    issues November's when there is none (through the API, as a script would)."""
    brand, _ = _client(server, BRAND)
    rows = brand.get("/api/statements").json()
    if any(row["status"] == "issued" for row in rows):
        return
    finance, _ = _client(server, AGENCY)
    for step in ("draft", "issue"):
        answer = finance.post(f"/api/statements/{CONTRACT}/{MONTH}/{step}")
        assert answer.status_code == 200, answer.text


def _promotion_to_approve(server: Server) -> None:
    """A promotion in chando's portal: the store operator drafts one and submits it when chando
    has none — on its second SKU, ten days ahead, away from the promotion journey's."""
    brand, _ = _client(server, BRAND)
    if brand.get("/api/promotions").json():
        return
    ops, _ = _client(server, "ops")
    sku = ops.get("/api/brands/chando/skus", params={"size": 2}).json()["items"][-1]
    price = (Decimal(sku["guide_prices"][-1]["price"]) * Decimal("0.80")).quantize(Decimal("0.01"))
    midnight = datetime.now(SHANGHAI).replace(hour=0, minute=0, second=0, microsecond=0)
    draft = {
        "code": PROMOTION,
        "name": "视口测试 直降",
        "stores": ["chando-tmall"],
        "prices": {sku["code"]: str(price)},
        "start": (midnight + timedelta(days=10)).isoformat(),
        "end": (midnight + timedelta(days=11)).isoformat(),
        "budget": "1000.00",
        "funded_by": "brand",
    }
    answer = ops.post("/api/promotions/chando", json=draft)
    assert answer.status_code == 201, answer.text
    answer = ops.post(f"/api/promotions/chando/{PROMOTION}/submit")
    assert answer.status_code == 200, answer.text


Opener = Callable[[str, str], Any]


@pytest.fixture(scope="module")
def served(
    tmp_path_factory: pytest.TempPathFactory, shared_real_data: Path, demo_database: Path
) -> Iterator[Server]:
    """`daiyun serve` on a copy of the loaded demo of this module's own, as demo_server serves
    one: this module issues chando's November statement, and chando's months are issued in
    order, so the browser journey on demo_server could no longer issue October's."""
    folder = tmp_path_factory.mktemp("viewports")
    with serve_copy(folder, demo_database, shared_real_data) as server:
        yield server


@pytest.fixture(scope="module")
def page_of(served: Server) -> Iterator[Opener]:
    """One browser; a logged-in page per viewport and person, opened when first asked for."""
    _awaiting_confirmation(served)
    _promotion_to_approve(served)
    with chromium() as browser:
        opened: dict[tuple[str, str], Any] = {}

        def page_of(viewport: str, login: str) -> Any:
            if (viewport, login) not in opened:
                page = browser.new_context(viewport=VIEWPORTS[viewport]).new_page()
                page.goto(f"{served.url}/login")
                page.fill("input[name=login]", login)
                page.fill("input[name=password]", DEMO_PASSWORD)
                page.click("section.login button[type=submit]")
                page.wait_for_url(f"{served.url}/")
                opened[viewport, login] = page
            return opened[viewport, login]

        yield page_of


def _first_link(page: Any, pattern: re.Pattern[str], within: str = "main table") -> str | None:
    hrefs = page.eval_on_selector_all(
        f"{within} a[href]", "links => links.map(link => link.getAttribute('href'))"
    )
    return next((href for href in hrefs if pattern.match(href)), None)


def _open(page: Any, server: Server, case: Case) -> None:
    """Go to the case's page the way a person would."""
    if case.path is not None:
        page.goto(f"{server.url}{case.path}")
        return
    if case.name == "order":
        page.goto(f"{server.url}/orders")
        href = _first_link(page, ORDER_PAGE)
        assert href is not None, "no order in the orders table links to its page"
    elif case.name == "statement":
        page.goto(f"{server.url}/statements")
        issued = page.locator("main table tr:has(.status-issued) a[href^='/statements/']")
        assert issued.count() > 0, "no statement awaits chando's confirmation"
        href = issued.first.get_attribute("href")
    else:
        page.goto(f"{server.url}/promotions")
        href = _first_link(page, PROMOTION_PAGE)
        assert href is not None, "no promotion in chando's list links to its page"
    page.goto(f"{server.url}{href}")


def _shoot(page: Any, name: str, viewport: str) -> None:
    screenshot(page, f"{name}-{viewport}.png")


def _page_width(page: Any) -> int:
    return int(page.evaluate("document.scrollingElement.scrollWidth"))


def _within_screen(page: Any, locator: Any, width: int) -> None:
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    assert box is not None, locator
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, (locator, box)


@pytest.mark.e2e
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_no_page_scrolls_sideways(
    page_of: Opener, served: Server, viewport: str, case: Case
) -> None:
    page = page_of(viewport, case.login)
    width = VIEWPORTS[viewport]["width"]
    _open(page, served, case)
    assert page.locator("main h1").count() > 0, page.url  # the page itself, not an error
    assert page.locator("main .error-page").count() == 0, page.url
    assert _page_width(page) <= page.evaluate("window.innerWidth") == width, page.url
    _shoot(page, case.name, viewport)


@pytest.mark.e2e
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_statement_amounts_and_its_confirm_button_are_on_screen(
    page_of: Opener, served: Server, viewport: str
) -> None:
    page = page_of(viewport, BRAND)
    width = VIEWPORTS[viewport]["width"]
    _open(page, served, Case("statement", BRAND))
    amounts = page.locator("table.figures td.num")
    assert amounts.count() >= 5  # the statement's money figures, and its counts
    for index in range(amounts.count()):
        assert amounts.nth(index).inner_text().strip()
        _within_screen(page, amounts.nth(index), width)
    confirm = page.locator("#confirm")
    assert "确认" in confirm.inner_text()
    _within_screen(page, confirm, width)
    assert _page_width(page) <= width


@pytest.mark.e2e
def test_on_a_phone_the_navigation_is_folded_and_opens(page_of: Opener, served: Server) -> None:
    page = page_of("phone", AGENCY)
    page.goto(f"{served.url}/orders")
    toggle, links = page.locator("header .nav-toggle"), page.locator("#site-nav .nav-links a")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert links.count() >= 8 and not links.first.is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    for index in range(links.count()):
        assert links.nth(index).is_visible()
        _within_screen(page, links.nth(index), VIEWPORTS["phone"]["width"])
    assert page.locator("#site-nav a[aria-current=page]").inner_text() == "订单"
    assert page.locator("#site-nav form[action='/logout/everywhere']").is_visible()
    _shoot(page, "navigation", "phone")
    assert _page_width(page) <= VIEWPORTS["phone"]["width"]
    toggle.click()
    assert not links.first.is_visible()


@pytest.mark.e2e
def test_on_a_laptop_the_navigation_shows_without_a_menu_button(
    page_of: Opener, served: Server
) -> None:
    page = page_of("desktop", BRAND)
    page.goto(f"{served.url}/")
    assert not page.locator("header .nav-toggle").is_visible()
    shown = page.locator("#site-nav .nav-links a").all_inner_texts()
    # A brand's finance person sees what the brand uses, never the agency's kitchen (point 9).
    # Fee bills (issue 18) show for every brand user: the navigation knows roles, not models;
    # a model A brand's page says its months are on the statements page.
    # Its goods (issue 19), reports and data export (issue 20) follow the orders.
    expected = [
        "首页",
        "对账单",
        "服务费账单",
        "订单",
        "货品与售后",
        "经营报告",
        "数据导出",
        "促销审批",
    ]
    assert shown[:8] == expected
    assert not {"导入", "审计日志", "商品价格", "价格违规", "API", "用户"} & set(shown)


@pytest.mark.e2e
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_an_error_is_a_page_in_words_with_a_way_back(
    page_of: Opener, served: Server, viewport: str
) -> None:
    page, width = page_of(viewport, AGENCY), VIEWPORTS[viewport]["width"]
    # The agency's finance clerk follows a link from the orders page to the users' page, which
    # only an administrator may see: the navigation stays, and two ways lead on.
    page.goto(f"{served.url}/orders")
    answer = page.goto(f"{served.url}/admin/users", referer=f"{served.url}/orders")
    assert answer is not None and answer.status == 403
    assert page.inner_text("main h1") == "无权查看"
    assert page.locator("#site-nav a[href='/statements']").count() == 1
    assert page.inner_text("main a.button.primary[href='/']") == "返回工作台"
    _shoot(page, "forbidden", viewport)
    assert _page_width(page) <= width
    # An address no route has; the way back returns to the page before.
    answer = page.goto(f"{served.url}/no-such-page", referer=f"{served.url}/orders")
    assert answer is not None and answer.status == 404
    assert page.inner_text("main h1") == "页面不存在"
    assert page.get_attribute("main a[data-back]", "href") == "/orders"
    assert _page_width(page) <= width
    page.click("main a[data-back]")
    page.wait_for_url(f"{served.url}/admin/users")
