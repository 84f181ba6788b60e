"""Every row of every table, to prove that a refused operation changed nothing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from daiyun.adapters.db.schema import metadata
from daiyun.bootstrap import Daiyun


def database_snapshot(app: Daiyun) -> dict[str, list[tuple[Any, ...]]]:
    """All rows of all daiyun tables, in primary-key order."""
    snapshot: dict[str, list[tuple[Any, ...]]] = {}
    with app.engine.connect() as connection:
        for table in metadata.sorted_tables:
            query = select(table).order_by(*table.primary_key.columns)
            snapshot[table.name] = [tuple(row) for row in connection.execute(query)]
    return snapshot


def row_counts(app: Daiyun) -> dict[str, int]:
    """How many rows each table holds."""
    return {name: len(rows) for name, rows in database_snapshot(app).items()}
