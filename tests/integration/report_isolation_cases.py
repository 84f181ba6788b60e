"""R-D2 cases of the report routes (issue 20): brand A's people name brand B's contract
(PECHOIN-2026) to list, make and read its reports. test_isolation.py merges this table;
test_reports_api.py runs them with B's report made, so that there is something to leak."""

from __future__ import annotations

from collections.abc import Callable

from tests.integration.isolation_call import Call

__all__ = ["B_REPORT", "REPORT_API_CALLS", "REPORT_API_CASES"]

B_REPORT = "/api/reports/PECHOIN-2026/monthly/2026-10"
_MAKE_B = {"contract": "PECHOIN-2026", "kind": "monthly", "period": "2026-10"}


Cases = dict[tuple[str, str], Callable[[str], list[Call]]]

REPORT_API_CASES: Cases = {
    ("GET", "/api/reports"): lambda _t: [Call("GET", "/api/reports", {"contract": "PECHOIN-2026"})],
    ("POST", "/api/reports"): lambda _t: [Call("POST", "/api/reports", json=_MAKE_B)],
    ("GET", "/api/reports/{contract}/{kind}/{period}"): lambda _t: [Call("GET", B_REPORT)],
}
REPORT_API_CALLS = sum(len(build("")) for build in REPORT_API_CASES.values())
