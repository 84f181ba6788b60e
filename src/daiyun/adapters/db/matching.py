"""`column IN (values…)` for a batch of values, as each database takes it fastest."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, any_, bindparam
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.sql.elements import ColumnElement

__all__ = ["IN_CHUNK", "one_of"]

IN_CHUNK = 900  # values per statement: well under every driver's bound-parameter limit


def one_of(
    connection: Connection, column: ColumnElement[Any], values: Sequence[Any]
) -> ColumnElement[bool]:
    """The column is one of `values` (at most IN_CHUNK of them on SQLite)."""
    # PostgreSQL: one array parameter, not one parameter per value (parsing those is slow).
    if connection.dialect.name == "postgresql":
        return column == any_(bindparam(None, list(values), type_=ARRAY(column.type)))
    return column.in_(list(values))
