"""The reconciliation pages (issue 17, R-X1): reconcile_world.py's October of chando's Tmall
store as finance reads it — the figures `daiyun reconcile --json` gives, each cause's count
opening its lines only, the workbook the command writes, an Alipay statement uploaded by the
page and then said done — and a brand's people their own stores only (R-D2). Both databases.
"""

from __future__ import annotations

import html
import io
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from daiyun.adapters.db.account_tables import api_token, login_attempt, web_session
from daiyun.bootstrap import Daiyun, bootstrap
from daiyun.config import load_settings
from daiyun.domain.agency import Role
from daiyun.domain.money import Money
from daiyun.services.accounts.users import add_user
from tests.alipay_files import StatementRow, statement_bytes, write_statement_csv
from tests.builders import contract_toml
from tests.integration.cli_runner import run_daiyun
from tests.integration.conftest import register_seed, seeded
from tests.integration.reconcile_world import STORE, UNKNOWN, C, D, load_october
from tests.integration.snapshots import database_snapshot
from tests.integration.web_world import (
    PASSWORD,
    START,
    Clock,
    World,
    hash_of_password,
    log_in,
)

PAGE = f"/reconciliation/{STORE}/2026-10"
OTHER_STORE = "pechoin-tmall"
PEOPLE = (
    ("finance", Role.FINANCE, None),
    ("ops", Role.STORE_OPERATIONS, None),
    ("a-finance", Role.BRAND_FINANCE, "chando"),
    ("b-finance", Role.BRAND_FINANCE, "pechoin"),
)
_AUTH_TABLES = {api_token.name, web_session.name, login_attempt.name}
_ROW = re.compile(r'<tr class="difference cause-(\w+)">(.*?)</tr>', re.S)
_CELL = re.compile(r"<td[^>]*>(.*?)</td>", re.S)
_TAG = re.compile(r"<[^>]+>")


def _add_finance(url: str, folder: Path) -> None:
    """reconcile_world.py's October and November in chando's store; pechoin's Tmall store
    with nothing; the agency's finance clerk and a store operator, chando's and pechoin's
    finance people."""
    application = bootstrap(load_settings(database_url=url, environment="test"))
    try:
        _load_finance(application, url, folder)
    finally:
        application.close()


def _load_finance(application: Daiyun, url: str, folder: Path) -> None:
    load_october(url, folder)
    contract = folder / "pechoin.toml"
    contract.write_text(
        contract_toml(
            brand_code="pechoin", brand_name="百雀羚", contract_code="PECHOIN-2026",
            store_code=OTHER_STORE,
        ),
        encoding="utf-8",
    )  # fmt: skip
    assert run_daiyun(url, "contract", "load", str(contract)).exit_code == 0
    for login, role, brand in PEOPLE:
        add_user(
            application.unit_of_work(), login=login, role=role, brand_code=brand,
            display_name=None, password=PASSWORD, hash_password=hash_of_password,
            at=START - timedelta(days=1), actor="test",
        )  # fmt: skip


# Loaded once per worker and database, each test's database a copy (tests/integration/conftest.py).
_SEED = register_seed(__name__, "finance", _add_finance, extends="chando_store")


@pytest.fixture
def finance(
    chando_store: str, daiyun_app: Daiyun, tmp_path: Path, request: pytest.FixtureRequest
) -> World:
    """reconcile_world.py's October and November in chando's store; pechoin's Tmall store
    with nothing; the agency's finance clerk and a store operator, chando's and pechoin's
    finance people."""
    if not seeded(request, _SEED):
        _load_finance(daiyun_app, chando_store, tmp_path)
    return World(daiyun_app, Clock(START), chando_store)


def _client(world: World, login: str) -> tuple[TestClient, str]:
    client = world.client()
    return client, log_in(client, login)


def _text(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def _by_id(page: str, element_id: str) -> str:
    found = re.search(rf'id="{element_id}"[^>]*>(.*?)</(?:strong|a|tr)>', page, re.S)
    assert found is not None, element_id
    return _text(found.group(1))


def _href(page: str, element_id: str) -> str:
    """The address of the link with this id, whatever the order of its attributes."""
    tag = re.search(rf'<a [^>]*id="{element_id}"[^>]*>', page)
    assert tag is not None, element_id
    found = re.search(r'href="([^"]+)"', tag.group(0))
    assert found is not None, element_id
    return html.unescape(found.group(1))


def _figure_row(page: str, key: str) -> list[str]:
    found = re.search(rf'<tr id="{key}">(.*?)</tr>', page, re.S)
    assert found is not None, key
    return [_text(cell) for cell in _CELL.findall(found.group(1))]


def _differences(page: str) -> list[tuple[str, ...]]:
    """The differences table: cause code, order number, expected, actual, difference, entries."""
    return [
        (cause, *(_text(cell) for cell in _CELL.findall(row)[1:]))
        for cause, row in _ROW.findall(page)
    ]


def _shown(yuan: str, *, signed: bool = False) -> str:
    """A JSON amount as the page shows it: "-139.00" → "-¥139.00", "0.59" → "+¥0.59"."""
    amount = Money.of_yuan(yuan)
    return ("+" if signed and amount.fen > 0 else "") + amount.display()


def _command(world: World) -> Any:
    result = run_daiyun(
        world.database_url, "reconcile", "--store", STORE, "--month", "2026-10", "--json"
    )
    assert result.exit_code == 0, result.stderr
    return result.json()


def test_the_page_shows_the_figures_the_command_gives(finance: World) -> None:
    client, _ = _client(finance, "finance")
    answer = client.get(PAGE)
    assert answer.status_code == 200, answer.text
    page = answer.text
    document = _command(finance)
    assert _by_id(page, "orders-completed") == str(document["orders_completed"]) == "7"
    assert _by_id(page, "matched") == str(document["matched"]) == "3"
    assert _by_id(page, "differences-count") == str(len(document["differences"])) == "5"
    # Income: 139 + 128 + 139 + 258 + 59 + 139 + 118 = 980.00 expected; 928.00 came
    # (C's 139.00 never did, D's is 1.00 short, the unknown order's 88.00 came): −52.00.
    assert _figure_row(page, "rec_income") == [
        _shown(document["expected_income"]), _shown(document["alipay_income"]), "-¥52.00",
    ]  # fmt: skip
    assert _figure_row(page, "rec_income")[:2] == ["¥980.00", "¥928.00"]
    # Fees: 48.50 expected, 46.54 charged: 46.54 − 48.50 = −1.96.
    assert _figure_row(page, "rec_fees") == [
        _shown(document["expected_fees"]), _shown(document["alipay_fees"]), "-¥1.96",
    ]  # fmt: skip
    # Refunds: F's 15.00 + G's 59.00 = 74.00 recorded, G's 59.00 paid out: −15.00.
    assert _figure_row(page, "rec_refunds") == [
        _shown(document["expected_refunds"]), _shown(document["alipay_refunds"]), "-¥15.00",
    ]  # fmt: skip
    # 淘宝客 1.77 + a red packet 30.00 = 31.77, not compared.
    assert _figure_row(page, "rec_other_charges")[1] == _shown(document["other_charges"])
    assert _figure_row(page, "rec_other_charges")[1] == "¥31.77"
    for cause, count in document["counts"].items():
        assert _by_id(page, f"count-{cause}") == str(count) == "1"
    assert _differences(page) == [
        (
            d["cause"], d["order_no"], _shown(d["expected"]), _shown(d["actual"]),
            _shown(d["difference"], signed=True), " ".join(d["entries"]) or "—",
        )
        for d in document["differences"]
    ]  # fmt: skip
    # In Chinese by default, each cause named; the English page names them in English.
    assert "缺少到账" in page and "费用不符" in page
    client.get("/lang/en")
    english = client.get(PAGE).text
    assert "Missing receipt" in english and "Fee differs" in english
    assert "缺少到账" not in english


def test_each_cause_count_opens_its_lines_only(finance: World) -> None:
    client, _ = _client(finance, "finance")
    page = client.get(PAGE).text
    document = _command(finance)
    for cause in document["counts"]:
        shown = client.get(_href(page, f"count-{cause}"))
        assert shown.status_code == 200
        rows = _differences(shown.text)
        expected = [d["order_no"] for d in document["differences"] if d["cause"] == cause]
        assert [row[1] for row in rows] == expected
        assert {row[0] for row in rows} == {cause}
    # An order's number opens its page; a missing order's (daiyun has none) is no link.
    lines = client.get(PAGE, params={"cause": "amount_differs"}).text
    assert f'href="/orders/{STORE}/{D}"' in lines
    assert client.get(f"/orders/{STORE}/{D}").status_code == 200
    missing = client.get(PAGE, params={"cause": "missing_order"}).text
    assert UNKNOWN in missing and f"/orders/{STORE}/{UNKNOWN}" not in missing


def test_the_workbook_is_the_one_the_command_writes(finance: World, tmp_path: Path) -> None:
    client, _ = _client(finance, "finance")
    page = client.get(PAGE).text
    answer = client.get(_href(page, "download-xlsx"))
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "chando-tmall-2026-10-differences.xlsx" in answer.headers["content-disposition"]
    path = tmp_path / "by-command.xlsx"
    written = run_daiyun(
        finance.database_url, "reconcile", "--store", STORE, "--month", "2026-10",
        "--xlsx", str(path),
    )  # fmt: skip
    assert written.exit_code == 0, written.stderr
    served, by_command = load_workbook(io.BytesIO(answer.content)), load_workbook(path)
    assert served.sheetnames == by_command.sheetnames == ["对账差异 Differences", "汇总 Summary"]
    for name in served.sheetnames:
        rows = list(served[name].iter_rows(values_only=True))
        assert rows == list(by_command[name].iter_rows(values_only=True))
    differences = list(served["对账差异 Differences"].iter_rows(values_only=True))
    assert [row[1] for row in differences[1:]] == [
        "missing_receipt", "missing_order", "amount_differs", "fee_differs", "refund_unmatched",
    ]  # fmt: skip


# C's money and fee, which October's statement lacked (its missing_receipt).
C_PAID = [
    StatementRow(
        "2026101200001", occurred_at="2026-10-12 08:00:05", income="+139.00",
        merchant_order_no=f"T200P{C}",
    ),
    StatementRow(
        "2026101200002", occurred_at="2026-10-12 08:00:06", expense="-6.95",
        business_type="收费", remark=f"天猫佣金{{{C}}}",
    ),
]  # fmt: skip


def test_an_uploaded_statement_is_imported_and_said_done(finance: World, tmp_path: Path) -> None:
    client, csrf = _client(finance, "finance")
    page = client.get(PAGE).text
    assert 'id="import-form"' in page
    upload = write_statement_csv(tmp_path / "202610-more.csv", C_PAID)
    sent = {"file": (upload.name, upload.read_bytes(), "text/csv")}
    answer = client.post(f"{PAGE}/alipay", data={"csrf_token": csrf}, files=sent)
    assert answer.status_code == 303 and answer.headers["location"] == PAGE
    shown = client.get(PAGE).text
    assert "已导入支付宝账务明细：新增 2 行，已有 0 行未变。" in shown
    # C's 139.00 and its fee 139.00 × 5% = 6.95 came: C matches, as A, B and G do.
    assert _by_id(shown, "matched") == "4"
    assert _by_id(shown, "count-missing_receipt") == "0"
    # Income 928.00 + 139.00 = 1,067.00; fees 46.54 + 6.95 = 53.49.
    assert _figure_row(shown, "rec_income")[1] == "¥1,067.00"
    assert _figure_row(shown, "rec_fees")[1] == "¥53.49"
    assert _command(finance)["alipay_income"] == "1067.00"
    # Said once; the same file again is nothing new.
    assert "已导入支付宝账务明细" not in client.get(PAGE).text
    again = client.post(f"{PAGE}/alipay", data={"csrf_token": csrf}, files=sent)
    assert again.status_code == 303
    assert "新增 0 行，已有 2 行未变" in client.get(PAGE).text


def _data(world: World) -> dict[str, list[tuple[Any, ...]]]:
    snapshot = database_snapshot(world.daiyun)
    return {name: rows for name, rows in snapshot.items() if name not in _AUTH_TABLES}


def test_a_refused_upload_says_why_in_both_languages_and_changes_nothing(
    finance: World,
) -> None:
    client, csrf = _client(finance, "finance")
    before = _data(finance)
    # The footer says 2 income lines of 200.00; the lines hold 1 of 139.00.
    wrong = statement_bytes(C_PAID, income_footer=(2, "200.00"))
    sent = {"file": ("202610-more.csv", wrong, "text/csv")}
    answer = client.post(f"{PAGE}/alipay", data={"csrf_token": csrf}, files=sent)
    assert answer.status_code == 422
    assert "发现 1 个问题，未导入任何内容" in answer.text
    problem = _text(answer.text.split('id="import-problems"')[1].split("</table>")[0])
    assert "the footer says 2 income line(s) totalling 200.00 yuan" in problem
    assert "页脚收入合计 2 笔共 200.00 元" in problem
    assert _data(finance) == before
    # Another Alipay account's statement than the store's (R-X1): refused, nothing changed.
    other = statement_bytes(C_PAID, account="20889999999999990156")
    sent = {"file": ("other.csv", other, "text/csv")}
    answer = client.post(f"{PAGE}/alipay", data={"csrf_token": csrf}, files=sent)
    assert answer.status_code == 409
    refused = _text(answer.text.split('id="import-refused"')[1].split("</p>")[0])
    assert "20889999999999990156" in refused and "未导入任何内容" in refused
    assert "nothing was imported" in refused
    assert _data(finance) == before


def test_only_those_who_may_import_see_the_form_or_can_send_it(
    finance: World, tmp_path: Path
) -> None:
    upload = write_statement_csv(tmp_path / "more.csv", C_PAID)
    before = _data(finance)
    for login in ("ops", "a-finance"):
        client, csrf = _client(finance, login)
        page = client.get(PAGE)
        assert page.status_code == 200
        assert 'id="import-form"' not in page.text
        sent = {"file": (upload.name, upload.read_bytes(), "text/csv")}
        answer = client.post(f"{PAGE}/alipay", data={"csrf_token": csrf}, files=sent)
        assert answer.status_code == 403, login
    assert _data(finance) == before


def test_a_brand_sees_its_own_stores_and_no_other_brands(finance: World) -> None:
    # R-D2: chando's finance person reconciles chando's store ...
    own, _ = _client(finance, "a-finance")
    assert own.get(PAGE).status_code == 200
    assert _by_id(own.get(PAGE).text, "orders-completed") == "7"
    assert own.get(f"{PAGE}/differences.xlsx").status_code == 200
    chooser = own.get("/reconciliation").text
    assert f'value="{STORE}"' in chooser and OTHER_STORE not in chooser
    # ... and pechoin's finance person is told it does not exist, as an unknown store is.
    other, _ = _client(finance, "b-finance")
    refused = other.get(PAGE)
    unknown = other.get("/reconciliation/nobody-tmall/2026-10")
    assert refused.status_code == unknown.status_code == 404
    assert "没有编号为 chando-tmall 的店铺" in refused.text
    assert "没有编号为 nobody-tmall 的店铺" in unknown.text
    for address in (f"{PAGE}/differences.xlsx", f"{PAGE}?cause=missing_receipt"):
        answer = other.get(address)
        assert answer.status_code == 404 and "自然堂" not in answer.text, address
    chosen = other.get("/reconciliation", params={"store": STORE, "month": "2026-10"})
    assert chosen.status_code == 404
    assert other.get(f"/reconciliation/{OTHER_STORE}/2026-10").status_code == 200
    chooser = other.get("/reconciliation").text
    assert f'value="{OTHER_STORE}"' in chooser and f'value="{STORE}"' not in chooser


def test_the_chooser_leads_to_the_month_and_a_bad_month_is_no_page(finance: World) -> None:
    client, _ = _client(finance, "finance")
    chooser = client.get("/reconciliation")
    assert chooser.status_code == 200
    # Last month of the clock's day (2026-11-02, Beijing time) is chosen to start with.
    assert 'value="2026-10"' in chooser.text
    # Each store links to its last three months.
    for month in ("2026-10", "2026-09", "2026-08"):
        assert f'href="/reconciliation/{STORE}/{month}"' in chooser.text
    chosen = client.get("/reconciliation", params={"store": STORE, "month": "2026-10"})
    assert chosen.status_code == 303 and chosen.headers["location"] == PAGE
    bad = client.get(f"/reconciliation/{STORE}/2026-13")
    assert bad.status_code == 404 and "2026-13" in bad.text
    # The navigation leads finance there.
    assert 'href="/reconciliation"' in chooser.text
