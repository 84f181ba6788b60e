"""Page texts of users and the forms shared by promotions and prices."""

from __future__ import annotations

__all__ = ["USER_TEXTS"]

USER_TEXTS: dict[str, tuple[str, str]] = {}
