"""The problems of one reading of order files: the first 10,000 kept, every one counted."""

from __future__ import annotations

from collections.abc import Iterable

from daiyun.adapters.platforms.cells import Failure
from daiyun.domain.orders.records import ImportProblem

__all__ = ["KEPT_PROBLEMS", "ProblemLog"]

KEPT_PROBLEMS = 10_000


class ProblemLog:
    """Problems as readers find them; past the cap they are counted but not kept."""

    def __init__(self, cap: int = KEPT_PROBLEMS) -> None:
        self.cap = cap
        self.kept: list[ImportProblem] = []
        self.count = 0

    def add(self, file: str, row: int, column: str, value: str, message: str) -> None:
        """Note one problem: the file, the row (1 is the header), the column, the value and why."""
        self.count += 1
        if len(self.kept) < self.cap:
            self.kept.append(ImportProblem(file, row, column, value, message))

    def take(self, problem: ImportProblem) -> None:
        """Note a problem another reader made."""
        self.count += 1
        if len(self.kept) < self.cap:
            self.kept.append(problem)

    def add_failures(self, file: str, row: int, failures: Iterable[Failure]) -> None:
        """Note each cell of a row that could not be taken."""
        for failure in failures:
            self.add(file, row, failure.column, failure.value, failure.message)
