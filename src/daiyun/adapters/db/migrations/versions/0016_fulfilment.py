"""fulfilment (issue 19): the brand's stock lists and replenishment receipts (R-F1), return
and exchange requests with their decisions and the goods received back (R-F5)

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 16:10:04.607249
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import daiyun.adapters.db.types

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stock_list",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("brand_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("as_of", daiyun.adapters.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column(
            "imported_at", daiyun.adapters.db.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.Column("imported_by", sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(
            ["brand_id"], ["brand.id"], name=op.f("fk_stock_list_brand_id_brand")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_list")),
        sa.UniqueConstraint("brand_id", "as_of", name="uq_stock_list_brand_as_of"),
    )
    op.create_table(
        "stock_list_item",
        sa.Column("list_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("sku_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("warehouse", sa.String(length=60), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.CheckConstraint("quantity >= 0", name=op.f("ck_stock_list_item_quantity")),
        sa.ForeignKeyConstraint(
            ["list_id"],
            ["stock_list.id"],
            name=op.f("fk_stock_list_item_list_id_stock_list"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["sku_id"], ["sku.id"], name=op.f("fk_stock_list_item_sku_id_sku")),
        sa.PrimaryKeyConstraint("list_id", "sku_id", "warehouse", name="pk_stock_list_item"),
    )
    op.create_table(
        "stock_receipt",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("brand_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("sku_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("warehouse", sa.String(length=60), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=False),
        sa.Column(
            "recorded_at", daiyun.adapters.db.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.Column("recorded_by", sa.String(length=60), nullable=False),
        sa.CheckConstraint("quantity > 0", name=op.f("ck_stock_receipt_quantity")),
        sa.ForeignKeyConstraint(
            ["brand_id"], ["brand.id"], name=op.f("fk_stock_receipt_brand_id_brand")
        ),
        sa.ForeignKeyConstraint(["sku_id"], ["sku.id"], name=op.f("fk_stock_receipt_sku_id_sku")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_receipt")),
        sa.UniqueConstraint(
            "brand_id",
            "sku_id",
            "warehouse",
            "received_on",
            "quantity",
            "reference",
            name="uq_stock_receipt_natural_key",
        ),
    )
    with op.batch_alter_table("stock_receipt", schema=None) as batch_op:
        batch_op.create_index(
            "ix_stock_receipt_brand_received_on", ["brand_id", "received_on"], unique=False
        )

    op.create_table(
        "return_request",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("store_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("order_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=False),
        sa.Column("decision", sa.String(length=10), nullable=False),
        sa.Column("window_ends", sa.Date(), nullable=True),
        sa.Column(
            "decided_at", daiyun.adapters.db.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.Column("decided_by", sa.String(length=60), nullable=False),
        sa.CheckConstraint(
            "decision IN ('accepted', 'refused')", name=op.f("ck_return_request_decision")
        ),
        sa.CheckConstraint("kind IN ('return', 'exchange')", name=op.f("ck_return_request_kind")),
        sa.CheckConstraint("line_no >= 0", name=op.f("ck_return_request_line_no")),
        sa.ForeignKeyConstraint(
            ["order_id"], ["sales_order.id"], name=op.f("fk_return_request_order_id_sales_order")
        ),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_return_request_store_id_store")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_return_request")),
        sa.UniqueConstraint(
            "order_id",
            "line_no",
            "kind",
            "reason",
            "received_on",
            "requested_on",
            name="uq_return_request_natural_key",
        ),
    )
    with op.batch_alter_table("return_request", schema=None) as batch_op:
        batch_op.create_index(
            "ix_return_request_store_requested_on", ["store_id", "requested_on"], unique=False
        )

    op.create_table(
        "return_receipt",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "request_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column(
            "order_line_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("brand_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("sku_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("warehouse", sa.String(length=60), nullable=False),
        sa.Column("units", sa.Integer(), nullable=False),
        sa.Column("restocked", sa.Integer(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column(
            "recorded_at", daiyun.adapters.db.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.Column("recorded_by", sa.String(length=60), nullable=False),
        sa.CheckConstraint(
            "restocked >= 0 AND restocked <= units", name=op.f("ck_return_receipt_restocked")
        ),
        sa.CheckConstraint("units > 0", name=op.f("ck_return_receipt_units")),
        sa.ForeignKeyConstraint(
            ["brand_id"], ["brand.id"], name=op.f("fk_return_receipt_brand_id_brand")
        ),
        sa.ForeignKeyConstraint(
            ["order_line_id"],
            ["order_line.id"],
            name=op.f("fk_return_receipt_order_line_id_order_line"),
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["return_request.id"],
            name=op.f("fk_return_receipt_request_id_return_request"),
        ),
        sa.ForeignKeyConstraint(["sku_id"], ["sku.id"], name=op.f("fk_return_receipt_sku_id_sku")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_return_receipt")),
        sa.UniqueConstraint("order_line_id", name="uq_return_receipt_order_line_id"),
    )
    with op.batch_alter_table("return_receipt", schema=None) as batch_op:
        batch_op.create_index(
            "ix_return_receipt_brand_received_on", ["brand_id", "received_on"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_return_receipt_request_id"), ["request_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("return_receipt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_return_receipt_request_id"))
        batch_op.drop_index("ix_return_receipt_brand_received_on")

    op.drop_table("return_receipt")
    with op.batch_alter_table("return_request", schema=None) as batch_op:
        batch_op.drop_index("ix_return_request_store_requested_on")

    op.drop_table("return_request")
    with op.batch_alter_table("stock_receipt", schema=None) as batch_op:
        batch_op.drop_index("ix_stock_receipt_brand_received_on")

    op.drop_table("stock_receipt")
    op.drop_table("stock_list_item")
    op.drop_table("stock_list")
