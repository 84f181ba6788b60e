"""Why a catalog file, or one cell of it, cannot be accepted: file, row, column, value, why."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CatalogProblem"]


@dataclass(frozen=True)
class CatalogProblem:
    """Why a catalog file, or one cell of it, cannot be accepted; row 0 is the file as a whole."""

    file: str
    row: int
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        place = self.file if self.row == 0 else f"{self.file} row {self.row}"
        if self.column:
            place += f", {self.column}"
            if self.value:
                place += f" '{self.value}'"
        return f"{place}: {self.message}"
