"""R-D2 cases of the brand data export's routes (issue 20 point 4, R-R3): brand A's people ask
for brand B's (pechoin's) data, each dataset in a format; each must be 404 before any byte.
test_isolation.py merges this table into its API cases."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["EXPORT_API_CALLS", "EXPORT_API_CASES", "Call"]


@dataclass(frozen=True)
class Call:
    """One request (the same fields as test_isolation.Call); `names_b`: must not succeed."""

    method: str
    path: str
    params: dict[str, str] = field(default_factory=dict)
    json: dict[str, Any] | None = None
    data: dict[str, str] | None = None
    names_b: bool = True
    files: dict[str, tuple[str, bytes, str]] | None = None


_ASKED = [
    ("orders", "csv"),
    ("lines", "parquet"),
    ("refunds", "xlsx"),
    ("statements", "csv"),
    ("bills", "parquet"),
]

EXPORT_API_CASES: dict[tuple[str, str], Callable[[str], list[Call]]] = {
    ("GET", "/api/brands/{code}/export/{dataset}"): lambda _t: [
        Call("GET", f"/api/brands/pechoin/export/{dataset}", {"format": fmt})
        for dataset, fmt in _ASKED
    ],
}
EXPORT_API_CALLS = sum(len(build("")) for build in EXPORT_API_CASES.values())
