"""The problems of one reading of order files: the first 10,000 kept, every one counted.

Each kept problem is small, however large the file (issue 16, point 6): its column and message
are cut to a few hundred characters (shown_text), whatever a reader put in them; the value stays
as the cell held it (a CSV cell is at most 131,072 characters), and its printed form
(ImportProblem.__str__) shows only its start.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from daiyun.adapters.platforms.cells import Failure
from daiyun.domain.orders.records import ImportProblem
from daiyun.domain.orders.shown import shown_text

__all__ = ["KEPT_PROBLEMS", "ProblemLog"]

KEPT_PROBLEMS = 10_000
# Longest column name and message kept: every message daiyun writes is shorter.
_LONGEST_COLUMN = 100
_LONGEST_MESSAGE = 2_000


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
            self.kept.append(_small(ImportProblem(file, row, column, value, message)))

    def take(self, problem: ImportProblem) -> None:
        """Note a problem another reader made."""
        self.count += 1
        if len(self.kept) < self.cap:
            self.kept.append(_small(problem))

    def add_failures(self, file: str, row: int, failures: Iterable[Failure]) -> None:
        """Note each cell of a row that could not be taken."""
        for failure in failures:
            self.add(file, row, failure.column, failure.value, failure.message)


def _small(problem: ImportProblem) -> ImportProblem:
    """The problem with its column and message cut short, should a reader have made them long."""
    column = shown_text(problem.column, _LONGEST_COLUMN)
    message = shown_text(problem.message, _LONGEST_MESSAGE)
    if column is problem.column and message is problem.message:
        return problem
    return dataclasses.replace(problem, column=column, message=message)
