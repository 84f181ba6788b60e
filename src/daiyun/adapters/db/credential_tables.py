"""Tables of store credentials and outages (issue 21, R-B7, R-B8)."""

from __future__ import annotations

from daiyun.adapters.db.metadata import metadata

__all__ = ["metadata"]
