"""The State Council holiday notices the agency recorded for years chinesecalendar lacks.

On the one `metadata`; schema.py gathers them with every other table (migration 0010).
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
)

from daiyun.adapters.db.metadata import metadata
from daiyun.adapters.db.types import UtcDateTime

__all__ = ["holiday_notice", "holiday_notice_day"]

# One notice a year (the natural key); a corrected notice replaces the year's days whole, and
# the audit log keeps what it replaced (R-D3).
holiday_notice = Table(
    "holiday_notice",
    metadata,
    Column("year", Integer, primary_key=True, autoincrement=False),
    Column("source", Text, nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    Column("recorded_by", String(60), nullable=False),
)

# Every day the notice sets: a day off of a holiday, or a weekend day worked for it (调休).
holiday_notice_day = Table(
    "holiday_notice_day",
    metadata,
    Column(
        "year",
        ForeignKey("holiday_notice.year", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("day", Date, primary_key=True),
    Column("kind", String(4), nullable=False),
    Column("holiday", String(40), nullable=False),
    CheckConstraint("kind IN ('off', 'work')", name="kind"),
)
