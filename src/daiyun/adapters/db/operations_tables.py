"""The operations desk's own record (issue 19, point 7): when a brand user first saw a
mis-shipment on the brand portal (R-F4: the brand notified at once — the notice stays on the
portal's home until someone of the brand has seen it). On the one `metadata`; schema.py
gathers it (migration 0024)."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, String, Table

from daiyun.adapters.db.metadata import metadata
from daiyun.adapters.db.types import UtcDateTime

__all__ = ["misshipment_seen"]

# Once per mis-shipment: the first brand user to mark it seen, and when. Later views change
# nothing (the primary key keeps the first).
misshipment_seen = Table(
    "misshipment_seen",
    metadata,
    Column(
        "misshipment_id",
        ForeignKey("misshipment.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("seen_at", UtcDateTime, nullable=False),
    Column("seen_by", String(60), nullable=False),
)
