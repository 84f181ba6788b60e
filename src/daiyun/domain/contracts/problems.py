"""Problems found in a contract file, reported all together with file, line and field."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable
from dataclasses import dataclass

__all__ = ["ContractFileError", "ContractProblem", "unknown_key_message"]

# Up to this many known keys are listed in full when no close match is found.
_KEYS_LISTED_IN_FULL = 12


@dataclass(frozen=True)
class ContractProblem:
    """One thing wrong in a contract file: where it is and what a clerk should fix."""

    source: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        place = self.source if self.line is None else f"{self.source}:{self.line}"
        return (
            f"{place}: {self.field}: {self.message}" if self.field else f"{place}: {self.message}"
        )


class ContractFileError(ValueError):
    """A contract file or set of terms that cannot be used; `problems` lists every reason."""

    def __init__(self, problems: Iterable[ContractProblem]) -> None:
        self.problems: tuple[ContractProblem, ...] = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


def unknown_key_message(key: str, known: Collection[str]) -> str:
    """Say a key is unknown, suggesting the closest known key (or listing the few there are)."""
    guesses = difflib.get_close_matches(key, list(known), n=1)
    if guesses:
        return f"unknown key; did you mean {guesses[0]}?"
    if len(known) <= _KEYS_LISTED_IN_FULL:
        return f"unknown key; expected one of {', '.join(known)}"
    return "unknown key"
