"""Issue 21's browser journey for the contract's life (R-C5, R-C6, R-C8), on SQLite and on
PostgreSQL, in headless Debian Chromium against `daiyun serve`: the agency's admin opens
CHANDO-2026 from chando's page and reads its term, the next renewal-notice deadline and the
duty of confidentiality; records chando's written objection of 2026-11-02 (the world's clock:
before term 1's deadline 2026-12-04; the browser asks first, data-confirm); ends the contract by
agreement on 2026-11-30; finds the exit duties due 7 days later (2026-12-07) and closes the
removal of the brand's marks with a photo; chando's admin opens the contract in the portal and
reads the objection, the end and the exit duties, and is told pechoin's contract is not found
(R-D2).

The server runs on the real clock: only the next deadline shown before the objection depends on
today, and it is worked out below from today's date in Beijing.

With $DAIYUN_SCREENSHOTS set (`make screenshots`), the SQLite run saves the agency's page after
the exit duty is closed (`contract-<viewport>.png`) and the portal's
(`contract-portal-desktop.png`).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from daiyun.bootstrap import bootstrap
from daiyun.config import load_settings
from tests.e2e.conftest import Server, chromium, serving
from tests.e2e.test_fee_bill_journey import VIEWPORTS, _database, _fits, _page, _shoot
from tests.integration.web_world import make_world

PAGE = "/contracts/CHANDO-2026"  # effective 2026-01-05, 12-month terms, 1 month's notice


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp(f"contract-{request.param}")
    with _database(request.param, folder) as url:
        application = bootstrap(load_settings(database_url=url, environment="test"))
        try:
            make_world(application, url, folder)  # chando and pechoin, a-admin, admin …
        finally:
            application.close()
        with serving(url, DAIYUN_SHARED_DATA_DIR=str(folder / "data")) as server:
            yield server


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


def _next_deadline(today: date) -> date:
    """R-C5: term n runs 20(25+n)-01-05 … 20(26+n)-01-04; its deadline is its last day less one
    month, 12-04 of the year before the last day. The next is the first on or after today
    (without an objection a passed deadline is a renewal: the next term's counts)."""
    this_year = date(today.year, 12, 4)
    return this_year if today <= this_year else date(today.year + 1, 12, 4)


@pytest.mark.e2e
def test_an_objection_an_end_by_agreement_and_its_exit_duties_seen_by_the_brand(
    browser: Any, served: Server, tmp_path: Path
) -> None:
    # 1. The admin opens the contract from chando's page: the term, the deadline, confidentiality.
    page, asked = _page(browser, served, "admin")
    page.goto(f"{served.url}/brands/chando")
    page.click(f"a[href='{PAGE}']")
    page.wait_for_url(f"{served.url}{PAGE}")
    assert "2026-01-05 – 2027-01-04" in page.inner_text("#term-1")
    assert "2026-12-04" in page.inner_text("#term-1")
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date()
    assert f"下一个续约异议截止日：{_next_deadline(today)}" in page.inner_text("#next-notice")
    assert page.inner_text("#damages") == "¥10,000.00"
    assert page.inner_text("#confidential-until") == "合同终止后 3 年"

    # 2. chando's written objection of 2026-11-02 (before term 1's deadline 2026-12-04).
    form = page.locator("#objection-form")
    form.locator("select[name=by]").select_option("brand")
    form.locator("input[name=on]").fill("2026-11-02")
    form.locator("input[name=reason]").fill("品牌方书面通知：期满不再续约")
    form.locator("button[type=submit]").click()
    page.wait_for_selector(".notice.done")
    assert "已登记合同 CHANDO-2026 的续约异议（2026-11-02，第 1 期）" in page.inner_text(
        ".notice.done"
    )
    assert "确认登记合同 CHANDO-2026 的续约异议" in asked[-1]
    objection = page.inner_text("#objections tbody tr")
    assert "品牌方" in objection and "期满不再续约" in objection
    # The objected term is the last: it ends at its expiry, no deadline follows.
    assert page.inner_text("#next-notice") == "合同不再续期。"

    # 3. Ended by agreement on 2026-11-30: the exit duties each due 7 days later, 2026-12-07.
    end = page.locator("#end-form")
    end.locator("select[name=cause]").select_option("agreement")
    end.locator("input[name=on]").fill("2026-11-30")
    end.locator("input[name=reason]").fill("双方协商提前终止")
    end.locator("button[type=submit]").click()
    page.wait_for_selector(".notice.done")
    assert "已登记合同 CHANDO-2026 于 2026-11-30 终止" in page.inner_text(".notice.done")
    assert "确认登记合同 CHANDO-2026 于所填日期终止" in asked[-1]
    assert "合同最后一日：2026-11-30（协商一致）" in page.inner_text("#end-says")
    duties = page.locator("#exit-duties tbody tr")
    assert duties.count() == 4  # marks, goods, the final statement (model A), credentials
    for row in duties.all():
        assert "2026-12-07" in row.inner_text()
    assert "撤除品牌标识及广告" in page.inner_text("#exit-remove_marks")
    # R-C8: three years after the last day.
    assert page.inner_text("#confidential-until") == "2029-11-30"
    assert page.locator("#end-form").count() == 0 and page.locator("#objection-form").count() == 0

    # 4. The marks are removed: closed with a photo as evidence (a duty closes only with one).
    photo = tmp_path / "撤店招照片.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"store sign taken down" * 20)
    close = page.locator("#exit-form")
    close.locator("select[name=duty]").select_option("remove_marks")
    close.locator("input[name=on]").fill("2026-12-03")
    close.locator("input[name=evidence]").set_input_files(str(photo))
    close.locator("input[name=note]").fill("天猫店招及直通车广告已撤除")
    close.locator("button[type=submit]").click()
    page.wait_for_selector(".notice.done")
    assert "确认合同 CHANDO-2026 的该项退出义务已完成" in asked[-1]
    said = page.inner_text(".notice.done")
    assert "合同 CHANDO-2026 的退出义务已关闭：撤除品牌标识及广告" in said  # its name, not its code
    closed = page.inner_text("#exit-remove_marks")
    assert "2026-12-03" in closed and "撤店招照片.png" in closed and "直通车" in closed
    options = page.locator("#exit-form select[name=duty] option")
    assert "remove_marks" not in [each.get_attribute("value") for each in options.all()]
    for viewport in VIEWPORTS:
        clerk, _ = _page(browser, served, "admin", viewport)
        clerk.goto(f"{served.url}{PAGE}")
        _fits(clerk, viewport, "#damages, #exit-duties td")
        _shoot(clerk, served, f"contract-{viewport}")

    # 5. chando's admin reads it all in the portal; pechoin's contract is not found (R-D2).
    portal, _ = _page(browser, served, "a-admin")
    portal.goto(f"{served.url}{PAGE}")
    assert "期满不再续约" in portal.inner_text("#objections")
    assert "合同最后一日：2026-11-30（协商一致）" in portal.inner_text("#end-says")
    assert "撤店招照片.png" in portal.inner_text("#exit-remove_marks")
    assert "2026-12-07" in portal.inner_text("#exit-hand_back_credentials")
    assert portal.locator("#exit-form").count() == 0  # the agency closes exit duties
    _fits(portal, "desktop", "#damages, #exit-duties td")
    _shoot(portal, served, "contract-portal-desktop")
    other = portal.goto(f"{served.url}/contracts/PECHOIN-2026")
    assert other is not None and other.status == 404
    assert "百雀羚" not in portal.content()
