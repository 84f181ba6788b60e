"""Penalty payments over the API (R-S7, R-D2): agency finance pays the brand the late penalty
posted when a statement was paid in full; the brand's people see it, read-only.

The statement is test_api_statements.py's: remittance ¥396.15, confirmed on 2 Nov 2026, so due
on 15 Nov. R-S7 charges 0.3% a day of the unpaid ¥396.15: 39,615 fen × 0.003 = 118.845 fen a
day. Paid in full on 21 Nov: 16–21 Nov are 6 days, 6 × 118.845 = 713.07 fen, rounded half-up
once when posted: ¥7.13 owed to the brand.
"""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.integration.statement_world import confirmed_then_21_november
from tests.integration.test_api_statements import business_rows
from tests.integration.web_world import World, log_in

STATEMENT = "/api/statements/CHANDO-2026/2026-10"
FIRST = {"amount": "3.00", "paid_on": "2026-11-21"}


def _session(world: World, login: str) -> tuple[TestClient, dict[str, str]]:
    client = world.client()
    return client, {"X-CSRF-Token": log_in(client, login)}


def _settled_late(world: World) -> None:
    """Confirmed, then paid in full on 21 Nov, 6 days late: ¥7.13 of penalty posted."""
    confirmed_then_21_november(world)
    finance, csrf = _session(world, "finance")
    paid = finance.post(
        f"{STATEMENT}/payments", json={"amount": "396.15", "paid_on": "2026-11-21"}, headers=csrf
    )
    assert paid.status_code == 201, paid.text
    body = paid.json()
    assert (body["status"], body["penalty_posted"], body["penalty_paid"]) == (
        "settled", "7.13", "0.00",
    )  # fmt: skip


def test_agency_finance_pays_the_penalty_in_two_parts_and_the_brand_sees_it(
    world: World,
) -> None:
    """R-S7: 7.13 posted; 3.00 paid leaves 4.13 owed; 4.13 more clears it."""
    _settled_late(world)
    finance, csrf = _session(world, "finance")
    first = finance.post(f"{STATEMENT}/penalty-payments", json=FIRST, headers=csrf)
    assert first.status_code == 201, first.text
    assert (first.json()["penalty_posted"], first.json()["penalty_paid"]) == ("7.13", "3.00")
    account = finance.get("/api/brands/chando/account").json()
    assert account["owed_to_brand"] == "4.13"

    second = finance.post(
        f"{STATEMENT}/penalty-payments",
        json={"amount": "4.13", "paid_on": "2026-11-21"},
        headers=csrf,
    )
    assert second.status_code == 201, second.text
    assert second.json()["penalty_paid"] == "7.13"
    assert finance.get("/api/brands/chando/account").json()["owed_to_brand"] == "0.00"

    brand, _ = _session(world, "a-viewer")
    seen = brand.get(STATEMENT).json()
    assert (seen["penalty_accrued"], seen["penalty_posted"], seen["penalty_paid"]) == (
        "7.13", "7.13", "7.13",
    )  # fmt: skip


def test_only_agency_finance_and_admins_pay_the_penalty(world: World) -> None:
    """R-D2: the brand does not record what it was paid; B's people are told A's statement is
    not there."""
    _settled_late(world)
    before = business_rows(world.daiyun)
    for login, status, said in (
        ("a-finance", 403, "user a-finance (brand_finance) may not record payments"),
        ("a-admin", 403, "user a-admin (brand_admin) may not record payments"),
        ("a-viewer", 403, "user a-viewer (brand_viewer) may not record payments"),
        ("ops", 403, "user ops (store_operations) may not record payments"),
        ("b-finance", 404, "no contract with code 'CHANDO-2026'"),
    ):
        client, csrf = _session(world, login)
        answer = client.post(f"{STATEMENT}/penalty-payments", json=FIRST, headers=csrf)
        assert (answer.status_code, answer.json()["detail"]) == (status, said), login
    assert business_rows(world.daiyun) == before


def test_a_refused_penalty_payment_answers_409_saying_why_and_changes_nothing(
    world: World,
) -> None:
    _settled_late(world)
    finance, csrf = _session(world, "finance")
    before = business_rows(world.daiyun)
    over = finance.post(
        f"{STATEMENT}/penalty-payments",
        json={"amount": "7.14", "paid_on": "2026-11-21"},
        headers=csrf,
    )
    assert over.status_code == 409
    assert over.json()["detail"] == (
        "cannot pay the late penalty of statement CHANDO-2026/2026-10: a penalty payment of "
        "7.14 is more than is owed: 7.13 is owed of the late penalty of 7.13"
    )
    malformed = finance.post(f"{STATEMENT}/penalty-payments", json={"amount": "1"}, headers=csrf)
    assert malformed.status_code == 422
    assert business_rows(world.daiyun) == before


PAGE = "/statements/CHANDO-2026/2026-10"


def test_the_statement_page_shows_the_posted_penalty_and_takes_its_payment(
    world: World,
) -> None:
    """R-S7 on the page: 7.13 posted, nothing paid; agency finance pays 3.00 with the form,
    leaving 4.13 owed (7.13 − 3.00); more than is owed is refused saying why, nothing changed;
    the brand's people see the figures, not the form (R-D2)."""
    _settled_late(world)
    finance = world.client()
    csrf = log_in(finance, "finance")
    page = finance.get(PAGE).text
    assert 'id="penalty-form"' in page and 'id="penalty-posted"' in page and "7.13" in page
    form = {"csrf_token": csrf, "amount": "3.00", "paid_on": "2026-11-21"}
    answer = finance.post(f"{PAGE}/pay-penalty", data=form)
    assert (answer.status_code, answer.headers.get("location")) == (303, PAGE), answer.text
    paid = finance.get(PAGE).text
    assert "已付 ¥3.00，尚欠 ¥4.13" in paid  # the page speaks Chinese unless asked otherwise

    before = business_rows(world.daiyun)
    over = finance.post(f"{PAGE}/pay-penalty", data=form | {"amount": "4.14"})
    assert over.status_code == 409
    assert "滞纳金付款 4.14 超过欠款：滞纳金 7.13 中尚欠 4.13" in over.text
    assert business_rows(world.daiyun) == before

    brand = world.client()
    log_in(brand, "a-finance")
    seen = brand.get(PAGE).text
    assert 'id="penalty-posted"' in seen and 'id="penalty-form"' not in seen
