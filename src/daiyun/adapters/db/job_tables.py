"""Background jobs (issue 22): each job's state, progress, result and error, the files it was
given, and which job imported which order file.

On the one `metadata`; schema.py gathers them with every other table (migration 0015). A
job's state, progress and result live here, not in a process's memory or the broker, so any
web process shows any worker's job and a restart forgets nothing.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
)

from daiyun.adapters.db.metadata import metadata
from daiyun.adapters.db.types import UtcDateTime

__all__ = ["job", "job_file", "job_order_file"]

_STATES = "'queued', 'running', 'held', 'done', 'failed', 'cancelled'"

job = Table(
    "job",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("kind", String(40), nullable=False),
    Column("state", String(12), nullable=False),
    # R-D2: the brand whose data the job touches (who may follow it); NULL for the agency's.
    Column("brand_code", String(40), nullable=True),
    Column("params", Text, nullable=False),  # JSON: what the job was asked to do
    Column("submitted_by", String(200), nullable=False),
    Column("submitted_at", UtcDateTime, nullable=False),
    Column("started_at", UtcDateTime, nullable=True),
    Column("finished_at", UtcDateTime, nullable=True),
    Column("attempts", Integer, nullable=False, default=0),
    Column("done", BigInteger, nullable=False, default=0),
    Column("total", BigInteger, nullable=False, default=0),
    Column("result", Text, nullable=True),  # JSON
    Column("error", Text, nullable=True),
    # A job that must exist at most once (the scheduled duties of one slot) says so here.
    Column("natural_key", String(100), nullable=True, unique=True),
    CheckConstraint(f"state IN ({_STATES})", name="state"),
    CheckConstraint("attempts >= 0 AND done >= 0 AND total >= 0", name="counts"),
    Index("ix_job_kind_submitted_at", "kind", "submitted_at"),
)

# The files a job was given, in parts: a worker on another machine reads them from here.
# Removed once the job has stopped needing them (finished or cancelled).
job_file = Table(
    "job_file",
    metadata,
    Column("job_id", ForeignKey("job.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True, autoincrement=False),
    Column("part", Integer, primary_key=True, autoincrement=False),
    Column("name", String(200), nullable=False),
    Column("data", LargeBinary, nullable=False),
)

# The order files an import job stored, by store and content: the history of imports links
# each imported file to the job that shows its summary.
job_order_file = Table(
    "job_order_file",
    metadata,
    Column("store_code", String(60), primary_key=True),
    Column("sha256", String(64), primary_key=True),
    Column("job_id", ForeignKey("job.id", ondelete="CASCADE"), primary_key=True),
)
