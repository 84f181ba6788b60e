"""The reconciliation page in a browser (issue 17): reconcile_world.py's October of chando's
Tmall store served by `daiyun serve`, read by the agency's finance clerk in headless Debian
Chromium on a laptop (1366×900) and a phone (390×844). No sideways scroll (the tables scroll
in their box), the amounts on screen, a cause's count opening its lines. With
$DAIYUN_SCREENSHOTS set (`make screenshots`), the page is saved there as
`reconciliation.png` (the laptop, shown in docs/reconciliation.md) and
`reconciliation-phone.png`."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from daiyun.adapters.db.migrate import upgrade_database
from daiyun.bootstrap import bootstrap
from daiyun.config import load_settings
from daiyun.domain.agency import Role
from daiyun.services.accounts.users import add_user
from tests.builders import contract_toml, write_catalog_csv
from tests.e2e.conftest import Server, chromium, serving
from tests.integration.cli_runner import run_daiyun
from tests.integration.reconcile_world import STORE, E, load_october
from tests.integration.web_world import PASSWORD, START, hash_of_password

VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
SHOTS = {"desktop": "reconciliation.png", "phone": "reconciliation-phone.png"}
PAGE = f"/reconciliation/{STORE}/2026-10"


def _october(url: str, folder: Path) -> None:
    """chando's contract and Tmall store with its two SKUs, reconcile_world.py's month, and
    the agency's finance clerk."""
    contract = folder / "chando.toml"
    contract.write_text(contract_toml(), encoding="utf-8")
    assert run_daiyun(url, "contract", "load", str(contract)).exit_code == 0
    catalog = write_catalog_csv(
        folder / "catalog.csv",
        [
            ("CD-CREAM-50", "雪域精粹纯粹滋润霜50g", "面霜", "139.00", "2026-01-01"),
            ("CD-MASK-5", "活泉保湿面膜5片", "面膜", "59.00", "2026-01-01"),
        ],
    )
    assert run_daiyun(url, "catalog", "import", "--brand", "chando", str(catalog)).exit_code == 0
    load_october(url, folder)
    application = bootstrap(load_settings(database_url=url, environment="test"))
    try:
        add_user(
            application.unit_of_work(), login="finance", role=Role.FINANCE, brand_code=None,
            display_name="财务 王芳", password=PASSWORD, hash_password=hash_of_password,
            at=START - timedelta(days=1), actor="test",
        )  # fmt: skip
    finally:
        application.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("reconciliation")
    url = f"sqlite:///{folder / 'daiyun.db'}"
    upgrade_database(url)
    _october(url, folder)
    with serving(url) as server:
        yield server


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


def _logged_in(browser: Any, served: Server, viewport: str) -> Any:
    page = browser.new_context(viewport=VIEWPORTS[viewport]).new_page()
    page.goto(f"{served.url}/login")
    page.fill("input[name=login]", "finance")
    page.fill("input[name=password]", PASSWORD)
    page.click("section.login button[type=submit]")
    page.wait_for_url(f"{served.url}/")
    return page


@pytest.mark.e2e
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_reconciliation_page_fits_the_screen_and_a_count_opens_its_lines(
    browser: Any, served: Server, viewport: str
) -> None:
    page = _logged_in(browser, served, viewport)
    width = VIEWPORTS[viewport]["width"]
    if viewport == "phone":
        page.click("header .nav-toggle")
    page.click("#site-nav a[href='/reconciliation']")  # the navigation leads finance there
    page.wait_for_url(f"{served.url}/reconciliation")
    page.select_option("select[name=store]", STORE)
    page.fill("input[name=month]", "2026-10")
    page.click("#choose-form button[type=submit]")
    page.wait_for_url(f"{served.url}{PAGE}")
    assert page.inner_text("main h1").startswith("收款对账")
    assert page.inner_text("#orders-completed") == "7"
    assert page.locator("table.differences tr.difference").count() == 5
    assert int(page.evaluate("document.scrollingElement.scrollWidth")) <= width
    for amount in page.locator("table.reconciliation-figures td.num").all():
        amount.scroll_into_view_if_needed()
        box = amount.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    page.evaluate("window.scrollTo(0, 0)")
    folder = os.environ.get("DAIYUN_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / SHOTS[viewport]), full_page=True)
    page.click("#count-fee_differs")
    page.wait_for_url(f"{served.url}{PAGE}?cause=fee_differs#differences")
    rows = page.locator("table.differences tr.difference")
    assert rows.count() == 1 and E in rows.first.inner_text()
    assert int(page.evaluate("document.scrollingElement.scrollWidth")) <= width
