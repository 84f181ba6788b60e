"""The machine's ceilings: how fast each database takes the same lines with nothing in the way.

PostgreSQL: binary `COPY … FROM STDIN` (psycopg 3 `cursor.copy()`, `write_row`) into a plain
table, no index, no constraint. SQLite: `executemany` into a plain table in one transaction, in a
file database in WAL mode with synchronous=NORMAL (as daiyun configures its SQLite engine). The
rows are already parsed (ints, texts, datetimes): only the database's work is timed, commit
included.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

from .taobao_export import STORED_COLUMNS, StoredLine

__all__ = [
    "Ceiling",
    "postgres_ceiling",
    "postgres_database_url",
    "postgres_server_version",
    "scratch_postgres_database",
    "sqlite_ceiling",
]

TABLE = "ceiling_line"
# Each stored column's type on PostgreSQL and on SQLite, as daiyun's order tables declare them,
# and the type psycopg dumps it as in a binary COPY.
_TYPES: dict[str, tuple[str, str, str]] = {
    "platform": ("varchar(20) NOT NULL", "VARCHAR(20) NOT NULL", "text"),
    "store_code": ("varchar(40) NOT NULL", "VARCHAR(40) NOT NULL", "text"),
    "order_no": ("varchar(40) NOT NULL", "VARCHAR(40) NOT NULL", "text"),
    "line_no": ("integer NOT NULL", "INTEGER NOT NULL", "int4"),
    "sku_code": ("varchar(64)", "VARCHAR(64)", "text"),
    "title": ("varchar(300)", "VARCHAR(300)", "text"),
    "units": ("integer NOT NULL", "INTEGER NOT NULL", "int4"),
    "unit_price_fen": ("bigint NOT NULL", "BIGINT NOT NULL", "int8"),
    "line_amount_fen": ("bigint NOT NULL", "BIGINT NOT NULL", "int8"),
    "guide_price_fen": ("bigint", "BIGINT", "int8"),
    "status": ("varchar(20) NOT NULL", "VARCHAR(20) NOT NULL", "text"),
    "created_at": ("timestamptz", "DATETIME", "timestamptz"),
    "paid_at": ("timestamptz", "DATETIME", "timestamptz"),
    "completed_at": ("timestamptz", "DATETIME", "timestamptz"),
    "shipping_fen": ("bigint NOT NULL", "BIGINT NOT NULL", "int8"),
    "buyer_key": ("varchar(64)", "VARCHAR(64)", "text"),
    "province": ("varchar(40)", "VARCHAR(40)", "text"),
    "city": ("varchar(40)", "VARCHAR(40)", "text"),
    "as_of": ("timestamptz NOT NULL", "DATETIME NOT NULL", "timestamptz"),
}


@dataclass(frozen=True)
class Ceiling:
    """The best of several timed runs of the same rows."""

    method: str
    rows: int
    runs_seconds: tuple[float, ...]

    @property
    def seconds(self) -> float:
        return min(self.runs_seconds)

    @property
    def lines_per_second(self) -> float:
        return self.rows / self.seconds


def _create_table_sql(dialect_index: int) -> str:
    columns = ", ".join(f"{name} {_TYPES[name][dialect_index]}" for name in STORED_COLUMNS)
    return f"CREATE TABLE {TABLE} ({columns})"


# --- SQLite ---------------------------------------------------------------------------------------


def _sqlite_time(moment: datetime | None) -> str | None:
    """As SQLAlchemy stores daiyun's UtcDateTime on SQLite: naive UTC text with microseconds."""
    if moment is None:
        return None
    return f"{moment.astimezone(UTC).replace(tzinfo=None):%Y-%m-%d %H:%M:%S.%f}"


def sqlite_rows(rows: Sequence[StoredLine]) -> list[tuple[Any, ...]]:
    """The rows with their datetimes as SQLite text (done before timing, as a driver would)."""
    return [
        tuple(_sqlite_time(value) if isinstance(value, datetime) else value for value in row)
        for row in rows
    ]


def sqlite_ceiling(folder: Path, rows: Sequence[tuple[Any, ...]], repeat: int) -> Ceiling:
    """`executemany` of `rows` in one transaction into a fresh WAL file database, best of runs."""
    insert = (
        f"INSERT INTO {TABLE} ({', '.join(STORED_COLUMNS)}) "
        f"VALUES ({', '.join('?' for _ in STORED_COLUMNS)})"
    )
    runs: list[float] = []
    for run in range(repeat):
        path = folder / f"ceiling-{run}.db"
        connection = sqlite3.connect(path, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute(_create_table_sql(1))
            started = time.perf_counter()
            connection.execute("BEGIN")
            connection.executemany(insert, rows)
            connection.execute("COMMIT")
            runs.append(time.perf_counter() - started)
        finally:
            connection.close()
        for leftover in folder.glob(f"{path.name}*"):
            leftover.unlink()
    return Ceiling(
        "sqlite3 executemany, one transaction, WAL, synchronous=NORMAL", len(rows), tuple(runs)
    )


# --- PostgreSQL -----------------------------------------------------------------------------------


def postgres_database_url(admin_url: str, database: str) -> str:
    """`admin_url` pointing at `database` instead."""
    parts = urlsplit(admin_url)
    return urlunsplit(parts._replace(path=f"/{database}"))


@contextmanager
def scratch_postgres_database(admin_url: str, name: str) -> Iterator[str]:
    """A new empty database `name`, dropped on the way out whatever happened; yields its URL."""
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield postgres_database_url(admin_url, name)
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def postgres_server_version(url: str) -> str:
    with psycopg.connect(url) as connection:
        row = connection.execute("SHOW server_version").fetchone()
    return str(row[0]) if row else "unknown"


def postgres_ceiling(url: str, rows: Sequence[StoredLine], repeat: int) -> Ceiling:
    """Binary `COPY` of `rows` into a plain table created beforehand, committed; best of runs.

    Binary, because it is the fastest way in: text COPY spends most of its time formatting the
    values in Python (about 3 times slower here), which is not the database's ceiling.
    """
    copy = f"COPY {TABLE} ({', '.join(STORED_COLUMNS)}) FROM STDIN (FORMAT BINARY)"
    copy_types = [_TYPES[name][2] for name in STORED_COLUMNS]
    runs: list[float] = []
    with psycopg.connect(url) as connection:
        for _ in range(repeat):
            connection.execute(f"DROP TABLE IF EXISTS {TABLE}")
            connection.execute(_create_table_sql(0))
            connection.commit()
            started = time.perf_counter()
            with connection.cursor() as cursor, cursor.copy(copy) as copying:
                copying.set_types(copy_types)
                for row in rows:
                    copying.write_row(row)
            connection.commit()
            runs.append(time.perf_counter() - started)
        connection.execute(f"DROP TABLE {TABLE}")
        connection.commit()
    return Ceiling(
        "psycopg 3 cursor.copy() binary COPY FROM STDIN, committed", len(rows), tuple(runs)
    )
