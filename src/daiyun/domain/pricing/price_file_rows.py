"""A listing-price file as read: its rows (store, SKU, price) and the rows that cannot be read."""

from __future__ import annotations

from dataclasses import dataclass

from daiyun.domain.money import Money

__all__ = ["PriceFileProblem", "PriceFileRow"]


@dataclass(frozen=True, slots=True)
class PriceFileRow:
    """One row: its number in the file (the header is row 1), the store, SKU and price."""

    row: int
    store: str
    sku: str
    price: Money


@dataclass(frozen=True, slots=True)
class PriceFileProblem:
    """A row that cannot be read, and why."""

    row: int
    message: str
