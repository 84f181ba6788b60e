"""R-D3: the audit log's hash chain — what a record's hash covers, and where a walk from the
first record finds the chain broken."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from daiyun.domain.audit_chain import (
    GENESIS_HASH,
    AuditFields,
    ChainedRecord,
    ChainProblem,
    record_hash,
    verify_chain,
)
from tests.builders import beijing


def fields(sequence: int = 1, **changes: object) -> AuditFields:
    base = AuditFields(
        sequence=sequence,
        at=beijing("2026-11-05 10:00"),
        actor="finance",
        action="statement.confirm",
        entity="statement",
        entity_key="CHANDO-2026/2026-10/v1",
        brand_id=7,
        before='{"status": "issued"}',
        after='{"status": "confirmed"}',
        reason=None,
    )
    return replace(base, **changes)


def chain_of(count: int) -> list[ChainedRecord]:
    """`count` records chained from the genesis value, as the repository writes them."""
    records, previous = [], GENESIS_HASH
    for sequence in range(1, count + 1):
        written = fields(sequence, entity_key=f"CHANDO-2026/2026-{sequence:02d}/v1")
        digest = record_hash(written, previous)
        records.append(stored(sequence * 10, written, previous, digest))
        previous = digest
    return records


def stored(record_id: int, written: AuditFields, previous: str, digest: str) -> ChainedRecord:
    return ChainedRecord(
        id=record_id,
        sequence=written.sequence,
        at=written.at,
        actor=written.actor,
        action=written.action,
        entity=written.entity,
        entity_key=written.entity_key,
        brand_id=written.brand_id,
        before=written.before,
        after=written.after,
        reason=written.reason,
        previous_hash=previous,
        hash=digest,
    )


def test_a_record_hash_is_the_sha256_of_its_fields_and_the_previous_hash_as_a_json_array() -> None:
    # 2026-11-05 10:00 Beijing is 02:00 UTC; Chinese text as ASCII escapes; None as null.
    written = fields(actor="财务", reason=None)
    canonical = (
        '[1,"2026-11-05T02:00:00.000000+00:00","\\u8d22\\u52a1","statement.confirm",'
        '"statement","CHANDO-2026/2026-10/v1",7,"{\\"status\\": \\"issued\\"}",'
        '"{\\"status\\": \\"confirmed\\"}",null,"' + GENESIS_HASH + '"]'
    )
    assert record_hash(written, GENESIS_HASH) == hashlib.sha256(canonical.encode()).hexdigest()


def test_the_same_moment_in_any_time_zone_gives_the_same_hash() -> None:
    in_utc = fields(at=datetime(2026, 11, 5, 2, 0, tzinfo=UTC))
    assert record_hash(in_utc, GENESIS_HASH) == record_hash(fields(), GENESIS_HASH)


@pytest.mark.parametrize(
    "change",
    [
        {"sequence": 2},
        {"at": beijing("2026-11-05 10:00:01")},
        {"actor": "finance2"},
        {"action": "statement.dispute"},
        {"entity": "contract"},
        {"entity_key": "CHANDO-2026/2026-10/v2"},
        {"brand_id": 8},
        {"brand_id": None},
        {"before": None},
        {"before": ""},
        {"after": '{"status":"confirmed"}'},  # the same JSON written otherwise: not as stored
        {"reason": ""},
    ],
)
def test_every_field_is_covered_by_the_hash(change: dict[str, object]) -> None:
    assert record_hash(fields(**change), GENESIS_HASH) != record_hash(fields(), GENESIS_HASH)


def test_the_previous_hash_is_covered_by_the_hash() -> None:
    assert record_hash(fields(), "1" * 64) != record_hash(fields(), GENESIS_HASH)


def test_a_naive_moment_cannot_be_hashed() -> None:
    with pytest.raises(ValueError, match="must be aware"):
        record_hash(fields(at=datetime(2026, 11, 5, 10, 0)), GENESIS_HASH)  # noqa: DTZ001


def test_an_empty_log_is_intact_at_the_genesis_value() -> None:
    verdict = verify_chain([])
    assert (verdict.is_intact, verdict.intact_records, verdict.last_sequence) == (True, 0, 0)
    assert verdict.last_hash == GENESIS_HASH


def test_a_chain_as_written_is_intact_and_ends_at_its_last_hash() -> None:
    records = chain_of(3)
    verdict = verify_chain(records)
    assert verdict.is_intact
    assert (verdict.intact_records, verdict.last_sequence) == (3, 3)
    assert verdict.last_hash == records[-1].hash


def test_a_changed_field_breaks_the_chain_at_that_record() -> None:
    records = chain_of(4)
    records[2] = replace(records[2], after='{"status": "disputed"}')
    verdict = verify_chain(records)
    assert verdict.broken is not None
    assert (verdict.broken.record.id, verdict.broken.problem) == (30, ChainProblem.HASH)
    assert verdict.broken.found == records[2].hash
    assert "changed after it was written" in verdict.broken.message
    assert (verdict.intact_records, verdict.last_hash) == (2, records[1].hash)


def test_a_deleted_record_breaks_the_chain_at_the_one_after_it_naming_the_missing_place() -> None:
    records = chain_of(4)
    del records[1]
    verdict = verify_chain(records)
    assert verdict.broken is not None
    assert (verdict.broken.record.id, verdict.broken.problem) == (30, ChainProblem.SEQUENCE)
    assert (verdict.broken.expected, verdict.broken.found) == ("2", "3")
    assert "number 2 was deleted" in verdict.broken.message
    assert verdict.intact_records == 1


def test_two_deleted_records_are_named_as_a_range() -> None:
    records = chain_of(4)
    del records[1:3]
    verdict = verify_chain(records)
    assert verdict.broken is not None
    assert "number 2 to 3 was deleted" in verdict.broken.message


def test_records_in_another_order_break_the_chain_where_the_order_changes() -> None:
    records = chain_of(4)
    records[1], records[2] = records[2], records[1]
    verdict = verify_chain(records)
    assert verdict.broken is not None
    assert (verdict.broken.record.id, verdict.broken.problem) == (30, ChainProblem.SEQUENCE)
    assert (verdict.broken.expected, verdict.broken.found) == ("2", "3")


def test_a_record_renumbered_to_close_a_gap_breaks_on_its_previous_hash() -> None:
    records = chain_of(4)
    del records[1]
    records[1] = replace(records[1], sequence=2)
    verdict = verify_chain(records)
    assert verdict.broken is not None
    assert (verdict.broken.record.id, verdict.broken.problem) == (30, ChainProblem.PREVIOUS_HASH)
    assert verdict.broken.expected == records[0].hash


def test_a_changed_record_given_a_new_hash_breaks_the_chain_at_the_next_record() -> None:
    records = chain_of(4)
    changed = replace(records[1], after='{"status": "disputed"}')
    rehashed = record_hash(changed.fields(2), str(changed.previous_hash))
    records[1] = replace(changed, hash=rehashed)
    verdict = verify_chain(records)
    assert verdict.broken is not None
    assert (verdict.broken.record.id, verdict.broken.problem) == (30, ChainProblem.PREVIOUS_HASH)
    assert (verdict.broken.expected, verdict.broken.found) == (rehashed, records[2].previous_hash)


def test_a_record_without_place_or_hash_breaks_the_chain() -> None:
    records = chain_of(2)
    records.append(replace(records[1], id=99, sequence=None, previous_hash=None, hash=None))
    verdict = verify_chain(records)
    assert verdict.broken is not None
    assert (verdict.broken.record.id, verdict.broken.problem) == (99, ChainProblem.UNCHAINED)
    assert verdict.intact_records == 2
