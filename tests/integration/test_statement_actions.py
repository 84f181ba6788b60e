"""The statement's forms and drill-down as people use them (issue 15).

chando's October is statement_world's, worked by hand in test_api_statements.py:
  2001: 2 × ¥139.00 at guide ¥139.00; 2002: 1 × ¥145.00, guide ¥139.00
  sales ¥423.00, settlement value 3 × ¥139.00 = ¥417.00, commission ¥417.00 × 5% = ¥20.85
  (R-S3), spread ¥6.00 (R-S4), platform fees ¥21.15 (R-S5), remittance ¥417.00 − ¥20.85 =
  ¥396.15 (R-S6). The clock starts on Monday 2 November 2026, 09:00 Beijing.

Each form redirects with what it did (done), each refusal shows the statement page again with
the reason next to its form and changes nothing, each figure's lines add up to the figure and
say how (R-S8), a month not over or outside the contract is refused (R-S1, R-S6, R-C5), and a
version drafted after a dispute shows what changed from the one before.
"""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from daiyun.domain.settlement.drilldown import LINE_FIGURES
from daiyun.entrypoints.web import statement_pages
from tests.builders import DAIYUN_ORDER_COLUMNS, daiyun_order_row
from tests.integration.cli_runner import run_daiyun
from tests.integration.statement_world import (
    add_finance_user,
    confirmed_then_21_november,
    upload_october,
    wait_for_import,
)
from tests.integration.test_api_statements import business_rows
from tests.integration.web_world import World, log_in

PAGE = "/statements/CHANDO-2026/2026-10"
LINES = f"{PAGE}/versions/1/lines"
FIGURES = {
    "sales_amount": "¥423.00", "returned_amount": "¥0.00", "concession_amount": "¥0.00",
    "settlement_value": "¥417.00", "commission": "¥20.85", "spread": "¥6.00",
    "brand_deductions": "¥0.00", "shipping_income": "¥0.00", "platform_fees": "¥21.15",
    "remittance": "¥396.15", "recognised_lines": "2", "recognised_units": "3",
    "returned_units": "0", "unsettleable_orders": "0", "price_violations": "0",
}  # fmt: skip


def _post(client: TestClient, path: str, csrf: str, **fields: str) -> Any:
    return client.post(path, data={"csrf_token": csrf, **fields})


def _text(page: str) -> str:
    """The page's words without tags, entities read."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))).strip()


def _finance_with_october(world: World) -> tuple[TestClient, str]:
    """Agency finance, October imported (not yet drafted)."""
    add_finance_user(world)
    finance = world.client()
    csrf = log_in(finance, "finance")
    assert upload_october(finance, {"X-CSRF-Token": csrf})["done"] == 2
    return finance, csrf


def _notice(client: TestClient, response: Any) -> str:
    """Follow a done() redirect: the page it leads to, and the notice it shows once."""
    assert response.status_code == 303, response.text
    page = client.get(response.headers["location"]).text
    found = re.search(r'class="[^"]*notice[^"]*"[^>]*>(.*?)</', page, re.S)
    assert found is not None, page[:2000]
    return html.unescape(found.group(1)).strip()


def test_every_figures_lines_add_up_to_it_and_say_how(world: World) -> None:
    """R-S8: each figure's drill-down totals the figure, over every line, and shows how."""
    finance, csrf = _finance_with_october(world)
    assert _post(finance, "/statements/draft", csrf, contract="CHANDO-2026", month="2026-10")
    for figure in LINE_FIGURES:
        page = finance.get(LINES, params={"figure": figure}).text
        assert 'id="adds-up"' in page and 'class="note ok"' in page, figure
        assert f'id="stated">{FIGURES[figure]}<' in page, figure
        if figure not in ("recognised_lines", "unsettleable_orders", "remittance"):
            assert f'id="column-sum">{FIGURES[figure]}<' in page, figure
    # R-S3: the commission's lines show its base and each line's exact share, and how the
    # rate makes it: 27,800 fen × 5% = ¥13.90 and 13,900 fen × 5% = ¥6.95; ¥417.00 × 5%.
    commission = finance.get(LINES, params={"figure": "commission"}).text
    words = _text(commission)
    assert "计佣基数 ¥417.00 × 佣金比例 5% = ¥20.85，四舍五入到分" in words
    assert "= ¥20.85" in words.split("四舍五入到分", 1)[1]
    shares = re.findall(r'<td class="num summed">(¥[\d.,]+)</td>', commission)
    assert shares[:4] == ["¥278.00", "¥13.90", "¥139.00", "¥6.95"]
    assert "佣金（精确，未舍入）" in commission and "技术服务费率" not in commission
    # The old page summed the settlement value under the commission: no longer.
    assert 'id="column-sum">¥417.00<' not in commission
    # R-S6: the remittance is its formula, each term linked to its own lines.
    remittance = finance.get(LINES, params={"figure": "remittance"}).text
    formula = _text(remittance)
    assert "应汇货款 = 结算金额 ¥417.00 + 运费收入 ¥0.00 − 佣金 ¥20.85 − 品牌承担扣款 ¥0.00" in (
        formula
    )
    for term in ("settlement_value", "shipping_income", "commission", "brand_deductions"):
        assert f'href="{LINES}?figure={term}"' in remittance
    # R-S5: the platform fees show each line's rate, the category's (5% here).
    fees = finance.get(LINES, params={"figure": "platform_fees"}).text
    assert "技术服务费率" in fees and ">5%<" in fees
    # Filtered by a rule, the page says its total is not the whole figure.
    filtered = finance.get(LINES, params={"figure": "spread", "rule": "R-S9"}).text
    assert 'id="derivation-filtered"' in filtered


def test_issue_confirm_and_a_part_payment_ask_first_then_say_what_happened(
    world: World,
) -> None:
    finance, csrf = _finance_with_october(world)
    drafted = _post(finance, "/statements/draft", csrf, contract="CHANDO-2026", month="2026-10")
    assert _notice(finance, drafted) == (
        "已生成 CHANDO-2026 2026-10 第 1 版草稿：应汇货款 ¥396.15。请复核后出具给品牌方。"
    )
    page = html.unescape(finance.get(PAGE).text)
    assert "将 CHANDO-2026 2026-10 第 1 版对账单出具给品牌方 chando？应汇货款 ¥396.15。" in page
    # Received Monday 2 November: the 5th working day after is Monday 9 November (R-S6).
    assert _notice(finance, _post(finance, f"{PAGE}/issue", csrf)) == (
        "已将 CHANDO-2026 2026-10 第 1 版出具给品牌方：应汇货款 ¥396.15；"
        "品牌方须在 2026-11-09 前确认或提出异议。"
    )
    brand = world.client()
    brand_csrf = log_in(brand, "a-finance")
    answer = html.unescape(brand.get(PAGE).text)
    assert "书面确认 CHANDO-2026 2026-10 第 1 版对账单？应汇货款 ¥396.15。" in answer
    # Confirmed on 2 November: due the later of the 15th and 3 working days after (R-S6).
    assert _notice(brand, _post(brand, f"{PAGE}/confirm", brand_csrf)) == (
        "已书面确认 CHANDO-2026 2026-10 第 1 版：应汇货款 ¥396.15，付款截止 2026-11-15。"
    )
    # The payment form restates what is owed; the amount typed and what is left are filled in
    # by the page's script ({0}, {1}, from data-outstanding-fen).
    page = html.unescape(finance.get(PAGE).text)
    assert 'data-outstanding-fen="39615"' in page
    question = (
        "登记 CHANDO-2026 2026-10 的付款 {0} 元？应汇货款 ¥396.15，已付 ¥0.00，尚欠 ¥396.15；"
        "登记后尚欠 {1}。"
    )
    assert question in page
    # A part payment: ¥396.15 − ¥100.00 = ¥296.15 stays outstanding, on the page too.
    paid = _post(finance, f"{PAGE}/pay", csrf, amount="100", paid_on="2026-11-02")
    assert _notice(finance, paid) == (
        "已登记付款 ¥100.00（2026-11-02）：已付 ¥100.00，尚欠货款 ¥296.15。"
    )
    page = finance.get(PAGE).text
    assert 'id="outstanding">¥296.15<' in page and 'id="paid">¥100.00<' in page
    assert 'id="statement-status">部分付款<' in page
    assert "已付 ¥100.00，尚欠 ¥296.15" in page  # beside the payment form
    # The rest: paid in full, settled.
    rest = _post(finance, f"{PAGE}/pay", csrf, amount="296.15", paid_on="2026-11-02")
    assert _notice(finance, rest) == (
        "已登记付款 ¥296.15（2026-11-02）：应汇货款 ¥396.15 已全部付清，对账单已结清。"
    )


def test_a_refused_form_stays_on_the_statement_with_why_and_a_reload_is_safe(
    world: World,
) -> None:
    confirmed_then_21_november(world)
    finance = world.client()
    csrf = log_in(finance, "finance")
    before = business_rows(world.daiyun)
    overpaid = _post(finance, f"{PAGE}/pay", csrf, amount="9999", paid_on="2026-11-21")
    assert overpaid.status_code == 409
    assert 'id="pay-error"' in overpaid.text and 'id="pay-form"' in overpaid.text
    assert "尚欠货款：应汇货款 396.15，尚欠 396.15" in overpaid.text
    not_amount = _post(finance, f"{PAGE}/pay", csrf, amount="abc", paid_on="2026-11-21")
    assert not_amount.status_code == 422 and 'id="pay-error"' in not_amount.text
    assert 'name="amount" inputmode="decimal" value="abc"' in not_amount.text  # kept as typed
    assert business_rows(world.daiyun) == before
    # Reloading the form's address afterwards goes to the statement, not an error.
    for action in ("pay", "issue", "confirm", "dispute", "draft", "excuse", "pay-penalty"):
        reloaded = finance.get(f"{PAGE}/{action}")
        assert (reloaded.status_code, reloaded.headers["location"]) == (303, PAGE), action
    assert finance.get(f"{PAGE}/nonsense").status_code == 404
    # A re-draft of a confirmed month: the statement page with the reason, not a bare error.
    for path, fields in (
        (f"{PAGE}/draft", {}),
        ("/statements/draft", {"contract": "CHANDO-2026", "month": "2026-10"}),
    ):
        redraft = _post(finance, path, csrf, **fields)
        assert redraft.status_code == 409
        assert 'id="statement-status"' in redraft.text and 'id="draft-error"' in redraft.text
        assert "对账单 CHANDO-2026/2026-10 第 1 版不能生成草稿：它已确认：只剩付款" in redraft.text
    assert business_rows(world.daiyun) == before


def test_a_month_not_over_or_outside_the_contract_is_refused_everywhere(world: World) -> None:
    """R-S1, R-S6: November is not over on 2 November; R-C5: CHANDO-2026 takes effect on
    2026-01-05, so December 2025 is no month of it. Refused on the page, the API and the CLI
    (exit 1), in both languages, and nothing changes."""
    finance, csrf = _finance_with_october(world)
    before = business_rows(world.daiyun)
    running = _post(finance, "/statements/draft", csrf, contract="CHANDO-2026", month="2026-11")
    assert running.status_code == 409
    assert (
        "对账单 CHANDO-2026/2026-11 不能生成草稿：2026-11 要到 2026-11-30（北京时间）才结束；"
        "月份结束后才能对账（R-S1、R-S6）"
    ) in running.text
    before_term = _post(finance, "/statements/draft", csrf, contract="CHANDO-2026", month="2025-12")
    assert before_term.status_code == 409
    assert "合同 CHANDO-2026 于 2026-01-05 生效，在 2025-12 之后（R-C5）" in before_term.text
    english = world.client()
    english.cookies.set("daiyun_lang", "en")
    english_csrf = log_in(english, "finance")
    said = _post(
        english, "/statements/draft", english_csrf, contract="CHANDO-2026", month="2026-11"
    )
    assert "2026-11 is not over until 2026-11-30 (Beijing time)" in said.text
    api = finance.post("/api/statements/CHANDO-2026/2026-11/draft", headers={"X-CSRF-Token": csrf})
    assert api.status_code == 409
    cli = run_daiyun(
        world.database_url, "statement", "draft", "--contract", "CHANDO-2026",
        "--month", "2025-12", "--at", "2026-11-02T10:00:00+08:00",
    )  # fmt: skip
    assert cli.exit_code == 1
    assert "contract CHANDO-2026 takes effect on 2026-01-05, after 2025-12 (R-C5)" in " ".join(
        cli.stderr.split()
    )
    assert business_rows(world.daiyun) == before


def _late_order_file() -> bytes:
    """Order 2003: 1 × ¥139.00 at guide, completed 25 October, imported after the dispute."""
    row = daiyun_order_row(
        "2003", units="1", line_amount="139.00", status="completed",
        created_at="2026-10-24 10:00:00", paid_at="2026-10-24 10:01:00",
        shipped_at="2026-10-24 18:00:00", completed_at="2026-10-25 12:00:00",
        buyer_key="tb_buyer_3",
    )  # fmt: skip
    lines = [",".join(DAIYUN_ORDER_COLUMNS), ",".join(row[c] for c in DAIYUN_ORDER_COLUMNS)]
    return ("\n".join(lines) + "\n").encode()


def test_a_dispute_says_why_in_words_and_the_next_version_shows_what_changed(
    world: World,
) -> None:
    finance, csrf = _finance_with_october(world)
    _post(finance, "/statements/draft", csrf, contract="CHANDO-2026", month="2026-10")
    _post(finance, f"{PAGE}/issue", csrf)
    brand = world.client()
    brand_csrf = log_in(brand, "a-finance")
    # A dispute without a reason: refused beside the dispute form, no command-line flag.
    before = business_rows(world.daiyun)
    blank = _post(brand, f"{PAGE}/dispute", brand_csrf, reason="  ")
    assert blank.status_code == 409 and 'id="dispute-error"' in blank.text
    assert "提出异议须写明对账单哪里不对" in blank.text and "--reason" not in blank.text
    assert business_rows(world.daiyun) == before
    disputed = _post(brand, f"{PAGE}/dispute", brand_csrf, reason="漏了 10 月 25 日的订单 2003")
    assert _notice(brand, disputed) == (
        "已对 CHANDO-2026 2026-10 第 1 版提出异议：代运营商将生成并出具新版本。"
    )
    started = finance.post(
        "/api/imports", data={"store": "chando-tmall"}, headers={"X-CSRF-Token": csrf},
        files={"file": ("chando-late.csv", _late_order_file(), "text/csv")},
    )  # fmt: skip
    assert wait_for_import(finance, f"/api/imports/jobs/{started.json()['id']}")["done"] == 1
    redrafted = _post(finance, f"{PAGE}/draft", csrf)
    # v2 adds 2003: settlement ¥417.00 + ¥139.00 = ¥556.00; commission ¥556.00 × 5% = ¥27.80;
    # remittance ¥556.00 − ¥27.80 = ¥528.20, ¥132.05 more than v1's ¥396.15.
    assert _notice(finance, redrafted) == (
        "已生成 CHANDO-2026 2026-10 第 2 版草稿：应汇货款 ¥528.20。请复核后出具给品牌方。"
    )
    page = finance.get(PAGE).text
    changes = dict(
        (name, _text(row))
        for name, row in re.findall(r'<tr class="change-(\w+)">(.*?)</tr>', page, re.S)
    )
    assert changes == {
        "recognised_lines": "确认行数 2 3 +1",
        "recognised_units": "确认件数 3 4 +1",
        "sales_amount": "成交额 ¥423.00 ¥562.00 +¥139.00",
        "settlement_value": "结算金额 ¥417.00 ¥556.00 +¥139.00",
        "commission": "佣金 ¥20.85 ¥27.80 +¥6.95",
        # R-S5: ¥139.00 × 5% = ¥6.95 more platform fee.
        "platform_fees": "平台技术服务费 ¥21.15 ¥28.10 +¥6.95",
        "remittance": "应汇货款 ¥396.15 ¥528.20 +¥132.05",
    }
    assert "第 2 版与第 1 版相比" in page and "漏了 10 月 25 日的订单 2003" in page


def test_the_list_filters_by_brand_name_month_and_status(world: World) -> None:
    finance, csrf = _finance_with_october(world)
    _post(finance, "/statements/draft", csrf, contract="CHANDO-2026", month="2026-10")
    listed = finance.get("/statements").text
    assert '<option value="chando">自然堂</option>' in listed  # a name, not a code
    # A brand's name in the address works as its code did (it was a 404 before).
    by_name = finance.get("/statements", params={"brand": "自然堂"})
    assert by_name.status_code == 200 and 'href="/statements/CHANDO-2026/2026-10"' in by_name.text
    assert '<option value="chando" selected>自然堂</option>' in by_name.text
    other = finance.get("/statements", params={"brand": "pechoin"}).text
    assert "CHANDO-2026" not in re.sub(r"<form.*?</form>", "", other, flags=re.S)
    for params, shown in (
        ({"status": "draft"}, True),
        ({"status": "issued"}, False),
        ({"month": "2026-10"}, True),
        ({"month": "2026-09"}, False),
        ({"brand": "chando", "month": "2026-10", "status": "draft"}, True),
    ):
        page = finance.get("/statements", params=params).text
        assert ('href="/statements/CHANDO-2026/2026-10"' in page) is shown, params
    unknown = finance.get("/statements", params={"brand": "nobody"})
    assert unknown.status_code == 404 and 'id="statement-filters"' in unknown.text


def test_the_list_pages_and_its_page_links_keep_the_filters(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """50 statements a page; here 3 a page, over chando's seven drafted months April–October
    (newest first): pages of 3, 3 and 1, each link keeping the brand, month and status."""
    assert statement_pages._STATEMENTS_PER_PAGE == 50
    monkeypatch.setattr(statement_pages, "_STATEMENTS_PER_PAGE", 3)
    finance, csrf = _finance_with_october(world)
    for month in range(4, 11):
        drafted = _post(
            finance, "/statements/draft", csrf, contract="CHANDO-2026", month=f"2026-{month:02d}"
        )
        assert drafted.status_code == 303, drafted.text
    filters = {"brand": "chando", "status": "draft"}

    def months(page: str) -> list[str]:
        return re.findall(r'href="/statements/CHANDO-2026/(2026-\d\d)"', page)

    first = finance.get("/statements", params=filters).text
    assert months(first) == ["2026-10", "2026-09", "2026-08"]
    assert "共 7 张对账单" in first and "第 1 页，共 3 页" in first
    assert 'href="/statements?brand=chando&amp;status=draft&amp;page=2"' in first
    second = finance.get("/statements", params={**filters, "page": 2}).text
    assert months(second) == ["2026-07", "2026-06", "2026-05"]
    assert 'href="/statements?brand=chando&amp;status=draft&amp;page=1"' in second
    assert 'href="/statements?brand=chando&amp;status=draft&amp;page=3"' in second
    last = finance.get("/statements", params={**filters, "page": 3}).text
    assert months(last) == ["2026-04"] and "page=4" not in last
    # A page past the last shows the last; a month's filter leaves one row and no pages.
    assert months(finance.get("/statements", params={**filters, "page": 99}).text) == ["2026-04"]
    one = finance.get("/statements", params={**filters, "month": "2026-09"}).text
    assert months(one) == ["2026-09"] and 'class="pager"' not in one
    # Another status: none of them, no pages.
    issued = finance.get("/statements", params={"status": "issued"}).text
    assert months(issued) == [] and 'class="pager"' not in issued
