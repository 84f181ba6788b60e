"""model B fee bills (issue 18, R-B1–R-B5): monthly bills, their versions and payments, the
service fee's instalment payments and the service deposit's events; the brand's tax id

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 15:56:53.213007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import daiyun.adapters.db.types

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # R-B3: the brand's taxpayer id for the invoice request of its fee bills.
    op.add_column("brand", sa.Column("tax_id", sa.String(length=30), nullable=True))
    op.create_table(
        "fee_bill",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "contract_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("current_version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", daiyun.adapters.db.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "updated_at", daiyun.adapters.db.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.CheckConstraint(
            "status IN ('draft', 'issued', 'confirmed', 'disputed', 'part_paid', 'settled')",
            name=op.f("ck_fee_bill_status"),
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contract.id"], name=op.f("fk_fee_bill_contract_id_contract")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fee_bill")),
        sa.UniqueConstraint("contract_id", "month", name="uq_fee_bill_contract_month"),
    )
    op.create_table(
        "service_deposit_event",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "contract_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("happened_on", sa.Date(), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column(
            "recorded_at", daiyun.adapters.db.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.Column("recorded_by", sa.String(length=60), nullable=False),
        sa.Column("stage", sa.String(length=10), nullable=False),
        sa.CheckConstraint(
            "kind IN ('received', 'refunded', 'forfeited')",
            name=op.f("ck_service_deposit_event_kind"),
        ),
        sa.CheckConstraint(
            "stage IN ('received', 'end')", name=op.f("ck_service_deposit_event_stage")
        ),
        sa.CheckConstraint("amount_fen > 0", name=op.f("ck_service_deposit_event_positive")),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contract.id"],
            name=op.f("fk_service_deposit_event_contract_id_contract"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_deposit_event")),
        sa.UniqueConstraint("contract_id", "stage", name="uq_service_deposit_event_stage"),
    )
    op.create_table(
        "service_fee_payment",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "contract_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("instalment", sa.Integer(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column(
            "recorded_at", daiyun.adapters.db.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.Column("recorded_by", sa.String(length=60), nullable=False),
        sa.CheckConstraint("amount_fen > 0", name=op.f("ck_service_fee_payment_positive")),
        sa.CheckConstraint("instalment >= 1", name=op.f("ck_service_fee_payment_instalment")),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contract.id"],
            name=op.f("fk_service_fee_payment_contract_id_contract"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_fee_payment")),
        sa.UniqueConstraint(
            "contract_id",
            "instalment",
            "paid_on",
            "amount_fen",
            name="uq_service_fee_payment_natural_key",
        ),
    )
    op.create_table(
        "fee_bill_payment",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("bill_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column(
            "recorded_at", daiyun.adapters.db.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.Column("recorded_by", sa.String(length=60), nullable=False),
        sa.CheckConstraint("amount_fen > 0", name=op.f("ck_fee_bill_payment_positive")),
        sa.ForeignKeyConstraint(
            ["bill_id"], ["fee_bill.id"], name=op.f("fk_fee_bill_payment_bill_id_fee_bill")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fee_bill_payment")),
        sa.UniqueConstraint(
            "bill_id", "version", "paid_on", "amount_fen", name="uq_fee_bill_payment_natural_key"
        ),
    )
    op.create_table(
        "fee_bill_version",
        sa.Column("bill_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("version", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("trade_income_fen", sa.BigInteger(), nullable=False),
        sa.Column("refunds_paid_out_fen", sa.BigInteger(), nullable=False),
        sa.Column("receipts_fen", sa.BigInteger(), nullable=False),
        sa.Column("carried_in_fen", sa.BigInteger(), nullable=False),
        sa.Column("commission_base_fen", sa.BigInteger(), nullable=False),
        sa.Column("carried_out_fen", sa.BigInteger(), nullable=False),
        sa.Column("commission_fen", sa.BigInteger(), nullable=False),
        sa.Column("vat_fen", sa.BigInteger(), nullable=False),
        sa.Column("income_lines", sa.Integer(), nullable=False),
        sa.Column("refund_lines", sa.Integer(), nullable=False),
        sa.Column("issue_by", sa.Date(), nullable=False),
        sa.Column("payment_due", sa.Date(), nullable=False),
        sa.Column("termination_right_from", sa.Date(), nullable=False),
        sa.Column(
            "drafted_at", daiyun.adapters.db.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.Column("drafted_by", sa.String(length=60), nullable=False),
        sa.Column("issued_at", daiyun.adapters.db.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("issued_on", sa.Date(), nullable=True),
        sa.Column("issued_by", sa.String(length=60), nullable=True),
        sa.Column("answer", sa.String(length=10), nullable=True),
        sa.Column(
            "answered_at", daiyun.adapters.db.types.UtcDateTime(timezone=True), nullable=True
        ),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.Column("answered_by", sa.String(length=60), nullable=True),
        sa.Column("answer_reason", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "answer IS NULL OR answer IN ('confirm', 'dispute')",
            name=op.f("ck_fee_bill_version_answer"),
        ),
        sa.CheckConstraint(
            "carried_in_fen <= 0 AND carried_out_fen <= 0",
            name=op.f("ck_fee_bill_version_shortfalls"),
        ),
        sa.CheckConstraint(
            "commission_fen >= 0 AND vat_fen >= 0", name=op.f("ck_fee_bill_version_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["bill_id"], ["fee_bill.id"], name=op.f("fk_fee_bill_version_bill_id_fee_bill")
        ),
        sa.PrimaryKeyConstraint("bill_id", "version", name=op.f("pk_fee_bill_version")),
    )


def downgrade() -> None:
    op.drop_table("fee_bill_version")
    op.drop_table("fee_bill_payment")
    op.drop_table("service_fee_payment")
    op.drop_table("service_deposit_event")
    op.drop_table("fee_bill")
    # A plain ALTER TABLE … DROP COLUMN (SQLite 3.35+): a batch copy of `brand` would drop the
    # table its contracts and stores point at, which foreign keys refuse once data is there.
    op.drop_column("brand", "tax_id")
