"""Issue 15, point 2, in a browser on the served demo: an operator uploads a Taobao/Tmall
seller-centre export — its order file and its item file together — on /imports, watches the
import finish, finds it in the history, and sees its orders on /orders.

The pair is made for innisfree's Tmall store (the demo's stores are Tmall ones, whose
seller-centre export is the Taobao pair; the other journeys use chando's), at guide prices."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from daiyun.services.demo.agency import DEMO_PASSWORD
from tests.e2e.conftest import Server
from tests.e2e.test_journeys import _log_in, browser, shots  # noqa: F401 (fixtures)
from tests.unit.platforms.files import item_row, order_row, write_export

STORE = "innisfree-tmall"
STAMP = "202611051000"  # the export time both names carry
ORDERS = 3


def _skus(server: Server) -> list[tuple[str, str]]:
    """innisfree's first SKUs and their guide prices, as the API gives them to ops."""
    client = httpx.Client(base_url=server.url)
    login = client.get("/login").text
    token = login.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    client.post("/login", data={"login": "ops", "password": DEMO_PASSWORD, "csrf_token": token})
    skus = client.get("/api/brands/innisfree/skus", params={"size": ORDERS}).json()["items"]
    return [(sku["code"], sku["guide_prices"][-1]["price"]) for sku in skus]


def _export_pair(folder: Path, skus: list[tuple[str, str]]) -> tuple[Path, Path]:
    """ORDERS completed November orders, one SKU each at its guide price, as the seller centre
    writes them (GBK, `="…"` order numbers)."""
    orders, items = [], []
    for number, (sku, price) in enumerate(skus):
        order_no = f'="19306798581{number:05d}"'
        orders.append(
            order_row(订单编号=order_no, 买家应付货款=price, 总金额=price, 买家实际支付金额=price,
                      宝贝种类="1", 宝贝总数量="1", 订单付款时间=f"2026-11-0{number + 1} 10:00:00",
                      订单创建时间=f"2026-11-0{number + 1} 09:58:00")
        )  # fmt: skip
        items.append(item_row(订单编号=order_no, 价格=price, 商家编码=sku, 购买数量="1"))
    return write_export(folder, orders, items, stamp=STAMP)


@pytest.mark.e2e
def test_an_operator_imports_a_taobao_export_pair_on_the_web_and_sees_it_stored(
    demo_server: Server,
    browser: object,  # noqa: F811
    shots: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    skus = _skus(demo_server)
    assert len(skus) == ORDERS
    orders_file, items_file = _export_pair(tmp_path, skus)
    context = browser.new_context(viewport={"width": 1366, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    _log_in(page, demo_server, "ops")

    page.goto(f"{demo_server.url}/imports")
    assert "两个要一起上传" in page.inner_text("#pair-hint")
    page.select_option("select[name=store]", STORE)
    page.set_input_files("input[name=file]", [str(orders_file), str(items_file)])
    page.screenshot(path=str(shots / "15-import-pair-form.png"), full_page=True)
    page.click("#upload-form button[type=submit]")
    page.wait_for_url("**/imports/jobs/*")
    page.wait_for_selector("#import-state[data-state=finished]", timeout=120_000)
    assert page.inner_text("#import-state") == "导入完成"
    assert page.inner_text("#sum-new") == str(ORDERS)
    assert page.inner_text("#sum-errors") == "0"
    heading = page.inner_text("h1")
    assert orders_file.name in heading and items_file.name in heading and STORE in heading
    page.screenshot(path=str(shots / "16-import-pair-finished.png"), full_page=True)
    job_address = page.url.removeprefix(demo_server.url)

    # The history: one row for the pair, stored, leading back to the job and to the orders.
    page.goto(f"{demo_server.url}/imports")
    row = page.locator("tr.import-stored", has_text=orders_file.name).first
    assert items_file.name in row.inner_text() and "已导入" in row.inner_text()
    assert row.locator(f"a[href='{job_address}']").count() == 1
    row.locator(f"a[href='/orders?store={STORE}']").click()
    page.wait_for_url(f"**/orders?store={STORE}")
    listed = page.inner_text("main")
    for number in range(ORDERS):
        assert f"19306798581{number:05d}" in listed
    page.screenshot(path=str(shots / "17-import-pair-orders.png"), full_page=True)
    context.close()
