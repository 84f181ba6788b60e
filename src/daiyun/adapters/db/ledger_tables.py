"""The brand ledger's tables: journal entries and their postings, append-only (issue 4).

On the one `metadata`; schema.py gathers them with every other table.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, ForeignKey, Index, String, Table, Text

from daiyun.adapters.db.metadata import metadata
from daiyun.adapters.db.types import Fen, Identity, UtcDateTime

__all__ = ["ledger_entry", "ledger_posting"]

# A posted entry: its key is natural (exactly once); never updated, only reversed (R-S8).
ledger_entry = Table(
    "ledger_entry",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("key", String(120), nullable=False, unique=True),
    Column("brand_id", ForeignKey("brand.id"), nullable=False),
    Column("booked_on", Date, nullable=False),
    Column("kind", String(30), nullable=False),
    Column("memo", Text, nullable=False),
    Column("reverses_key", String(120), nullable=True, unique=True),  # reversed at most once
    Column("posted_at", UtcDateTime, nullable=False),
    Index("ix_ledger_entry_brand_id", "brand_id"),
)

# One account's share of an entry in fen: debit positive, credit negative.
ledger_posting = Table(
    "ledger_posting",
    metadata,
    Column("entry_id", ForeignKey("ledger_entry.id"), primary_key=True),
    Column("account", String(30), primary_key=True),
    Column("amount_fen", Fen, nullable=False),
)
