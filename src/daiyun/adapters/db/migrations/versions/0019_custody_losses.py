"""custody losses (issue 19, R-F7): goods lost or damaged in the operator's custody, charged
at the guide price

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07 19:45:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import daiyun.adapters.db.types

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "custody_loss",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("brand_id", _ID, nullable=False),
        sa.Column("contract_id", _ID, nullable=False),
        sa.Column("sku_id", _ID, nullable=False),
        sa.Column("warehouse", sa.String(length=60), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column(
            "occurred_at", daiyun.adapters.db.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("guide_price_fen", sa.BigInteger(), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("what", sa.String(length=500), nullable=False),
        sa.Column(
            "recorded_at", daiyun.adapters.db.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.Column("recorded_by", sa.String(length=60), nullable=False),
        sa.CheckConstraint("quantity > 0", name=op.f("ck_custody_loss_quantity")),
        sa.CheckConstraint("kind IN ('lost', 'damaged')", name=op.f("ck_custody_loss_kind")),
        sa.CheckConstraint(
            "amount_fen = quantity * guide_price_fen", name=op.f("ck_custody_loss_amount")
        ),
        sa.ForeignKeyConstraint(
            ["brand_id"], ["brand.id"], name=op.f("fk_custody_loss_brand_id_brand")
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contract.id"], name=op.f("fk_custody_loss_contract_id_contract")
        ),
        sa.ForeignKeyConstraint(["sku_id"], ["sku.id"], name=op.f("fk_custody_loss_sku_id_sku")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_custody_loss")),
        sa.UniqueConstraint(
            "brand_id",
            "sku_id",
            "warehouse",
            "kind",
            "occurred_at",
            name="uq_custody_loss_natural_key",
        ),
    )
    with op.batch_alter_table("custody_loss", schema=None) as batch_op:
        batch_op.create_index(
            "ix_custody_loss_contract_occurred_at", ["contract_id", "occurred_at"], unique=False
        )
        batch_op.create_index(
            "ix_custody_loss_brand_occurred_at", ["brand_id", "occurred_at"], unique=False
        )
    # R-F7: the month's custody losses owed to the brand, a figure of the statement; versions
    # stored before had none: 0.
    op.add_column(
        "statement_version",
        sa.Column(
            "custody_losses_fen", sa.BigInteger(), nullable=False, server_default=sa.text("0")
        ),
    )


def downgrade() -> None:
    # Not a batch (table copy) on SQLite: the immutability triggers name statement_version.
    op.drop_column("statement_version", "custody_losses_fen")
    op.drop_index("ix_custody_loss_brand_occurred_at", table_name="custody_loss")
    op.drop_index("ix_custody_loss_contract_occurred_at", table_name="custody_loss")
    op.drop_table("custody_loss")
