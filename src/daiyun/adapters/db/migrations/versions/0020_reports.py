"""reports (issue 20, R-R1–R-R3): the reports the contract owes, made and recorded with
made_at and on_time

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07 19:45:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import daiyun.adapters.db.types

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def _identity() -> sa.types.TypeEngine[int]:
    return sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "made_report",
        sa.Column("id", _identity(), autoincrement=True, nullable=False),
        sa.Column("contract_id", _identity(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("period", sa.String(length=10), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("made_at", daiyun.adapters.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("made_by", sa.String(length=60), nullable=False),
        sa.Column("on_time", sa.Boolean(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('weekly', 'monthly', 'yearly')", name=op.f("ck_made_report_kind")
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contract.id"], name=op.f("fk_made_report_contract_id_contract")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_made_report")),
        sa.UniqueConstraint("contract_id", "kind", "period", name="uq_made_report_natural_key"),
    )
    # A period's sales are read by the contract's stores and when their orders were paid.
    op.create_index(
        "ix_sales_order_store_paid_at", "sales_order", ["store_id", "paid_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_sales_order_store_paid_at", table_name="sales_order")
    op.drop_table("made_report")
