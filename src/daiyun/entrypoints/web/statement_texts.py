"""Page texts of a statement's actions, their confirmations and what they did."""

from __future__ import annotations

__all__ = ["STATEMENT_TEXTS"]

STATEMENT_TEXTS: dict[str, tuple[str, str]] = {}
