"""Ports of the brand data export (R-R3): the rows read in batches, and a format's writer."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from types import TracebackType
from typing import BinaryIO, Protocol, Self

from daiyun.domain.brand_data import DataColumn, Dataset

__all__ = [
    "BrandDataQueries",
    "BrandDataUnitOfWork",
    "DatasetWriter",
    "Row",
]


Row = tuple[object, ...]


class BrandDataQueries(Protocol):
    def brand_exists(self, brand_code: str) -> bool: ...

    def batches(
        self,
        dataset: Dataset,
        *,
        brand_code: str,
        paid_from: date | None,
        paid_to: date | None,
        batch_size: int,
    ) -> Iterator[Sequence[Row]]:
        """The brand's rows of `dataset` in the columns' order, `batch_size` at a time, read
        with a server-side cursor (never the whole set in memory)."""
        ...


class BrandDataUnitOfWork(Protocol):
    @property
    def brand_data(self) -> BrandDataQueries: ...

    def __enter__(self) -> Self: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...


class DatasetWriter(Protocol):
    """One format: writes the header, then batch after batch, to `sink` as it goes."""

    def write(
        self,
        sink: BinaryIO,
        *,
        title: str,
        columns: Sequence[DataColumn],
        batches: Iterator[Sequence[Row]],
    ) -> int:
        """Write every row; the number of rows written."""
        ...
