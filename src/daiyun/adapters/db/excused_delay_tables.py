"""Spans of delay the brand caused in paying a statement (R-S7), append-only.

On the one `metadata`; schema.py gathers it with every other table (migration 0008).
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from daiyun.adapters.db.metadata import metadata
from daiyun.adapters.db.types import Identity, UtcDateTime

__all__ = ["statement_excused_delay"]

# R-S7 (§2 ch.6 art.5): no penalty accrues on these days. The same span of a statement is one
# record (natural key); the service refuses overlapping spans; database triggers refuse any
# UPDATE or DELETE (R-D3: a recorded fact is never edited).
statement_excused_delay = Table(
    "statement_excused_delay",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("statement_id", ForeignKey("statement.id"), nullable=False),
    Column("first_day", Date, nullable=False),
    Column("last_day", Date, nullable=False),  # inclusive
    Column("reason", Text, nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    Column("recorded_by", String(60), nullable=False),
    UniqueConstraint(
        "statement_id", "first_day", "last_day", name="uq_statement_excused_delay_natural_key"
    ),
    CheckConstraint("first_day <= last_day", name="ordered"),
)
