"""Listings, promotion plans with the brand's written approvals, repricing tasks, ad spend.

Issue 6 (R-P2–R-P5, R-C7, R-B6). On the one `metadata`; schema.py gathers
them with every other table.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from daiyun.adapters.db.metadata import metadata
from daiyun.adapters.db.types import Fen, Identity, UtcDateTime

__all__ = [
    "ad_spend",
    "listing",
    "promotion_answer",
    "promotion_plan",
    "promotion_version",
    "repricing_task",
]

# A store's offer of a SKU; every price change passes the floor and cap check (R-P2, R-P3).
listing = Table(
    "listing",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("store_id", ForeignKey("store.id"), nullable=False),
    Column("sku_id", ForeignKey("sku.id"), nullable=False),
    Column("price_fen", Fen, nullable=False),
    Column("status", String(10), nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    UniqueConstraint("store_id", "sku_id", name="uq_listing_store_sku"),
    CheckConstraint("price_fen > 0", name="positive"),
    CheckConstraint("status IN ('on_sale', 'off_sale')", name="status"),
)

# R-P4: a plan by (brand, code); its versions below; the current one is what is in force.
promotion_plan = Table(
    "promotion_plan",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("brand_id", ForeignKey("brand.id"), nullable=False),
    Column("code", String(60), nullable=False),
    Column("current_version", Integer, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    UniqueConstraint("brand_id", "code", name="uq_promotion_plan_brand_code"),
)

# Each version's terms as canonical JSON, with the window's edges for lookups (R-C7: an
# approval covers exactly one version and its fingerprint).
promotion_version = Table(
    "promotion_version",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("plan_id", ForeignKey("promotion_plan.id"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("status", String(12), nullable=False),
    Column("terms", Text, nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("window_start", UtcDateTime, nullable=False),
    Column("window_end", UtcDateTime, nullable=False),
    Column("drafted_by", String(60), nullable=False),
    Column("drafted_at", UtcDateTime, nullable=False),
    Column("submitted_at", UtcDateTime, nullable=True),
    UniqueConstraint("plan_id", "version", name="uq_promotion_version_plan_version"),
    CheckConstraint("status IN ('draft', 'submitted', 'approved', 'rejected')", name="status"),
)

# R-C7: the brand's written answer to one version; inserted once, never changed.
promotion_answer = Table(
    "promotion_answer",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("version_id", ForeignKey("promotion_version.id"), nullable=False, unique=True),
    Column("approved", Boolean, nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("answered_by", String(60), nullable=False),
    Column("answered_at", UtcDateTime, nullable=False),
    Column("reason", Text, nullable=False),
)

# R-P5: a listing a guide-price change put out of bounds, until repriced.
repricing_task = Table(
    "repricing_task",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("listing_id", ForeignKey("listing.id"), nullable=False),
    Column("rule", String(10), nullable=False),
    Column("listing_price_fen", Fen, nullable=False),
    Column("guide_price_fen", Fen, nullable=False),
    Column("highest_price_fen", Fen, nullable=False),
    Column("due_on", Date, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("resolved_at", UtcDateTime, nullable=True),
    UniqueConstraint(
        "listing_id", "guide_price_fen", "listing_price_fen", name="uq_repricing_task_change"
    ),
    Index("ix_repricing_task_open", "resolved_at"),
)

# R-B6: actual advertising spend per store, month and channel.
ad_spend = Table(
    "ad_spend",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("store_id", ForeignKey("store.id"), nullable=False),
    Column("month", String(7), nullable=False),
    Column("channel", String(60), nullable=False),
    Column("amount_fen", Fen, nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    Column("recorded_by", String(60), nullable=False),
    UniqueConstraint("store_id", "month", "channel", name="uq_ad_spend_store_month_channel"),
    CheckConstraint("amount_fen >= 0", name="not_negative"),
)
