"""Issue 6 in a real browser: a promotion drafted, submitted, approved in the brand portal, and
the listing price it allows accepted inside its window and refused a minute after it ends.

On the served demo (tests/e2e/conftest.py); the server's clock is the real one: the window is
tomorrow in Beijing time, and the price form's "effective at" field says when each price counts.
Screenshots of the steps go to $DAIYUN_SCREENSHOTS (`make screenshots` sets docs/screenshots)
as promotion-*.png, else to a scratch folder: `make test` leaves the repository as it was.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from daiyun.domain.calendar import SHANGHAI
from daiyun.services.demo.agency import DEMO_PASSWORD
from tests.e2e.conftest import Server, chromium

CHROMIUM = Path("/usr/bin/chromium")
BRAND, STORE, CODE = "chando", "chando-tmall", "E2E-DOUBLE12"
BRAND_ADMIN = "chando-admin"  # the demo's brand admin of chando (issue 15, point 10)
# A reader in China: the date pickers show Beijing time the Chinese way.
VIEW = {
    "viewport": {"width": 1366, "height": 900},
    "locale": "zh-CN",
    "timezone_id": "Asia/Shanghai",
}


def _first_sku(server: Server) -> tuple[str, Decimal]:
    """A SKU of chando's demo catalogue and its guide price, read through the API as ops."""
    client = httpx.Client(base_url=server.url)
    page = client.get("/login").text
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    data = {"login": "ops", "password": DEMO_PASSWORD, "csrf_token": token}
    assert client.post("/login", data=data).status_code == 303
    skus = client.get(f"/api/brands/{BRAND}/skus", params={"size": 1}).json()["items"]
    return skus[0]["code"], Decimal(skus[0]["guide_prices"][-1]["price"])


def _log_in(page: object, url: str, login: str) -> None:
    page.goto(f"{url}/login")  # type: ignore[attr-defined]
    page.fill("input[name=login]", login)  # type: ignore[attr-defined]
    page.fill("input[name=password]", DEMO_PASSWORD)  # type: ignore[attr-defined]
    page.click("button[type=submit]")  # type: ignore[attr-defined]
    page.wait_for_url(f"{url}/")  # type: ignore[attr-defined]


def _local(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M")


@pytest.mark.e2e
def test_a_promotion_approved_in_the_portal_allows_its_price_only_inside_its_window(
    demo_server: Server, tmp_path: Path
) -> None:
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: `make test` installs it")
    sku, guide = _first_sku(demo_server)
    promotion_price = (guide * Decimal("0.80")).quantize(Decimal("0.01"))
    tomorrow = datetime.now(SHANGHAI).replace(hour=0, minute=0, second=0, microsecond=0)
    start, end = tomorrow + timedelta(days=1), tomorrow + timedelta(days=2)
    shots = Path(os.environ.get("DAIYUN_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    url = demo_server.url
    with chromium() as browser:  # the worker's shared Chromium
        operator = browser.new_context(**VIEW).new_page()
        questions: list[str] = []  # what data-confirm asked before each irreversible step

        def accept(dialog: Any) -> None:
            questions.append(dialog.message)
            dialog.accept()

        operator.on("dialog", accept)
        _log_in(operator, url, "ops")
        # 1. The operator drafts the plan …
        operator.goto(f"{url}/promotions/new?brand={BRAND}")
        operator.fill("input[name=code]", CODE)
        operator.fill("input[name=name]", "双12 直降")
        operator.check(f"input[name=stores][value={STORE}]")
        # The SKU picker: its list names each SKU with its product name and guide price.
        picker = operator.locator("input[name=line_sku]").first
        assert picker.get_attribute("list") == "brand-skus"
        picker.fill(sku)
        assert f"¥{guide:,}" in operator.inner_text(".sku-row [data-sku-name]")
        operator.locator("input[name=line_price]").first.fill(str(promotion_price))
        operator.fill("input[name=start]", _local(start))
        operator.fill("input[name=end]", _local(end))
        operator.fill("input[name=budget]", "5000")  # whole yuan: one money parser
        operator.select_option("select[name=funded_by]", "brand")
        operator.screenshot(path=str(shots / "promotion-1-draft-form.png"), full_page=True)
        operator.click("form.promotion-form button[type=submit]")
        operator.wait_for_url(f"{url}/promotions/{BRAND}/{CODE}")
        assert "草稿" in operator.inner_text("h1")
        # … and submits it for the brand's written approval.
        operator.click("button[name=submit]")
        operator.wait_for_url(f"{url}/promotions/{BRAND}/{CODE}")
        assert "待审批" in operator.inner_text("h1")
        assert questions[-1].startswith(f"提交促销 {CODE} 第 1 版")
        operator.screenshot(path=str(shots / "promotion-2-submitted.png"), full_page=True)
        fingerprint = operator.inner_text("table.terms code.fingerprint")

        # 2. The brand's admin reads the exact version in the portal and approves it.
        brand = browser.new_context(**VIEW).new_page()
        brand.on("dialog", accept)
        _log_in(brand, url, BRAND_ADMIN)
        brand.goto(f"{url}/promotions/{BRAND}/{CODE}")
        line = brand.inner_text(f"table.promotion-lines tr#line-{sku}")
        assert f"¥{promotion_price:,}" in line and f"¥{guide:,}" in line
        # 20 % off the guide price, as a whole percent (half-up).
        assert "−20%" in line
        brand.screenshot(path=str(shots / "promotion-3-portal-to-approve.png"), full_page=True)
        brand.click("button[name=approve]")
        brand.wait_for_url(f"{url}/promotions/{BRAND}/{CODE}")
        assert questions[-1].startswith(f"批准促销 {CODE} 第 1 版")
        assert f"已批准促销 {CODE} 第 1 版" in brand.inner_text("main")
        answer = brand.inner_text("table.written-answer")
        assert BRAND_ADMIN in answer and "v1" in answer and fingerprint in answer
        assert "已批准" in brand.inner_text("h1")
        brand.screenshot(path=str(shots / "promotion-4-approved.png"), full_page=True)

        # 3. Inside the window the promotion price is accepted …
        operator.goto(f"{url}/listings/{STORE}")
        operator.fill("input[name=sku]", sku)
        operator.fill("input[name=price]", str(promotion_price))
        operator.fill("input[name=effective_at]", _local(end - timedelta(hours=1)))
        operator.click("form.price-form button[type=submit]")
        operator.wait_for_url(f"{url}/listings/{STORE}?changed={sku}")
        assert f"¥{promotion_price:,}" in operator.inner_text(f"tr#sku-{sku}")
        operator.locator(f"tr#sku-{sku}").scroll_into_view_if_needed()
        operator.screenshot(path=str(shots / "promotion-5-price-accepted.png"))
        # … and the same price a minute after the window ends is refused, saying why.
        operator.fill("input[name=sku]", sku)
        operator.fill("input[name=price]", str(promotion_price))
        operator.fill("input[name=effective_at]", _local(end + timedelta(minutes=1)))
        operator.click("form.price-form button[type=submit]")
        refusal = operator.inner_text("div.refusal")
        assert f"R-P2：¥{promotion_price:,} 低于指导价 ¥{guide:,}" in refusal
        assert "未做任何修改" in refusal
        assert f"¥{promotion_price:,}" in operator.inner_text(f"tr#sku-{sku}")
        operator.screenshot(path=str(shots / "promotion-6-price-refused.png"))
