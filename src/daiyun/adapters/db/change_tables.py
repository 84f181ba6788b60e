"""The database's change counter (issue 22, point 5): one row whose counter every unit of work
that writes raises in its own transaction, just before it commits. A page that reads much and
changes seldom (the dashboard's obligations) keeps what it worked out under the counter it read
first, and works it out again once the counter moved. On the one `metadata`; schema.py gathers
it (migration 0025)."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Integer, SmallInteger, Table

from daiyun.adapters.db.metadata import metadata

__all__ = ["COUNTER_ROW", "data_change"]

COUNTER_ROW = 1  # the one row

data_change = Table(
    "data_change",
    metadata,
    Column("id", SmallInteger, primary_key=True, autoincrement=False),
    Column("counter", BigInteger().with_variant(Integer(), "sqlite"), nullable=False),
)
