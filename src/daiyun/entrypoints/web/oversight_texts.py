"""Page texts of the dashboard, the brand portal, obligations, the audit log and the calendar."""

from __future__ import annotations

__all__ = ["OVERSIGHT_TEXTS"]

OVERSIGHT_TEXTS: dict[str, tuple[str, str]] = {}
