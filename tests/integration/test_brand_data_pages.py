"""The brand's own data export from the portal (issue 20 point 4, R-R3, R-D2) on SQLite and
PostgreSQL: `/data-export`'s form, and the download it leads to, streamed through the same
export as the API, signed in by the session cookie.

The world is test_brand_data_export.py's: chando (model A, store chando-tmall) with the
world's order A_ORDER paid 2026-10-05 09:01 Beijing (1 line, 2 × ¥139.00 = ¥278.00) and the
hand-made orders

| order | paid (Beijing) | lines |
| --- | --- | --- |
| E-1 | 10-20 23:30 | 1: 2 creams ¥278.00; 2: 1 cream ¥139.00, refunded ¥139.00 |
| E-2 | 11-01 00:10 (10-31 16:10 UTC) | 1: 1 cream ¥139.00 |

so chando has 4 lines: 278.00 + 278.00 + 139.00 + 139.00 = ¥834.00, ¥139.00 refunded; paid
by 10-31 (Beijing) only 3 of them, 278.00 + 278.00 + 139.00 = ¥695.00 (E-2 is November's in
Beijing though October's in UTC). pechoin (model A too) has its one order B_ORDER, one line.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from decimal import Decimal
from html import unescape
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from daiyun.domain.agency import Role
from daiyun.services.accounts.users import add_user
from tests.integration.data_export_isolation_cases import DATA_EXPORT_PAGE_CASES
from tests.integration.fulfilment_world import import_orders
from tests.integration.snapshots import database_snapshot
from tests.integration.test_brand_data_export import HAND_MADE
from tests.integration.web_world import A_ORDER, B_ORDER, START, World, hash_of_password, log_in

_AUTH_TABLES = {"api_token", "web_session", "login_attempt"}
_OPTION = re.compile(r'<option value="([a-z]+)"')


@pytest.fixture
def exported(world: World, tmp_path: Path) -> World:
    import_orders(world.database_url, tmp_path, HAND_MADE, "2026-11-01T10:00:00", "hand")
    return world


def _signed_in(world: World, login: str) -> TestClient:
    client = world.client()
    log_in(client, login)
    return client


def _unchanged(world: World) -> dict[str, list[tuple[Any, ...]]]:
    snapshot = database_snapshot(world.daiyun)
    return {name: rows for name, rows in snapshot.items() if name not in _AUTH_TABLES}


def _rows(content: bytes, fmt: str) -> list[dict[str, Any]]:
    """The file's rows as dicts, read by csv, openpyxl or pyarrow."""
    if fmt == "csv":
        assert content.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for Chinese
        return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    if fmt == "parquet":
        return list(pq.read_table(io.BytesIO(content)).to_pylist())
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    values = list(workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    return [dict(zip(values[0], row, strict=False)) for row in values[1:]]


def _yuan(value: object) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def _offered(page: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S)
    assert select is not None, page
    return _OPTION.findall(select.group(1))


def test_a_brand_user_downloads_their_lines_as_csv_and_reads_them_back(exported: World) -> None:
    client = _signed_in(exported, "a-viewer")
    page = client.get("/data-export")
    assert page.status_code == 200
    assert 'href="/data-export" aria-current="page"' in page.text  # the navigation's link
    # R-R3: the orders' three and the statements, chando's contract being model A (R-C2); a
    # brand user chooses no brand (R-D2).
    assert _offered(page.text, "dataset") == ["orders", "lines", "refunds", "statements"]
    assert _offered(page.text, "format") == ["csv", "xlsx", "parquet"]
    assert 'name="brand"' not in page.text
    sent = client.get(
        "/data-export", params={"dataset": "lines", "format": "csv", "from": "", "to": "2026-10-31"}
    )
    assert sent.status_code == 303
    assert sent.headers["location"] == "/data-export/chando/lines.csv?to=2026-10-31"
    answer = client.get(sent.headers["location"])
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/csv")
    # The API's very header (RFC 6266: an ASCII fallback and the UTF-8 name).
    assert answer.headers["content-disposition"] == (
        "attachment; filename=\"chando-lines.csv\"; filename*=UTF-8''chando-lines.csv"
    )
    rows = _rows(answer.content, "csv")
    # Paid by 10-31 in Beijing: A_ORDER's line and E-1's two; E-2 (11-01 00:10) left out.
    assert [(r["order_no"], r["line_no"]) for r in rows] == [
        (A_ORDER, "1"), ("E-1", "1"), ("E-1", "2"),
    ]  # fmt: skip
    assert [_yuan(r["line_amount"]) for r in rows] == [
        Decimal("278.00"), Decimal("278.00"), Decimal("139.00"),
    ]  # fmt: skip
    assert sum(_yuan(r["line_amount"]) for r in rows) == Decimal("695.00")
    assert sum(_yuan(r["refunded"]) for r in rows) == Decimal("139.00")
    assert {r["store"] for r in rows} == {"chando-tmall"}  # never pechoin's (R-D2)


@pytest.mark.parametrize("fmt", ["xlsx", "parquet"])
def test_xlsx_and_parquet_open_and_hold_every_line(exported: World, fmt: str) -> None:
    client = _signed_in(exported, "a-finance")
    answer = client.get(f"/data-export/chando/lines.{fmt}")
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-disposition"] == (
        f"attachment; filename=\"chando-lines.{fmt}\"; filename*=UTF-8''chando-lines.{fmt}"
    )
    rows = _rows(answer.content, fmt)
    # No range: all 4 lines, 278.00 + 278.00 + 139.00 + 139.00 = 834.00.
    assert sorted(str(r["order_no"]) for r in rows) == sorted([A_ORDER, "E-1", "E-1", "E-2"])
    assert sum(_yuan(r["line_amount"]) for r in rows) == Decimal("834.00")
    assert sum(_yuan(r["refunded"]) for r in rows) == Decimal("139.00")


def test_the_agencys_people_choose_a_brand(exported: World) -> None:
    client = _signed_in(exported, "admin")
    page = client.get("/data-export", params={"brand": "pechoin"})
    assert page.status_code == 200
    assert _offered(page.text, "brand") == ["chando", "pechoin"]  # those they see, by code
    assert re.search(r"<option value=\"pechoin\" selected>", page.text)
    sent = client.get(
        "/data-export", params={"brand": "pechoin", "dataset": "orders", "format": "csv"}
    )
    assert sent.headers["location"] == "/data-export/pechoin/orders.csv"
    rows = _rows(client.get(sent.headers["location"]).content, "csv")
    assert [r["order_no"] for r in rows] == [B_ORDER]  # pechoin's one order


def test_another_brands_export_is_an_unknown_brand_and_writes_nothing(exported: World) -> None:
    client = _signed_in(exported, "a-admin")
    before = _unchanged(exported)
    other = client.get("/data-export/pechoin/lines.csv")
    unknown = client.get("/data-export/nobody/lines.csv")
    assert (other.status_code, unknown.status_code) == (404, 404)
    assert "text/html" in other.headers["content-type"]
    assert "content-disposition" not in other.headers
    assert other.text.replace("pechoin", "X") == unknown.text.replace("nobody", "X")
    form = client.get("/data-export", params={"brand": "pechoin"})
    assert form.status_code == 404 and "百雀羚" not in form.text
    for build in DATA_EXPORT_PAGE_CASES.values():
        for call in build(""):
            answer = client.get(call.path, params=call.params)
            assert answer.status_code == (404 if call.names_b else 200), call
            assert B_ORDER not in answer.text and "百雀羚" not in answer.text
    assert _unchanged(exported) == before


def test_a_role_without_view_statements_is_not_offered_them_and_refused(exported: World) -> None:
    add_user(
        exported.daiyun.unit_of_work(), login="cs", role=Role.CUSTOMER_SERVICE, brand_code=None,
        display_name=None, password="correct horse battery", hash_password=hash_of_password,
        at=START - timedelta(days=1), actor="test",
    )  # fmt: skip
    client = _signed_in(exported, "cs")
    page = client.get("/data-export", params={"brand": "chando"})
    # Customer service may see orders, not statements (domain/permissions.py).
    assert _offered(page.text, "dataset") == ["orders", "lines", "refunds"]
    before = _unchanged(exported)
    refused = client.get("/data-export/chando/statements.csv")
    assert refused.status_code == 403 and "content-disposition" not in refused.headers
    sent = client.get(
        "/data-export", params={"brand": "chando", "dataset": "statements", "format": "csv"}
    )
    assert sent.status_code == 422
    assert "请从列表中选择数据" in unescape(sent.text)
    assert _unchanged(exported) == before


def _error(page: str) -> str:
    found = re.search(r'<p class="message error field-error" role="alert" id="export-error">'
                      r"(.*?)</p>", page)  # fmt: skip
    assert found is not None, page
    return unescape(found.group(1))


def test_a_bad_range_is_said_beside_the_form_in_chinese_and_english(exported: World) -> None:
    client = _signed_in(exported, "a-viewer")
    before = _unchanged(exported)
    backwards = {"dataset": "lines", "format": "csv", "from": "2026-11-01", "to": "2026-10-01"}
    answer = client.get("/data-export", params=backwards)
    assert answer.status_code == 422
    assert _error(answer.text) == "起始日 2026-11-01 晚于截止日 2026-10-01"
    assert 'value="2026-11-01"' in answer.text  # the form keeps what was typed
    # The download's address itself: the form again, no file.
    direct = client.get("/data-export/chando/lines.csv", params={"from": "2026-10-1x"})
    assert direct.status_code == 422 and "content-disposition" not in direct.headers
    assert _error(direct.text) == "起始日：2026-10-1x 不是日期，请写成 YYYY-MM-DD，例如 2026-10-01"
    client.cookies.set("daiyun_lang", "en")
    english = client.get("/data-export", params=backwards)
    assert _error(english.text) == "From 2026-11-01 is after to 2026-10-01"
    bad_day = client.get("/data-export", params={**backwards, "from": "10/1"})
    assert _error(bad_day.text) == "From: 10/1 is not a day; write YYYY-MM-DD, e.g. 2026-10-01"
    assert _unchanged(exported) == before
