"""settlement speed: month filters by completion time; the inputs' fingerprint of a draft

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 12:15:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # R-S1: a month's lines and refunds are chosen by completion time; without these indexes a
    # database holding many months scans every line to draft one.
    op.create_index("ix_order_line_completed_at", "order_line", ["completed_at"])
    op.create_index("ix_refund_completed_at", "refund", ["completed_at"])
    # R-S8: what the draft was computed from, so that issuing checks it without redrafting.
    op.add_column(
        "statement_version", sa.Column("inputs_fingerprint", sa.String(length=64), nullable=True)
    )


def downgrade() -> None:
    # Not a batch (table copy) on SQLite: the immutability triggers name statement_version.
    op.drop_column("statement_version", "inputs_fingerprint")
    op.drop_index("ix_refund_completed_at", table_name="refund")
    op.drop_index("ix_order_line_completed_at", table_name="order_line")
