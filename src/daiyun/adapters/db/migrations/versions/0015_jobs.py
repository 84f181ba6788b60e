"""background jobs (issue 22): each job's state, progress, result and error; the files it was
given; which job imported which order file

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 16:00:45.474043
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import daiyun.adapters.db.types

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "job",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("brand_code", sa.String(length=40), nullable=True),
        sa.Column("params", sa.Text(), nullable=False),
        sa.Column("submitted_by", sa.String(length=200), nullable=False),
        sa.Column(
            "submitted_at", daiyun.adapters.db.types.UtcDateTime(timezone=True), nullable=False
        ),
        sa.Column("started_at", daiyun.adapters.db.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column(
            "finished_at", daiyun.adapters.db.types.UtcDateTime(timezone=True), nullable=True
        ),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("done", sa.BigInteger(), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("result", sa.Text(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("natural_key", sa.String(length=100), nullable=True),
        sa.CheckConstraint(
            "state IN ('queued', 'running', 'held', 'done', 'failed', 'cancelled')",
            name=op.f("ck_job_state"),
        ),
        sa.CheckConstraint(
            "attempts >= 0 AND done >= 0 AND total >= 0", name=op.f("ck_job_counts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job")),
        sa.UniqueConstraint("natural_key", name=op.f("uq_job_natural_key")),
    )
    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.create_index("ix_job_kind_submitted_at", ["kind", "submitted_at"], unique=False)

    op.create_table(
        "job_file",
        sa.Column("job_id", sa.String(length=40), nullable=False),
        sa.Column("position", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("part", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["job_id"], ["job.id"], name=op.f("fk_job_file_job_id_job"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("job_id", "position", "part", name=op.f("pk_job_file")),
    )
    op.create_table(
        "job_order_file",
        sa.Column("store_code", sa.String(length=60), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("job_id", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["job_id"], ["job.id"], name=op.f("fk_job_order_file_job_id_job"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("store_code", "sha256", "job_id", name=op.f("pk_job_order_file")),
    )


def downgrade() -> None:
    op.drop_table("job_order_file")
    op.drop_table("job_file")
    with op.batch_alter_table("job", schema=None) as batch_op:
        batch_op.drop_index("ix_job_kind_submitted_at")

    op.drop_table("job")
