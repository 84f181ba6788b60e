"""Tables of store credentials and outages (issue 21, R-B7, R-B8).

A credential's secret is kept only sealed (`sealed`: a Fernet token from
adapters/credential_vault.py), never in plain text; handing it back wipes the token and keeps
the record and its reveals. Every reveal is a row of its own, never edited. An outage keeps
the hours the contract allowed when it was recorded and when the brand was noticed.
On the one `metadata`; schema.py gathers them (migration 0022).
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    UniqueConstraint,
    text,
)

from daiyun.adapters.db.metadata import metadata
from daiyun.adapters.db.types import Identity, UtcDateTime

__all__ = ["credential_reveal", "outage", "store_credential"]

_KINDS = "kind IN ('platform_login', 'alipay', 'api_key', 'other')"

# R-B7: one credential of one store. While held (not handed back) a store has one of each
# kind and login name; `sealed` is null exactly when it was handed back.
store_credential = Table(
    "store_credential",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("brand_id", ForeignKey("brand.id"), nullable=False),
    Column("store_id", ForeignKey("store.id"), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("login_name", String(200), nullable=False),
    Column("sealed", LargeBinary, nullable=True),
    Column("note", String(500), nullable=False, server_default=""),
    Column("added_at", UtcDateTime, nullable=False),
    Column("added_by", String(60), nullable=False),
    Column("handed_back_on", Date, nullable=True),
    Column("handed_back_by", String(60), nullable=True),
    CheckConstraint(_KINDS, name="kind"),
    CheckConstraint("(sealed IS NULL) = (handed_back_on IS NOT NULL)", name="sealed_or_handed"),
    Index(
        "uq_store_credential_held",
        "store_id",
        "kind",
        "login_name",
        unique=True,
        sqlite_where=text("handed_back_on IS NULL"),
        postgresql_where=text("handed_back_on IS NULL"),
    ),
    Index("ix_store_credential_brand", "brand_id"),
)

# R-B7: every reveal of a secret — who, when, why. Written once, never edited.
credential_reveal = Table(
    "credential_reveal",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("credential_id", ForeignKey("store_credential.id"), nullable=False),
    Column("revealed_by", String(60), nullable=False),
    Column("revealed_at", UtcDateTime, nullable=False),
    Column("reason", String(500), nullable=False),
    Index("ix_credential_reveal_credential", "credential_id", "revealed_at"),
)

# R-B8: a service outage of a brand's operations. The same brand, start, end and what is the
# same outage (recorded once).
outage = Table(
    "outage",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("brand_id", ForeignKey("brand.id"), nullable=False),
    Column("started_at", UtcDateTime, nullable=False),
    Column("ended_at", UtcDateTime, nullable=False),
    Column("what", String(500), nullable=False),
    Column("notice_hours", Integer, nullable=False),
    Column("noticed_at", UtcDateTime, nullable=True),
    Column("recorded_at", UtcDateTime, nullable=False),
    Column("recorded_by", String(60), nullable=False),
    CheckConstraint("ended_at > started_at", name="ends_after_start"),
    CheckConstraint("notice_hours >= 0", name="notice_hours"),
    UniqueConstraint("brand_id", "started_at", "ended_at", "what", name="uq_outage_natural_key"),
    Index("ix_outage_brand_started_at", "brand_id", "started_at"),
)
