"""excused delays: spans of days the brand caused the delay of a statement's payment (R-S7)

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 09:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import daiyun.adapters.db.types

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_TABLE = "statement_excused_delay"
# R-D3: a recorded delay is a fact like a payment: the database refuses edits and deletions.
_REFUSAL = "a recorded delay the brand caused is never changed (R-S7, R-D3)"


def upgrade() -> None:
    op.create_table(
        _TABLE,
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column(
            "statement_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        ),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column(
            "recorded_at", daiyun.adapters.db.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.Column("recorded_by", sa.String(length=60), nullable=False),
        sa.CheckConstraint(
            "first_day <= last_day", name=op.f("ck_statement_excused_delay_ordered")
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statement.id"],
            name=op.f("fk_statement_excused_delay_statement_id_statement"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statement_excused_delay")),
        sa.UniqueConstraint(
            "statement_id",
            "first_day",
            "last_day",
            name="uq_statement_excused_delay_natural_key",
        ),
    )
    _create_append_only_triggers()


def downgrade() -> None:
    _drop_append_only_triggers()
    op.drop_table(_TABLE)


def _create_append_only_triggers() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {_TABLE}_frozen_{event.lower()} BEFORE {event} ON {_TABLE} "
                f"BEGIN SELECT RAISE(ABORT, '{_REFUSAL}'); END"
            )
        return
    op.execute(
        f"CREATE FUNCTION {_TABLE}_refuse_change() RETURNS trigger LANGUAGE plpgsql AS "
        f"$$ BEGIN RAISE EXCEPTION '{_REFUSAL}'; END $$"
    )
    op.execute(
        f"CREATE TRIGGER {_TABLE}_frozen BEFORE UPDATE OR DELETE ON {_TABLE} "
        f"FOR EACH ROW EXECUTE FUNCTION {_TABLE}_refuse_change()"
    )
    op.execute(
        f"CREATE TRIGGER {_TABLE}_no_truncate BEFORE TRUNCATE ON {_TABLE} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {_TABLE}_refuse_change()"
    )


def _drop_append_only_triggers() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for event in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {_TABLE}_frozen_{event}")
        return
    op.execute(f"DROP TRIGGER IF EXISTS {_TABLE}_frozen ON {_TABLE}")
    op.execute(f"DROP TRIGGER IF EXISTS {_TABLE}_no_truncate ON {_TABLE}")
    op.execute(f"DROP FUNCTION IF EXISTS {_TABLE}_refuse_change()")
