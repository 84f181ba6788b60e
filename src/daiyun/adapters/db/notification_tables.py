"""Tables of in-app notifications and reminders (issue 21, R-O1)."""

from __future__ import annotations

from daiyun.adapters.db.metadata import metadata

__all__ = ["metadata"]
