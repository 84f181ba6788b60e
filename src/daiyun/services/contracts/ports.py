"""The port through which the catalogue's use cases read a brand's catalog file (CSV or XLSX);
bootstrap wires in the reader of adapters/catalog_file.py."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from daiyun.domain.catalog import CatalogEntry
from daiyun.domain.catalog.problem import CatalogProblem

__all__ = ["CatalogFiles"]


class CatalogFiles(Protocol):
    """Reads catalog files as interfaces.md's "Catalog file" describes them: every entry and
    every problem, each problem named by file, row and column."""

    def read_file(self, path: Path) -> tuple[list[CatalogEntry], list[CatalogProblem]]: ...
    def read_upload(
        self, name: str, data: bytes
    ) -> tuple[list[CatalogEntry], list[CatalogProblem]]: ...
