"""Tables of reports (issue 20)."""

from __future__ import annotations

from daiyun.adapters.db.metadata import metadata

__all__ = ["metadata"]
