"""Page texts of orders: the list, its search and sorting, an order's page, exports."""

from __future__ import annotations

__all__ = ["ORDER_TEXTS"]

ORDER_TEXTS: dict[str, tuple[str, str]] = {}
