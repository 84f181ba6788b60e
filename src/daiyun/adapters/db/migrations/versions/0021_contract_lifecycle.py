"""contract lifecycle (issue 21, R-C5, R-C6): renewal objections, the recorded end, breach
notices and their cures, and the evidence of exit duties

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-07 19:45:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import daiyun.adapters.db.types

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _recorded() -> list[sa.Column[object]]:
    return [
        sa.Column(
            "recorded_at", daiyun.adapters.db.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.Column("recorded_by", sa.String(length=60), nullable=False),
    ]


def _contract_key(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["contract_id"], ["contract.id"], name=op.f(f"fk_{table}_contract_id_contract")
    )


def upgrade() -> None:
    op.create_table(
        "contract_objection",
        sa.Column("contract_id", _ID, nullable=False),
        sa.Column("term", sa.Integer(), nullable=False),
        sa.Column("by_party", sa.String(length=10), nullable=False),
        sa.Column("objected_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=1000), nullable=True),
        *_recorded(),
        sa.CheckConstraint("term >= 1", name=op.f("ck_contract_objection_term")),
        sa.CheckConstraint(
            "by_party IN ('operator', 'brand')", name=op.f("ck_contract_objection_by_party")
        ),
        _contract_key("contract_objection"),
        sa.PrimaryKeyConstraint("contract_id", "term", "by_party", name="pk_contract_objection"),
    )
    op.create_table(
        "contract_end",
        sa.Column("contract_id", _ID, nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("cause", sa.String(length=12), nullable=False),
        sa.Column("termination_right", sa.String(length=120), nullable=True),
        sa.Column("right_holder", sa.String(length=10), nullable=True),
        sa.Column("reason", sa.String(length=1000), nullable=True),
        *_recorded(),
        sa.CheckConstraint(
            "cause IN ('agreement', 'expiry', 'termination')", name=op.f("ck_contract_end_cause")
        ),
        sa.CheckConstraint(
            "(cause = 'termination') = (termination_right IS NOT NULL)",
            name=op.f("ck_contract_end_termination_right"),
        ),
        _contract_key("contract_end"),
        sa.PrimaryKeyConstraint("contract_id", name=op.f("pk_contract_end")),
    )
    op.create_table(
        "breach_notice",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("contract_id", _ID, nullable=False),
        sa.Column("by_party", sa.String(length=10), nullable=False),
        sa.Column("notified_on", sa.Date(), nullable=False),
        sa.Column("what", sa.String(length=1000), nullable=False),
        sa.Column("cure_by", sa.Date(), nullable=False),
        *_recorded(),
        sa.CheckConstraint(
            "by_party IN ('operator', 'brand')", name=op.f("ck_breach_notice_by_party")
        ),
        _contract_key("breach_notice"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_breach_notice")),
        sa.UniqueConstraint(
            "contract_id", "by_party", "notified_on", "what", name="uq_breach_notice_natural_key"
        ),
    )
    with op.batch_alter_table("breach_notice", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_breach_notice_contract_id"), ["contract_id"], unique=False
        )
    op.create_table(
        "breach_cure",
        sa.Column("notice_id", _ID, nullable=False),
        sa.Column("cured_on", sa.Date(), nullable=False),
        *_recorded(),
        sa.ForeignKeyConstraint(
            ["notice_id"], ["breach_notice.id"], name=op.f("fk_breach_cure_notice_id_breach_notice")
        ),
        sa.PrimaryKeyConstraint("notice_id", name=op.f("pk_breach_cure")),
    )
    op.create_table(
        "exit_evidence",
        sa.Column("contract_id", _ID, nullable=False),
        sa.Column("duty", sa.String(length=30), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=False),
        sa.Column("note", sa.String(length=1000), nullable=True),
        sa.Column("file_name", sa.String(length=200), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("size", sa.Integer(), nullable=True),
        *_recorded(),
        sa.CheckConstraint(
            "note IS NOT NULL OR sha256 IS NOT NULL", name=op.f("ck_exit_evidence_evidence")
        ),
        sa.CheckConstraint(
            "(file_name IS NULL) = (sha256 IS NULL)", name=op.f("ck_exit_evidence_file")
        ),
        _contract_key("exit_evidence"),
        sa.PrimaryKeyConstraint("contract_id", "duty", name="pk_exit_evidence"),
    )


def downgrade() -> None:
    op.drop_table("exit_evidence")
    op.drop_table("breach_cure")
    with op.batch_alter_table("breach_notice", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_breach_notice_contract_id"))
    op.drop_table("breach_notice")
    op.drop_table("contract_end")
    op.drop_table("contract_objection")
