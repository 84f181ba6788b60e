"""Foreign keys of a bulk write checked once per key, not once per row (PostgreSQL).

PostgreSQL checks a declared foreign key with a trigger per inserted row: one query and one
row lock on the parent for each of 100,000 order lines, which costs more than writing them.
Inside `keys_checked_together` the rows handed out ids by the bulk inserter are written with
the per-row triggers off (`session_replication_role = replica`, local to the transaction);
when the block ends, every foreign key of every table written is checked by one statement over
those rows, after the parents it names outside the block are locked `FOR KEY SHARE` exactly as
the per-row check locks them, so a concurrent delete of a SKU or store waits for the import.
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


@dataclass
class WrittenIds:
    """The id range handed out per table inside the block whose keys are not checked yet, and
    every table written in the block."""

    ranges: dict[str, tuple[Table, int, int]] = field(default_factory=dict)
    tables: set[str] = field(default_factory=set)

    def add(self, table: Table, ids: Sequence[int]) -> None:
        if not ids:
            return
        self.tables.add(table.name)
        low, high = min(ids), max(ids)
        if table.name in self.ranges:
            _, known_low, known_high = self.ranges[table.name]
            low, high = min(low, known_low), max(high, known_high)
        self.ranges[table.name] = (table, low, high)


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
        # Parents outside the block (store, SKU) are locked as the per-row check would lock
        # them; parents written in it are this transaction's own, invisible to anyone else.
        connection.exec_driver_sql(
            f"SELECT 1 FROM {parent.name} p WHERE p.{parent_column} IN "
            f"(SELECT DISTINCT c.{column} FROM {child.name} c WHERE {rows}) "
            f"ORDER BY p.{parent_column} FOR KEY SHARE OF p"
        ).fetchall()
    orphan = connection.exec_driver_sql(
        f"SELECT c.id, c.{column} FROM {child.name} c WHERE {rows} AND NOT EXISTS "
        f"(SELECT 1 FROM {parent.name} p WHERE p.{parent_column} = c.{column}) LIMIT 1"
    ).first()
    if orphan is not None:
        raise ForeignKeyBroken(
            f"{child.name} row {orphan[0]}: {column} = {orphan[1]} names no {parent.name} "
            f"({key.name}); nothing of this write is kept"
        )
