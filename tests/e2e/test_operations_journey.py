"""Issue 19's operations desk in headless Debian Chromium against `daiyun serve`, on SQLite and
PostgreSQL: the agency's store operator finds /operations in the navigation — an open breach 1
hour late, one shipped a second late (1 hour), a stockout past its notice day, a return on its
window's last day, a mis-shipment — and a brand's viewer sees the mis-shipment at once on the
portal's home, marks it seen, and finds its own goods (never the other brand's) on /operations.

The server runs on the real clock, so the data is made relative to now (Beijing): order D1 paid
72 h 30 min ago (ship_by half an hour ago: 1 hour late, a part hour counting as one), D2 paid
80 hours ago and shipped 72 hours and a second after (1 hour late), the cream's stockout seen
two days ago (notice by yesterday, replenish by five days from now), a return of order 1001
received 7 days ago and asked today (the window's last day).

The pages are looked at on a laptop (1366×900) and a phone (390×844): no sideways scroll. With
$DAIYUN_SCREENSHOTS set (`make screenshots`), the SQLite run saves the desk
(`operations-desk-<viewport>.png`), the brand's view (`operations-brand-<viewport>.png`) and
the portal's notice (`operations-portal-notice-<viewport>.png`) there.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from daiyun.adapters.db.migrate import upgrade_database
from daiyun.bootstrap import bootstrap
from daiyun.config import load_settings
from daiyun.domain.agency import Role, User
from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.fulfilment.misshipments import MisShipmentReport
from daiyun.domain.fulfilment.returns import ReturnKind, ReturnRequest
from daiyun.services.fulfilment.misshipments import record_misshipment
from daiyun.services.fulfilment.returns import request_return
from daiyun.services.fulfilment.stock import import_stock_list
from daiyun.services.fulfilment.stockouts import check_stockouts
from tests.builders import daiyun_order_row, write_daiyun_orders
from tests.e2e.conftest import Server, chromium, screenshot, serving
from tests.integration.cli_runner import run_daiyun
from tests.integration.fulfilment_world import stock_list
from tests.integration.web_world import PASSWORD, make_world

POSTGRES_ADMIN_URL = os.environ.get(
    "DAIYUN_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
STORE, CREAM, MASK = "chando-tmall", "CD-CREAM-50", "CD-MASK-5"


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


def _text(moment: datetime) -> str:
    return moment.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S")


def _goods(url: str, folder: Path, now: datetime) -> None:
    """The two brands and their people (web_world), and chando's goods of the docstring."""
    application = bootstrap(load_settings(database_url=url, environment="test"))
    try:
        make_world(application, url, folder)
        d1, d2 = now - timedelta(hours=72, minutes=30), now - timedelta(hours=80)
        shipped = d2 + timedelta(hours=72, seconds=1)
        orders = write_daiyun_orders(
            folder / "desk-orders.csv",
            [
                daiyun_order_row("D1", created_at=_text(d1), paid_at=_text(d1)),
                daiyun_order_row(
                    "D2",
                    created_at=_text(d2),
                    paid_at=_text(d2),
                    shipped_at=_text(shipped),
                    status="shipped",
                ),
            ],
        )
        result = run_daiyun(
            url, "orders", "import", "--store", STORE, "--as-of",
            (now - timedelta(minutes=5)).isoformat(), str(orders),
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
        listed_at = datetime(2026, 10, 1, tzinfo=SHANGHAI)
        listed = application.stock_files.read(stock_list(folder, [(CREAM, 2, "杭州仓")]))
        import_stock_list(
            application.fulfilment_unit_of_work(), brand_code="chando", source=listed,
            as_of=listed_at, at=listed_at, actor="test",
        )  # fmt: skip
        result = run_daiyun(
            url, "listing", "set-price", "--store", STORE, "--sku", CREAM, "--price", "139.00",
            "--at", listed_at.isoformat(),
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
        check_stockouts(
            application.fulfilment_unit_of_work(), brand_code="chando",
            at=now - timedelta(days=2),
        )  # fmt: skip
        today = now.astimezone(SHANGHAI).date()
        request_return(
            application.fulfilment_unit_of_work(), User("admin", "admin", Role.ADMIN, None),
            request=ReturnRequest(STORE, "1001", 1, ReturnKind.RETURN, "不喜欢",
                                  today - timedelta(days=7), today),
            at=now,
        )  # fmt: skip
        record_misshipment(
            application.fulfilment_unit_of_work(), application.attachment_files,
            report=MisShipmentReport(STORE, "1001", 1, CREAM, MASK, "收到的是面膜，不是面霜"),
            attachments=[], at=now - timedelta(minutes=30), actor="cs",
        )  # fmt: skip
    finally:
        application.close()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp(f"operations-{request.param}")
    with _database(request.param, folder) as url:
        _goods(url, folder, datetime.now(SHANGHAI))
        with serving(url, DAIYUN_SHARED_DATA_DIR=str(folder / "shared")) as server:
            yield server


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


def _page(browser: Any, served: Server, login: str, viewport: str = "desktop") -> Any:
    """A logged-in page whose forms' questions are accepted."""
    page = browser.new_context(viewport=VIEWPORTS[viewport]).new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{served.url}/login")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", PASSWORD)
    page.click("section.login button[type=submit]")
    page.wait_for_url(f"{served.url}/")
    return page


def _fits(page: Any, viewport: str) -> None:
    """No sideways scroll; back to the top, each table's box at its start, for the picture."""
    width = VIEWPORTS[viewport]["width"]
    assert int(page.evaluate("document.scrollingElement.scrollWidth")) <= width
    page.evaluate("document.querySelectorAll('.table-scroll').forEach(b => { b.scrollLeft = 0; })")
    page.evaluate("window.scrollTo(0, 0)")


def _shoot(page: Any, served: Server, name: str) -> None:
    if served.database_url.startswith("sqlite"):
        screenshot(page, f"{name}.png")


def _open(page: Any, served: Server, viewport: str) -> None:
    """/operations through the navigation (folded behind the menu button on a phone)."""
    if viewport == "phone":
        page.click("header .nav-toggle")
    page.click("#site-nav a[href='/operations']")
    page.wait_for_url(f"{served.url}/operations")


@pytest.mark.e2e
def test_the_operator_handles_the_desk_and_the_brand_sees_its_own(
    browser: Any, served: Server
) -> None:
    # 1. The store operator's desk: each list with its deadline, the most urgent first.
    for viewport in VIEWPORTS:
        page = _page(browser, served, "ops", viewport)
        _open(page, served, viewport)
        assert "已超时 1 小时" in page.inner_text("#breach-chando-tmall-D1")
        assert page.inner_text("#breach-chando-tmall-D2 td.hours") == "1"
        assert "待品牌方补货" in page.inner_text("#stockout-chando-tmall-CD-CREAM-50")
        assert page.locator("#return-chando-tmall-1001-1.due-today").count() == 1
        assert "品牌方未阅" in page.inner_text("table.misshipments")
        assert page.locator("#breach-pechoin-tmall-880088").count() == 1  # every brand's
        _fits(page, viewport)
        _shoot(page, served, f"operations-desk-{viewport}")

    # 2. chando's viewer: the mis-shipment at once on the portal's home, until seen.
    for viewport in VIEWPORTS:
        portal = _page(browser, served, "a-viewer", viewport)
        notice = portal.locator("#misshipment-notices")
        assert "收到的是面膜，不是面霜" in notice.inner_text()
        _fits(portal, viewport)
        _shoot(portal, served, f"operations-portal-notice-{viewport}")
    portal.click("#misshipment-notices button[type=submit]")  # on the phone
    portal.wait_for_selector(".notice.done")
    assert portal.locator("#misshipment-notices").count() == 0

    # 3. Its own goods on /operations: its duties in words, nothing of pechoin's.
    for viewport in VIEWPORTS:
        brand = _page(browser, served, "a-viewer", viewport)
        _open(brand, served, viewport)
        assert "货品与售后" in brand.inner_text("h1")
        assert "前补货" in brand.inner_text("#stockout-chando-tmall-CD-CREAM-50")
        assert "pechoin" not in brand.content() and "880088" not in brand.content()
        assert "a-viewer 于" in brand.inner_text("table.misshipments")
        _fits(brand, viewport)
        _shoot(brand, served, f"operations-brand-{viewport}")

    # 4. The operator receives the returned goods from the desk: the row goes.
    page = _page(browser, served, "ops")
    page.goto(f"{served.url}/operations")
    page.click("#return-chando-tmall-1001-1-receive")
    page.wait_for_selector(".notice.done")
    assert page.locator("#return-chando-tmall-1001-1").count() == 0
