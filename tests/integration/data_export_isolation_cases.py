"""R-D2 cases of the portal's data export (issue 20 point 4, R-R3): brand A's people ask the
form for brand B (pechoin) and download B's datasets by the address; each must be 404 before
any byte, as an unknown brand. test_isolation.py merges this table into PAGE_CASES;
test_brand_data_pages.py runs it too."""

from __future__ import annotations

from collections.abc import Callable

from tests.integration.export_isolation_cases import ASKED
from tests.integration.isolation_call import Call

__all__ = ["DATA_EXPORT_PAGE_CASES"]

DATA_EXPORT_PAGE_CASES: dict[tuple[str, str], Callable[[str], list[Call]]] = {
    ("GET", "/data-export"): lambda _t: [
        Call("GET", "/data-export", {"brand": "pechoin"}),
        Call("GET", "/data-export", {"brand": "pechoin", "dataset": "lines", "format": "csv"}),
        Call("GET", "/data-export", names_b=False),  # their own brand only
    ],
    ("GET", "/data-export/{code}/{dataset}.{file_format}"): lambda _t: (
        [
            Call("GET", f"/data-export/pechoin/{dataset}.{fmt}", {"to": "2026-10-31"})
            for dataset, fmt in ASKED
        ]
        + [
            Call(
                "GET", "/data-export/pechoin/lines.csv", {"from": "2026-11-01", "to": "2026-10-01"}
            )
        ]
    ),
}
