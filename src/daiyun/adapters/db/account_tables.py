"""The tables of logins: web sessions, API tokens and login attempts (issue 5).

On the one `metadata`; schema.py gathers them with every other table.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, Index, String, Table

from daiyun.adapters.db.metadata import metadata
from daiyun.adapters.db.types import Identity, UtcDateTime

__all__ = ["api_token", "login_attempt", "web_session"]

# Only a SHA-256 of the session id is stored: a copy of the table logs nobody in.
web_session = Table(
    "web_session",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("key_hash", String(64), nullable=False, unique=True),
    Column("user_id", ForeignKey("user_account.id", ondelete="CASCADE"), nullable=False),
    Column("csrf_token", String(64), nullable=False),
    Column("client", String(64), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("last_seen_at", UtcDateTime, nullable=False),
    Index("ix_web_session_user_id", "user_id"),
)

# A token for scripts: shown once, kept as a SHA-256; its prefix names it in lists.
api_token = Table(
    "api_token",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("prefix", String(16), nullable=False),
    Column("name", String(100), nullable=False),
    Column("user_id", ForeignKey("user_account.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("last_used_at", UtcDateTime, nullable=True),
    Index("ix_api_token_user_id", "user_id"),
)

# Every login attempt, so that throttling holds across workers and restarts.
login_attempt = Table(
    "login_attempt",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("at", UtcDateTime, nullable=False),
    Column("login", String(60), nullable=False),
    Column("client", String(64), nullable=False),
    Column("succeeded", Boolean, nullable=False),
    Index("ix_login_attempt_login_at", "login", "at"),
    Index("ix_login_attempt_client_at", "client", "at"),
)
