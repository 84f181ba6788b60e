"""Tables of the contract's life (issue 21, R-C5, R-C6): written objections to renewal, the
recorded end, breach notices and their cures, and the evidence that closed each exit duty.

Every row is written once and never changed (an objection, a notice, a cure, an end, a duty's
evidence are each a record of something done in writing). Renewals are not stored: they follow
from the terms and the objections (domain/contracts/lifecycle.py). Migration 0021.
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    UniqueConstraint,
)

from daiyun.adapters.db.metadata import metadata
from daiyun.adapters.db.types import Identity, UtcDateTime

__all__ = [
    "breach_cure",
    "breach_notice",
    "contract_end",
    "contract_objection",
    "exit_evidence",
    "metadata",
]

_PARTY = "{} IN ('operator', 'brand')"

# R-C5: a party's written objection to the renewal at the end of a term; once per party and term.
contract_objection = Table(
    "contract_objection",
    metadata,
    Column("contract_id", ForeignKey("contract.id"), nullable=False),
    Column("term", Integer, nullable=False),
    Column("by_party", String(10), nullable=False),
    Column("objected_on", Date, nullable=False),
    Column("reason", String(1000)),
    Column("recorded_at", UtcDateTime, nullable=False),
    Column("recorded_by", String(60), nullable=False),
    PrimaryKeyConstraint("contract_id", "term", "by_party", name="pk_contract_objection"),
    CheckConstraint("term >= 1", name="term"),
    CheckConstraint(_PARTY.format("by_party"), name="by_party"),
)

# R-C6: the contract's end, once: its last day, cause, and the right a termination used.
contract_end = Table(
    "contract_end",
    metadata,
    Column("contract_id", ForeignKey("contract.id"), primary_key=True),
    Column("last_day", Date, nullable=False),
    Column("cause", String(12), nullable=False),
    Column("termination_right", String(120)),
    Column("right_holder", String(10)),
    Column("reason", String(1000)),
    Column("recorded_at", UtcDateTime, nullable=False),
    Column("recorded_by", String(60), nullable=False),
    CheckConstraint("cause IN ('agreement', 'expiry', 'termination')", name="cause"),
    CheckConstraint(
        "(cause = 'termination') = (termination_right IS NOT NULL)", name="termination_right"
    ),
)

# R-C6: a written notice of a material breach and the day its cure is due. The same party's
# notice on the same day about the same thing is one notice.
breach_notice = Table(
    "breach_notice",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("contract_id", ForeignKey("contract.id"), nullable=False, index=True),
    Column("by_party", String(10), nullable=False),
    Column("notified_on", Date, nullable=False),
    Column("what", String(1000), nullable=False),
    Column("cure_by", Date, nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    Column("recorded_by", String(60), nullable=False),
    UniqueConstraint(
        "contract_id", "by_party", "notified_on", "what", name="uq_breach_notice_natural_key"
    ),
    CheckConstraint(_PARTY.format("by_party"), name="by_party"),
)

# The breach cured, once per notice.
breach_cure = Table(
    "breach_cure",
    metadata,
    Column("notice_id", ForeignKey("breach_notice.id"), primary_key=True),
    Column("cured_on", Date, nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    Column("recorded_by", String(60), nullable=False),
)

# R-C6: the evidence that closed an exit duty — a file kept under the data directory by its
# SHA-256 (adapters/attachment_files.py), or a written note — once per contract and duty.
exit_evidence = Table(
    "exit_evidence",
    metadata,
    Column("contract_id", ForeignKey("contract.id"), nullable=False),
    Column("duty", String(30), nullable=False),
    Column("done_on", Date, nullable=False),
    Column("note", String(1000)),
    Column("file_name", String(200)),
    Column("sha256", String(64)),
    Column("size", Integer),
    Column("recorded_at", UtcDateTime, nullable=False),
    Column("recorded_by", String(60), nullable=False),
    PrimaryKeyConstraint("contract_id", "duty", name="pk_exit_evidence"),
    CheckConstraint("note IS NOT NULL OR sha256 IS NOT NULL", name="evidence"),
    CheckConstraint("(file_name IS NULL) = (sha256 IS NULL)", name="file"),
)
