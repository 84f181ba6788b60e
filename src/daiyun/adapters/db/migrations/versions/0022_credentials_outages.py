"""store credentials and outages (issue 21, R-B7, R-B8): encrypted credentials, their
reveals, service outages

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-07 19:45:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import daiyun.adapters.db.types

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _utc() -> daiyun.adapters.db.types.UtcDateTime:
    return daiyun.adapters.db.types.UtcDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "store_credential",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("brand_id", _ID, nullable=False),
        sa.Column("store_id", _ID, nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("login_name", sa.String(length=200), nullable=False),
        sa.Column("sealed", sa.LargeBinary(), nullable=True),
        sa.Column("note", sa.String(length=500), server_default="", nullable=False),
        sa.Column("added_at", _utc(), nullable=False),
        sa.Column("added_by", sa.String(length=60), nullable=False),
        sa.Column("handed_back_on", sa.Date(), nullable=True),
        sa.Column("handed_back_by", sa.String(length=60), nullable=True),
        sa.CheckConstraint(
            "kind IN ('platform_login', 'alipay', 'api_key', 'other')",
            name=op.f("ck_store_credential_kind"),
        ),
        sa.CheckConstraint(
            "(sealed IS NULL) = (handed_back_on IS NOT NULL)",
            name=op.f("ck_store_credential_sealed_or_handed"),
        ),
        sa.ForeignKeyConstraint(
            ["brand_id"], ["brand.id"], name=op.f("fk_store_credential_brand_id_brand")
        ),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_store_credential_store_id_store")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_store_credential")),
    )
    op.create_index(
        "uq_store_credential_held",
        "store_credential",
        ["store_id", "kind", "login_name"],
        unique=True,
        sqlite_where=sa.text("handed_back_on IS NULL"),
        postgresql_where=sa.text("handed_back_on IS NULL"),
    )
    op.create_index("ix_store_credential_brand", "store_credential", ["brand_id"])
    op.create_table(
        "credential_reveal",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("credential_id", _ID, nullable=False),
        sa.Column("revealed_by", sa.String(length=60), nullable=False),
        sa.Column("revealed_at", _utc(), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(
            ["credential_id"],
            ["store_credential.id"],
            name=op.f("fk_credential_reveal_credential_id_store_credential"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_credential_reveal")),
    )
    op.create_index(
        "ix_credential_reveal_credential", "credential_reveal", ["credential_id", "revealed_at"]
    )
    op.create_table(
        "outage",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("brand_id", _ID, nullable=False),
        sa.Column("started_at", _utc(), nullable=False),
        sa.Column("ended_at", _utc(), nullable=False),
        sa.Column("what", sa.String(length=500), nullable=False),
        sa.Column("notice_hours", sa.Integer(), nullable=False),
        sa.Column("noticed_at", _utc(), nullable=True),
        sa.Column("recorded_at", _utc(), nullable=False),
        sa.Column("recorded_by", sa.String(length=60), nullable=False),
        sa.CheckConstraint("ended_at > started_at", name=op.f("ck_outage_ends_after_start")),
        sa.CheckConstraint("notice_hours >= 0", name=op.f("ck_outage_notice_hours")),
        sa.ForeignKeyConstraint(["brand_id"], ["brand.id"], name=op.f("fk_outage_brand_id_brand")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outage")),
        sa.UniqueConstraint(
            "brand_id", "started_at", "ended_at", "what", name="uq_outage_natural_key"
        ),
    )
    op.create_index("ix_outage_brand_started_at", "outage", ["brand_id", "started_at"])


def downgrade() -> None:
    op.drop_index("ix_outage_brand_started_at", table_name="outage")
    op.drop_table("outage")
    op.drop_index("ix_credential_reveal_credential", table_name="credential_reveal")
    op.drop_table("credential_reveal")
    op.drop_index("ix_store_credential_brand", table_name="store_credential")
    op.drop_index("uq_store_credential_held", table_name="store_credential")
    op.drop_table("store_credential")
