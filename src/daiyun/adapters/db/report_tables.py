"""Tables of reports (issue 20, R-R1): each report a contract owes, recorded once when made.

A report is keyed by (contract, kind, period); making it again finds it and keeps the first
making's moment and whether it was on time. The document is the JSON of
domain/reports/document.py, with the SHA-256 of its contents. Migration 0020.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from daiyun.adapters.db.metadata import metadata
from daiyun.adapters.db.tables import sales_order
from daiyun.adapters.db.types import Identity, UtcDateTime

__all__ = ["made_report", "metadata"]

made_report = Table(
    "made_report",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("contract_id", ForeignKey("contract.id"), nullable=False),
    Column("kind", String(10), nullable=False),
    Column("period", String(10), nullable=False),  # 2026-W41, 2026-10, 2026
    Column("first_day", Date, nullable=False),
    Column("last_day", Date, nullable=False),
    Column("due_on", Date, nullable=False),
    Column("made_at", UtcDateTime, nullable=False),
    Column("made_by", String(60), nullable=False),
    Column("on_time", Boolean, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("document", Text, nullable=False),
    UniqueConstraint("contract_id", "kind", "period", name="uq_made_report_natural_key"),
    CheckConstraint("kind IN ('weekly', 'monthly', 'yearly')", name="kind"),
)

# The reports read a contract's stores' orders by when they were paid (a period's sales).
Index("ix_sales_order_store_paid_at", sales_order.c.store_id, sales_order.c.paid_at)
