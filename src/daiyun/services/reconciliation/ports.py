"""The ports of money in: the Alipay statement reader and the store of its lines; bootstrap wires
in adapters/platforms/alipay.py and adapters/db/repositories/alipay.py."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Protocol

from daiyun.domain.orders import ImportProblem
from daiyun.domain.reconciliation import AlipayEntry, ImportedStatement, StatementLine
from daiyun.services.unit_of_work import UnitOfWork

__all__ = [
    "AlipayFiles",
    "AlipayRepository",
    "AlipaySource",
    "AlipayUnitOfWork",
    "StatementFile",
]


class StatementFile(Protocol):
    """One file given, as the reader saw it."""

    @property
    def name(self) -> str: ...
    @property
    def format(self) -> str: ...
    @property
    def sha256(self) -> str: ...
    @property
    def account(self) -> str | None: ...


class AlipaySource(Protocol):
    """The files, their lines streamed, and the problems (complete once lines() is read)."""

    @property
    def files(self) -> Sequence[StatementFile]: ...
    @property
    def problems(self) -> list[ImportProblem]: ...
    @property
    def problem_count(self) -> int: ...
    def lines(self) -> Iterator[StatementLine]: ...


class AlipayFiles(Protocol):
    """Reads Alipay account statements: the ZIP as downloaded, or the detail CSV in it."""

    def read(self, paths: Sequence[Path]) -> AlipaySource: ...


class AlipayRepository(Protocol):
    """A store's Alipay account, its statement lines by 账务流水号, and the files imported."""

    def lock(self, store_code: str) -> None:
        """One statement import per store at a time, until the unit of work ends."""
        ...

    def account_of(self, store_code: str) -> str | None: ...
    def store_of_account(self, account: str) -> str | None: ...
    def record_account(self, store_code: str, account: str, at: datetime, actor: str) -> None: ...
    def stored(self, store_code: str, entry_nos: Sequence[str]) -> dict[str, AlipayEntry]: ...
    def add(self, store_code: str, entries: Sequence[AlipayEntry], at: datetime) -> None: ...
    def knows_file(self, store_code: str, sha256: str) -> bool: ...
    def record_file(self, store_code: str, imported: ImportedStatement) -> None: ...


class AlipayUnitOfWork(UnitOfWork, Protocol):
    """The unit of work with the store of Alipay lines."""

    @property
    def alipay(self) -> AlipayRepository: ...
