"""Tables of in-app notifications and reminders (issue 21, R-O1), and users' email addresses.

On the one `metadata`; schema.py gathers them with every other table (migration 0023).
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    UniqueConstraint,
)

from daiyun.adapters.db.metadata import metadata
from daiyun.adapters.db.types import Identity, UtcDateTime

__all__ = ["metadata", "notification", "user_email"]

# A user's email address for reminders (optional; `daiyun user email`).
user_email = Table(
    "user_email",
    metadata,
    Column("user_id", ForeignKey("user_account.id"), primary_key=True, autoincrement=False),
    Column("email", String(254), nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
)

# One reminder told one person: once per (duty, person, stage) — the natural key — however
# often the reminders run. What it is about is kept, not its words (a page words it in the
# reader's language); its email an outbox entry, retried while pending.
notification = Table(
    "notification",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("user_id", ForeignKey("user_account.id"), nullable=False),
    Column("obligation_key", String(64), nullable=False),  # sha256 of kind, brand, subject, due
    Column("stage", String(10), nullable=False),  # days before ("3"), "0" on the day, "missed"
    Column("kind", String(60), nullable=False),
    Column("party", String(20), nullable=False),
    Column("brand_code", String(40), nullable=False),
    Column("subject", String(300), nullable=False),
    Column("due_on", Date, nullable=False),
    Column("days_left", Integer, nullable=False),
    Column("rule", String(40), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("read_at", UtcDateTime, nullable=True),
    Column("email_state", String(10), nullable=False),
    Column("email_to", String(254), nullable=True),
    Column("email_attempts", Integer, nullable=False, default=0),
    Column("email_error", String(500), nullable=True),
    Column("emailed_at", UtcDateTime, nullable=True),
    UniqueConstraint("obligation_key", "user_id", "stage", name="uq_notification_reminder"),
    CheckConstraint("email_state IN ('none', 'pending', 'sent', 'failed')", name="email_state"),
    CheckConstraint("party IN ('brand', 'operator')", name="party"),
    CheckConstraint("email_attempts >= 0", name="email_attempts"),
    Index("ix_notification_user_created", "user_id", "created_at"),
    Index("ix_notification_email_state", "email_state"),
)
