"""One request of the brand-isolation tables (R-D2): test_isolation.py and every
*_isolation_cases.py build their cases of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Call"]


@dataclass(frozen=True)
class Call:
    """One request; `names_b` when it names one of brand B's objects (it must not succeed)."""

    method: str
    path: str
    params: dict[str, str] = field(default_factory=dict)
    json: dict[str, Any] | None = None
    data: dict[str, str] | None = None
    names_b: bool = True
    files: dict[str, tuple[str, bytes, str]] | None = None
