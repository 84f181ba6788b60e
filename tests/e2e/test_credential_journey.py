"""Issue 21's browser journey for store credentials and outages (R-B7, R-B8), on SQLite and on
PostgreSQL, in headless Debian Chromium against `daiyun serve` with a credential key: the
agency's store operator records chando's Alipay login and reveals it with a reason (the
browser asks first, data-confirm); chando's admin finds the credentials in the portal's
navigation and reads who revealed it and why, never the secret; the agency's admin records a
2 h 01 min outage and chando's admin finds its notice on the portal's outages page.

With $DAIYUN_SCREENSHOTS set (`make screenshots`), the SQLite run saves the agency's page after
the reveal (`credentials-<viewport>.png`), the portal's (`credentials-portal-<viewport>.png`) and
the portal's outages (`outages-portal-<viewport>.png`) there.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from cryptography.fernet import Fernet

from daiyun.bootstrap import bootstrap
from daiyun.config import load_settings
from tests.e2e.conftest import Server, chromium, serving
from tests.e2e.test_fee_bill_journey import VIEWPORTS, _database, _fits, _page, _shoot
from tests.integration.web_world import make_world

SECRET = "Alipay-Chando#2026"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp(f"credentials-{request.param}")
    with _database(request.param, folder) as url:
        application = bootstrap(load_settings(database_url=url, environment="test"))
        try:
            make_world(application, url, folder)  # chando and pechoin, ops, a-admin, admin …
        finally:
            application.close()
        with serving(url, DAIYUN_CREDENTIAL_KEYS=Fernet.generate_key().decode()) as server:
            yield server


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


@pytest.mark.e2e
def test_an_operator_reveals_with_a_reason_and_the_brand_reads_the_log(
    browser: Any, served: Server
) -> None:
    # 1. The store operator records chando's Alipay login from the brand's page.
    page, asked = _page(browser, served, "ops")
    page.goto(f"{served.url}/brands/chando")
    page.click("a[href='/brands/chando/credentials']")
    page.wait_for_url(f"{served.url}/brands/chando/credentials")
    form = page.locator("#credential-add-form")
    form.locator("input[name=store]").fill("chando-tmall")
    form.locator("select[name=kind]").select_option("alipay")
    form.locator("input[name=login_name]").fill("pay@chando.cn")
    form.locator("input[name=secret]").fill(SECRET)
    form.locator("input[name=note]").fill("退款专用")
    form.locator("button[type=submit]").click()
    page.wait_for_selector(".notice.done")
    assert "已加密保存 chando-tmall 的账号 pay@chando.cn" in page.inner_text(".notice.done")
    assert SECRET not in page.content()
    row = page.locator("table.credentials tbody tr").first
    assert "支付宝账号" in row.inner_text() and "代运营方保管中" in row.inner_text()

    # 2. … and reveals it for a refund, saying why; the browser asks first.
    row.locator("input[name=reason]").fill("处理退款 #880001")
    row.locator("button[type=submit]").click()
    page.wait_for_selector("#revealed-secret")
    assert page.inner_text("#revealed-secret") == SECRET
    assert "此次查看将记录您的用户名、时间和原因" in asked[-1]
    assert "处理退款 #880001" in page.inner_text("#reveal-log")
    _fits(page, "desktop", "table.credentials td.num")
    _shoot(page, served, "credentials-desktop")

    # 3. chando's admin finds the credentials in the portal: the log, not the secret.
    for viewport in VIEWPORTS:
        portal, _ = _page(browser, served, "a-admin", viewport)
        if viewport == "phone":
            portal.click("header .nav-toggle")
        portal.click("#site-nav a[href='/brands/chando/credentials']")
        portal.wait_for_url(f"{served.url}/brands/chando/credentials")
        log = portal.inner_text("#reveal-log")
        assert "ops" in log and "处理退款 #880001" in log
        assert SECRET not in portal.content()
        assert portal.locator("input[name=reason]").count() == 0
        assert portal.locator("#credential-add-form").count() == 0
        _fits(portal, viewport, "table.credentials td.num")
        _shoot(portal, served, f"credentials-portal-{viewport}")

    # 4. The admin records a 2 h 01 min outage; chando's admin finds its notice.
    admin, admin_asked = _page(browser, served, "admin")
    admin.goto(f"{served.url}/outages")
    outage = admin.locator("#outage-form")
    outage.locator("select[name=brand]").select_option("chando")
    outage.locator("input[name=started]").fill("2026-11-02T14:00")
    outage.locator("input[name=ended]").fill("2026-11-02T16:01")
    outage.locator("input[name=what]").fill("客服系统宕机")
    outage.locator("button[type=submit]").click()
    admin.wait_for_selector(".notice.done")
    assert "121 分钟" in admin.inner_text(".notice.done") and "已通知品牌方" in admin.inner_text(
        ".notice.done"
    )
    assert "超过合同约定时长的将立即通知品牌方" in admin_asked[-1]
    for viewport in VIEWPORTS:
        portal, _ = _page(browser, served, "a-admin", viewport)
        if viewport == "phone":
            portal.click("header .nav-toggle")
        portal.click("#site-nav a[href='/outages']")
        portal.wait_for_url(f"{served.url}/outages")
        notice = portal.inner_text("#outage-notices")
        assert "客服系统宕机" in notice and "121" in notice
        _fits(portal, viewport, "#outage-list td.num")
        _shoot(portal, served, f"outages-portal-{viewport}")
