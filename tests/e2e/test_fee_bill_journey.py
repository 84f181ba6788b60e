"""Issue 18's browser journey, on SQLite and on PostgreSQL, in headless Debian Chromium against
`daiyun serve`: the agency's finance clerk drafts and issues inoherb's October fee bill (model
B), inoherb's finance person confirms it in the brand portal, and finance records the payment.

October is fee_bill_web_world.py's, worked by hand there: receipts ¥12,345.60, commission
¥370.37 (¥370.368 rounded once), VAT ¥22.22, amount due ¥392.59. The server runs on the real
clock, so nothing here depends on today's date but the forms' default day.

The pages are then looked at on a laptop (1366×900) and a phone (390×844): no sideways scroll,
the amounts on screen. With $DAIYUN_SCREENSHOTS set (`make screenshots`), the SQLite run saves
the agency's bill (`fee-bill-<viewport>.png`), the portal's (`fee-bill-portal-<viewport>.png`)
and the service fee page (`service-fee-<viewport>.png`) there.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from daiyun.adapters.db.migrate import upgrade_database
from daiyun.bootstrap import bootstrap
from daiyun.config import load_settings
from daiyun.domain.agency import Role
from daiyun.services.accounts.users import add_user
from tests.e2e.conftest import Server, chromium, screenshot, serving
from tests.integration.fee_bill_web_world import BILL, CONTRACT, FEES, october_lines
from tests.integration.fee_bill_world import import_lines, load_inoherb
from tests.integration.web_world import PASSWORD, START, hash_of_password

POSTGRES_ADMIN_URL = os.environ.get(
    "DAIYUN_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
PEOPLE = (("finance", Role.FINANCE, None, "财务 王芳"), ("i-finance", Role.BRAND_FINANCE,
          "inoherb", "相宜本草 财务 李娜"))  # fmt: skip


@contextmanager
def _database(kind: str, folder: Path) -> Iterator[str]:
    """A fresh, migrated database of `kind`, dropped afterwards (PostgreSQL)."""
    if kind == "sqlite":
        url = f"sqlite:///{folder / 'daiyun.db'}"
        upgrade_database(url)
        yield url
        return
    name = f"daiyun_e2e_{os.getpid()}_{secrets.token_hex(3)}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        url = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
        upgrade_database(url)
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _inoherb(url: str, folder: Path) -> None:
    """INOHERB-2026, October's Alipay lines, the agency's finance clerk and inoherb's."""
    load_inoherb(url, folder)
    import_lines(url, folder, "oct", october_lines())
    application = bootstrap(load_settings(database_url=url, environment="test"))
    try:
        for login, role, brand, name in PEOPLE:
            add_user(
                application.unit_of_work(), login=login, role=role, brand_code=brand,
                display_name=name, password=PASSWORD, hash_password=hash_of_password,
                at=START - timedelta(days=1), actor="test",
            )  # fmt: skip
    finally:
        application.close()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp(f"fee-bills-{request.param}")
    with _database(request.param, folder) as url:
        _inoherb(url, folder)
        with serving(url) as server:
            yield server


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


def _page(
    browser: Any, served: Server, login: str, viewport: str = "desktop"
) -> tuple[Any, list[str]]:
    """A logged-in page; the questions its forms asked (each accepted)."""
    page = browser.new_context(viewport=VIEWPORTS[viewport]).new_page()
    questions: list[str] = []

    def accept(dialog: Any) -> None:
        questions.append(dialog.message)
        dialog.accept()

    page.on("dialog", accept)
    page.goto(f"{served.url}/login")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", PASSWORD)
    page.click("section.login button[type=submit]")
    page.wait_for_url(f"{served.url}/")
    return page, questions


def _fits(page: Any, viewport: str, amounts: str) -> None:
    """No sideways scroll; each amount of `amounts` (a selector) within the screen."""
    width = VIEWPORTS[viewport]["width"]
    assert int(page.evaluate("document.scrollingElement.scrollWidth")) <= width
    for amount in page.locator(amounts).all():
        amount.scroll_into_view_if_needed()
        box = amount.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    # Back to the top, each table's box scrolled back to its start, for the screenshot.
    page.evaluate("document.querySelectorAll('.table-scroll').forEach(b => { b.scrollLeft = 0; })")
    page.evaluate("window.scrollTo(0, 0)")


def _shoot(page: Any, served: Server, name: str) -> None:
    if served.database_url.startswith("sqlite"):
        screenshot(page, f"{name}.png")


@pytest.mark.e2e
def test_finance_issues_octobers_bill_the_brand_confirms_it_and_finance_records_the_payment(
    browser: Any, served: Server
) -> None:
    # 1. Finance finds the fee bills in the navigation, drafts October and issues it.
    page, asked = _page(browser, served, "finance")
    page.click("#site-nav a[href='/fee-bills']")
    page.wait_for_url(f"{served.url}/fee-bills")
    page.select_option("#fee-bill-draft-form select[name=contract]", CONTRACT)
    page.fill("#fee-bill-draft-form input[name=month]", "2026-10")
    page.click("#fee-bill-draft-form button[type=submit]")
    page.wait_for_url(f"{served.url}{BILL}")
    assert page.inner_text("#bill-status") == "草稿"
    assert page.inner_text("#amount-due") == "¥392.59"
    assert page.inner_text("#fig-receipts td") == "¥12,345.60"
    assert "¥370.368" in page.inner_text("#fig-commission th")
    page.click("#issue")
    page.wait_for_selector("#bill-status:has-text('已出具')")
    assert "出具给品牌方 相宜本草" in asked[-1] and "应付金额 ¥392.59" in asked[-1]
    assert "已将 INOHERB-2026 2026-10 第 1 版服务费账单出具给品牌方" in page.inner_text(
        ".notice.done"
    )

    # 2. inoherb's finance person finds it in the portal — as on a laptop, so on a phone —
    # and confirms it in writing.
    for viewport in VIEWPORTS:
        portal, brand_asked = _page(browser, served, "i-finance", viewport)
        if viewport == "phone":
            portal.click("header .nav-toggle")  # the navigation folds behind the menu button
        portal.click("#site-nav a[href='/fee-bills']")
        portal.wait_for_url(f"{served.url}/fee-bills")
        row = portal.locator(f"#fee-bill-{CONTRACT}-2026-10")
        assert "已出具" in row.inner_text() and "¥392.59" in row.inner_text()
        row.locator("a.name").click()
        portal.wait_for_url(f"{served.url}{BILL}")
        assert portal.locator("#confirm-form").count() == 1
        assert portal.locator("#pay-form").count() == 0  # the agency records payments
        _fits(portal, viewport, "table.fee-bill-figures td.num, #confirm")
        _shoot(portal, served, f"fee-bill-portal-{viewport}")
    portal.click("#confirm")  # on the phone
    portal.wait_for_selector("#bill-status:has-text('已确认')")
    assert "书面确认 INOHERB-2026 2026-10 第 1 版服务费账单？应付金额 ¥392.59" in brand_asked[-1]

    # 3. Finance records the brand's payment in full: nothing stays owed, the bill is settled.
    for viewport in VIEWPORTS:
        clerk, _ = _page(browser, served, "finance", viewport)
        clerk.goto(f"{served.url}{BILL}")
        assert clerk.inner_text("#bill-status") == "已确认"
        assert clerk.input_value("#pay-form input[name=amount]") == "392.59"
        _fits(clerk, viewport, "table.fee-bill-figures td.num, #pay")
        _shoot(clerk, served, f"fee-bill-{viewport}")
    page.goto(f"{served.url}{BILL}")
    page.click("#pay")
    page.wait_for_selector("#bill-status:has-text('已结清')")
    assert "付款 392.59 元" in asked[-1] and "登记后尚欠 ¥0.00" in asked[-1]
    assert page.inner_text("#outstanding") == "¥0.00"
    assert page.inner_text("#paid") == "¥392.59"

    # 4. The service fee: the first instalment paid in January with its VAT, the deposit
    # received on signing (R-B1, R-B3, R-B4).
    page.click("#service-fee-link")
    page.wait_for_url(f"{served.url}{FEES}")
    page.fill("#pay-form-1 input[name=paid_on]", "2026-01-07")
    page.click("#pay-form-1 button[type=submit]")
    page.wait_for_selector("#instalment-1 .status:has-text('已付清')")
    assert "含税应付 ¥63,600.00" in asked[-1] and "登记后尚欠 ¥0.00" in asked[-1]
    page.fill("#receive-deposit-form input[name=on]", "2026-01-05")
    page.click("#receive-deposit")
    page.wait_for_selector("#deposit-state:has-text('持有中')")
    assert "服务保证金 ¥20,000.00 已收到" in asked[-1]
    for viewport in VIEWPORTS:
        clerk, _ = _page(browser, served, "finance", viewport)
        clerk.goto(f"{served.url}{FEES}")
        assert clerk.inner_text("#annual-fee") == "¥120,000.00"
        assert clerk.locator("#instalments tr.instalment").count() == 2
        _fits(clerk, viewport, "#instalments td.num")
        _shoot(clerk, served, f"service-fee-{viewport}")
