"""platform fees in full (issue 17, R-S5): a statement's platform charges and fees borne

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 14:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

# R-S5: the deposit, annual fee and refund charged in the month (shown either way), and what
# the brand bears of the platform's fees (deducted from the remittance). Versions stored
# before had neither: 0.
_COLUMNS = ("platform_charges_fen", "platform_fees_borne_fen")


def upgrade() -> None:
    for name in _COLUMNS:
        op.add_column(
            "statement_version",
            sa.Column(name, sa.BigInteger(), nullable=False, server_default=sa.text("0")),
        )


def downgrade() -> None:
    # Not a batch (table copy) on SQLite: the immutability triggers name statement_version.
    for name in reversed(_COLUMNS):
        op.drop_column("statement_version", name)
