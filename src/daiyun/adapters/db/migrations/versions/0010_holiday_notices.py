"""holiday notices: the State Council's notices recorded for years chinesecalendar lacks (R-O1)

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29 20:20:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import daiyun.adapters.db.types

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "holiday_notice",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column(
            "recorded_at", daiyun.adapters.db.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.Column("recorded_by", sa.String(length=60), nullable=False),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_holiday_notice")),
    )
    op.create_table(
        "holiday_notice_day",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=4), nullable=False),
        sa.Column("holiday", sa.String(length=40), nullable=False),
        sa.CheckConstraint("kind IN ('off', 'work')", name=op.f("ck_holiday_notice_day_kind")),
        sa.ForeignKeyConstraint(
            ["year"],
            ["holiday_notice.year"],
            name=op.f("fk_holiday_notice_day_year_holiday_notice"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("year", "day", name=op.f("pk_holiday_notice_day")),
    )


def downgrade() -> None:
    op.drop_table("holiday_notice_day")
    op.drop_table("holiday_notice")
