"""alipay statements: each store's Alipay account, the statement files and their lines (R-X1)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from daiyun.adapters.db.types import UtcDateTime

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "alipay_account",
        sa.Column("store_id", _ID, autoincrement=False, nullable=False),
        sa.Column("account", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", UtcDateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_alipay_account_store_id_store")
        ),
        sa.PrimaryKeyConstraint("store_id", name=op.f("pk_alipay_account")),
        sa.UniqueConstraint("account", name=op.f("uq_alipay_account_account")),
    )
    op.create_table(
        "alipay_file",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("store_id", _ID, nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("account", sa.String(length=64), nullable=False),
        sa.Column("imported_at", UtcDateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=60), nullable=False),
        sa.Column("entries_new", sa.Integer(), nullable=False),
        sa.Column("entries_unchanged", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_alipay_file_store_id_store")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alipay_file")),
        sa.UniqueConstraint("store_id", "sha256", name="uq_alipay_file_store_sha256"),
    )
    op.create_table(
        "alipay_entry",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("store_id", _ID, nullable=False),
        sa.Column("entry_no", sa.String(length=64), nullable=False),
        sa.Column("business_no", sa.String(length=64), nullable=False),
        sa.Column("merchant_order_no", sa.String(length=64), nullable=False),
        sa.Column("item_name", sa.Text(), nullable=False),
        sa.Column("occurred_at", UtcDateTime(timezone=True), nullable=False),
        sa.Column("income_fen", sa.BigInteger(), nullable=False),
        sa.Column("expense_fen", sa.BigInteger(), nullable=False),
        sa.Column("balance_fen", sa.BigInteger(), nullable=True),
        sa.Column("channel", sa.Text(), nullable=False),
        sa.Column("business_type", sa.Text(), nullable=False),
        sa.Column("remark", sa.Text(), nullable=False),
        sa.Column("order_no", sa.String(length=64), nullable=True),
        sa.Column("charge_kind", sa.String(length=40), nullable=True),
        sa.Column("imported_at", UtcDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "income_fen >= 0 AND expense_fen >= 0", name=op.f("ck_alipay_entry_amounts")
        ),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_alipay_entry_store_id_store")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alipay_entry")),
        sa.UniqueConstraint("store_id", "entry_no", name="uq_alipay_entry_store_entry_no"),
    )
    op.create_index(
        "ix_alipay_entry_store_occurred_at", "alipay_entry", ["store_id", "occurred_at"]
    )
    op.create_index("ix_alipay_entry_store_order_no", "alipay_entry", ["store_id", "order_no"])


def downgrade() -> None:
    op.drop_index("ix_alipay_entry_store_order_no", table_name="alipay_entry")
    op.drop_index("ix_alipay_entry_store_occurred_at", table_name="alipay_entry")
    op.drop_table("alipay_entry")
    op.drop_table("alipay_file")
    op.drop_table("alipay_account")
