"""prices and promotions: listings, plans, written approvals, repricing tasks, ad spend

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 11:11:01.760437
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import daiyun.adapters.db.types

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "promotion_plan",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("brand_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("current_version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", daiyun.adapters.db.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["brand_id"], ["brand.id"], name=op.f("fk_promotion_plan_brand_id_brand")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promotion_plan")),
        sa.UniqueConstraint("brand_id", "code", name="uq_promotion_plan_brand_code"),
    )
    op.create_table(
        "promotion_version",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("plan_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("terms", sa.Text(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column(
            "window_start", daiyun.adapters.db.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "window_end", daiyun.adapters.db.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.Column("drafted_by", sa.String(length=60), nullable=False),
        sa.Column(
            "drafted_at", daiyun.adapters.db.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "submitted_at", daiyun.adapters.db.types.UtcDateTime(timezone=True), nullable=True
        ),
        sa.CheckConstraint(
            "status IN ('draft', 'submitted', 'approved', 'rejected')",
            name=op.f("ck_promotion_version_status"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["promotion_plan.id"],
            name=op.f("fk_promotion_version_plan_id_promotion_plan"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promotion_version")),
        sa.UniqueConstraint("plan_id", "version", name="uq_promotion_version_plan_version"),
    )
    op.create_table(
        "ad_spend",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("store_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("channel", sa.String(length=60), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column(
            "recorded_at", daiyun.adapters.db.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.Column("recorded_by", sa.String(length=60), nullable=False),
        sa.CheckConstraint("amount_fen >= 0", name=op.f("ck_ad_spend_not_negative")),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f("fk_ad_spend_store_id_store")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ad_spend")),
        sa.UniqueConstraint("store_id", "month", "channel", name="uq_ad_spend_store_month_channel"),
    )
    op.create_table(
        "listing",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("store_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("sku_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("price_fen", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column(
            "updated_at", daiyun.adapters.db.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.CheckConstraint("status IN ('on_sale', 'off_sale')", name=op.f("ck_listing_status")),
        sa.CheckConstraint("price_fen > 0", name=op.f("ck_listing_positive")),
        sa.ForeignKeyConstraint(["sku_id"], ["sku.id"], name=op.f("fk_listing_sku_id_sku")),
        sa.ForeignKeyConstraint(["store_id"], ["store.id"], name=op.f("fk_listing_store_id_store")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_listing")),
        sa.UniqueConstraint("store_id", "sku_id", name="uq_listing_store_sku"),
    )
    op.create_table(
        "promotion_answer",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "version_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("approved", sa.Boolean(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("answered_by", sa.String(length=60), nullable=False),
        sa.Column(
            "answered_at", daiyun.adapters.db.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["promotion_version.id"],
            name=op.f("fk_promotion_answer_version_id_promotion_version"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promotion_answer")),
        sa.UniqueConstraint("version_id", name=op.f("uq_promotion_answer_version_id")),
    )
    op.create_table(
        "repricing_task",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "listing_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("rule", sa.String(length=10), nullable=False),
        sa.Column("listing_price_fen", sa.BigInteger(), nullable=False),
        sa.Column("guide_price_fen", sa.BigInteger(), nullable=False),
        sa.Column("highest_price_fen", sa.BigInteger(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column(
            "created_at", daiyun.adapters.db.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "resolved_at", daiyun.adapters.db.types.UtcDateTime(timezone=True), nullable=True
        ),
        sa.ForeignKeyConstraint(
            ["listing_id"], ["listing.id"], name=op.f("fk_repricing_task_listing_id_listing")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_repricing_task")),
        sa.UniqueConstraint(
            "listing_id", "guide_price_fen", "listing_price_fen", name="uq_repricing_task_change"
        ),
    )
    with op.batch_alter_table("repricing_task", schema=None) as batch_op:
        batch_op.create_index("ix_repricing_task_open", ["resolved_at"], unique=False)

    _create_answer_triggers()


def downgrade() -> None:
    _drop_answer_triggers()
    with op.batch_alter_table("repricing_task", schema=None) as batch_op:
        batch_op.drop_index("ix_repricing_task_open")

    op.drop_table("repricing_task")
    op.drop_table("promotion_answer")
    op.drop_table("listing")
    op.drop_table("ad_spend")
    op.drop_table("promotion_version")
    op.drop_table("promotion_plan")


_REFUSAL = "a written approval is never changed (R-C7)"


def _create_answer_triggers() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER promotion_answer_no_{event.lower()} BEFORE {event} "
                f"ON promotion_answer BEGIN SELECT RAISE(ABORT, '{_REFUSAL}'); END"
            )
        return
    op.execute(
        "CREATE FUNCTION promotion_answer_refuse_change() RETURNS trigger LANGUAGE plpgsql AS "
        f"$$ BEGIN RAISE EXCEPTION '{_REFUSAL}'; END $$"
    )
    op.execute(
        "CREATE TRIGGER promotion_answer_no_change BEFORE UPDATE OR DELETE ON promotion_answer "
        "FOR EACH ROW EXECUTE FUNCTION promotion_answer_refuse_change()"
    )


def _drop_answer_triggers() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for event in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS promotion_answer_no_{event}")
        return
    op.execute("DROP TRIGGER IF EXISTS promotion_answer_no_change ON promotion_answer")
    op.execute("DROP FUNCTION IF EXISTS promotion_answer_refuse_change()")
