"""Fast bulk inserts inside the unit of work's transaction: COPY on PostgreSQL, executemany
on SQLite, with row ids handed out up front so that child rows can point at their parents."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table

from daiyun.adapters.db.bulk_keys import WrittenIds, check_written, keys_checked_together
from daiyun.adapters.db.types import UtcDateTime

__all__ = ["SQLITE_CACHE_KIB", "BulkInserter", "reserve_ids"]

SQLITE_CACHE_KIB = 64 * 1024  # page cache of a connection that inserts in bulk
_SQLITE_BATCH = 50_000  # rows per executemany


class BulkInserter:
    """Inserts many rows of plain values (ints, strings, aware datetimes) into a table."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._is_postgresql = connection.dialect.name == "postgresql"
        self._next_ids: dict[str, int] = {}
        self._cache_enlarged = False
        self._written: WrittenIds | None = None

    @contextmanager
    def keys_checked_together(self) -> Iterator[None]:
        """Rows given ids by new_ids in the block have their foreign keys checked at its end,
        one statement per key instead of a trigger per row (PostgreSQL; see bulk_keys)."""
        with keys_checked_together(self._connection) as written:
            self._written = written
            try:
                yield
            finally:
                self._written = None

    def new_ids(self, table: Table, count: int) -> list[int]:
        """`count` fresh primary keys for `table`, reserved for this transaction."""
        if count == 0:
            return []
        if self._is_postgresql:
            handed = reserve_ids(self._connection, table, count)
            self.adopt_ids(table, handed)
            return handed
        # SQLite: BEGIN IMMEDIATE holds the database's write lock for the whole unit of work,
        # so nobody else can take ids between ours.
        if table.name not in self._next_ids:
            top = self._connection.exec_driver_sql(f"SELECT max(id) FROM {table.name}").scalar()
            self._next_ids[table.name] = int(top or 0) + 1
        first = self._next_ids[table.name]
        self._next_ids[table.name] = first + count
        return list(range(first, first + count))

    def adopt_ids(self, table: Table, ids: Sequence[int]) -> None:
        """Ids reserved elsewhere (reserve_ids on another connection) for rows written here:
        inside keys_checked_together their keys are checked as new_ids' own are."""
        if self._written is not None:
            self._written.add(table, ids)

    def check_keys_so_far(self) -> None:
        """Check now the keys of the rows written in the block so far (PostgreSQL), so that the
        check of one batch runs while the next is made instead of all of them at the end."""
        if self._written is not None:
            check_written(self._connection, self._written)

    def insert(self, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        """Insert `rows`, each a sequence of values in the order of `columns`."""
        if self._is_postgresql:
            self._copy(table, columns, rows)
        else:
            self._executemany(table, columns, rows)

    def insert_as_stored(
        self,
        table: Table,
        columns: Sequence[str],
        rows: Iterable[Sequence[Any]],
        same_in_every_row: Mapping[str, Any] | None = None,
    ) -> None:
        """Insert rows whose moments are already text as the database keeps them (moment_text).

        `same_in_every_row` gives columns whose value every row shares (None, an int, a bool or
        text): SQLite takes them as literals in the statement instead of binding them per row.
        """
        constants = dict(same_in_every_row or {})
        if self._is_postgresql:
            extra = tuple(constants.values())
            self._copy(table, [*columns, *constants], (tuple(row) + extra for row in rows))
            return
        marks = ["?" for _ in columns] + [_sqlite_literal(value) for value in constants.values()]
        names = ", ".join([*columns, *constants])
        statement = f"INSERT INTO {table.name} ({names}) VALUES ({', '.join(marks)})"
        values = list(rows)
        if values:
            self._enlarge_cache()
            self._connection.exec_driver_sql(statement, values)

    @property
    def takes_copy_data(self) -> bool:
        """True when insert_copy_data is the fast way in (PostgreSQL's binary COPY)."""
        return self._is_postgresql

    def insert_copy_data(
        self, table: Table, columns: Sequence[str], data: bytes | memoryview
    ) -> None:
        """COPY rows given as binary COPY data (copy_binary.binary_copy_data)."""
        driver = self._connection.connection.driver_connection
        statement = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN (FORMAT binary)"
        with driver.cursor() as cursor, cursor.copy(statement) as copy:  # type: ignore[union-attr]
            copy.write(data)

    @property
    def moment_suffix(self) -> str:
        """What follows "2026-11-05 02:00:00.000000" (UTC) in this database's moment text."""
        # SQLite: naive UTC text, as SQLAlchemy's DateTime writes it (types.UtcDateTime).
        return "+00:00" if self._is_postgresql else ""

    def _copy(self, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        driver = self._connection.connection.driver_connection
        statement = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN"
        with driver.cursor() as cursor, cursor.copy(statement) as copy:  # type: ignore[union-attr]
            for row in rows:
                copy.write_row(row)

    def _executemany(
        self, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]]
    ) -> None:
        marks = ", ".join("?" for _ in columns)
        statement = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({marks})"
        moments = [
            i for i, name in enumerate(columns) if isinstance(table.c[name].type, UtcDateTime)
        ]
        values: list[tuple[Any, ...]] = []
        for row in rows:
            if moments:
                cells = list(row)
                for index in moments:
                    cells[index] = _sqlite_moment(cells[index])
                row = cells
            values.append(tuple(row))
            if len(values) == _SQLITE_BATCH:
                # In batches: rows given as a generator are never all held at once.
                self._enlarge_cache()
                self._connection.exec_driver_sql(statement, values)
                values = []
        if values:
            self._enlarge_cache()
            self._connection.exec_driver_sql(statement, values)

    def _enlarge_cache(self) -> None:
        # A million lines put 660,000 random order numbers into the natural key's index: with
        # SQLite's default 2 MiB of page cache most inserts would read a page back from the OS.
        if not self._cache_enlarged:
            self._connection.exec_driver_sql(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
            self._cache_enlarged = True


def reserve_ids(connection: Connection, table: Table, count: int) -> list[int]:
    """`count` ids from the table's sequence (PostgreSQL), on any connection: sequences are not
    transactional, so ids taken on a second connection are this import's to use. Sorted."""
    if count == 0:
        return []
    taken = f"SELECT nextval('{table.name}_id_seq') AS id FROM generate_series(1, {int(count)})"
    # Nobody else took one meanwhile (the usual case): the ids are their first and last, told
    # by three aggregates (listing them, sorted, would cost the server twice as much).
    low, high, taken_count = connection.exec_driver_sql(
        f"SELECT min(id), max(id), count(*) FROM ({taken}) AS taken"
    ).one()
    if high - low + 1 == taken_count:
        return list(range(int(low), int(high) + 1))
    # Others took some among them: those are left unused (a sequence's gaps are harmless) and
    # as many again are taken and listed, never a row per id.
    (listed,) = connection.exec_driver_sql(f"SELECT array_agg(id) FROM ({taken}) AS taken").one()
    return sorted(int(value) for value in listed)


def _sqlite_literal(value: Any) -> str:
    """A value as an SQLite literal (text quoted by doubling its quotes, as SQL has it)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    raise TypeError(f"no SQLite literal for {type(value).__name__} {value!r}")


def _sqlite_moment(value: datetime | None) -> str | None:
    # The same text SQLAlchemy's SQLite DateTime writes (see types.UtcDateTime): naive UTC.
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError(f"refusing to store naive datetime {value.isoformat()}")
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")
