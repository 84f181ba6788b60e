"""R-D3: the audit log as a hash chain, so that an edit made around the database's
append-only triggers (or after dropping them) shows.

Each record carries the SHA-256 of its own fields and the hash of the record before it; the
first record chains from GENESIS_HASH. Changing, deleting, inserting or re-ordering a record
breaks the chain at that record. The chain is not signed: someone who can write the database
and rewrites every hash after the record they changed is caught only by comparing the last
hash with one noted elsewhere before (docs/audit.md)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

__all__ = [
    "GENESIS_HASH",
    "AuditFields",
    "BrokenLink",
    "ChainProblem",
    "ChainVerdict",
    "ChainedRecord",
    "record_hash",
    "verify_chain",
]

# What the first record chains from: no record comes before it.
GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class AuditFields:
    """What a record's hash covers besides the previous hash: its place and its fields as
    stored (the brand by its stored key; before and after as the JSON text stored)."""

    sequence: int
    at: datetime
    actor: str
    action: str
    entity: str
    entity_key: str
    brand_id: int | None
    before: str | None
    after: str | None
    reason: str | None


def record_hash(fields: AuditFields, previous_hash: str) -> str:
    """The SHA-256 (hex) of a record's fields and the hash of the record before it."""
    if fields.at.tzinfo is None or fields.at.utcoffset() is None:
        raise ValueError(f"an audit record's moment must be aware: {fields.at.isoformat()}")
    # A JSON array: fields in a fixed order, None distinct from "", no separator ambiguity;
    # ASCII escapes make the bytes the same whatever the text holds.
    canonical = json.dumps(
        [
            fields.sequence,
            fields.at.astimezone(UTC).isoformat(timespec="microseconds"),
            fields.actor,
            fields.action,
            fields.entity,
            fields.entity_key,
            fields.brand_id,
            fields.before,
            fields.after,
            fields.reason,
            previous_hash,
        ],
        ensure_ascii=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


@dataclass(frozen=True)
class ChainedRecord:
    """A stored audit record as read back; sequence and hashes are None when a record was
    written around the chain."""

    id: int
    sequence: int | None
    at: datetime
    actor: str
    action: str
    entity: str
    entity_key: str
    brand_id: int | None
    before: str | None
    after: str | None
    reason: str | None
    previous_hash: str | None
    hash: str | None

    def fields(self, sequence: int) -> AuditFields:
        """The fields its hash covers, at place `sequence`."""
        return AuditFields(
            sequence,
            self.at,
            self.actor,
            self.action,
            self.entity,
            self.entity_key,
            self.brand_id,
            self.before,
            self.after,
            self.reason,
        )


class ChainProblem(StrEnum):
    """What does not match at a broken link."""

    UNCHAINED = "unchained"  # no sequence or hash: written around the chain
    SEQUENCE = "sequence"  # not the next place: a record before it deleted, or re-ordered
    PREVIOUS_HASH = "previous_hash"  # does not name the hash of the record before it
    HASH = "hash"  # its fields do not give its hash: changed after it was written


@dataclass(frozen=True)
class BrokenLink:
    """The first record where the chain breaks, what does not match, and what it means."""

    record: ChainedRecord
    problem: ChainProblem
    expected: str
    found: str
    message: str


@dataclass(frozen=True)
class ChainVerdict:
    """The chain walked from its first record: how many records hold, and the first break."""

    intact_records: int
    last_sequence: int
    last_hash: str
    broken: BrokenLink | None

    @property
    def is_intact(self) -> bool:
        """True when every record holds."""
        return self.broken is None


def verify_chain(records: Iterable[ChainedRecord]) -> ChainVerdict:
    """Walk `records` in the order they were written; stop at the first broken link."""
    count, sequence, previous = 0, 0, GENESIS_HASH
    for record in records:
        broken = _check_link(record, sequence + 1, previous)
        if broken is not None:
            return ChainVerdict(count, sequence, previous, broken)
        count, sequence, previous = count + 1, sequence + 1, str(record.hash)
    return ChainVerdict(count, sequence, previous, None)


def _check_link(record: ChainedRecord, sequence: int, previous: str) -> BrokenLink | None:
    if record.sequence is None or record.previous_hash is None or record.hash is None:
        return BrokenLink(
            record,
            ChainProblem.UNCHAINED,
            f"place {sequence} with its hashes",
            "no place or hash",
            "the record carries no place or hash in the chain: it was written around it",
        )
    if record.sequence != sequence:
        return BrokenLink(
            record,
            ChainProblem.SEQUENCE,
            str(sequence),
            str(record.sequence),
            f"the record is number {record.sequence} of the chain where number {sequence} "
            + _out_of_place(record.sequence, sequence),
        )
    if record.previous_hash != previous:
        return BrokenLink(
            record,
            ChainProblem.PREVIOUS_HASH,
            previous,
            record.previous_hash,
            "the record does not name the hash of the record before it: that one was "
            "changed (and re-hashed) or replaced, or this one's previous hash was edited",
        )
    computed = record_hash(record.fields(sequence), previous)
    if record.hash != computed:
        return BrokenLink(
            record,
            ChainProblem.HASH,
            computed,
            record.hash,
            "the record's fields do not give its stored hash: it was changed after it was written",
        )
    return None


def _out_of_place(found: int, expected: int) -> str:
    if found > expected:
        missing = str(expected) if found == expected + 1 else f"{expected} to {found - 1}"
        return f"should come: number {missing} was deleted, or the log re-ordered"
    return "should come: the log was re-ordered, or a record copied"
