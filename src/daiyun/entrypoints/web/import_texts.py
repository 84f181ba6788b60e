"""Page texts of imports by upload: the form, its hints, the history and a job's page."""

from __future__ import annotations

__all__ = ["IMPORT_TEXTS"]

IMPORT_TEXTS: dict[str, tuple[str, str]] = {}
