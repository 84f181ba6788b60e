"""custody losses (issue 19, R-F7): goods lost or damaged in the operator's custody, charged
at the guide price

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07 19:45:00.000000
"""

from __future__ import annotations

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
