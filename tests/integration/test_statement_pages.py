"""The statement pages (issue 5): the list, a statement whose every figure links to its lines,
the forms that draft, issue and confirm, the written approval record, the audit log page,
the dashboard and the brand portal — and how many SQL statements the main pages cost.

The figures are those worked by hand in test_api_statements.py: remittance ¥396.15.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import event

from daiyun.domain.agency import Store
from daiyun.entrypoints.web.statement_pages import order_path
from tests.integration.statement_world import (
    OCTOBER_FILE,
    add_finance_user,
    october_file,
    wait_for_import,
)
from tests.integration.test_api_statements import business_rows
from tests.integration.web_world import START, World, log_in

PAGE = "/statements/CHANDO-2026/2026-10"
# SQL statements per request, as measured on SQLite (PostgreSQL runs fewer: no BEGIN
# statements) and kept as ceilings: the session check, then a fixed number of queries per
# unit of work of the page, whatever the number of brands, contracts, months or lines.
# The dashboard: 25, and 2 more for late shipments (R-F2: one query with each contract's hours),
# and 1 for the days of delay the brands caused (R-S7: the obligations' termination deadlines),
# and 5 for model B's duties (issue 18: their unit of work and the contracts; with model B
# contracts, 5 more, for all their bills, payments, instalments and deposits at once),
# and 4 for the goods' duties (issue 19: their unit of work, the late orders, the stockouts).
# And 9 for the contract's life (issue 21: its unit of work, the contracts, their objections and
# ends, breach notices and exit evidence, and the ends the statements' duties read, R-C5, R-C6).
# And 5 for the reports owed (issue 20, R-R1: their unit of work, the contracts, their ends and
# the reports made, all contracts at once).
# The lines: 14, and 1 more for the contract's stores, to link each order to its page (R-S8).
SQL_CEILINGS = {"/": 51, "/orders": 8, PAGE: 22, f"{PAGE}/versions/1/lines?figure=spread": 15}


@contextmanager
def counted(world: World) -> Iterator[list[str]]:
    """The SQL statements the engine runs inside the block."""
    seen: list[str] = []

    def count(*args: Any) -> None:
        seen.append(str(args[2]))

    event.listen(world.daiyun.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(world.daiyun.engine, "before_cursor_execute", count)


def _form(client: TestClient, path: str, csrf: str, **fields: str) -> Any:
    return client.post(path, data={"csrf_token": csrf, **fields})


def _drafted_and_issued(world: World) -> tuple[TestClient, str]:
    add_finance_user(world)
    finance = world.client()
    csrf = log_in(finance, "finance")
    started = finance.post(
        "/imports",
        data={"csrf_token": csrf, "store": "chando-tmall"},
        files={"file": (OCTOBER_FILE, october_file(), "text/csv")},
    )
    assert started.status_code == 303, started.text
    job_page = finance.get(started.headers["location"])
    assert 'id="import-bar"' in job_page.text and "/static/import_progress.js" in job_page.text
    job_id = started.headers["location"].rsplit("/", 1)[1]
    assert wait_for_import(finance, f"/api/imports/jobs/{job_id}")["summary"]["stored"] is True
    drafted = _form(finance, "/statements/draft", csrf, contract="CHANDO-2026", month="2026-10")
    assert (drafted.status_code, drafted.headers["location"]) == (303, PAGE)
    return finance, csrf


def test_every_figure_links_to_its_lines_and_the_main_pages_run_few_sql_statements(
    world: World,
) -> None:
    finance, _ = _drafted_and_issued(world)
    page = finance.get(PAGE).text
    assert "应汇货款" in page  # Chinese by default, the glossary's name (issue 15)
    links = dict(re.findall(r'href="([^"]+\?figure=(\w+))"', page))
    assert len(links) == 15 and "/versions/1/lines?figure=remittance" in "".join(links)
    assert re.search(r'figure=remittance">¥396.15</a>', page)
    assert re.search(r'figure=spread">¥6.00</a>', page)
    # R-S5: the contract's platform charges are shown, made of no order lines: no lines page.
    charges = r'figure-platform_charges"><th>平台保证金及年费</th>\s*<td class="num"><span'
    assert re.search(charges, page)
    assert re.search(r'figure-platform_fees_borne"><th>品牌承担平台费用</th>', page)
    lines = finance.get(f"{PAGE}/versions/1/lines?figure=spread").text
    assert 'id="column-sum">¥6.00<' in lines
    # R-S8: each order number opens its order's page.
    assert '<a class="order-link" href="/orders/chando-tmall/2002"><code>2002</code></a>#1' in lines
    assert "<code>2001</code>" not in lines  # sold at guide: no spread (R-S4)
    english = world.client()
    english.cookies.set("daiyun_lang", "en")
    log_in(english, "finance")
    assert "Remittance" in english.get(PAGE).text
    # The main pages run a small, fixed number of SQL statements.
    measured = {}
    for path in SQL_CEILINGS:
        finance.get(path)  # warm: the first request may load what later ones reuse
        with counted(world) as seen:
            assert finance.get(path).status_code == 200
        measured[path] = len(seen)
    assert {p: n for p, n in measured.items() if n > SQL_CEILINGS[p]} == {}, measured
    assert "自然堂 2026年10月对账单" in finance.get("/").text  # waiting: drafted, to issue


def test_a_brand_confirms_in_writing_and_the_audit_log_shows_it(world: World) -> None:
    finance, csrf = _drafted_and_issued(world)
    assert _form(finance, f"{PAGE}/issue", csrf).status_code == 303
    brand = world.client()
    brand_csrf = log_in(brand, "a-finance")
    portal = brand.get("/").text
    assert "品牌门户" in portal and f'href="{PAGE}"' in portal
    # A viewer sees no answer form, and posting it is refused without a change.
    viewer = world.client()
    viewer_csrf = log_in(viewer, "a-viewer")
    assert 'id="confirm"' not in viewer.get(PAGE).text
    before = business_rows(world.daiyun)
    assert _form(viewer, f"{PAGE}/confirm", viewer_csrf).status_code == 403
    assert business_rows(world.daiyun) == before
    assert 'id="confirm"' in brand.get(PAGE).text
    confirmed = _form(brand, f"{PAGE}/confirm", brand_csrf, reason="对账无误")
    assert confirmed.status_code == 303
    page = brand.get(PAGE).text
    assert "书面确认</strong> 由 <code>a-finance</code> · 2026-11-02 09:00 · v1" in page
    audit = brand.get("/audit?entity=statement").text
    assert "确认对账单" in audit and "对账无误" in audit
    assert 'class="audit-statement-confirm"' in audit
    # A second answer is refused on the page with the reason, nothing changed.
    before = business_rows(world.daiyun)
    again = _form(brand, f"{PAGE}/dispute", brand_csrf, reason="太晚了")
    assert again.status_code == 409 and "第 1 版不能提出异议：它已确认" in again.text
    assert business_rows(world.daiyun) == before


def test_a_lines_order_number_opens_its_order_whichever_store_of_the_contract_has_it(
    world: World,
) -> None:
    """R-S8: a line's order number links to /orders/{store}/{order_no}. CHANDO-2026 gets a
    second Tmall store, so the platform alone does not say which store an order is of: the link
    names the store that has it."""
    finance, _ = _drafted_and_issued(world)
    uow = world.daiyun.unit_of_work()
    with uow:
        uow.stores.save(
            Store("chando-a-tmall", "chando", "CHANDO-2026", "tmall", "自然堂二店", None),
            START,
        )
        uow.commit()
    lines = finance.get(f"{PAGE}/versions/1/lines?figure=sales_amount").text
    links = re.findall(r'class="order-link" href="([^"]+)"><code>(\w+)</code>', lines)
    assert links == [("/orders/chando-tmall/2001", "2001"), ("/orders/chando-tmall/2002", "2002")]
    for href, order_no in links:
        order = finance.get(href)
        assert order.status_code == 200 and order_no in order.text, href
    # A brand's person follows the same link to the same order (their brand's, R-D2).
    brand = world.client()
    log_in(brand, "a-finance")
    assert brand.get(links[0][0]).status_code == 200


def test_an_order_number_is_quoted_into_its_address() -> None:
    """Order numbers are the platforms': a slash stays a path separator (the route takes
    {order_no:path}), anything else that is not safe in a path is escaped."""
    assert order_path("chando-tmall", "TB/2026 #7?") == "/orders/chando-tmall/TB/2026%20%237%3F"
    assert order_path("店 1", "A&B") == "/orders/%E5%BA%97%201/A%26B"
