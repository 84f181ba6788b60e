"""Issue 20 point 4 (R-R3) in headless Debian Chromium against `daiyun serve` (SQLite): chando's
admin opens the data export from the navigation on a laptop and a phone (no sideways scroll),
downloads the order lines as Parquet with the button and reads the file back with pyarrow; a
range ending before it starts is said beside the form. With $DAIYUN_SCREENSHOTS set (`make
screenshots`) the pages are saved there: data-export-desktop.png, data-export-phone.png and
data-export-problem-phone.png (docs/brand-data.md shows them).

The world is web_world's: chando's one order A_ORDER, one line of 2 × ¥139.00 = ¥278.00."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from daiyun.adapters.db.migrate import upgrade_database
from daiyun.bootstrap import bootstrap
from daiyun.config import load_settings
from tests.e2e.conftest import Server, chromium, screenshot, serving
from tests.integration.web_world import A_ORDER, PASSWORD, make_world

VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("data-export")
    url = f"sqlite:///{folder / 'daiyun.db'}"
    upgrade_database(url)
    app = bootstrap(load_settings(database_url=url, environment="test"))
    try:
        make_world(app, url, folder)
    finally:
        app.close()
    with serving(url) as server:
        yield server


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


def _page(browser: Any, server: Server, login: str, viewport: str) -> Any:
    page = browser.new_context(viewport=VIEWPORTS[viewport], accept_downloads=True).new_page()
    page.goto(f"{server.url}/login")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", PASSWORD)
    page.click("section.login button[type=submit]")
    page.wait_for_url(f"{server.url}/")
    return page


def _shoot(page: Any, name: str) -> None:
    screenshot(page, name)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_a_brand_admin_downloads_the_lines_from_the_portal(
    browser: Any, served: Server, viewport: str, tmp_path: Path
) -> None:
    page = _page(browser, served, "a-admin", viewport)
    page.goto(f"{served.url}/data-export")  # the link is in the menu, folded on a phone
    assert page.locator("#site-nav a[href='/data-export']").count() == 1
    assert page.inner_text("main h1") == "数据导出"
    width = VIEWPORTS[viewport]["width"]
    assert int(page.evaluate("document.scrollingElement.scrollWidth")) <= width
    page.select_option("#export-dataset", "lines")
    page.select_option("#export-format", "parquet")
    page.fill("#export-from", "2026-10-01")
    page.fill("#export-to", "2026-10-31")
    _shoot(page, f"data-export-{viewport}.png")
    with page.expect_download() as waiting:
        page.click("#export-download")
    download = waiting.value
    assert download.suggested_filename == "chando-lines.parquet"
    path = tmp_path / "lines.parquet"
    download.save_as(path)
    rows = pq.read_table(path).to_pylist()
    # The world's one October order: one line, 2 × 139.00 = 278.00.
    assert [(r["order_no"], r["units"], str(r["line_amount"])) for r in rows] == [
        (A_ORDER, 2, "278.00")
    ]
    if viewport == "phone":
        page.fill("#export-from", "2026-11-01")
        page.click("#export-download")
        page.wait_for_selector("#export-error")
        assert page.inner_text("#export-error") == "起始日 2026-11-01 晚于截止日 2026-10-31"
        assert int(page.evaluate("document.scrollingElement.scrollWidth")) <= width
        _shoot(page, "data-export-problem-phone.png")
