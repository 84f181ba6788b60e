"""reminders (issue 21, R-O1): in-app notifications and the reminders sent for dated duties

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-07 19:45:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import daiyun.adapters.db.types

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _utc() -> daiyun.adapters.db.types.UtcDateTime:
    return daiyun.adapters.db.types.UtcDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "user_email",
        sa.Column("user_id", _ID, autoincrement=False, nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_user_email_user_id_user_account")
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_user_email")),
    )
    op.create_table(
        "notification",
        sa.Column("id", _ID, autoincrement=True, nullable=False),
        sa.Column("user_id", _ID, nullable=False),
        sa.Column("obligation_key", sa.String(length=64), nullable=False),
        sa.Column("stage", sa.String(length=10), nullable=False),
        sa.Column("kind", sa.String(length=60), nullable=False),
        sa.Column("party", sa.String(length=20), nullable=False),
        sa.Column("brand_code", sa.String(length=40), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("days_left", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=40), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("read_at", _utc(), nullable=True),
        sa.Column("email_state", sa.String(length=10), nullable=False),
        sa.Column("email_to", sa.String(length=254), nullable=True),
        sa.Column("email_attempts", sa.Integer(), nullable=False),
        sa.Column("email_error", sa.String(length=500), nullable=True),
        sa.Column("emailed_at", _utc(), nullable=True),
        sa.CheckConstraint(
            "email_state IN ('none', 'pending', 'sent', 'failed')",
            name=op.f("ck_notification_email_state"),
        ),
        sa.CheckConstraint("party IN ('brand', 'operator')", name=op.f("ck_notification_party")),
        sa.CheckConstraint("email_attempts >= 0", name=op.f("ck_notification_email_attempts")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_notification_user_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification")),
        sa.UniqueConstraint("obligation_key", "user_id", "stage", name="uq_notification_reminder"),
    )
    op.create_index(
        "ix_notification_user_created", "notification", ["user_id", "created_at"], unique=False
    )
    op.create_index("ix_notification_email_state", "notification", ["email_state"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_notification_email_state", table_name="notification")
    op.drop_index("ix_notification_user_created", table_name="notification")
    op.drop_table("notification")
    op.drop_table("user_email")
