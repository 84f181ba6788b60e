"""Issue 20 point 3 in headless Debian Chromium against `daiyun serve` (SQLite): chando's
October 2026 report made by `daiyun report make --pdf` (on time: made 11-02, due 11-03), its
web page opened by chando's admin, the charts drawn by ECharts from the page's JSON (served by
daiyun: no other host is asked), on a laptop and a phone (charts one under another, no
sideways scroll); the PDF's first pages rendered to PNG by poppler's pdftoppm. With
$DAIYUN_SCREENSHOTS set (`make screenshots`) the pages are saved there: report-desktop.png,
report-phone.png, report-list-desktop.png and report-pdf.png (pages 1 and 2 side by side).

The month: 62 orders over every day of October in four provinces and at every hour band, of
four SKUs, 3 refunded; 20 September orders for the comparison and the falling SKUs."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from daiyun.adapters.db.migrate import upgrade_database
from daiyun.bootstrap import bootstrap
from daiyun.config import load_settings
from tests.builders import daiyun_order_row, write_catalog_csv, write_daiyun_orders
from tests.e2e.conftest import Server, chromium, screenshot, serving
from tests.integration.cli_runner import run_daiyun
from tests.integration.web_world import PASSWORD, make_world

VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
SKUS = {"CD-CREAM-50": 13900, "CD-MASK-5": 5900, "CD-SERUM-30": 29900, "CD-TONER-200": 8900}
PROVINCES = (("浙江省", "杭州市"), ("上海市", "上海市"), ("江苏省", "南京市"), ("广东省", "广州市"))
REPORT = "/reports/CHANDO-2026/monthly/2026-10"


def _orders() -> list[dict[str, str]]:
    rows = []
    names = list(SKUS)
    for n in range(62):  # October: two a day, the hours spread over the day
        day, hour = n // 2 + 1, (7 + n * 5) % 24
        sku = names[(n * 7) % 4 if n % 3 else 0]
        units = 1 + n % 3
        province, city = PROVINCES[(n * 3) % 4 if n % 5 else 0]
        paid = f"2026-10-{day:02d} {hour:02d}:{(n * 13) % 60:02d}:00"
        refund = n % 21 == 5
        rows.append(
            daiyun_order_row(
                f"OCT{n:03d}",
                sku=sku,
                units=str(units),
                unit_price=f"{SKUS[sku] // 100}.00",
                line_amount=f"{SKUS[sku] * units // 100}.00",
                created_at=paid,
                paid_at=paid,
                buyer_key=f"tb_buyer_{n % 23}",
                province=province,
                city=city,
                status="closed" if refund else "paid",
                refund_units=str(units) if refund else "0",
                refund_amount=f"{SKUS[sku] * units // 100}.00" if refund else "0.00",
                refund_reason=("质量问题", "不想要了", "发错货")[n % 3] if refund else "",
                refunded_at=f"2026-10-{min(day + 2, 31):02d} 10:00:00" if refund else "",
            )
        )
    for n in range(20):  # September: more serums, for the falling SKUs
        paid = f"2026-09-{n + 5:02d} 20:00:00"
        sku = ("CD-SERUM-30", "CD-TONER-200")[n % 2]
        rows.append(
            daiyun_order_row(
                f"SEP{n:03d}",
                sku=sku,
                units="3",
                unit_price=f"{SKUS[sku] // 100}.00",
                line_amount=f"{SKUS[sku] * 3 // 100}.00",
                created_at=paid,
                paid_at=paid,
                buyer_key=f"tb_buyer_{n}",
            )
        )
    return rows


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Path]]:
    folder = tmp_path_factory.mktemp("reports")
    url = f"sqlite:///{folder / 'daiyun.db'}"
    upgrade_database(url)
    app = bootstrap(load_settings(database_url=url, environment="test"))
    try:
        make_world(app, url, folder)
    finally:
        app.close()
    catalog = write_catalog_csv(
        folder / "catalog.csv",
        [
            ("CD-MASK-5", "自然堂面膜", "面膜", "59.00", "2026-01-01"),
            ("CD-SERUM-30", "自然堂精华", "精华", "299.00", "2026-01-01"),
            ("CD-TONER-200", "自然堂爽肤水", "爽肤水", "89.00", "2026-01-01"),
        ],
    )
    assert run_daiyun(url, "catalog", "import", "--brand", "chando", str(catalog)).exit_code == 0
    orders = write_daiyun_orders(folder / "orders.csv", _orders())
    imported = run_daiyun(
        url, "orders", "import", "--store", "chando-tmall", "--as-of",
        "2026-11-01T10:00:00+08:00", str(orders),
    )  # fmt: skip
    assert imported.exit_code == 0, imported.stderr
    pdf = folder / "report.pdf"
    made = run_daiyun(
        url, "report", "make", "--contract", "CHANDO-2026", "--kind", "monthly", "--period",
        "2026-10", "--at", "2026-11-02T09:00:00+08:00", "--pdf", str(pdf),
    )  # fmt: skip
    assert made.exit_code == 0, made.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    with serving(url) as server:
        yield server, pdf


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


def _page(browser: Any, server: Server, login: str, viewport: str) -> Any:
    page = browser.new_context(viewport=VIEWPORTS[viewport]).new_page()
    page.goto(f"{server.url}/login")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", PASSWORD)
    page.click("section.login button[type=submit]")
    page.wait_for_url(f"{server.url}/")
    return page


def _shoot(page: Any, name: str) -> None:
    screenshot(page, name)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_report_page_draws_its_charts(
    browser: Any, served: tuple[Server, Path], viewport: str
) -> None:
    server, _ = served
    page = _page(browser, server, "a-admin", viewport)
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
    page.goto(f"{server.url}{REPORT}")
    page.wait_for_selector("html[data-charts-drawn]")
    page.wait_for_timeout(1200)  # ECharts' opening animation
    drawn = int(page.get_attribute("html", "data-charts-drawn"))
    assert drawn == page.locator("[data-chart]").count() >= 14
    assert page.locator("[data-chart] canvas").count() >= drawn
    assert hosts == {server.url.split("/")[2]}  # ECharts served by daiyun, no CDN
    assert page.locator("#report-on-time").inner_text() == "按时"
    assert "暂无浏览数据" in page.locator("#browsing-note").inner_text()
    width = VIEWPORTS[viewport]["width"]
    assert int(page.evaluate("document.scrollingElement.scrollWidth")) <= width
    _shoot(page, f"report-{viewport}.png")
    if viewport == "desktop":
        page.goto(f"{server.url}/reports")
        assert page.locator("#report-monthly-2026-10 .on-time").inner_text() == "按时"
        _shoot(page, "report-list-desktop.png")


def test_the_pdf_renders_to_png(served: tuple[Server, Path], tmp_path: Path) -> None:
    _, pdf = served
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.fail("poppler-utils' pdftoppm is missing: apt-get install -y poppler-utils")
    command = [pdftoppm, "-r", "80", "-png", "-f", "1", "-l", "2", str(pdf), str(tmp_path / "p")]
    subprocess.run(command, check=True)
    pages = sorted(tmp_path.glob("p-*.png"))
    assert len(pages) == 2
    from PIL import Image

    images = [Image.open(each) for each in pages]
    both = Image.new("RGB", (sum(i.width for i in images), images[0].height), "white")
    both.paste(images[0], (0, 0))
    both.paste(images[1], (images[0].width, 0))
    assert both.getbbox() is not None
    folder = os.environ.get("DAIYUN_SCREENSHOTS")
    if folder:
        both.save(Path(folder) / "report-pdf.png")
