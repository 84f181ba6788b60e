"""Reading the tables of a parsed contract file key by key, logging each problem at its line."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from datetime import date, datetime
from enum import StrEnum
from typing import Literal, TypeVar

from daiyun.domain.contracts.choices import read_choice
from daiyun.domain.contracts.key_lines import KeyLines
from daiyun.domain.contracts.problems import ContractProblem, unknown_key_message
from daiyun.domain.contracts.term_values import (
    TermValueError,
    read_term_value,
    shown_value,
)
from daiyun.domain.money import Money, Rate

__all__ = ["ProblemLog", "Table", "read_date"]

Choice = TypeVar("Choice", bound=StrEnum)
Check = Callable[[object], str | None]

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def read_date(raw: object) -> date:
    """A date written as a TOML date or as "YYYY-MM-DD"; ValueError saying why otherwise."""
    if isinstance(raw, datetime):
        return _refuse_time(raw)
    if isinstance(raw, date):
        return raw
    if isinstance(raw, str) and _ISO_DATE.match(raw):
        try:
            return date.fromisoformat(raw)
        except ValueError:
            raise ValueError(f"{raw!r} is not a date on the calendar") from None
    shown = repr(raw) if isinstance(raw, str) else str(raw)
    raise ValueError(f"{shown} is not a date; write it as YYYY-MM-DD, e.g. 2026-01-05")


def _refuse_time(moment: datetime) -> date:
    shown = moment.isoformat(sep=" ")
    raise ValueError(f"{shown} has a time of day; write the date alone: {moment.date()}")


class ProblemLog:
    """The problems found so far in one file, each placed at the line of its key."""

    def __init__(self, source: str, key_lines: KeyLines) -> None:
        self.source = source
        self.key_lines = key_lines
        self.problems: list[ContractProblem] = []

    def add(self, path: str, message: str) -> None:
        """Record a problem with the key at `path`."""
        line = self.key_lines.line_of(path)
        self.problems.append(ContractProblem(self.source, line, path, message))


class Table:
    """One table of a contract file, read key by key; bad or missing values are logged."""

    def __init__(self, values: Mapping[str, object], path: str, log: ProblemLog) -> None:
        self.values = values
        self.path = path
        self.log = log

    def path_of(self, key: str) -> str:
        """The full path of one of this table's keys."""
        return f"{self.path}.{key}" if self.path else key

    def refuse_unknown(self, known: Collection[str]) -> None:
        """Log every key this table should not have (interfaces: unknown keys are an error)."""
        for key in self.values:
            if key not in known:
                self.log.add(self.path_of(key), unknown_key_message(key, known))

    def has(self, key: str) -> bool:
        """True when the table gives `key`."""
        return key in self.values

    def required(self, key: str) -> object | None:
        """The raw value of a key the file must give; None (logged) when missing."""
        if key not in self.values:
            self.log.add(self.path_of(key), "missing; this key is required")
            return None
        return self.values[key]

    def text(self, key: str, check: Check, default: str | None = None) -> str | None:
        """A text value that passes `check`; `default` when absent (required when None)."""
        raw = self.values.get(key, default) if default is not None else self.required(key)
        if raw is None:
            return None
        if not isinstance(raw, str):
            self.log.add(self.path_of(key), f"{shown_value(raw)} is not text; write it in quotes")
            return None
        return raw if self._passes(key, raw, check) else None

    def whole_number(self, key: str, default: int, check: Check) -> int | None:
        """A whole number that passes `check`, or `default` when absent."""
        raw = self.values.get(key, default)
        if type(raw) is not int:
            self.log.add(self.path_of(key), f"{shown_value(raw)} is not a whole number")
            return None
        return raw if self._passes(key, raw, check) else None

    def amount(self, key: str, default: Money) -> Money | None:
        """An amount of yuan, 0 or more, or `default` when absent."""
        value = self._term(key, "amount")
        return default if key not in self.values else value if isinstance(value, Money) else None

    def rate(self, key: str, default: Rate) -> Rate | None:
        """A rate from 0 to 1 written as a decimal string, or `default` when absent."""
        value = self._term(key, "rate")
        return default if key not in self.values else value if isinstance(value, Rate) else None

    def flag(self, key: str, default: bool) -> bool | None:
        """true or false, or `default` when absent."""
        raw = self.values.get(key, default)
        if isinstance(raw, bool):
            return raw
        self.log.add(self.path_of(key), f"{shown_value(raw)} is not true or false")
        return None

    def date_of(self, key: str, default: date | None = None) -> date | None:
        """A date, or `default` when absent (required when None)."""
        raw = self.values.get(key, default) if default is not None else self.required(key)
        if raw is None:
            return None
        try:
            return read_date(raw)
        except ValueError as error:
            self.log.add(self.path_of(key), str(error))
            return None

    def optional_date_of(self, key: str) -> tuple[bool, date | None]:
        """Whether an optional date was read without problems, and the date (None when absent)."""
        if key not in self.values:
            return True, None
        day = self.date_of(key)
        return day is not None, day

    def choice(self, key: str, choices: type[Choice], what: str) -> Choice | None:
        """A required value from a closed list."""
        raw = self.required(key)
        return None if raw is None else self._choice(self.path_of(key), raw, choices, what)

    def choices(
        self,
        key: str,
        choices: type[Choice],
        what: str,
        synonyms: Mapping[str, Choice] | None = None,
    ) -> tuple[Choice, ...] | None:
        """An array of values from a closed list, each problem logged at `key[n]` (from 1)."""
        raw = self.values.get(key)
        if not isinstance(raw, list):
            self.log.add(self.path_of(key), f'{shown_value(raw)} is not a list; write ["…", "…"]')
            return None
        read = [
            self._choice(f"{self.path_of(key)}[{number}]", each, choices, what, synonyms)
            for number, each in enumerate(raw, start=1)
        ]
        members = [member for member in read if member is not None]
        return tuple(dict.fromkeys(members)) if len(members) == len(read) else None

    def table(self, key: str) -> Table | None:
        """A sub-table; None when absent; logged when it is not a table."""
        raw = self.values.get(key)
        if raw is None:
            return None
        if not isinstance(raw, dict):
            self.log.add(self.path_of(key), f"{shown_value(raw)} is not a table")
            return None
        return Table(raw, self.path_of(key), self.log)

    def _choice(
        self,
        path: str,
        raw: object,
        choices: type[Choice],
        what: str,
        synonyms: Mapping[str, Choice] | None = None,
    ) -> Choice | None:
        try:
            return read_choice(choices, raw, what, synonyms)
        except ValueError as error:
            self.log.add(path, str(error))
            return None

    def _term(self, key: str, kind: Literal["amount", "rate"]) -> object:
        if key not in self.values:
            return None
        try:
            return read_term_value(kind, self.values[key])
        except TermValueError as error:
            self.log.add(self.path_of(key), str(error))
            return None

    def _passes(self, key: str, raw: object, check: Check) -> bool:
        problem = check(raw)
        if problem is not None:
            self.log.add(self.path_of(key), problem)
        return problem is None
