"""The served app, as `make run` leaves it: the demo page over HTTP and in a real browser."""

from __future__ import annotations

import os
import re
from pathlib import Path

import httpx
import pytest

from daiyun.services.demo.agency import DEMO_PASSWORD
from tests.e2e.conftest import Server, chromium

CHROMIUM = Path("/usr/bin/chromium")


def test_health_reports_the_database(demo_server: Server) -> None:
    response = httpx.get(f"{demo_server.url}/api/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "sqlite"}


def _logged_in(server: Server, login: str) -> httpx.Client:
    client = httpx.Client(base_url=server.url)
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
    assert token is not None
    data = {"login": login, "password": DEMO_PASSWORD, "csrf_token": token.group(1)}
    assert client.post("/login", data=data).status_code == 303
    return client


def test_the_first_page_asks_for_a_login(demo_server: Server) -> None:
    answer = httpx.get(demo_server.url)
    assert answer.status_code == 303 and answer.headers["location"] == "/login?next=%2F"


def test_the_first_page_lists_the_demo_brands_contracts_and_stores(demo_server: Server) -> None:
    client = _logged_in(demo_server, "admin")
    dashboard = client.get("/").text
    assert "<strong>22</strong> 品牌" in dashboard and "<strong>3,497</strong> SKU" in dashboard
    # The brand list alone: the dashboard also lists obligations that name contracts.
    page = client.get("/brands").text
    assert "自然堂官方旗舰店" in page and "CHANDO-2026" in page
    assert "chando-tmall" in page
    # chando is the third brand by code: signed 2026-01-05 + 2 days, 12 months, so it covers
    # 2026-01-07 up to and including 2027-01-06; its commission is the demo's third rate, 4.5%.
    chando_row = page[page.index("CHANDO-2026") : page.index("chando-tmall")]
    assert "2026-01-07" in chando_row and "2027-01-06" in chando_row and "4.5%" in chando_row


@pytest.mark.e2e
def test_a_real_browser_shows_the_demo_page(demo_server: Server, tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.fail(
            "Debian's chromium is missing: `make test` installs it (apt-get install chromium)"
        )
    with chromium() as browser:  # the worker's shared Chromium
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.goto(demo_server.url)
        page.fill("input[name=login]", "admin")
        page.fill("input[name=password]", DEMO_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{demo_server.url}/")
        rows = page.locator("table.brands tbody tr")
        assert rows.count() == 22
        assert "自然堂" in page.locator("table.brands").inner_text()
        # `make screenshots` keeps it as the README's picture of the first page.
        shots = Path(os.environ.get("DAIYUN_SCREENSHOTS") or tmp_path)
        page.screenshot(path=str(shots / "home.png"))
    assert (shots / "home.png").stat().st_size > 10_000


def test_a_brand_user_of_the_demo_sees_only_their_brand(demo_server: Server) -> None:
    client = _logged_in(demo_server, "chando-finance")
    assert [brand["code"] for brand in client.get("/api/brands").json()] == ["chando"]
    others = _logged_in(demo_server, "admin").get("/api/brands").json()
    other = next(brand["code"] for brand in others if brand["code"] != "chando")
    answer = client.get(f"/api/brands/{other}")
    assert answer.status_code == 404
    assert answer.json() == {"detail": f"no brand with code {other!r}"}
