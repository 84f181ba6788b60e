"""Issue 5's browser journeys on the served demo, in headless Debian Chromium: an operator
imports an order file and watches the progress bar finish; finance drafts and issues chando's
October statement; chando's finance person logs in, opens it, drills into a figure and
confirms it; the audit log shows the confirmation. A screenshot of each step is saved in
$DAIYUN_SCREENSHOTS (`make screenshots` sets docs/screenshots), else in a scratch folder."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from daiyun.services.demo.agency import DEMO_PASSWORD
from tests.e2e.conftest import Server, chromium

PAGE = "/statements/CHANDO-2026/2026-10"
ORDERS = 6000  # enough for the progress bar to move: progress is reported per 2,000 orders


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    """Where the screenshots go."""
    folder = Path(os.environ.get("DAIYUN_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def browser() -> Iterator[object]:
    """Headless Debian Chromium."""
    with chromium() as launched:
        yield launched


def _chando_skus(server: Server) -> list[tuple[str, str]]:
    client = httpx.Client(base_url=server.url)
    login = client.get("/login").text
    token = login.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    client.post("/login", data={"login": "ops", "password": DEMO_PASSWORD, "csrf_token": token})
    skus = client.get("/api/brands/chando/skus", params={"size": 5}).json()["items"]
    return [(sku["code"], sku["guide_prices"][-1]["price"]) for sku in skus]


def _order_file(skus: list[tuple[str, str]]) -> bytes:
    """ORDERS paid November orders of chando's first SKUs, at guide price."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ("order_no", "line_no", "sku", "units", "unit_price", "line_amount", "shipping",
         "status", "created_at", "paid_at", "shipped_at", "completed_at", "refund_units",
         "refund_amount", "refund_reason", "refunded_at", "buyer_key", "province", "city")
    )  # fmt: skip
    for number in range(ORDERS):
        sku, price = skus[number % len(skus)]
        minute = f"2026-11-{21 + number // 1440:02d} {number // 60 % 24:02d}:{number % 60:02d}"
        writer.writerow(
            (f"7700{number:06d}", 1, sku, 1, price, price, "0.00", "paid", f"{minute}:00",
             f"{minute}:30", "", "", 0, "0.00", "", "", f"buyer_{number % 97}", "浙江省", "杭州市")
        )  # fmt: skip
    return out.getvalue().encode()


def _log_in(page: object, server: Server, login: str) -> None:
    page.goto(f"{server.url}/login")  # type: ignore[attr-defined]
    page.fill("input[name=login]", login)  # type: ignore[attr-defined]
    page.fill("input[name=password]", DEMO_PASSWORD)  # type: ignore[attr-defined]
    page.click("section.login button[type=submit]")  # type: ignore[attr-defined]
    page.wait_for_url(f"{server.url}/")  # type: ignore[attr-defined]


@pytest.mark.e2e
def test_import_draft_issue_drill_down_confirm_and_audit_in_a_browser(
    demo_server: Server, browser: object, shots: Path, tmp_path: Path
) -> None:
    upload = tmp_path / "chando-tmall-2026-11-21.csv"
    upload.write_bytes(_order_file(_chando_skus(demo_server)))
    context = browser.new_context(viewport={"width": 1366, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    questions: list[str] = []  # issue 15: irreversible forms ask first, restating the amount

    def accept(dialog: Any) -> None:
        questions.append(dialog.message)
        dialog.accept()

    page.on("dialog", accept)

    # 1. The operator imports an order file and watches the progress bar finish.
    _log_in(page, demo_server, "ops")
    page.goto(f"{demo_server.url}/imports")
    page.select_option("select[name=store]", "chando-tmall")
    page.set_input_files("input[name=file]", str(upload))
    page.click("#upload-form button[type=submit]")
    page.wait_for_url("**/imports/jobs/*")
    page.wait_for_selector("#import-state[data-state=finished]", timeout=120_000)
    assert page.inner_text("#import-percent") == "100"
    assert page.inner_text("#sum-new") == str(ORDERS)
    assert page.inner_text("#import-state") == "导入完成"
    page.screenshot(path=str(shots / "01-import-progress.png"), full_page=True)
    context.clear_cookies()

    # 2. Finance drafts chando's October statement and issues it.
    _log_in(page, demo_server, "finance")
    page.goto(f"{demo_server.url}/statements")
    page.select_option("form.draft-form select[name=contract]", "CHANDO-2026")
    page.fill("form.draft-form input[name=month]", "2026-10")
    page.click("form.draft-form button[type=submit]")
    page.wait_for_url(f"{demo_server.url}{PAGE}")
    assert page.inner_text("#statement-status") == "草稿"
    remittance = page.inner_text("tr.figure-remittance a.figure")
    assert remittance.startswith("¥")
    page.screenshot(path=str(shots / "02-statement-drafted.png"), full_page=True)
    page.click("#issue")
    page.wait_for_selector("#statement-status:has-text('已出具')")
    assert "出具给品牌方" in questions[-1] and f"应汇货款 {remittance}" in questions[-1]
    page.screenshot(path=str(shots / "03-statement-issued.png"), full_page=True)
    context.clear_cookies()

    # 3. chando's finance person opens it, drills into a figure, and confirms it.
    _log_in(page, demo_server, "chando-finance")
    assert "品牌门户" in page.inner_text("h1")
    page.screenshot(path=str(shots / "04-brand-portal.png"), full_page=True)
    page.click(f"a[href='{PAGE}']")
    page.click("tr.figure-spread a.figure")
    page.wait_for_url("**/lines?figure=spread")
    spread = page.inner_text("#column-sum")
    assert page.locator("table.lines tbody tr").count() > 0
    page.screenshot(path=str(shots / "05-drill-down-spread.png"), full_page=True)
    page.go_back()
    assert page.inner_text("tr.figure-spread a.figure") == spread  # the lines sum to it
    # The commission's lines add up to the commission, and say how (R-S8: base × rate).
    commission = page.inner_text("tr.figure-commission a.figure")
    page.click("tr.figure-commission a.figure")
    page.wait_for_url("**/lines?figure=commission")
    assert page.inner_text("#column-sum") == commission
    assert "4.5%" in page.inner_text("#derivation-text")
    assert page.locator("#adds-up.ok").count() == 1
    page.screenshot(path=str(shots / "05b-drill-down-commission.png"), full_page=True)
    page.go_back()
    page.fill("#answer-form textarea[name=reason]", "十月对账单核对无误")
    page.click("#confirm")
    page.wait_for_selector("#statement-status:has-text('已确认')")
    assert "书面确认" in questions[-1] and remittance in questions[-1]
    approval = page.inner_text("td.approval")
    assert "chando-finance" in approval and "v1" in approval
    page.screenshot(path=str(shots / "06-statement-confirmed.png"), full_page=True)

    # 4. The audit log shows the confirmation.
    page.goto(f"{demo_server.url}/audit?entity=statement")
    row = page.locator("tr.audit-statement-confirm").first
    assert "chando-finance" in row.inner_text() and "十月对账单核对无误" in row.inner_text()
    page.screenshot(path=str(shots / "07-audit-log.png"), full_page=True)
    context.close()
