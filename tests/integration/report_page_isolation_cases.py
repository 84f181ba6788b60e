"""R-D2 cases of the reports' pages (issue 20 point 3): brand A's people name brand B's
contract (PECHOIN-2026) to list, make, read and download its report. test_isolation.py merges
this table into PAGE_CASES; test_report_pages.py runs it with B's report made, so that there is
something to leak."""

from __future__ import annotations

from collections.abc import Callable

from tests.integration.isolation_call import Call

__all__ = ["B_REPORT_PAGE", "REPORT_PAGE_CASES"]

B_REPORT_PAGE = "/reports/PECHOIN-2026/monthly/2026-10"
_MAKE_B = {"contract": "PECHOIN-2026", "kind": "monthly", "period": "2026-10"}

REPORT_PAGE_CASES: dict[tuple[str, str], Callable[[str], list[Call]]] = {
    ("GET", "/reports"): lambda _t: [
        Call("GET", "/reports", {"contract": "PECHOIN-2026"}),
        Call("GET", "/reports", names_b=False),  # their own contracts only
    ],
    ("POST", "/reports"): lambda _t: [Call("POST", "/reports", data=dict(_MAKE_B))],
    ("GET", "/reports/{contract}/{kind}/{period}"): lambda _t: [Call("GET", B_REPORT_PAGE)],
    ("GET", "/reports/{contract}/{kind}/{period}/pdf"): lambda _t: [
        Call("GET", f"{B_REPORT_PAGE}/pdf")
    ],
}
