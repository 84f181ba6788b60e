"""Model B's pages (issue 18) as people use them, on SQLite and PostgreSQL: agency finance
drafts, issues and records payments of a fee bill; the brand's admin or finance confirms or
disputes it in the portal; the service fee's instalments and the deposit; each refusal shown in
words, in Chinese and English, changing nothing; a model A contract's bill is the refusal's
page, never a 500; another brand's bill does not exist (R-D2).

October of INOHERB-2026 is fee_bill_web_world.py's, worked by hand there: receipts ¥12,345.60,
commission ¥12,345.60 × 3% = ¥370.368 → ¥370.37 (R-B2), VAT ¥370.37 × 6% = ¥22.2222 → ¥22.22
(R-B3), amount due ¥392.59; issue by 3 Nov, pay by 5 Nov, termination right from 16 Nov (R-B5).
The clock starts on Monday 2 November 2026, 09:00 Beijing.
"""

from __future__ import annotations

import html
import io
import logging
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from daiyun.adapters.db.account_tables import login_attempt, web_session
from daiyun.bootstrap import bootstrap
from daiyun.config import load_settings
from daiyun.entrypoints.web.i18n import MISSING_LOG
from tests.integration.conftest import register_seed, seeded
from tests.integration.fee_bill_web_world import BILL, CONTRACT, FEES, add_inoherb
from tests.integration.snapshots import database_snapshot
from tests.integration.web_world import START, Clock, World, log_in

_AUTH_TABLES = {web_session.name, login_attempt.name}


def _add_fees(url: str, folder: Path) -> None:
    """add_inoherb on the world's database, as a seed loads it (the world's clock is START)."""
    application = bootstrap(load_settings(database_url=url, environment="test"))
    try:
        add_inoherb(World(application, Clock(START), url), folder)
    finally:
        application.close()


# Loaded once per worker and database, each test's database a copy (tests/integration/conftest.py).
_SEED = register_seed(__name__, "fees", _add_fees, extends="world")


@pytest.fixture
def fees(world: World, tmp_path: Path, request: pytest.FixtureRequest) -> World:
    """The web world with inoherb's model B contract, October's Alipay lines and its people."""
    if not seeded(request, _SEED):
        add_inoherb(world, tmp_path)
    return world


def _signed_in(world: World, login: str, language: str = "zh") -> tuple[TestClient, str]:
    client = world.client()
    csrf = log_in(client, login)
    if language == "en":
        client.cookies.set("daiyun_lang", "en")
    return client, csrf


def _post(client: TestClient, path: str, csrf: str, **fields: str) -> Any:
    return client.post(path, data={"csrf_token": csrf, **fields})


def _text(page: str) -> str:
    """The page's words without tags, entities read."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))).strip()


def _notice(client: TestClient, response: Any) -> str:
    """Follow a done() redirect: the notice the page it leads to shows once."""
    assert response.status_code == 303, response.text
    page = client.get(response.headers["location"]).text
    found = re.search(r'class="notice done"[^>]*>(.*?)</p>', page, re.S)
    assert found is not None, _text(page)[:2000]
    return html.unescape(found.group(1)).strip()


def _cell(page: str, row_id: str) -> str:
    """The figure in the row `row_id` of the bill's figures."""
    found = re.search(rf'<tr id="{row_id}"[^>]*>.*?<td class="num">(.*?)</td>', page, re.S)
    assert found is not None, row_id
    return html.unescape(found.group(1)).strip()


def _confirm_of(page: str, form_id: str) -> str:
    found = re.search(rf'<form[^>]*id="{form_id}"[^>]*data-confirm="([^"]*)"', page, re.S)
    if found is None:
        found = re.search(rf'<form[^>]*data-confirm="([^"]*)"[^>]*id="{form_id}"', page, re.S)
    assert found is not None, form_id
    return html.unescape(found.group(1))


def _rows(world: World) -> dict[str, list[tuple[Any, ...]]]:
    """Every table but what signing in writes."""
    every = database_snapshot(world.daiyun)
    return {name: rows for name, rows in every.items() if name not in _AUTH_TABLES}


def _issued(world: World) -> tuple[TestClient, str]:
    """October drafted and issued by finance on 2 Nov; finance's client."""
    finance, csrf = _signed_in(world, "finance")
    drafted = _post(finance, "/fee-bills/draft", csrf, contract=CONTRACT, month="2026-10")
    assert drafted.status_code == 303
    assert _post(finance, f"{BILL}/issue", csrf).status_code == 303
    return finance, csrf


def test_finance_drafts_and_issues_the_brand_confirms_and_finance_records_payments(
    fees: World,
) -> None:
    finance, csrf = _signed_in(fees, "finance")
    listed = finance.get("/fee-bills").text
    # The draft form offers model B contracts only; the navigation leads finance here.
    assert f'<option value="{CONTRACT}">' in listed and "CHANDO-2026</option>" not in listed
    assert '<a href="/fee-bills" aria-current="page">服务费账单</a>' in listed

    drafted = _post(finance, "/fee-bills/draft", csrf, contract=CONTRACT, month="2026-10")
    assert drafted.headers["location"] == BILL
    assert _notice(finance, drafted) == (
        f"已生成 {CONTRACT} 2026-10 第 1 版服务费账单草稿：应付金额 ¥392.59。请复核后出具给品牌方。"
    )
    page = finance.get(BILL).text
    # The figures and how each is made: receipts, the base, the exact products, one rounding.
    assert _cell(page, "fig-trade-income") == "¥12,445.60"
    assert _cell(page, "fig-refunds") == "-¥100.00"
    assert _cell(page, "fig-receipts") == "¥12,345.60"
    assert _cell(page, "fig-carried-in") == "¥0.00"
    assert _cell(page, "fig-base") == "¥12,345.60"
    assert _cell(page, "fig-commission") == "¥370.37"
    assert _cell(page, "fig-vat") == "¥22.22"
    assert _cell(page, "fig-amount-due") == "¥392.59"
    words = _text(page)
    assert "交易收入（2 笔）" in words and "已付出的交易退款（1 笔）" in words
    assert "× 提成比例 3% = ¥370.368，四舍五入到分" in words
    assert "× 税率 6% = ¥22.2222，四舍五入到分" in words
    assert 'id="issue-by">2026-11-03<' in page and 'id="payment-due">2026-11-05<' in page
    assert 'id="termination-right-from">2026-11-16<' in page
    assert 'id="pay-form"' not in page  # a draft is not paid

    # Drafting again on the same lines changes nothing (the same content hash).
    again = _post(finance, f"{BILL}/draft", csrf)
    assert _notice(finance, again).startswith("草稿未变")

    # The brand does not see a draft: no row, and the month is no page to it (R-D2).
    brand, brand_csrf = _signed_in(fees, "i-finance")
    assert f"{CONTRACT}</a>" not in brand.get("/fee-bills").text
    assert brand.get(BILL).status_code == 404

    # Issue, the question restating the amount and the payment day.
    issue_form = re.search(r'<form[^>]*action="[^"]*/issue"[^>]*data-confirm="([^"]*)"', page)
    assert issue_form is not None
    assert html.unescape(issue_form.group(1)) == (
        f"将 {CONTRACT} 2026-10 第 1 版服务费账单出具给品牌方 相宜本草？应付金额 ¥392.59"
        "（佣金 ¥370.37 + 增值税 ¥22.22），付款截止 2026-11-05。出具后此版本不能再修改。"
    )
    issued = _post(finance, f"{BILL}/issue", csrf)
    assert _notice(finance, issued) == (
        f"已将 {CONTRACT} 2026-10 第 1 版服务费账单出具给品牌方："
        "应付金额 ¥392.59，付款截止 2026-11-05。"
    )

    # The brand's finance sees it in the portal and confirms it.
    listed = brand.get("/fee-bills").text
    row = re.search(
        rf'<tr class="fee-bill[^"]*" id="fee-bill-{CONTRACT}-2026-10">(.*?)</tr>', listed, re.S
    )
    assert row is not None and "已出具" in row.group(1) and "¥392.59" in row.group(1)
    shown = brand.get(BILL).text
    assert 'id="confirm-form"' in shown and 'id="dispute-form"' in shown
    assert 'action="/fee-bills/INOHERB-2026/2026-10/issue"' not in shown
    assert 'id="pay-form"' not in shown  # the brand does not record the agency's receipts
    assert _confirm_of(shown, "confirm-form") == (
        f"书面确认 {CONTRACT} 2026-10 第 1 版服务费账单？应付金额 ¥392.59，付款截止 2026-11-05。"
        "确认后不能撤回。"
    )
    confirmed = _post(brand, f"{BILL}/confirm", brand_csrf)
    assert _notice(brand, confirmed) == (
        f"已书面确认 {CONTRACT} 2026-10 第 1 版服务费账单：应付金额 ¥392.59，付款截止 2026-11-05。"
    )
    assert 'id="bill-status">已确认<' in brand.get(BILL).text

    # Finance records a part, then the rest: 392.59 − 200.00 = 192.59 owed, then settled.
    page = finance.get(BILL).text
    assert _confirm_of(page, "pay-form") == (
        f"登记 {CONTRACT} 2026-10 服务费账单的付款 {{0}} 元？应付金额 ¥392.59，已付 ¥0.00，"
        "尚欠 ¥392.59；登记后尚欠 {1}。付款登记后不能删除。"
    )
    assert 'data-outstanding-fen="39259"' in page
    part = _post(finance, f"{BILL}/pay", csrf, amount="200", paid_on="2026-11-02")
    assert (
        _notice(finance, part) == "已登记付款 ¥200.00（2026-11-02）：已付 ¥200.00，尚欠 ¥192.59。"
    )
    rest = _post(finance, f"{BILL}/pay", csrf, amount="¥192.59", paid_on="2026-11-02")
    assert _notice(finance, rest) == (
        "已登记付款 ¥192.59（2026-11-02）：应付金额 ¥392.59 已全部付清，账单已结清。"
    )
    page = finance.get(BILL).text
    assert 'id="bill-status">已结清<' in page and 'id="outstanding">¥0.00<' in page
    assert 'id="pay-form"' not in page
    # The audit log on the bill: issued, confirmed, paid twice, in words.
    assert "出具服务费账单" in page and "确认服务费账单" in page and "登记服务费账单付款" in page
    assert "状态：已出具 → 已确认" in _text(page)


def test_the_brand_disputes_saying_why_and_sees_the_next_version_once_issued(
    fees: World,
) -> None:
    finance, csrf = _issued(fees)
    brand, brand_csrf = _signed_in(fees, "i-admin")
    before = _rows(fees)
    refused = _post(brand, f"{BILL}/dispute", brand_csrf, reason="  ")
    assert refused.status_code == 409
    assert "提出异议须写明服务费账单哪里不对" in _text(refused.text)
    assert _rows(fees) == before  # nothing changed

    disputed = _post(brand, f"{BILL}/dispute", brand_csrf, reason="10月20日的收入是测试订单")
    assert _notice(brand, disputed).startswith(f"已对 {CONTRACT} 2026-10 第 1 版服务费账单提出异议")
    # Finance drafts the next version: the brand keeps seeing the disputed one meanwhile.
    assert _post(finance, f"{BILL}/draft", csrf).status_code == 303
    shown = brand.get(BILL).text
    assert 'id="bill-status">有异议<' in shown and "v1 ·" in _text(shown)
    assert "您对第 1 版提出了异议，代运营方正在准备新版本" in _text(shown)
    assert 'id="confirm-form"' not in shown and ">v2</a>" not in shown
    assert brand.get(BILL, params={"version": 2}).status_code == 404  # a draft is not theirs
    agency = finance.get(BILL).text
    assert 'id="bill-status">草稿<' in agency and ">v2</a>" in agency
    assert "“10月20日的收入是测试订单”" in agency  # the brand's reason beside version 1
    assert _post(finance, f"{BILL}/issue", csrf).status_code == 303
    shown = brand.get(BILL).text
    assert 'id="bill-status">已出具<' in shown and 'id="confirm-form"' in shown
    assert "v2 ·" in _text(shown)


def test_a_brand_viewer_only_looks_and_the_agency_side_of_the_portal_is_refused(
    fees: World,
) -> None:
    _issued(fees)
    viewer, viewer_csrf = _signed_in(fees, "i-viewer")
    shown = viewer.get(BILL).text
    assert 'id="confirm-form"' not in shown and 'id="answer-not-yours"' in shown
    before = _rows(fees)
    assert _post(viewer, f"{BILL}/confirm", viewer_csrf).status_code == 403
    brand, brand_csrf = _signed_in(fees, "i-finance")
    assert (
        _post(brand, f"{BILL}/pay", brand_csrf, amount="1", paid_on="2026-11-02").status_code == 403
    )
    assert _post(brand, f"{BILL}/draft", brand_csrf).status_code == 403
    assert _post(brand, f"{FEES}/receive-deposit", brand_csrf, on="2026-11-02").status_code == 403
    # The agency's admin may not answer for the brand (R-D2).
    admin, admin_csrf = _signed_in(fees, "admin")
    assert _post(admin, f"{BILL}/confirm", admin_csrf).status_code == 403
    assert _rows(fees) == before


@pytest.mark.parametrize("language", ["zh", "en"])
def test_each_refusal_is_said_in_words_next_to_its_form_and_changes_nothing(
    fees: World, language: str
) -> None:
    finance, csrf = _signed_in(fees, "finance", language)
    zh = language == "zh"
    # A draft is not paid; a month not over is not drafted (R-B2); neither writes anything.
    drafted = _post(finance, "/fee-bills/draft", csrf, contract=CONTRACT, month="2026-10")
    assert drafted.status_code == 303
    before = _rows(fees)
    unpaid = _post(finance, f"{BILL}/pay", csrf, amount="392.59", paid_on="2026-11-02")
    assert unpaid.status_code == 409
    assert (
        f"不能为服务费账单 {CONTRACT}/2026-10 第 1 版付款：它是品牌方尚未收到的草稿：请先出具"
        if zh
        else f"cannot pay fee bill {CONTRACT}/2026-10 version 1: it is a draft the brand has not"
        " received: issue it first"
    ) in _text(unpaid.text)
    november = _post(finance, "/fee-bills/draft", csrf, contract=CONTRACT, month="2026-11")
    assert november.status_code == 409 and 'id="draft-error"' in november.text
    assert ("2026-11 要到 2026-11-30（北京时间）才结束" if zh else "2026-11 is not over until") in (
        _text(november.text)
    )
    assert _rows(fees) == before

    assert _post(finance, f"{BILL}/issue", csrf).status_code == 303
    before = _rows(fees)
    over = _post(finance, f"{BILL}/pay", csrf, amount="500", paid_on="2026-11-02")
    assert over.status_code == 409 and 'id="pay-error"' in over.text
    assert (
        f"付款 500.00 超过服务费账单 {CONTRACT}/2026-10 的尚欠金额：应付 392.59，尚欠 392.59"
        if zh
        else f"a payment of 500.00 overpays fee bill {CONTRACT}/2026-10: 392.59 is outstanding"
    ) in _text(over.text)
    assert 'value="500"' in over.text  # what was typed stays
    # Not an amount, not a day: each field says so in the reader's language (422).
    wrong = _post(finance, f"{BILL}/pay", csrf, amount="12,3x", paid_on="11/02")
    assert wrong.status_code == 422
    said = _text(wrong.text)
    if zh:
        assert "金额：“12,3x”不是金额" in said and "付款日期：“11/02”不是日期" in said
    else:
        assert (
            "Amount: '12,3x' is not an amount" in said and "Paid on: '11/02' is not a day" in said
        )
    future = _post(finance, f"{BILL}/pay", csrf, amount="1", paid_on="2026-11-03")
    assert future.status_code == 409
    assert ("付款日期不能是 2026-11-03：晚于今天 2026-11-02" if zh else "after today") in (
        _text(future.text)
    )
    assert _rows(fees) == before
    # A form's address opened later (a reload after a refusal) leads to its page.
    reload = finance.get(f"{BILL}/pay")
    assert reload.status_code == 303 and reload.headers["location"] == BILL


def test_the_bill_downloads_as_xlsx_and_pdf_for_those_who_may_see_it(fees: World) -> None:
    finance, csrf = _signed_in(fees, "finance")
    assert _post(finance, "/fee-bills/draft", csrf, contract=CONTRACT, month="2026-10")
    xlsx, pdf = f"{BILL}/versions/1/bill.xlsx", f"{BILL}/versions/1/bill.pdf"
    page = finance.get(BILL).text
    assert f'href="{xlsx}" id="download-xlsx"' in page and f'href="{pdf}" id="download-pdf"' in page
    workbook = finance.get(xlsx)
    assert workbook.status_code == 200 and workbook.content.startswith(b"PK")
    assert workbook.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert workbook.headers["content-disposition"] == (
        f'attachment; filename="{CONTRACT}-2026-10-fee-bill-v1.xlsx"'
    )
    sheets = load_workbook(io.BytesIO(workbook.content), read_only=True)
    cells = {
        value for sheet in sheets for row in sheet.iter_rows(values_only=True) for value in row
    }
    # The version the page shows, made as the file's writer makes it (fee_bill_files.py).
    assert "12,345.60 × 3% = 370.368 → 370.37 (四舍五入一次 half up, once)" in cells
    assert CONTRACT in cells and "草稿 draft" in cells
    document = finance.get(pdf)
    assert document.status_code == 200 and document.content.startswith(b"%PDF")
    # A draft is not the brand's to download; once issued it is. Another kind is no file.
    brand, _ = _signed_in(fees, "i-finance")
    assert brand.get(pdf).status_code == 404
    assert _post(finance, f"{BILL}/issue", csrf).status_code == 303
    assert brand.get(pdf).status_code == 200
    assert finance.get(f"{BILL}/versions/1/bill.docx").status_code in (404, 422)
    assert finance.get(f"{BILL}/versions/9/bill.pdf").status_code == 404
    other, _ = _signed_in(fees, "a-finance")
    refused = other.get(pdf)
    assert refused.status_code == 404 and "相宜本草" not in refused.text


def test_a_model_a_contracts_bill_is_the_refusal_in_words_never_an_error(fees: World) -> None:
    finance, csrf = _signed_in(fees, "finance")
    before = _rows(fees)
    for address in ("/fee-bills/CHANDO-2026/2026-10", "/service-fees/CHANDO-2026"):
        answer = finance.get(address)
        assert answer.status_code == 409, address
        said = _text(answer.text)
        assert "合同 CHANDO-2026 是 A 模式：由代运营方收款并向品牌方汇款" in said
        assert "各月由月度对账单结算" in said and "model" not in said
        assert "<nav" in answer.text  # the error page, with the navigation
    english, _ = _signed_in(fees, "finance", "en")
    said = _text(english.get("/fee-bills/CHANDO-2026/2026-10").text)
    assert "contract CHANDO-2026 is model A: the operator collects and remits" in said
    for path, fields in (
        ("/fee-bills/draft", {"contract": "CHANDO-2026", "month": "2026-10"}),
        ("/fee-bills/CHANDO-2026/2026-10/issue", {}),
        ("/fee-bills/CHANDO-2026/2026-10/pay", {"amount": "1", "paid_on": "2026-11-02"}),
        ("/service-fees/CHANDO-2026/receive-deposit", {"on": "2026-11-02"}),
    ):
        assert _post(finance, path, csrf, **fields).status_code == 409, path
    # chando's own finance person asking for its bill: the same refusal, its own brand's.
    brand, _ = _signed_in(fees, "a-finance")
    assert brand.get("/fee-bills/CHANDO-2026/2026-10").status_code == 409
    assert _rows(fees) == before


def test_another_brands_people_find_no_bill_of_inoherb(fees: World) -> None:
    _issued(fees)
    before = _rows(fees)
    for login in ("a-admin", "a-finance", "b-finance"):
        client, csrf = _signed_in(fees, login)
        answers = [
            client.get(BILL),
            client.get(f"{BILL}?version=1"),
            client.get(FEES),
            client.get("/fee-bills", params={"brand": "inoherb"}),
            client.get(f"{BILL}/confirm"),
            client.get(f"{BILL}/versions/1/bill.pdf"),
            _post(client, f"{BILL}/confirm", csrf),
            _post(client, f"{BILL}/dispute", csrf, reason="no"),
            _post(client, f"{FEES}/pay", csrf, instalment="1", amount="1", paid_on="2026-11-02"),
        ]
        for answer in answers:
            assert answer.status_code == 404, (login, answer.request.url)
            for marker in ("相宜本草", "392.59", "12,345.60"):
                assert marker not in answer.text, (login, answer.request.url, marker)
        listed = client.get("/fee-bills").text
        assert CONTRACT not in listed and "相宜本草" not in listed
    assert _rows(fees) == before


def test_overdue_and_the_termination_right_are_flagged_on_the_list_and_the_bill(
    fees: World,
) -> None:
    _issued(fees)
    # 15 Nov: 10 days past the 5th — overdue, no right yet (R-B5: more than 10 days).
    fees.clock.advance(days=13)
    finance, csrf = _signed_in(fees, "finance")  # a session idle 13 days has ended
    listed = finance.get("/fee-bills").text
    assert "逾期 10 天" in listed and "可解约" not in _text(listed)
    # 16 Nov: 11 days — the operator may terminate.
    fees.clock.advance(days=1)
    finance, csrf = _signed_in(fees, "finance")
    listed = finance.get("/fee-bills").text
    assert "逾期 11 天" in listed and 'class="status status-missed flag-termination"' in listed
    page = finance.get(BILL).text
    assert "品牌方逾期付款已 11 天、未全额付清：自 2026-11-16 起代运营方有权解除合同。" in (
        _text(page)
    )
    paid = _post(finance, f"{BILL}/pay", csrf, amount="392.59", paid_on="2026-11-16")
    assert paid.status_code == 303
    listed = finance.get("/fee-bills").text
    assert "逾期 11 天后付清" in listed and "flag-termination" in listed  # paid too late
    said = _text(finance.get(BILL).text)
    assert "品牌方逾期 11 天后才全额付清：自 2026-11-16 起至付清前，代运营方有权解除合同。" in said


def test_the_service_fee_page_records_instalments_and_the_deposit(fees: World) -> None:
    # Instalment 1: 120,000.00 × 0.5 = 60,000.00, VAT × 6% = 3,600.00, due 63,600.00 by 8 Jan
    # (signed 5 Jan + 3 days, R-B1); instalment 2: 60,000.00 due 5 June (effective + 5 months).
    finance, csrf = _signed_in(fees, "finance")
    page = finance.get(FEES).text
    first = re.search(r'<tr class="instalment[^"]*" id="instalment-1">(.*?)</tr>', page, re.S)
    assert first is not None
    assert [
        html.unescape(cell) for cell in re.findall(r"<td[^>]*>([^<]*)</td>", first.group(1))[1:7]
    ] == ["¥60,000.00", "¥3,600.00", "¥63,600.00", "2026-01-08", "¥0.00", "¥63,600.00"]
    assert "逾期未付清" in first.group(1) and "可解约" in first.group(1)  # R-B5 from 19 Jan
    assert _confirm_of(page, "pay-form-1") == (
        f"登记第 1 期服务费（合同 {CONTRACT}）的付款 {{0}} 元？含税应付 ¥63,600.00，已付 ¥0.00，"
        "尚欠 ¥63,600.00；登记后尚欠 {1}。付款登记后不能删除。"
    )
    before = _rows(fees)
    over = _post(
        finance, f"{FEES}/pay", csrf, instalment="1", amount="63600.01", paid_on="2026-01-07"
    )
    assert over.status_code == 409 and 'id="pay-1-error"' in over.text
    assert "超过合同 INOHERB-2026 第 1 期服务费的尚欠金额：含税应付 63600.00" in _text(over.text)
    assert _rows(fees) == before
    paid = _post(
        finance, f"{FEES}/pay", csrf, instalment="1", amount="63,600.00", paid_on="2026-01-07"
    )
    assert _notice(finance, paid) == (
        "已登记付款 ¥63,600.00（第 1 期，2026-01-07）：该期已付 ¥63,600.00，尚欠 ¥0.00。"
    )
    page = finance.get(FEES).text
    first = re.search(r'id="instalment-1">(.*?)</tr>', page, re.S)
    assert first is not None and "已付清" in first.group(1) and "可解约" not in first.group(1)
    assert 'id="pay-form-1"' not in page and 'id="pay-form-2"' in page

    # The deposit: received, then a forfeit without a reason refused (R-B4), then refunded.
    received = _post(finance, f"{FEES}/receive-deposit", csrf, on="2026-01-05")
    assert _notice(finance, received) == "已登记收到服务保证金 ¥20,000.00（2026-01-05）。"
    assert 'id="deposit-state">持有中<' in finance.get(FEES).text
    before = _rows(fees)
    forfeit = _post(finance, f"{FEES}/forfeit-deposit", csrf, on="2026-11-02", reason=" ")
    assert forfeit.status_code == 409 and 'id="forfeit-deposit-error"' in forfeit.text
    assert "没收保证金须写明理由：品牌方违约或单方解约（R-B4）" in _text(forfeit.text)
    assert _rows(fees) == before
    refunded = _post(finance, f"{FEES}/refund-deposit", csrf, on="2026-11-02")
    assert _notice(finance, refunded) == "已登记退还服务保证金 ¥20,000.00（2026-11-02）。"
    page = finance.get(FEES).text
    assert 'id="deposit-state">已退还<' in page and 'id="refund-deposit-form"' not in page
    assert "登记退还保证金" in page  # the audit log's action in words

    # The brand sees its instalments and deposit, and no form.
    brand, _ = _signed_in(fees, "i-finance")
    shown = brand.get(FEES).text
    assert 'id="instalment-1"' in shown and 'id="deposit-state">已退还<' in shown
    assert '<form method="post" action="/service-fees' not in shown


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_every_fee_bill_page_says_its_codes_and_messages_in_chinese(
    fees: World, caplog: pytest.LogCaptureFixture
) -> None:
    """On SQLite only, as test_chinese_everywhere: words do not depend on the database. Each
    page in each state, as each role, and its forms sent wrong: no code or message without its
    Chinese (i18n's log), no command-line flag."""
    caplog.set_level(logging.WARNING, logger=MISSING_LOG)
    finance, csrf = _signed_in(fees, "finance")
    people = {login: _signed_in(fees, login) for login in ("admin", "i-admin", "i-viewer")}
    seen = []

    def walk() -> None:
        for client, _ in (*people.values(), (finance, csrf)):
            for address in ("/fee-bills", BILL, f"{BILL}?version=1", FEES, "/"):
                seen.append(client.get(address))

    walk()  # not drafted yet
    _post(finance, "/fee-bills/draft", csrf, contract=CONTRACT, month="2026-10")
    walk()
    _post(finance, f"{BILL}/issue", csrf)
    walk()
    brand, brand_csrf = people["i-admin"]
    seen.append(_post(brand, f"{BILL}/dispute", brand_csrf, reason=""))
    seen.append(_post(brand, f"{BILL}/dispute", brand_csrf, reason="不对"))
    _post(finance, f"{BILL}/draft", csrf)
    walk()
    for fields in ({}, {"amount": "!?", "paid_on": "!?"}, {"amount": "9" * 20, "paid_on": "9"}):
        seen.append(_post(finance, f"{BILL}/pay", csrf, **fields))
        seen.append(_post(finance, f"{FEES}/pay", csrf, instalment="!?", **fields))
        seen.append(_post(finance, f"{FEES}/receive-deposit", csrf, on=fields.get("paid_on", "")))
    seen.append(
        _post(finance, f"{FEES}/pay", csrf, instalment="3", amount="1", paid_on="2026-11-01")
    )
    seen.append(_post(finance, f"{FEES}/refund-deposit", csrf, on="2026-11-01"))
    seen.append(_post(finance, "/fee-bills/draft", csrf, contract=CONTRACT, month="2026-13"))
    # What the audit log then says of an instalment payment and the deposit, in words.
    paid = {"instalment": "1", "amount": "1", "paid_on": "2026-01-07"}
    seen.append(_post(finance, f"{FEES}/pay", csrf, **paid))
    seen.append(_post(finance, f"{FEES}/receive-deposit", csrf, on="2026-01-05"))
    seen.append(_post(finance, f"{FEES}/forfeit-deposit", csrf, on="2026-11-01", reason=""))
    walk()
    fees.clock.advance(days=30)
    finance, csrf = _signed_in(fees, "finance")  # the sessions idle a month have ended
    people = {login: _signed_in(fees, login) for login in people}
    walk()
    assert all(answer.status_code < 500 for answer in seen)
    assert {200, 303, 404, 409, 422} <= {answer.status_code for answer in seen}
    missing = sorted({r.getMessage() for r in caplog.records if r.name == MISSING_LOG})
    assert missing == []
    flags = [
        answer.request.url
        for answer in seen
        if re.search(
            r"(?<![\w-])--[a-z][a-z-]*",
            _text(re.sub(r"<script.*?</script>", "", answer.text, flags=re.S)),
        )
    ]
    assert flags == []
