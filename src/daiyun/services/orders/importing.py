"""Use case: import platform order files into a store, exactly once and all or nothing."""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from contextlib import closing, suppress
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from queue import Empty, Queue
from threading import Event, Thread
from typing import TYPE_CHECKING, Protocol, TypeVar, cast

from daiyun.domain.money import Rate
from daiyun.domain.orders import ImportedFile, ImportProblem, OrderRecord
from daiyun.domain.orders.changes import OrderWrite, StoredOrder, combine, decide
from daiyun.domain.orders.snapshot import buyer_key, line_states_of, order_state_of
from daiyun.domain.orders.state import Change, LineState, OrderState
from daiyun.domain.pricing import Sku
from daiyun.services.errors import NotFound
from daiyun.services.unit_of_work import UnitOfWork

if TYPE_CHECKING:  # numpy loads only for an import that reads columns
    from daiyun.domain.orders.columns import OrderColumns, StoredColumns

__all__ = ["ImportSummary", "OrderFile", "OrderSource", "import_orders"]

BATCH_ORDERS = 2000
COLUMN_BATCH_ORDERS = 20_000


class OrderFile(Protocol):
    """One file of an import, as the reader saw it."""

    @property
    def name(self) -> str: ...
    @property
    def format(self) -> str: ...
    @property
    def sha256(self) -> str: ...


class OrderSource(Protocol):
    """What the platform readers hand over: the files, streamed records, and problems."""

    @property
    def files(self) -> Sequence[OrderFile]: ...
    @property
    def problems(self) -> list[ImportProblem]: ...
    @property
    def problem_count(self) -> int: ...
    def records(self) -> Iterator[OrderRecord]: ...
    def column_batches(self, batch_orders: int) -> Iterator[OrderColumns] | None: ...


@dataclass
class Counts:
    """New, updated and unchanged, as the summary JSON counts them."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, change: Change) -> None:
        """Count one change."""
        if change is Change.NEW:
            self.new += 1
        elif change is Change.UPDATED:
            self.updated += 1
        else:
            self.unchanged += 1

    def as_document(self) -> dict[str, int]:
        """{"new": …, "updated": …, "unchanged": …}."""
        return {"new": self.new, "updated": self.updated, "unchanged": self.unchanged}


@dataclass
class ImportSummary:
    """What an import did; `stored` is False when problems made it write nothing."""

    files: list[dict[str, object]]
    as_of: datetime | None
    orders: Counts = field(default_factory=Counts)
    lines: Counts = field(default_factory=Counts)
    price_violations: int = 0
    problems: list[ImportProblem] = field(default_factory=list)
    problem_count: int = 0
    stored: bool = False

    def as_document(self, problem_cap: int = 1000) -> dict[str, object]:
        """The summary JSON of interfaces.md."""
        return {
            "files": self.files,
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "orders": self.orders.as_document(),
            "lines": self.lines.as_document(),
            "price_violations": self.price_violations,
            "errors": [problem.as_document() for problem in self.problems[:problem_cap]],
            "error_count": self.problem_count,
            "stored": self.stored,
        }


@dataclass(frozen=True)
class _Context:
    platform: str
    store_code: str
    catalogue: Mapping[str, Sku]
    markup_cap: Rate
    buyer_secret: bytes


def import_orders(
    uow: UnitOfWork,
    *,
    store_code: str,
    source: OrderSource,
    skip_invalid: bool,
    buyer_secret: bytes,
    at: datetime,
    actor: str,
    progress: Callable[[int], None] | None = None,
) -> ImportSummary:
    """Import the source's orders into the store; write nothing if any row is invalid.

    With `skip_invalid` the valid orders are stored and the problems listed. Natural keys make
    a repeated or overlapping import change nothing it already knew (exactly once).
    """
    summary = ImportSummary(files=[], as_of=None)
    with uow:
        context = _context(uow, store_code, buyer_secret)
        uow.orders.lock(store_code)
        _check_platforms(source.files, context, summary)
        if not _import_columns(uow, source, context, summary, progress):
            summary = ImportSummary(files=[], as_of=None)
            _check_platforms(source.files, context, summary)
            _import_records(uow, source, context, summary, skip_invalid, progress)
        # The files' hashes are asked for only now: a large export's is worked out while its
        # orders are stored (a repeated file is imported like any other: nothing changes).
        known = {f.sha256 for f in source.files if uow.orders.knows_file(store_code, f.sha256)}
        summary.files = [
            {"name": f.name, "format": f.format, "sha256": f.sha256, "repeated": f.sha256 in known}
            for f in source.files
        ]
        summary.problems = (source.problems + summary.problems)[:10_000]
        summary.problem_count += source.problem_count
        if summary.problem_count and not skip_invalid:
            return summary  # leaving the unit of work without commit rolls everything back
        for order_file in source.files:
            if order_file.sha256 not in known:
                uow.orders.record_file(store_code, _imported(order_file, summary, at, actor))
        uow.orders.roll_up(store_code)  # the reports' sums, in the same transaction
        uow.commit()
        summary.stored = True
    return summary


def _import_records(
    uow: UnitOfWork,
    source: OrderSource,
    context: _Context,
    summary: ImportSummary,
    skip_invalid: bool,
    progress: Callable[[int], None] | None,
) -> None:
    """The reference import: order by order, each decided against what is stored."""
    done = 0
    for batch in _batches(source.records(), BATCH_ORDERS):
        accepted = _accept(batch, context, summary)
        done += len(batch)
        if progress is not None:
            progress(done)
        if (source.problem_count or summary.problem_count) and not skip_invalid:
            continue  # all or nothing: keep reading to report every problem
        _store_batch(uow, accepted, context, summary)


def _import_columns(
    uow: UnitOfWork,
    source: OrderSource,
    context: _Context,
    summary: ImportSummary,
    progress: Callable[[int], None] | None,
) -> bool:
    """The same import column by column, for a Taobao export pair; False when it cannot be.

    Batches of orders none of which is stored are written as new in bulk; a batch with a
    stored order goes order by order (decide). Anything only the reference reading takes
    (problems, later layouts, an order listed twice) undoes this and returns False.
    """
    batches = None if summary.problem_count else source.column_batches(COLUMN_BATCH_ORDERS)
    if batches is None:
        return False
    from daiyun.domain.orders.columns import OutsidePattern

    try:
        with uow.savepoint():
            _store_columns(uow, batches, context, summary, progress)
    except OutsidePattern:
        return False
    return True


def _store_columns(
    uow: UnitOfWork,
    batches: Iterator[OrderColumns],
    context: _Context,
    summary: ImportSummary,
    progress: Callable[[int], None] | None,
) -> None:
    from daiyun.domain.orders.columns import OutsidePattern, records_of, stored_columns

    store_code, done = context.store_code, 0
    any_stored = uow.orders.has_orders(store_code)  # before this import: the file lists each once
    with uow.orders.new_orders(store_code, check_stored=any_stored) as new_orders:

        def made_ready(batch: OrderColumns) -> tuple[OrderColumns, StoredColumns | None, object]:
            """The batch, the rows it stores if none of its orders is stored, and those rows
            ready to write (None beyond int64 arithmetic, or when the store has an order)."""
            if not set(batch.sku_code) <= context.catalogue.keys():
                raise OutsidePattern("a SKU unknown to the catalogue: the reference reports it")
            try:
                stored = stored_columns(
                    batch, context.catalogue, context.markup_cap, context.buyer_secret,
                    context.platform,
                )  # fmt: skip
            except OverflowError:
                return batch, None, None
            return batch, stored, new_orders.ready(batch.order_no, stored)

        # The next batch is read, worked out and made ready to write while this one is written
        # (the database, pyarrow and numpy work outside the interpreter lock).
        with closing(_read_ahead(map(made_ready, batches))) as ready_batches:
            for batch, stored, ready in ready_batches:
                if stored is None:  # beyond int64 arithmetic: order by order
                    _store_records(uow, records_of(batch), context, summary)
                elif ready is None or not new_orders.write(ready):
                    _store_beside_stored(uow, batch, stored, context, summary)
                else:
                    summary.as_of = max(summary.as_of or batch.as_of, batch.as_of)
                    summary.orders.new += len(batch.order_no)
                    summary.lines.new += len(batch.line_order)
                    summary.price_violations += stored.price_violations
                done += len(batch.order_no)
                if progress is not None:
                    progress(done)


def _store_beside_stored(
    uow: UnitOfWork,
    batch: OrderColumns,
    stored: StoredColumns,
    context: _Context,
    summary: ImportSummary,
) -> None:
    """A batch with orders the store has: those it moves nothing of are counted as unchanged
    (found over whole columns, as decide() finds them); the others go order by order."""
    from daiyun.domain.orders.column_changes import unchanged_orders
    from daiyun.domain.orders.columns import records_of

    unchanged = unchanged_orders(
        batch, stored, uow.orders.stored_rows(context.store_code, batch.order_no)
    )
    kept = int(unchanged.orders.sum())
    if kept:
        summary.as_of = max(summary.as_of or batch.as_of, batch.as_of)
        summary.orders.unchanged += kept
        summary.lines.unchanged += unchanged.lines
    moving = (~unchanged.orders).nonzero()[0]
    if len(moving):
        _store_records(uow, records_of(batch, moving), context, summary)


def _store_records(
    uow: UnitOfWork, records: list[OrderRecord], context: _Context, summary: ImportSummary
) -> None:
    for start in range(0, len(records), BATCH_ORDERS):
        _store_batch(
            uow, _accept(records[start : start + BATCH_ORDERS], context, summary), context, summary
        )


_Item = TypeVar("_Item")


def _read_ahead(items: Iterator[_Item]) -> Generator[_Item, None, None]:
    """The items of `items`, each made in a thread while the one before is used."""
    handed: Queue[tuple[bool, object]] = Queue(maxsize=1)
    stop = Event()

    def make() -> None:
        try:
            for item in items:
                handed.put((True, item))
                if stop.is_set():
                    return
            handed.put((False, None))
        except BaseException as error:  # handed to the caller, who raises it
            handed.put((False, error))

    maker = Thread(target=make, name="read-ahead", daemon=True)
    maker.start()
    try:
        while True:
            more, item = handed.get()
            if not more:
                if isinstance(item, BaseException):
                    raise item
                return
            yield cast(_Item, item)
    finally:
        stop.set()
        while maker.is_alive():  # let a maker waiting to hand over its next item finish
            with suppress(Empty):
                handed.get(timeout=0.05)
        maker.join()


# Which stores a platform's own export can belong to; daiyun's order file suits any platform.
_PLATFORMS_OF_FORMAT = {
    "taobao-orders": frozenset({"tmall", "taobao"}),
    "taobao-items": frozenset({"tmall", "taobao"}),
    "tmall-order-report": frozenset({"tmall"}),
    "jd-orders": frozenset({"jd"}),
}


def _check_platforms(files: Sequence[OrderFile], context: _Context, summary: ImportSummary) -> None:
    for order_file in files:
        platforms = _PLATFORMS_OF_FORMAT.get(order_file.format)
        if platforms is not None and context.platform not in platforms:
            summary.problem_count += 1
            summary.problems.append(
                ImportProblem(
                    file=order_file.name,
                    row=0,
                    column="",
                    value="",
                    message=f"a {order_file.format} file cannot belong to store "
                    f"{context.store_code}, which is on {context.platform}",
                )
            )


def _context(uow: UnitOfWork, store_code: str, buyer_secret: bytes) -> _Context:
    store = uow.stores.get(store_code)
    if store is None:
        raise NotFound(f"no store with code {store_code!r}")
    contract = uow.contracts.get(store.contract_code)
    if contract is None:
        raise NotFound(f"store {store_code} names contract {store.contract_code}, which is gone")
    return _Context(
        platform=store.platform,
        store_code=store_code,
        catalogue=uow.catalog.get_many(store.brand_code),
        markup_cap=contract.terms.markup_cap,
        buyer_secret=buyer_secret,
    )


def _batches(records: Iterable[OrderRecord], size: int) -> Iterator[list[OrderRecord]]:
    iterator = iter(records)
    while batch := list(islice(iterator, size)):
        yield batch


def _accept(
    batch: list[OrderRecord], context: _Context, summary: ImportSummary
) -> list[tuple[OrderRecord, OrderState, tuple[LineState, ...]]]:
    """The batch's orders in stored form; orders with SKUs unknown to the catalogue are refused."""
    accepted = []
    for order in batch:
        unknown = [line for line in order.lines if (line.sku_code or "") not in context.catalogue]
        for line in unknown:
            source = line.source or order.source
            summary.problems.append(
                ImportProblem(
                    file=source.file if source else "",
                    row=source.row if source else 0,
                    column="商家编码",
                    value=line.sku_code or "",
                    message=f"order {order.order_no}, {line.title or 'a line'}: "
                    + ("no SKU code" if not line.sku_code else "SKU unknown to the catalogue"),
                )
            )
        summary.problem_count += len(unknown)
        if unknown:
            continue
        key = buyer_key(context.buyer_secret, context.platform, order.buyer_id)
        lines = line_states_of(order, context.catalogue, context.markup_cap)
        accepted.append((order, order_state_of(order, key), lines))
    return accepted


def _store_batch(
    uow: UnitOfWork,
    accepted: list[tuple[OrderRecord, OrderState, tuple[LineState, ...]]],
    context: _Context,
    summary: ImportSummary,
) -> None:
    stored: dict[str, StoredOrder] = uow.orders.states(
        context.store_code, [order.order_no for order, _, _ in accepted]
    )
    writes: dict[str, OrderWrite] = {}
    for order, state, lines in accepted:
        write = decide(stored.get(order.order_no), state, lines, order.source)
        # A file may hold the same order twice (two snapshots): the later row sees the first.
        stored[order.order_no] = write.result
        summary.as_of = max(summary.as_of or order.as_of, order.as_of)
        summary.orders.add(write.order_change)
        for change in write.line_changes.values():
            summary.lines.add(change)
        summary.price_violations += write.new_price_violations
        if write.order_change is Change.UNCHANGED:
            continue
        earlier = writes.get(order.order_no)
        writes[order.order_no] = write if earlier is None else combine(earlier, write)
    uow.orders.write(context.store_code, list(writes.values()))


def _imported(
    order_file: OrderFile, summary: ImportSummary, at: datetime, actor: str
) -> ImportedFile:
    return ImportedFile(
        sha256=order_file.sha256,
        name=order_file.name,
        format=order_file.format,
        as_of=summary.as_of or at,
        imported_at=at,
        actor=actor,
        orders_new=summary.orders.new,
        orders_updated=summary.orders.updated,
        lines_new=summary.lines.new,
        lines_updated=summary.lines.updated,
        rejected_rows=summary.problem_count,
    )
