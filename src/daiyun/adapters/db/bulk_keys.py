"""Foreign keys of a bulk write checked once per key, not once per row (PostgreSQL).

PostgreSQL checks a declared foreign key with a trigger per inserted row: one query and one
row lock on the parent for each of 100,000 order lines, which costs more than writing them.
Inside `keys_checked_together` the rows handed out ids by the bulk inserter are written with
the per-row triggers off (`session_replication_role = replica`, local to the transaction);
when the block ends (and at each `check_written` in it), every foreign key of every table
written is checked over those rows, set by set:
- a parent outside the block (a store, a SKU): the values the rows name are read, and their
  parents locked `FOR KEY SHARE` exactly as the per-row check locks them (once per block), so a
  concurrent delete of a SKU or store waits for the import; a value with no parent is an orphan;
- a parent written in the block (a line's order): a value within a run of ids handed out to
  the parent whose every id was found written (counted once) names a parent; the others are
  looked up one by one. Nothing written in the block is deleted in it, nor undone by a
  savepoint inside it (the import has none there).
Unique keys, NOT NULL and CHECK constraints are never off: only triggers are.

Switching the triggers off needs the privilege to set that parameter (a superuser, or on
PostgreSQL 15 `GRANT SET ON PARAMETER session_replication_role TO <role>`). Without it the
block changes nothing: the declared keys are checked row by row, as for any other write.
On SQLite the block changes nothing either (its key checks are an in-process index lookup).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Connection, ForeignKeyConstraint, Table
from sqlalchemy.exc import DBAPIError

__all__ = ["ForeignKeyBroken", "WrittenIds", "check_written", "keys_checked_together"]

_INSUFFICIENT_PRIVILEGE = "42501"


class ForeignKeyBroken(Exception):
    """A row written in bulk names a parent row that does not exist."""


_MOST_RUNS = 16  # runs of a parent's ids named in one check; past them, each row is looked up


@dataclass
class WrittenIds:
    """The id range handed out per table inside the block whose keys are not checked yet, every
    table written in the block, and the runs of consecutive ids handed out to each (merged)."""

    ranges: dict[str, tuple[Table, int, int]] = field(default_factory=dict)
    tables: set[str] = field(default_factory=set)
    runs: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    # Runs of ids every one of which was found written (their rows stay: nothing written in the
    # block is deleted in it).
    complete: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    # Values of parents outside the block already locked FOR KEY SHARE in it, per parent column.
    locked: dict[str, set[object]] = field(default_factory=dict)

    def add(self, table: Table, ids: Sequence[int]) -> None:
        if not ids:
            return
        self.tables.add(table.name)
        low, high = min(ids), max(ids)
        if table.name in self.ranges:
            _, known_low, known_high = self.ranges[table.name]
            low, high = min(low, known_low), max(high, known_high)
        self.ranges[table.name] = (table, low, high)
        self.runs[table.name] = _merged([*self.runs.get(table.name, []), *_runs_of(ids)])


def _runs_of(ids: Sequence[int]) -> list[tuple[int, int]]:
    """Sorted ids as runs of consecutive ones: [1, 2, 3, 7] -> [(1, 3), (7, 7)]."""
    ordered = sorted(ids)
    runs: list[tuple[int, int]] = []
    start = previous = ordered[0]
    for value in ordered[1:]:
        if value != previous + 1:
            runs.append((start, previous))
            start = value
        previous = value
    runs.append((start, previous))
    return runs


def _merged(runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs sorted, touching or overlapping ones made one."""
    merged: list[tuple[int, int]] = []
    for low, high in sorted(runs):
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(high, merged[-1][1]))
        else:
            merged.append((low, high))
    return merged


@contextmanager
def keys_checked_together(connection: Connection) -> Iterator[WrittenIds | None]:
    """Rows written in the block have their foreign keys checked at its end, set by set.

    Yields where to record the ids handed out (None when the block changes nothing). Work in
    the block is inside a savepoint: an error undoes it, and the per-row triggers are back on.
    """
    if connection.dialect.name != "postgresql" or not _may_skip_row_triggers(connection):
        yield None
        return
    written = WrittenIds()
    with connection.begin_nested():
        connection.exec_driver_sql("SET LOCAL session_replication_role = replica")
        yield written  # an error here rolls the savepoint back, and the setting with it
        connection.exec_driver_sql("SET LOCAL session_replication_role = origin")
        check_written(connection, written)


def _may_skip_row_triggers(connection: Connection) -> bool:
    try:
        with connection.begin_nested():
            connection.exec_driver_sql("SET LOCAL session_replication_role = replica")
            connection.exec_driver_sql("SET LOCAL session_replication_role = origin")
    except DBAPIError as error:
        if getattr(error.orig, "sqlstate", None) == _INSUFFICIENT_PRIVILEGE:
            return False
        raise
    return True


def check_written(connection: Connection, written: WrittenIds) -> None:
    """Check the keys of the rows written since the last check; ForeignKeyBroken names one
    orphan. Checked rows are not checked again (a row's parents never go within the block)."""
    pending, written.ranges = written.ranges, {}
    for child, low, high in pending.values():
        for key in sorted(child.foreign_key_constraints, key=lambda k: str(k.name)):
            _check_key(connection, key, child, low, high, written)


def _check_key(
    connection: Connection,
    key: ForeignKeyConstraint,
    child: Table,
    low: int,
    high: int,
    written: WrittenIds,
) -> None:
    (column,) = key.column_keys  # daiyun's foreign keys are single columns
    (element,) = key.elements
    parent, parent_column = element.column.table, element.column.name
    rows = f"c.id BETWEEN {int(low)} AND {int(high)} AND c.{column} IS NOT NULL"
    if parent.name not in written.tables:
        # Parents outside the block (store, SKU): the values named, read once, and those
        # parents locked as the per-row check would lock them, so that none goes before the
        # import ends; a value with no parent to lock is an orphan.
        named = [
            value
            for (value,) in connection.exec_driver_sql(
                f"SELECT DISTINCT c.{column} FROM {child.name} c WHERE {rows}"
            )
        ]
        locked = written.locked.setdefault(f"{parent.name}.{parent_column}", set())
        unlocked = sorted(set(named) - locked, key=str)
        if unlocked:
            locked |= {
                value
                for (value,) in connection.exec_driver_sql(
                    f"SELECT p.{parent_column} FROM {parent.name} p "
                    f"WHERE p.{parent_column} = ANY(%(unlocked)s) "
                    f"ORDER BY p.{parent_column} FOR KEY SHARE OF p",
                    {"unlocked": unlocked},
                )
            }
        missing = [value for value in unlocked if value not in locked]
        orphan = None
        if missing:
            orphan = connection.exec_driver_sql(
                f"SELECT c.id, c.{column} FROM {child.name} c WHERE {rows} "
                f"AND c.{column} = %(value)s ORDER BY c.id LIMIT 1",
                {"value": missing[0]},
            ).first()
    else:
        # Parents written in the block are this transaction's own, invisible to anyone else.
        # A value within a run of ids handed out to the parent, every one found written, names
        # a parent without looking it up; only the others are looked up.
        runs = (
            _complete_runs(connection, parent, written, high - low + 1)
            if parent_column == "id"
            else []
        )
        within = " OR ".join(
            f"c.{column} BETWEEN {int(run_low)} AND {int(run_high)}" for run_low, run_high in runs
        )
        outside = f" AND NOT ({within})" if within else ""
        orphan = connection.exec_driver_sql(
            f"SELECT c.id, c.{column} FROM {child.name} c WHERE {rows}{outside} AND NOT EXISTS "
            f"(SELECT 1 FROM {parent.name} p WHERE p.{parent_column} = c.{column}) LIMIT 1"
        ).first()
    if orphan is not None:
        raise ForeignKeyBroken(
            f"{child.name} row {orphan[0]}: {column} = {orphan[1]} names no {parent.name} "
            f"({key.name}); nothing of this write is kept"
        )


def _complete_runs(
    connection: Connection, parent: Table, written: WrittenIds, children: int
) -> list[tuple[int, int]]:
    """The runs of ids handed out to `parent` in the block whose every id has its row — found
    by counting, once per run — at most _MOST_RUNS of them. A run is counted only when there
    are about as many rows to check (`children`): a few refunds are looked up one by one
    rather than count a batch of lines."""
    complete = written.complete.setdefault(parent.name, [])
    for run_low, run_high in written.runs.get(parent.name, []):
        if len(complete) >= _MOST_RUNS:
            break
        unchecked = _runs_not_in((run_low, run_high), complete)
        for low, high in unchecked:
            if high - low + 1 > 4 * children:
                continue
            count = connection.exec_driver_sql(
                f"SELECT count(*) FROM {parent.name} WHERE id BETWEEN {int(low)} AND {int(high)}"
            ).scalar_one()
            if count == high - low + 1:
                complete[:] = _merged([*complete, (low, high)])
    return complete[:_MOST_RUNS]


def _runs_not_in(run: tuple[int, int], known: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of `run` that no run in `known` (merged) covers."""
    low, high = run
    parts: list[tuple[int, int]] = []
    for known_low, known_high in known:
        if known_high < low or known_low > high:
            continue
        if known_low > low:
            parts.append((low, known_low - 1))
        low = known_high + 1
    if low <= high:
        parts.append((low, high))
    return parts
