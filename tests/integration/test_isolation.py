"""R-D2: brand A's people try brand B's ids on every route of the API and every page.

The cases are a table keyed by (method, route), checked against the app's own routes (the
OpenAPI schema for the API), so a new route without a case fails the test. A response fails
when it carries any of brand B's data, or when it succeeds although it named one of B's
objects (path, query or body). A list called without B's ids may succeed (with A's data only);
a filter by a B-only value that is not an id (an order number) may answer an empty list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from daiyun.adapters.db.account_tables import api_token, login_attempt, web_session
from daiyun.domain.agency import User
from daiyun.services.accounts.logins import create_token
from tests.alipay_files import StatementRow, statement_bytes
from tests.integration.credential_isolation_cases import CREDENTIAL_PAGE_CASES
from tests.integration.data_export_isolation_cases import DATA_EXPORT_PAGE_CASES
from tests.integration.desk_isolation_cases import (
    DESK_API_CALLS,
    DESK_API_CASES,
    DESK_PAGE_CASES,
)
from tests.integration.export_isolation_cases import EXPORT_API_CALLS, EXPORT_API_CASES
from tests.integration.isolation_call import Call
from tests.integration.lifecycle_isolation_cases import LIFECYCLE_PAGE_CASES
from tests.integration.notification_isolation_cases import NOTIFICATION_PAGE_CASES
from tests.integration.operations_isolation_cases import (
    OPERATIONS_API_CALLS,
    OPERATIONS_API_CASES,
    OPERATIONS_PAGE_CASES,
)
from tests.integration.report_isolation_cases import REPORT_API_CALLS, REPORT_API_CASES
from tests.integration.report_page_isolation_cases import REPORT_PAGE_CASES
from tests.integration.snapshots import database_snapshot
from tests.integration.web_world import B_ORDER, START, World, log_in

B_MARKERS = ("pechoin", "PECHOIN", "百雀羚", "PC-CREAM", "b-admin", "b-finance", B_ORDER)
BRAND_A_PEOPLE = ("a-admin", "a-finance", "a-viewer")
INTRUDER = {"login": "intruder", "role": "brand_viewer", "brand": "pechoin"}
# Rows that authenticating itself writes (a token's last use, a session, an attempt).
_AUTH_TABLES = {api_token.name, web_session.name, login_attempt.name}


# Issue 6: listings, promotions, price violations, repricing tasks, ad spend (brand B's
# store pechoin-tmall, its SKU PC-CREAM-50, a promotion code B11 it might have).
B_PRICE_FILE = {
    "file": ("prices.csv", b"store,sku,price\npechoin-tmall,PC-CREAM-50,139.00\n", "text/csv")
}
B_CATALOG_FILE = {
    "file": (
        "catalog.csv",
        "商家编码,商品名称,类目,零售指导价\nPC-CREAM-50,百雀羚面霜,面霜,1.00\n".encode(),
        "text/csv",
    )
}
B_DRAFT = {
    "code": "B11",
    "name": "steal",
    "stores": ["pechoin-tmall"],
    "prices": {"PC-CREAM-50": "99.00"},
    "start": "2026-11-11T00:00:00",
    "end": "2026-11-12T00:00:00",
    "budget": "1.00",
    "funded_by": "brand",
}
# An Alipay statement for brand B's store: its payment for B's order.
B_ALIPAY_FILE = {
    "file": (
        "202610.csv",
        statement_bytes(
            [StatementRow("2026100600001", income="+139.00", merchant_order_no=f"T200P{B_ORDER}")]
        ),
        "text/csv",
    )
}
B_RETURN = {
    "order_no": B_ORDER,
    "kind": "return",
    "reason": "quality",
    "received_on": "2026-10-08",
    "requested_on": "2026-10-09",
}
# Issue 18: brand B's fee bill and service fee (a model A contract: still never B's to see).
B_FEE_BILL = "/fee-bills/PECHOIN-2026/2026-10"
B_SERVICE_FEE = "/service-fees/PECHOIN-2026"
B_DRAFT_FORM = {
    **{k: v for k, v in B_DRAFT.items() if isinstance(v, str)},
    "stores": "pechoin-tmall",
    "prices": "PC-CREAM-50=99.00",
}


def _plain(method: str, path: str) -> Callable[[str], list[Call]]:
    return lambda _b_token: [Call(method, path, names_b=False)]


def _b(method: str, *paths: str, **params: str) -> Callable[[str], list[Call]]:
    return lambda _b_token: [Call(method, path, dict(params)) for path in paths]


PRICE_API_CASES: dict[tuple[str, str], Callable[[str], list[Call]]] = {
    ("GET", "/api/listings"): _b("GET", "/api/listings", store="pechoin-tmall"),
    ("PUT", "/api/listings/{store}/{sku}/price"): lambda _t: [
        Call("PUT", "/api/listings/pechoin-tmall/PC-CREAM-50/price", json={"price": "139.00"})
    ],
    ("POST", "/api/listings/prices"): lambda _t: [
        Call("POST", "/api/listings/prices", files=B_PRICE_FILE)
    ],
    ("GET", "/api/repricing-tasks"): lambda _t: [
        Call("GET", "/api/repricing-tasks", {"brand": "pechoin"}),
        Call("GET", "/api/repricing-tasks", names_b=False),
    ],
    ("GET", "/api/price-violations"): lambda _t: [
        Call("GET", "/api/price-violations", {"month": "2026-10", "store": "pechoin-tmall"}),
        Call("GET", "/api/price-violations", {"month": "2026-10", "brand": "pechoin"}),
        Call("GET", "/api/price-violations", {"month": "2026-10"}, names_b=False),
    ],
    ("GET", "/api/ad-spend"): _b("GET", "/api/ad-spend", store="pechoin-tmall", month="2026-10"),
    ("POST", "/api/ad-spend"): lambda _t: [
        Call(
            "POST",
            "/api/ad-spend",
            json={
                "store": "pechoin-tmall",
                "month": "2026-10",
                "channel": "直通车",
                "amount": "1.00",
            },
        )
    ],
    ("GET", "/api/promotions"): lambda _t: [
        Call("GET", "/api/promotions", {"brand": "pechoin"}),
        Call("GET", "/api/promotions", names_b=False),
    ],
    ("POST", "/api/promotions/{brand}"): lambda _t: [
        Call("POST", "/api/promotions/pechoin", json=B_DRAFT)
    ],
    ("GET", "/api/promotions/{brand}/{code}"): _b("GET", "/api/promotions/pechoin/B11"),
    ("POST", "/api/promotions/{brand}/{code}/submit"): lambda _t: [
        Call("POST", "/api/promotions/pechoin/B11/submit")
    ],
    ("POST", "/api/promotions/{brand}/{code}/approve"): lambda _t: [
        Call("POST", "/api/promotions/pechoin/B11/approve", json={"version": 1})
    ],
    ("POST", "/api/promotions/{brand}/{code}/reject"): lambda _t: [
        Call("POST", "/api/promotions/pechoin/B11/reject", json={"version": 1, "reason": "no"})
    ],
    ("POST", "/api/brands/{brand}/catalog"): lambda _t: [
        Call("POST", "/api/brands/pechoin/catalog", files=B_CATALOG_FILE)
    ],
}
PRICE_API_CALLS = sum(len(build("")) for build in PRICE_API_CASES.values())

PRICE_PAGE_CASES: dict[tuple[str, str], Callable[[str], list[Call]]] = {
    ("GET", "/listings"): _plain("GET", "/listings"),
    ("GET", "/listings/{store}"): _b("GET", "/listings/pechoin-tmall"),
    ("POST", "/listings/{store}"): lambda _t: [
        Call("POST", "/listings/pechoin-tmall", data={"sku": "PC-CREAM-50", "price": "139.00"})
    ],
    ("POST", "/listings/{store}/upload"): lambda _t: [
        Call("POST", "/listings/pechoin-tmall/upload", data={}, files=B_PRICE_FILE),
        Call("POST", "/listings/chando-tmall/upload", data={}, files=B_PRICE_FILE),
    ],
    ("GET", "/repricing-tasks"): _plain("GET", "/repricing-tasks"),
    ("GET", "/price-violations"): lambda _t: [
        Call("GET", "/price-violations", {"store": "pechoin-tmall", "month": "2026-10"}),
        Call("GET", "/price-violations", {"month": "2026-10"}, names_b=False),
    ],
    ("GET", "/ad-spend"): lambda _t: [
        Call("GET", "/ad-spend", {"store": "pechoin-tmall"}),
        Call("GET", "/ad-spend", names_b=False),
    ],
    ("POST", "/ad-spend"): lambda _t: [
        Call(
            "POST",
            "/ad-spend",
            data={"store": "pechoin-tmall", "month": "2026-10", "channel": "x", "amount": "1.00"},
        )
    ],
    ("GET", "/promotions"): _plain("GET", "/promotions"),
    ("GET", "/promotions/new"): lambda _t: [
        Call("GET", "/promotions/new", {"brand": "pechoin"}),
        Call("GET", "/promotions/new", names_b=False),
    ],
    ("POST", "/promotions/{brand}"): lambda _t: [
        Call("POST", "/promotions/pechoin", data=B_DRAFT_FORM)
    ],
    ("GET", "/promotions/{brand}/{code}"): _b("GET", "/promotions/pechoin/B11"),
    ("GET", "/promotions/{brand}/{code}/edit"): _b("GET", "/promotions/pechoin/B11/edit"),
    ("POST", "/promotions/{brand}/{code}/{action}"): lambda _t: [
        Call("POST", "/promotions/pechoin/B11/submit", data={}),
        Call("POST", "/promotions/pechoin/B11/approve", data={"version": "1"}),
        Call("POST", "/promotions/pechoin/B11/reject", data={"version": "1", "reason": "no"}),
    ],
    ("GET", "/brands/{brand}/guide-prices"): _b("GET", "/brands/pechoin/guide-prices"),
    ("POST", "/brands/{brand}/guide-prices"): lambda _t: [
        Call("POST", "/brands/pechoin/guide-prices", data={}, files=B_CATALOG_FILE)
    ],
}

API_CASES: dict[tuple[str, str], Callable[[str], list[Call]]] = {
    ("GET", "/api/health"): _plain("GET", "/api/health"),
    ("GET", "/api/me"): _plain("GET", "/api/me"),
    ("GET", "/api/brands"): _plain("GET", "/api/brands"),
    ("GET", "/api/brands/{code}"): _b("GET", "/api/brands/pechoin"),
    ("POST", "/api/brands/{code}/disable"): _b("POST", "/api/brands/pechoin/disable"),
    ("GET", "/api/brands/{code}/skus"): _b("GET", "/api/brands/pechoin/skus"),
    ("GET", "/api/brands/{code}/skus/{sku}"): _b(
        "GET", "/api/brands/pechoin/skus/PC-CREAM-50", "/api/brands/chando/skus/PC-CREAM-50"
    ),
    ("GET", "/api/contracts"): lambda _t: [
        Call("GET", "/api/contracts", {"brand": "pechoin"}),
        Call("GET", "/api/contracts", names_b=False),
    ],
    ("GET", "/api/contracts/{code}"): _b("GET", "/api/contracts/PECHOIN-2026"),
    ("GET", "/api/stores"): lambda _t: [
        Call("GET", "/api/stores", {"brand": "pechoin"}),
        Call("GET", "/api/stores", names_b=False),
    ],
    ("GET", "/api/stores/{code}"): _b("GET", "/api/stores/pechoin-tmall"),
    ("GET", "/api/stores/{code}/orders/{order_no}"): _b(
        "GET",
        f"/api/stores/pechoin-tmall/orders/{B_ORDER}",
        f"/api/stores/chando-tmall/orders/{B_ORDER}",
    ),
    ("GET", "/api/orders"): lambda _t: [
        Call("GET", "/api/orders", {"store": "pechoin-tmall"}),
        Call("GET", "/api/orders", {"order_no": B_ORDER}, names_b=False),
        Call("GET", "/api/orders", {"status": "paid", "size": "200"}, names_b=False),
    ],
    ("GET", "/api/imports"): lambda _t: [
        Call("GET", "/api/imports", {"store": "pechoin-tmall"}),
        Call("GET", "/api/imports", names_b=False),
    ],
    ("GET", "/api/users"): _plain("GET", "/api/users"),
    ("POST", "/api/users"): lambda _t: [
        Call(
            "POST",
            "/api/users",
            json={
                "login": "intruder",
                "role": "brand_admin",
                "brand": "pechoin",
                "password": "a long enough password",
            },
        )
    ],
    ("POST", "/api/users/{login}/disable"): _b("POST", "/api/users/b-finance/disable"),
    ("POST", "/api/users/{login}/enable"): _b("POST", "/api/users/b-finance/enable"),
    ("PUT", "/api/users/{login}/role"): lambda _t: [
        Call("PUT", "/api/users/b-finance/role", json={"role": "brand_admin"})
    ],
    ("GET", "/api/tokens"): lambda _t: [
        Call("GET", "/api/tokens", {"login": "b-finance"}),
        Call("GET", "/api/tokens", names_b=False),
    ],
    ("POST", "/api/tokens"): lambda _t: [
        Call("POST", "/api/tokens", json={"name": "steal", "login": "b-finance"})
    ],
    ("DELETE", "/api/tokens/{prefix}"): lambda b_prefix: [
        Call("DELETE", f"/api/tokens/{b_prefix}", {"login": "b-finance"}),
        Call("DELETE", f"/api/tokens/{b_prefix}"),
    ],
    **PRICE_API_CASES,
    **DESK_API_CASES,  # issue 5: statements, payments, obligations, ledger, imports, audit
    **REPORT_API_CASES,  # issue 20: the reports (R-R1)
    **EXPORT_API_CASES,  # issue 20 point 4: the brand's own data (R-R3)
    # Issue 19: a return or exchange request on B's order, and the list of requests (R-F5).
    ("POST", "/api/stores/{code}/returns"): lambda _t: [
        Call("POST", "/api/stores/pechoin-tmall/returns", json=B_RETURN),
        Call("POST", "/api/stores/chando-tmall/returns", json=B_RETURN),
    ],
    ("GET", "/api/returns"): lambda _t: [
        Call("GET", "/api/returns", {"store": "pechoin-tmall"}),
        Call("GET", "/api/returns", names_b=False),
    ],
    **OPERATIONS_API_CASES,  # issue 19: the operations desk's lists (R-F1–R-F4)
}

PAGE_CASES: dict[tuple[str, str], Callable[[str], list[Call]]] = {
    ("GET", "/"): _plain("GET", "/"),
    ("GET", "/brands"): _plain("GET", "/brands"),
    ("GET", "/brands/{code}"): _b("GET", "/brands/pechoin"),
    ("GET", "/orders"): lambda _t: [
        Call("GET", "/orders", {"store": "pechoin-tmall"}),
        Call("GET", "/orders", {"order_no": B_ORDER}, names_b=False),
        Call("GET", "/orders", names_b=False),
    ],
    ("GET", "/admin/users"): _plain("GET", "/admin/users"),
    # A brand admin's form adds to their own brand whatever it says: B is never reached.
    ("POST", "/admin/users"): lambda _t: [
        Call(
            "POST",
            "/admin/users",
            data={
                "login": "intruder",
                "role": "brand_viewer",
                "brand": "pechoin",
                "password": "short",
            },
        ),
    ],
    ("POST", "/admin/users/{login}/{action}"): lambda _t: [
        Call("POST", "/admin/users/b-finance/disable", data={}),
        Call("POST", "/admin/users/b-finance/role", data={"role": "brand_admin"}),
    ],
    # Signing in and out, and the language, concern no brand.
    ("GET", "/login"): _plain("GET", "/login"),
    ("POST", "/logout"): lambda _t: [],
    ("POST", "/logout/everywhere"): lambda _t: [],
    ("POST", "/login"): lambda _t: [],
    ("GET", "/lang/{language}"): _plain("GET", "/lang/en"),
    # The API's description concerns no brand (behind the login like the pages).
    ("GET", "/api/docs"): _plain("GET", "/api/docs"),
    ("HEAD", "/api/docs"): lambda _t: [],
    ("GET", "/api/docs/assets/{name}"): _plain("GET", "/api/docs/assets/swagger-ui.css"),
    ("HEAD", "/api/docs/assets/{name}"): lambda _t: [],
    ("GET", "/api/openapi.json"): _plain("GET", "/api/openapi.json"),
    ("HEAD", "/api/openapi.json"): lambda _t: [],
    # Issue 15: an order's page, the orders' exports, the holiday notices, a held import.
    ("GET", "/orders/{store}/{order_no:path}"): _b("GET", f"/orders/pechoin-tmall/{B_ORDER}"),
    ("GET", "/orders/export.csv"): lambda _t: [
        Call("GET", "/orders/export.csv", {"store": "pechoin-tmall"}),
        Call("GET", "/orders/export.csv", {"order_no": B_ORDER}, names_b=False),
        Call("GET", "/orders/export.csv", names_b=False),
    ],
    ("GET", "/orders/export.xlsx"): lambda _t: [
        Call("GET", "/orders/export.xlsx", {"store": "pechoin-tmall"}),
        Call("GET", "/orders/export.xlsx", names_b=False),
    ],
    ("GET", "/calendar"): _plain("GET", "/calendar"),
    ("POST", "/calendar"): lambda _t: [Call("POST", "/calendar", data={}, names_b=False)],
    ("POST", "/imports/jobs/{job_id}/cancel"): lambda _t: [
        Call("POST", "/imports/jobs/no-such-job/cancel", data={}, names_b=False)
    ],
    ("POST", "/imports/jobs/{job_id}/go-ahead"): lambda _t: [
        Call("POST", "/imports/jobs/no-such-job/go-ahead", data={}, names_b=False)
    ],
    # Issue 17: reconciliation of a store's month, its workbook, an Alipay statement's upload.
    ("GET", "/reconciliation"): lambda _t: [
        Call("GET", "/reconciliation", {"store": "pechoin-tmall", "month": "2026-10"}),
        Call("GET", "/reconciliation", names_b=False),
    ],
    ("GET", "/reconciliation/{store}/{month}"): lambda _t: [
        Call("GET", "/reconciliation/pechoin-tmall/2026-10"),
        Call("GET", "/reconciliation/pechoin-tmall/2026-10", {"cause": "missing_receipt"}),
    ],
    ("GET", "/reconciliation/{store}/{month}/differences.xlsx"): _b(
        "GET", "/reconciliation/pechoin-tmall/2026-10/differences.xlsx"
    ),
    ("POST", "/reconciliation/{store}/{month}/alipay"): lambda _t: [
        Call("POST", "/reconciliation/pechoin-tmall/2026-10/alipay", data={}, files=B_ALIPAY_FILE)
    ],
    # Issue 18: model B's fee bills, service fee and deposit (PECHOIN-2026 is brand B's).
    ("GET", "/fee-bills"): lambda _t: [
        Call("GET", "/fee-bills", {"brand": "pechoin"}),
        Call("GET", "/fee-bills", names_b=False),
    ],
    ("GET", "/fee-bills/{contract}/{month}"): _b("GET", B_FEE_BILL, version="1"),
    ("POST", "/fee-bills/draft"): lambda _t: [
        Call("POST", "/fee-bills/draft", data={"contract": "PECHOIN-2026", "month": "2026-10"})
    ],
    ("GET", "/fee-bills/draft"): lambda _t: [Call("GET", "/fee-bills/draft", names_b=False)],
    ("GET", "/fee-bills/{contract}/{month}/{action}"): _b(
        "GET", f"{B_FEE_BILL}/pay", f"{B_FEE_BILL}/confirm"
    ),
    ("POST", "/fee-bills/{contract}/{month}/{action}"): lambda _t: [
        Call("POST", f"{B_FEE_BILL}/draft", data={}),
        Call("POST", f"{B_FEE_BILL}/issue", data={}),
        Call("POST", f"{B_FEE_BILL}/confirm", data={"reason": "ok"}),
        Call("POST", f"{B_FEE_BILL}/dispute", data={"reason": "no"}),
        Call("POST", f"{B_FEE_BILL}/pay", data={"amount": "1.00", "paid_on": "2026-11-02"}),
    ],
    ("GET", "/fee-bills/{contract}/{month}/versions/{version}/bill.{kind}"): _b(
        "GET", f"{B_FEE_BILL}/versions/1/bill.xlsx", f"{B_FEE_BILL}/versions/1/bill.pdf"
    ),
    ("GET", "/service-fees/{contract}"): _b("GET", B_SERVICE_FEE),
    ("GET", "/service-fees/{contract}/{action}"): _b("GET", f"{B_SERVICE_FEE}/pay"),
    ("POST", "/service-fees/{contract}/{action}"): lambda _t: [
        Call(
            "POST",
            f"{B_SERVICE_FEE}/pay",
            data={"instalment": "1", "amount": "1.00", "paid_on": "2026-11-02"},
        ),
        Call("POST", f"{B_SERVICE_FEE}/receive-deposit", data={"on": "2026-11-02"}),
        Call("POST", f"{B_SERVICE_FEE}/refund-deposit", data={"on": "2026-11-02"}),
        Call("POST", f"{B_SERVICE_FEE}/forfeit-deposit", data={"on": "2026-11-02", "reason": "x"}),
    ],
    **PRICE_PAGE_CASES,
    **DESK_PAGE_CASES,
    **LIFECYCLE_PAGE_CASES,  # issue 21: the contract page and its life (R-C5, R-C6)
    **CREDENTIAL_PAGE_CASES,  # issue 21: store credentials, outages (R-B7, R-B8)
    **NOTIFICATION_PAGE_CASES,  # issue 21: notifications, the obligations' calendar (R-O1)
    **OPERATIONS_PAGE_CASES,  # issue 19: the operations desk
    **REPORT_PAGE_CASES,  # issue 20: the reports' pages and their PDF
    **DATA_EXPORT_PAGE_CASES,  # issue 20 point 4: the brand's data from the portal (R-R3)
}


def _api_routes(client: TestClient) -> set[tuple[str, str]]:
    paths = client.app.openapi()["paths"]  # type: ignore[attr-defined]
    return {(method.upper(), path) for path, operations in paths.items() for method in operations}


def _every_route(client: TestClient) -> list[Any]:
    """The app's routes, those of included routers too (FastAPI keeps an included router's
    routes behind one entry of app.routes)."""
    found = []
    for route in client.app.routes:  # type: ignore[attr-defined]
        if hasattr(route, "effective_route_contexts"):
            found.extend(route.effective_route_contexts())
        else:
            found.append(route)
    return found


def _page_routes(client: TestClient) -> set[tuple[str, str]]:
    return {
        (method, route.path)
        for route in _every_route(client)
        if getattr(route, "methods", None) and not getattr(route, "include_in_schema", True)
        for method in route.methods
    }


def test_the_page_routes_are_found(world: World) -> None:
    """The check below must see the pages themselves, or it would check nothing."""
    routes = {path for _, path in _page_routes(world.client())}
    assert {"/", "/orders", "/statements", "/admin/users"} <= routes


def _failure(call: Call, status: int, body: str) -> str | None:
    # A refusal may say back what was asked ("no brand with code 'pechoin'"): that is the
    # caller's own word, not B's data; anything else of B's is a leak.
    asked = f"{call.path} {call.params} {call.json} {call.data}"
    leaked = [marker for marker in B_MARKERS if marker in body and marker not in asked]
    if leaked:
        return f"{call.method} {call.path} {call.params} answered {status} with B's {leaked}"
    if call.names_b and status < 400:
        return f"{call.method} {call.path} {call.params} named B's object and got {status}"
    return None


def _b_token_prefix(world: World) -> str:
    b_finance = User("b-finance", "b-finance", *_role_and_brand("b-finance"))
    _, stored = create_token(
        world.daiyun.unit_of_work(), b_finance, login="b-finance", name="b's", now=START
    )
    return stored.prefix


def _role_and_brand(login: str) -> tuple[Any, str | None]:
    from tests.integration.web_world import PEOPLE

    _, role, brand = next(person for person in PEOPLE if person[0] == login)
    return role, brand


def _without_auth_rows(world: World) -> dict[str, list[tuple[Any, ...]]]:
    snapshot = database_snapshot(world.daiyun)
    return {name: rows for name, rows in snapshot.items() if name not in _AUTH_TABLES}


def test_every_api_route_and_page_has_an_isolation_case(world: World) -> None:
    client = world.client()
    assert sorted(_api_routes(client) - set(API_CASES)) == []
    assert sorted(_page_routes(client) - set(PAGE_CASES)) == []
    assert sorted(set(API_CASES) - _api_routes(client)) == []


@pytest.mark.parametrize("login", BRAND_A_PEOPLE)
def test_brand_a_people_get_nothing_of_brand_b_from_the_api(world: World, login: str) -> None:
    role, brand = _role_and_brand(login)
    token, _ = create_token(
        world.daiyun.unit_of_work(),
        User(login, login, role, brand),
        login=login,
        name="t",
        now=START,
    )
    b_prefix = _b_token_prefix(world)
    client = world.client()
    headers = {"Authorization": f"Bearer {token}"}
    before = _without_auth_rows(world)
    failures, calls = [], 0
    for build in API_CASES.values():
        for call in build(b_prefix):
            answer = client.request(
                call.method,
                call.path,
                params=call.params,
                json=call.json,
                headers=headers,
                files=call.files,
            )
            calls += 1
            assert answer.status_code < 500, (call, answer.text)
            failures.append(_failure(call, answer.status_code, answer.text))
    assert [failure for failure in failures if failure] == []
    # Every case ran: 22 routes, some with two or three calls, issue 19's 4, and issue 6's.
    assert calls == 31 + 4 + PRICE_API_CALLS + DESK_API_CALLS + REPORT_API_CALLS + (
        OPERATIONS_API_CALLS + EXPORT_API_CALLS
    )
    assert _without_auth_rows(world) == before


@pytest.mark.parametrize("login", BRAND_A_PEOPLE)
def test_brand_a_people_get_nothing_of_brand_b_from_the_pages(world: World, login: str) -> None:
    client = world.client()
    csrf = log_in(client, login)
    failures = []
    for build in PAGE_CASES.values():
        for call in build(""):
            data = None if call.data is None else {**call.data, "csrf_token": csrf}
            answer = client.request(
                call.method, call.path, params=call.params, data=data, files=call.files
            )
            assert answer.status_code < 500, (call, answer.text)
            failures.append(_failure(call, answer.status_code, answer.text))
    assert [failure for failure in failures if failure] == []
    with world.daiyun.unit_of_work() as uow:
        assert uow.users.get("intruder") is None
        assert [u.login for u in uow.users.list_all() if u.brand_code == "pechoin"] == [
            "b-admin",
            "b-finance",
        ]
        assert all(u.is_active for u in uow.users.list_all())
    with world.daiyun.engine.connect() as connection:
        assert connection.execute(select(api_token.c.id)).all() == []
