"""The reports' pages (issue 20 point 3, R-R1, R-R2, R-D2) on SQLite and PostgreSQL: the list of
a contract's reports owed with their on-time flags, a report made from the page, its page
showing the figures of a month worked by hand, the chart data (JSON) carrying the very numbers
of the tables under the charts, the PDF download, and a brand's people seeing only their own
brand's reports (another's is 404, with nothing of it in the answer and nothing changed).

The world (web_world.py): chando (A, CHANDO-2026, store chando-tmall) with order A_ORDER paid
2026-10-05 09:01 by tb_buyer_1 in 浙江省 (2 creams, 278.00); two more October orders are added
here (Beijing time):

| order | paid | buyer | province | lines |
| --- | --- | --- | --- | --- |
| A_ORDER | 10-05 09:01 | tb_buyer_1 | 浙江省 | 2 cream 278.00 |
| RP-2 | 10-20 21:15 | tb_buyer_2 | 上海市 | 1 cream 139.00 (shipping 8.00, excluded) |
| RP-3 | 10-20 09:30 | tb_buyer_1 | 浙江省 | 3 cream 417.00 |

October: 3 orders, 2 + 1 + 3 = 6 units, 278.00 + 139.00 + 417.00 = 834.00; buyers 2, both new
(no paid order before October), none repeat. By day: 10-05 278.00, 10-20 139.00 + 417.00 =
556.00. By hour: 09 278.00 + 417.00 = 695.00 (2 orders, 5 units), 21 139.00. By province:
浙江省 695.00, 上海市 139.00. Due 10-31 + 3 = 11-03; made 11-02 09:00: on time."""

from __future__ import annotations

import io
import json
import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from tests.builders import daiyun_order_row, write_daiyun_orders
from tests.integration.cli_runner import run_daiyun
from tests.integration.report_page_isolation_cases import B_REPORT_PAGE, REPORT_PAGE_CASES
from tests.integration.snapshots import database_snapshot
from tests.integration.web_world import World, log_in

A_REPORT = "/reports/CHANDO-2026/monthly/2026-10"
_AUTH_TABLES = {"api_token", "web_session", "login_attempt"}


@pytest.fixture
def october(world: World, tmp_path: Path) -> World:
    rows = [
        daiyun_order_row("RP-2", sku="CD-CREAM-50", units="1", line_amount="139.00",
                         shipping="8.00", created_at="2026-10-20 21:10:00",
                         paid_at="2026-10-20 21:15:00", buyer_key="tb_buyer_2",
                         province="上海市", city="上海市"),
        daiyun_order_row("RP-3", sku="CD-CREAM-50", units="3", line_amount="417.00",
                         created_at="2026-10-20 09:29:00", paid_at="2026-10-20 09:30:00"),
    ]  # fmt: skip
    path = write_daiyun_orders(tmp_path / "october.csv", rows)
    result = run_daiyun(
        world.database_url, "orders", "import", "--store", "chando-tmall", "--as-of",
        "2026-11-01T10:00:00+08:00", str(path),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return world


def _make(world: World, contract: str) -> None:
    client = world.client()
    csrf = log_in(client, "ops")
    data = {"contract": contract, "kind": "monthly", "period": "2026-10", "csrf_token": csrf}
    made = client.post("/reports", data=data)
    assert made.status_code == 303, made.text
    assert made.headers["location"] == f"/reports/{contract}/monthly/2026-10"


def _charts(page: str) -> dict[str, dict[str, Any]]:
    found = re.search(
        r'<script type="application/json" id="report-chart-data">(.*?)</script>', page, re.S
    )
    assert found is not None
    return {chart["key"]: chart for chart in json.loads(found.group(1))}


def _table(page: str, key: str) -> list[list[str]]:
    """The rows of the table under chart `key`: its category, then each column's value."""
    found = re.search(rf'<table class="chart-table" id="table-{key}">(.*?)</table>', page, re.S)
    assert found is not None, key
    body = found.group(1).split("<tbody>")[1]
    return [
        [unescape(cell.strip()) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def test_a_report_made_from_the_page_shows_the_month_worked_by_hand(october: World) -> None:
    client = october.client()
    log_in(client, "ops")
    listed = client.get("/reports", params={"contract": "CHANDO-2026"}).text
    # Not made yet: October is owed, due 11-03, open on 11-02.
    assert 'id="report-monthly-2026-10"' in listed and "2026-11-03" in listed
    assert "未制作" in listed and 'id="report-make-form"' in listed and "data-confirm" in listed
    _make(october, "CHANDO-2026")
    listed = client.get("/reports", params={"contract": "CHANDO-2026"}).text
    row = listed.split('id="report-monthly-2026-10"')[1].split("</tr>")[0]
    assert "按时" in row and "已按时完成" in row and f'href="{A_REPORT}"' in row  # R-R1
    page = client.get(A_REPORT)
    assert page.status_code == 200
    text = page.text
    for figure, value in (("orders", "3"), ("units", "6"), ("amount", "834.00")):
        assert f'id="fig-{figure}">{value}</dd>' in text, figure
    assert 'id="fig-buyers">2 (新客 2 / 老客 0)' in text
    assert 'id="report-on-time">按时' in text and "2026-11-03" in text
    assert "/static/vendor/echarts/echarts.min.js" in text and "/static/report_charts.js" in text
    assert "cdn" not in text.lower()
    assert _table(text, "day") == [
        ["2026-10-05", "278.00", "1", "2"],
        ["2026-10-20", "556.00", "2", "4"],
    ]
    assert _table(text, "hour") == [["09", "695.00", "2", "5"], ["21", "139.00", "1", "1"]]
    assert _table(text, "province") == [
        ["上海市", "139.00", "1", "1"],
        ["浙江省", "695.00", "2", "5"],
    ]
    assert _table(text, "platform") == [["天猫", "834.00", "3", "6"]]
    assert _table(text, "customers") == [["新客", "2"], ["老客", "0"]]
    # The browsing section says it is not available, in the reader's language.
    assert "暂无浏览数据" in text
    english = october.client()
    english.cookies.set("daiyun_lang", "en")
    log_in(english, "a-viewer")
    shown = english.get(A_REPORT).text
    assert "Browsing data is not available" in shown and "Sales by day" in shown


def test_the_chart_data_carries_the_numbers_of_the_tables(october: World) -> None:
    _make(october, "CHANDO-2026")
    client = october.client()
    log_in(client, "a-admin")  # chando's own admin reads chando's report
    page = client.get(A_REPORT).text
    charts = _charts(page)
    assert set(charts) >= {"day", "hour", "province", "platform", "store", "top", "falling"}
    assert set(charts) >= {"bands", "return_reasons", "refund_reasons", "customers", "segments"}
    for key, chart in charts.items():
        columns = [[str(v) for v in series["values"]] for series in chart["series"]]
        from_json = [
            [name, *(column[index] for column in columns)]
            for index, name in enumerate(chart["categories"])
        ]
        if chart["categories"]:
            assert _table(page, key) == from_json, key
    assert charts["day"]["kind"] == "line" and charts["hour"]["kind"] == "bar"
    assert charts["day"]["series"][0]["values"] == ["278.00", "556.00"]


def test_the_report_pdf_downloads_with_its_figures(october: World) -> None:
    _make(october, "CHANDO-2026")
    client = october.client()
    log_in(client, "a-finance")
    answer = client.get(f"{A_REPORT}/pdf")
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(answer.content))
    first = re.sub(r"[\s\x00]+", "", reader.pages[0].extract_text())
    assert "CHANDO-2026" in first and "2026-10" in first and "¥834.00" in first
    assert sum(len(page.images) for page in reader.pages) == 14


def test_a_bad_period_from_the_form_is_said_and_nothing_is_made(october: World) -> None:
    client = october.client()
    csrf = log_in(client, "ops")
    before = _rows(october)
    data = {"contract": "CHANDO-2026", "kind": "monthly", "period": "2026-13", "csrf_token": csrf}
    answer = client.post("/reports", data=data)
    assert answer.status_code == 422 and 'id="reports-error"' in answer.text
    assert _rows(october) == before


def _rows(world: World) -> dict[str, list[tuple[Any, ...]]]:
    snapshot = database_snapshot(world.daiyun)
    return {name: rows for name, rows in snapshot.items() if name not in _AUTH_TABLES}


@pytest.mark.parametrize("login", ["a-admin", "a-finance", "a-viewer"])
def test_brand_a_people_get_404_for_brand_b_reports(october: World, login: str) -> None:
    """R-D2: B's report made first, so that there is something to leak."""
    _make(october, "PECHOIN-2026")
    client = october.client()
    csrf = log_in(client, login)
    before = _rows(october)
    calls = [call for build in REPORT_PAGE_CASES.values() for call in build("")]
    for call in calls:
        data = None if call.data is None else {**call.data, "csrf_token": csrf}
        answer = client.request(call.method, call.path, params=call.params, data=data)
        if call.names_b:  # the refusal may say back the code asked for, nothing of B's
            assert answer.status_code == 404, (call, answer.status_code)
        else:
            assert answer.status_code == 200 and "PECHOIN" not in answer.text, call
        assert "PC-CREAM" not in answer.text and "百雀羚" not in answer.text, call
    own = client.get("/reports").text
    assert "CHANDO-2026" in own and "PECHOIN-2026" not in own
    assert client.get(B_REPORT_PAGE).status_code == 404
    assert _rows(october) == before
