"""reminders (issue 21, R-O1): in-app notifications and the reminders sent for dated duties

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-07 19:45:00.000000
"""

from __future__ import annotations

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
