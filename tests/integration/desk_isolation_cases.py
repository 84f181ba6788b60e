"""R-D2 cases of the statement, payment, obligation, ledger, import and audit routes: brand A's
people name brand B's objects (PECHOIN-2026, pechoin-tmall, an import of B's). The isolation
test (test_isolation.py) merges these tables; test_desk_isolation.py runs them with B's
statement issued and B's import done, so that there is something to leak."""

from __future__ import annotations

from collections.abc import Callable

from tests.integration.isolation_call import Call

__all__ = ["B_STATEMENT", "DESK_API_CALLS", "DESK_API_CASES", "DESK_PAGE_CASES"]

B_STATEMENT = "/api/statements/PECHOIN-2026/2026-10"
_B_PAGE = "/statements/PECHOIN-2026/2026-10"
_B_FILE = {"file": ("b.csv", b"order_no\n880089\n", "text/csv")}
_PAYMENT = {"amount": "1.00", "paid_on": "2026-11-02"}
_EXCUSE = {"from": "2026-11-16", "to": "2026-11-16", "reason": "品牌方原因"}  # R-S7
_EXCUSE_FORM = {"excused_from": "2026-11-16", "excused_to": "2026-11-16", "reason": "品牌方原因"}


Cases = dict[tuple[str, str], Callable[[str], list[Call]]]


def _b(method: str, *paths: str, **params: str) -> Callable[[str], list[Call]]:
    return lambda _job: [Call(method, path, dict(params)) for path in paths]


def _list(path: str, **b_params: str) -> Callable[[str], list[Call]]:
    return lambda _job: [Call("GET", path, dict(b_params)), Call("GET", path, names_b=False)]


DESK_API_CASES: Cases = {
    ("GET", "/api/statements"): lambda _job: [
        Call("GET", "/api/statements", {"brand": "pechoin"}),
        Call("GET", "/api/statements", {"contract": "PECHOIN-2026"}),
        Call("GET", "/api/statements", names_b=False),
    ],
    ("GET", "/api/statements/{contract}/{month}"): _b("GET", B_STATEMENT),
    ("GET", "/api/statements/{contract}/{month}/versions/{version}/lines"): _b(
        "GET", f"{B_STATEMENT}/versions/1/lines", figure="sales_amount"
    ),
    ("GET", "/api/statements/{contract}/{month}/versions/{version}/statement.{kind}"): _b(
        "GET", f"{B_STATEMENT}/versions/1/statement.xlsx", f"{B_STATEMENT}/versions/1/statement.pdf"
    ),
    ("POST", "/api/statements/{contract}/{month}/draft"): _b("POST", f"{B_STATEMENT}/draft"),
    ("POST", "/api/statements/{contract}/{month}/issue"): _b("POST", f"{B_STATEMENT}/issue"),
    ("POST", "/api/statements/{contract}/{month}/confirm"): lambda _job: [
        Call("POST", f"{B_STATEMENT}/confirm", json={"reason": "ok"})
    ],
    ("POST", "/api/statements/{contract}/{month}/dispute"): lambda _job: [
        Call("POST", f"{B_STATEMENT}/dispute", json={"reason": "no"})
    ],
    ("POST", "/api/statements/{contract}/{month}/payments"): lambda _job: [
        Call("POST", f"{B_STATEMENT}/payments", json=_PAYMENT)
    ],
    ("POST", "/api/statements/{contract}/{month}/penalty-payments"): lambda _job: [
        Call("POST", f"{B_STATEMENT}/penalty-payments", json=_PAYMENT)  # R-S7
    ],
    ("POST", "/api/statements/{contract}/{month}/excused-delays"): lambda _job: [
        Call("POST", f"{B_STATEMENT}/excused-delays", json=_EXCUSE)
    ],
    ("GET", "/api/obligations"): _list("/api/obligations", brand="pechoin"),
    ("GET", "/api/brands/{code}/account"): _b("GET", "/api/brands/pechoin/account"),
    ("GET", "/api/audit"): _list("/api/audit", brand="pechoin"),
    ("POST", "/api/imports"): lambda _job: [
        Call("POST", "/api/imports", data={"store": "pechoin-tmall"}, files=_B_FILE)
    ],
    ("GET", "/api/imports/jobs/{job_id}"): lambda job: [Call("GET", f"/api/imports/jobs/{job}")],
}
DESK_API_CALLS = sum(len(build("")) for build in DESK_API_CASES.values())

DESK_PAGE_CASES: Cases = {
    ("GET", "/statements"): _list("/statements", brand="pechoin"),
    ("GET", "/statements/{contract}/{month}"): _b("GET", _B_PAGE),
    ("GET", "/statements/{contract}/{month}/versions/{version}/lines"): _b(
        "GET", f"{_B_PAGE}/versions/1/lines", figure="remittance"
    ),
    ("POST", "/statements/draft"): lambda _job: [
        Call("POST", "/statements/draft", data={"contract": "PECHOIN-2026", "month": "2026-10"})
    ],
    # A form's address opened (issue 15): the statement, for those who may see it.
    ("GET", "/statements/draft"): lambda _job: [Call("GET", "/statements/draft", names_b=False)],
    ("GET", "/statements/{contract}/{month}/{action}"): _b(
        "GET", f"{_B_PAGE}/pay", f"{_B_PAGE}/confirm"
    ),
    ("POST", "/statements/{contract}/{month}/{action}"): lambda _job: [
        Call("POST", f"{_B_PAGE}/draft", data={}),
        Call("POST", f"{_B_PAGE}/issue", data={}),
        Call("POST", f"{_B_PAGE}/confirm", data={"reason": "ok"}),
        Call("POST", f"{_B_PAGE}/dispute", data={"reason": "no"}),
        Call("POST", f"{_B_PAGE}/pay", data=_PAYMENT),
        Call("POST", f"{_B_PAGE}/excuse", data=_EXCUSE_FORM),
    ],
    ("GET", "/imports"): lambda _job: [Call("GET", "/imports", names_b=False)],
    ("POST", "/imports"): lambda _job: [
        Call("POST", "/imports", data={"store": "pechoin-tmall"}, files=_B_FILE)
    ],
    ("GET", "/imports/jobs/{job_id}"): lambda job: [Call("GET", f"/imports/jobs/{job}")],
    ("GET", "/obligations"): _list("/obligations", brand="pechoin"),
    ("GET", "/audit"): _list("/audit", brand="pechoin"),
}
