"""misshipment_seen (issue 19, R-F4): when a brand user first saw a mis-shipment on the portal

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-07 20:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import daiyun.adapters.db.types

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "misshipment_seen",
        sa.Column(
            "misshipment_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("seen_at", daiyun.adapters.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("seen_by", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["misshipment_id"],
            ["misshipment.id"],
            name=op.f("fk_misshipment_seen_misshipment_id_misshipment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("misshipment_id", name=op.f("pk_misshipment_seen")),
    )


def downgrade() -> None:
    op.drop_table("misshipment_seen")
