"""R-D2 cases of the operations desk's routes (issue 19, point 7): brand A's people name brand
B's brand (pechoin), store (pechoin-tmall), order (880088), SKU and mis-shipments on the desk
page, its forms and the API's lists. test_isolation.py merges these tables; in its world B's
order 880088 is paid and unshipped past its 72 hours — an open breach that must not leak."""

from __future__ import annotations

from collections.abc import Callable

from tests.integration.isolation_call import Call

__all__ = ["OPERATIONS_API_CALLS", "OPERATIONS_API_CASES", "OPERATIONS_PAGE_CASES"]

_B_ORDER = "880088"


Cases = dict[tuple[str, str], Callable[[str], list[Call]]]


def _lists(path: str, *b_params: dict[str, str]) -> Callable[[str], list[Call]]:
    """B named by each of `b_params` (must not succeed), and the list without a filter (A's
    own only)."""
    return lambda _t: [
        *(Call("GET", path, params) for params in b_params),
        Call("GET", path, names_b=False),
    ]


OPERATIONS_API_CASES: Cases = {
    ("GET", "/api/shipping/breaches"): lambda _t: [
        Call("GET", "/api/shipping/breaches", {"store": "pechoin-tmall", "month": "2026-10"}),
        Call(
            "GET",
            "/api/shipping/breaches",
            {"store": "chando-tmall", "month": "2026-10"},
            names_b=False,
        ),
    ],
    ("GET", "/api/stockouts"): _lists(
        "/api/stockouts", {"brand": "pechoin"}, {"store": "pechoin-tmall"}
    ),
    ("GET", "/api/misshipments"): _lists(
        "/api/misshipments", {"brand": "pechoin"}, {"store": "pechoin-tmall"}
    ),
    ("GET", "/api/stock/{brand}"): lambda _t: [Call("GET", "/api/stock/pechoin")],
}
OPERATIONS_API_CALLS = sum(len(build("")) for build in OPERATIONS_API_CASES.values())

OPERATIONS_PAGE_CASES: Cases = {
    ("GET", "/operations"): _lists(
        "/operations",
        {"brand": "pechoin"},
        {"store": "pechoin-tmall"},
        {"brand": "chando", "store": "pechoin-tmall"},
    ),
    ("POST", "/operations/stockouts/done"): lambda _t: [
        Call(
            "POST",
            "/operations/stockouts/done",
            data={
                "brand": "pechoin",
                "sku": "PC-CREAM-50",
                "store": "pechoin-tmall",
                "note": "已下架",
            },
        ),
    ],
    ("POST", "/operations/returns/receive"): lambda _t: [
        Call(
            "POST",
            "/operations/returns/receive",
            data={"store": "pechoin-tmall", "order": _B_ORDER, "line": "1", "on": "2026-11-02"},
        ),
    ],
    # R-F5: a return request for B's order recorded from the desk (issue 19 point 5).
    ("POST", "/operations/returns"): lambda _t: [
        Call(
            "POST",
            "/operations/returns",
            data={
                "store": "pechoin-tmall",
                "order": _B_ORDER,
                "line": "1",
                "kind": "return",
                "quality": "1",
                "received_on": "2026-10-30",
                "requested_on": "2026-11-01",
            },
        ),
    ],
    ("POST", "/operations/misshipments/{misshipment_id}/seen"): lambda _t: [
        Call("POST", "/operations/misshipments/1/seen", data={}),
    ],
}
