"""The port through which many listing prices are read from one uploaded file (store,sku,price);
bootstrap wires in the reader of adapters/price_file.py."""

from __future__ import annotations

from typing import Protocol

from daiyun.domain.pricing.price_file_rows import PriceFileProblem, PriceFileRow

__all__ = ["PriceFiles"]


class PriceFiles(Protocol):
    """Reads a listing-price file: its rows, and the rows that cannot be read."""

    def read(self, data: bytes) -> tuple[list[PriceFileRow], list[PriceFileProblem]]: ...
