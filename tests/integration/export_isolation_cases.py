"""R-D2 cases of the brand data export's routes (issue 20 point 4, R-R3): brand A's people ask
for brand B's (pechoin's) data, each dataset in a format; each must be 404 before any byte.
test_isolation.py merges this table into its API cases."""

from __future__ import annotations

from collections.abc import Callable

from tests.integration.isolation_call import Call

__all__ = ["ASKED", "EXPORT_API_CALLS", "EXPORT_API_CASES"]


# Each dataset once, in one of the formats (the page cases ask the same).
ASKED = [
    ("orders", "csv"),
    ("lines", "parquet"),
    ("refunds", "xlsx"),
    ("statements", "csv"),
    ("bills", "parquet"),
]

EXPORT_API_CASES: dict[tuple[str, str], Callable[[str], list[Call]]] = {
    ("GET", "/api/brands/{code}/export/{dataset}"): lambda _t: [
        Call("GET", f"/api/brands/pechoin/export/{dataset}", {"format": fmt})
        for dataset, fmt in ASKED
    ],
}
EXPORT_API_CALLS = sum(len(build("")) for build in EXPORT_API_CASES.values())
