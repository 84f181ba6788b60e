"""Excused delays over the API and the pages (R-S7, R-D2): agency finance records the days the
brand caused the delay of payment; the brand's people see them, read-only.

The statement is test_api_statements.py's: remittance ¥396.15, confirmed on 2 Nov 2026, so due
on 15 Nov (the later of the 15th and the 3rd working day after). R-S7 charges 0.3% a day of the
unpaid ¥396.15: 39,615 fen × 0.003 = 118.845 fen a day.
"""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.integration.statement_world import confirmed_then_21_november
from tests.integration.test_api_statements import DRAFT, business_rows
from tests.integration.web_world import World, log_in

STATEMENT = "/api/statements/CHANDO-2026/2026-10"
PAGE = "/statements/CHANDO-2026/2026-10"
REASON = "品牌方更换收款账户"
SPAN = {"from": "2026-11-18", "to": "2026-11-20", "reason": REASON}


def _session(world: World, login: str) -> tuple[TestClient, dict[str, str]]:
    client = world.client()
    return client, {"X-CSRF-Token": log_in(client, login)}


def test_agency_finance_excuses_a_span_and_the_brand_sees_it(world: World) -> None:
    confirmed_then_21_november(world)
    finance, csrf = _session(world, "finance")
    # R-S7 as of 21 Nov: 16–21 Nov are 6 days late: 6 × 118.845 = 713.07 fen → 7.13.
    assert finance.get(STATEMENT).json()["penalty_accrued"] == "7.13"
    # 18–20 Nov excused: 16, 17 and 21 Nov remain, 3 × 118.845 = 356.535 fen → 3.57.
    recorded = finance.post(f"{STATEMENT}/excused-delays", json=SPAN, headers=csrf)
    assert recorded.status_code == 201, recorded.text
    span = {
        "from": "2026-11-18", "to": "2026-11-20", "days": 3, "reason": REASON,
        "recorded_by": "finance", "recorded_at": "2026-11-21T10:00:00+08:00",
    }  # fmt: skip
    assert list(recorded.json()) == list(DRAFT)  # the Statement JSON, `excused_delays` last
    assert recorded.json() | {"excused_delays": None} == DRAFT | {
        "status": "confirmed", "confirm_by": "2026-11-09", "payment_due": "2026-11-15",
        "penalty_accrued": "3.57", "excused_delays": None,
    }  # fmt: skip
    assert recorded.json()["excused_delays"] == [span]

    brand, _ = _session(world, "a-finance")
    shown = brand.get(STATEMENT).json()
    assert (shown["penalty_accrued"], shown["excused_delays"]) == ("3.57", [span])
    audit = brand.get("/api/audit", params={"entity": "statement"}).json()
    assert (audit[0]["action"], audit[0]["actor"], audit[0]["reason"]) == (
        "statement.excuse_delay",
        "finance",
        REASON,
    )


def test_only_agency_finance_and_admins_excuse_delays(world: World) -> None:
    """R-D2: the brand does not excuse itself; B's people are told A's statement is not there."""
    confirmed_then_21_november(world)
    before = business_rows(world.daiyun)
    for login, status, said in (
        ("a-finance", 403, "user a-finance (brand_finance) may not record payments"),
        ("a-admin", 403, "user a-admin (brand_admin) may not record payments"),
        ("a-viewer", 403, "user a-viewer (brand_viewer) may not record payments"),
        ("ops", 403, "user ops (store_operations) may not record payments"),
        ("b-finance", 404, "no contract with code 'CHANDO-2026'"),
    ):
        client, csrf = _session(world, login)
        answer = client.post(f"{STATEMENT}/excused-delays", json=SPAN, headers=csrf)
        assert (answer.status_code, answer.json()["detail"]) == (status, said), login
    assert business_rows(world.daiyun) == before


def test_a_refused_span_answers_409_saying_why_and_changes_nothing(world: World) -> None:
    confirmed_then_21_november(world)
    finance, csrf = _session(world, "finance")
    assert finance.post(f"{STATEMENT}/excused-delays", json=SPAN, headers=csrf).status_code == 201
    before = business_rows(world.daiyun)
    overlapping = {"from": "2026-11-20", "to": "2026-11-21", "reason": "又一次"}
    answer = finance.post(f"{STATEMENT}/excused-delays", json=overlapping, headers=csrf)
    assert answer.status_code == 409
    assert answer.json()["detail"] == (
        "cannot excuse 2026-11-20..2026-11-21 for statement CHANDO-2026/2026-10: the span "
        "2026-11-20..2026-11-21 overlaps the span 2026-11-18..2026-11-20 (recorded by finance "
        "on 2026-11-21): spans of one statement may not overlap; record only the days not "
        "excused yet"
    )
    missing = finance.post(
        f"{STATEMENT}/excused-delays", json={"to": "2026-11-21", "reason": "x"}, headers=csrf
    )
    assert missing.status_code == 422
    assert business_rows(world.daiyun) == before


def test_the_statement_page_lists_the_spans_and_finance_records_one_by_form(
    world: World,
) -> None:
    confirmed_then_21_november(world)
    finance = world.client()
    csrf = log_in(finance, "finance")
    assert 'id="excuse-form"' in finance.get(PAGE).text
    form = {"csrf_token": csrf, "excused_from": "2026-11-18", "excused_to": "2026-11-20"}
    answer = finance.post(f"{PAGE}/excuse", data=form | {"reason": REASON})
    assert (answer.status_code, answer.headers.get("location")) == (303, PAGE), answer.text
    # The same span again: refused on the page, saying why (R-S7), nothing changed.
    before = business_rows(world.daiyun)
    again = finance.post(f"{PAGE}/excuse", data=form | {"reason": REASON})
    assert again.status_code == 409
    assert "2026-11-18..2026-11-20 已登记过（finance 于 2026-11-21 登记）" in again.text
    assert business_rows(world.daiyun) == before

    brand = world.client()
    log_in(brand, "a-finance")
    page = brand.get(PAGE).text
    assert 'id="excused-delays"' in page and REASON in page and "3.57" in page
    assert 'id="excuse-form"' not in page  # read-only for the brand (R-D2)
