"""Use case: import a store's Alipay account statements, exactly once and all or nothing (R-X1).

Each line once by its 账务流水号: a line stored before is counted "unchanged"; a line whose
账务流水号 is stored with other content is a problem (Alipay never changes a line). The first
statement records the store's Alipay account; a file of another account is refused (exit 1),
and so is an account another store's statements came from. A file whose footer totals disagree
with its lines is a problem of the reader's: any problem, and nothing is stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice

from daiyun.domain.agency import Store, User
from daiyun.domain.orders import ImportProblem
from daiyun.domain.permissions import Permission
from daiyun.domain.reconciliation import (
    AlipayEntry,
    ImportedStatement,
    StatementLine,
    account_refusal,
    account_taken_refusal,
)
from daiyun.services.errors import NotFound, Refused
from daiyun.services.reconciliation.ports import AlipaySource, AlipayUnitOfWork
from daiyun.services.scope import require_on_brand
from daiyun.services.unit_of_work import UnitOfWork

__all__ = ["AlipayImportSummary", "check_may_import_alipay", "import_alipay_statements"]

BATCH_LINES = 2000
KEPT_PROBLEMS = 10_000
# Platforms whose money arrives in an Alipay account (formats.md).
_ALIPAY_PLATFORMS = frozenset({"tmall", "taobao"})


@dataclass
class AlipayImportSummary:
    """What an import did; `stored` is False when problems made it write nothing."""

    files: list[dict[str, object]] = field(default_factory=list)
    new: int = 0
    unchanged: int = 0
    problems: list[ImportProblem] = field(default_factory=list)
    problem_count: int = 0
    stored: bool = False

    def as_document(self, problem_cap: int = 1000) -> dict[str, object]:
        """The summary JSON of interfaces.md ("Money in"), with the problem count and whether
        anything was stored, as the order import's summary gives them."""
        return {
            "files": self.files,
            "entries": {"new": self.new, "unchanged": self.unchanged},
            "errors": [problem.as_document() for problem in self.problems[:problem_cap]],
            "error_count": self.problem_count,
            "stored": self.stored,
        }

    def note(self, problem: ImportProblem) -> None:
        """One problem of the import's own (the reader's come from the source)."""
        self.problem_count += 1
        if len(self.problems) < KEPT_PROBLEMS:
            self.problems.append(problem)


def check_may_import_alipay(uow: UnitOfWork, acting: User, store_code: str) -> Store:
    """The store, once `acting` may import its Alipay statements (R-X1: the agency's finance
    and administrators); another brand's store is not found (R-D2)."""
    missing = f"no store with code {store_code!r}"
    with uow:
        store = uow.stores.get(store_code)
    if store is None:
        raise NotFound(missing)
    require_on_brand(acting, Permission.IMPORT_ALIPAY, store.brand_code, missing=missing)
    return store


def import_alipay_statements(
    uow: AlipayUnitOfWork,
    *,
    store_code: str,
    source: AlipaySource,
    at: datetime,
    actor: str,
    progress: Callable[[int], None] | None = None,
) -> AlipayImportSummary:
    """Import the source's lines into the store; write nothing if any line has a problem."""
    summary = AlipayImportSummary()
    with uow:
        store = uow.stores.get(store_code)
        if store is None:
            raise NotFound(f"no store with code {store_code!r}")
        uow.alipay.lock(store_code)
        if store.platform not in _ALIPAY_PLATFORMS:
            for statement_file in source.files:
                summary.note(
                    ImportProblem(
                        statement_file.name, 0, "", "",
                        message=f"an Alipay statement cannot belong to store {store_code}, "
                        f"which is on {store.platform} / 支付宝账务明细不能属于 {store.platform} "
                        f"平台的店铺 {store_code}",
                    )
                )  # fmt: skip
        new_account = _account_to_record(uow, store_code, source)
        done = 0
        for batch in _batches(source.lines(), BATCH_LINES):
            done += len(batch)
            if progress is not None:
                progress(done)
            if source.problem_count or summary.problem_count:
                continue  # all or nothing: keep reading to report every problem
            _store_batch(uow, store_code, batch, at, summary)
        known = {f.sha256 for f in source.files if uow.alipay.knows_file(store_code, f.sha256)}
        summary.files = [
            {
                "name": f.name,
                "format": f.format,
                "sha256": f.sha256,
                "repeated": f.sha256 in known,
                "account": f.account,
            }
            for f in source.files
        ]
        summary.problems = (source.problems + summary.problems)[:KEPT_PROBLEMS]
        summary.problem_count += source.problem_count
        if summary.problem_count:
            return summary  # leaving the unit of work without commit rolls everything back
        if new_account is not None:
            uow.alipay.record_account(store_code, new_account, at, actor)
        recorded: set[str] = set(known)
        for f in source.files:
            if f.sha256 in recorded or f.account is None:
                continue
            recorded.add(f.sha256)
            uow.alipay.record_file(
                store_code,
                ImportedStatement(
                    f.sha256, f.name, f.account, at, actor, summary.new, summary.unchanged
                ),
            )
        uow.commit()
        summary.stored = True
    return summary


def _account_to_record(uow: AlipayUnitOfWork, store_code: str, source: AlipaySource) -> str | None:
    """The account the files are of, when the store has none recorded yet; Refused when a
    file is of another account than the store's (or than the other files'), or of an account
    another store's statements came from (R-X1)."""
    known = uow.alipay.account_of(store_code)
    first: str | None = None
    for statement_file in source.files:
        account = statement_file.account
        if account is None:
            continue  # the file's problem is the reader's
        refusal = account_refusal(store_code, known or first, account, statement_file.name)
        if refusal is not None:
            raise Refused(refusal)
        if known is None and first is None:
            other = uow.alipay.store_of_account(account)
            if other is not None and other != store_code:
                raise Refused(
                    account_taken_refusal(store_code, other, account, statement_file.name)
                )
            first = account
    return first


def _store_batch(
    uow: AlipayUnitOfWork,
    store_code: str,
    batch: list[StatementLine],
    at: datetime,
    summary: AlipayImportSummary,
) -> None:
    """The batch's lines the store has not got, written; those it has, counted as unchanged;
    a line of the same 账务流水号 with other content is a problem."""
    stored = uow.alipay.stored(store_code, [line.entry.entry_no for line in batch])
    fresh: dict[str, AlipayEntry] = {}
    for line in batch:
        entry = line.entry
        earlier = stored.get(entry.entry_no) or fresh.get(entry.entry_no)
        if earlier is None:
            fresh[entry.entry_no] = entry
            summary.new += 1
        elif earlier == entry:
            summary.unchanged += 1
        else:
            summary.note(
                ImportProblem(
                    line.file, line.row, "账务流水号", entry.entry_no,
                    message="this 账务流水号 is stored already with other amounts, time or words;"
                    " Alipay never changes a line: check the file / 此账务流水号已存在且内容不同，"
                    "支付宝不会修改已有明细：请检查文件",
                )
            )  # fmt: skip
    if fresh and not summary.problem_count:
        uow.alipay.add(store_code, list(fresh.values()), at)


def _batches(lines: Iterable[StatementLine], size: int) -> Iterator[list[StatementLine]]:
    iterator = iter(lines)
    while batch := list(islice(iterator, size)):
        yield batch
