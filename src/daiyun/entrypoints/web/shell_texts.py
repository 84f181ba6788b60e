"""Page texts of the frame every page shares: navigation by role, notices, error pages."""

from __future__ import annotations

__all__ = ["SHELL_TEXTS"]

SHELL_TEXTS: dict[str, tuple[str, str]] = {}
