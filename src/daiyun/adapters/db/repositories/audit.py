"""R-D3: the audit log in the database; rows are only ever inserted, each chained to the
one before it by its hash (domain/audit_chain.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, Row, Transaction, func, insert, select

from daiyun.adapters.db.repositories.brands import brand_id
from daiyun.adapters.db.tables import audit_record, brand
from daiyun.domain.agency import AuditEntry
from daiyun.domain.audit_chain import GENESIS_HASH, AuditFields, ChainedRecord, record_hash

__all__ = ["APPEND_LOCK_KEY", "SqlAuditLog"]

# PostgreSQL: the transaction-level advisory lock that serialises appends to the chain (the
# key spells "dy-audit"). SQLite needs none: every writing transaction begins IMMEDIATE.
APPEND_LOCK_KEY = int.from_bytes(b"dy-audit", "big")

_READ_BATCH = 2_000


class SqlAuditLog:
    """Appends audit entries to the chain; the database's triggers refuse edits and deletions."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        # The last link this transaction wrote, and the (sub)transaction it was written in:
        # trusted only while that one is still open (a savepoint rolled back undoes it).
        self._last: tuple[int, str] | None = None
        self._written_in: Transaction | None = None

    def record(self, entry: AuditEntry) -> None:
        owner = None if entry.brand_code is None else brand_id(self._connection, entry.brand_code)
        sequence, previous = self._last_link()
        fields = AuditFields(
            sequence + 1,
            entry.at,
            entry.actor,
            entry.action,
            entry.entity,
            entry.entity_key,
            owner,
            entry.before,
            entry.after,
            entry.reason,
        )
        digest = record_hash(fields, previous)
        self._connection.execute(
            insert(audit_record).values(
                at=entry.at,
                actor=entry.actor,
                action=entry.action,
                entity=entry.entity,
                entity_key=entry.entity_key,
                brand_id=owner,
                before=entry.before,
                after=entry.after,
                reason=entry.reason,
                sequence=fields.sequence,
                previous_hash=previous,
                hash=digest,
            )
        )
        self._last, self._written_in = (fields.sequence, digest), self._transaction()

    def _transaction(self) -> Transaction | None:
        return self._connection.get_nested_transaction() or self._connection.get_transaction()

    def _last_link(self) -> tuple[int, str]:
        """The place and hash of the last record, read once this transaction alone appends."""
        scope = self._transaction()
        # Still in the (sub)transaction that wrote the last record: it holds the lock.
        if self._last is not None and scope is self._written_in and _is_open(scope):
            return self._last
        if self._connection.dialect.name == "postgresql":
            # Two transactions appending at once would both chain from the same record (and
            # the second fail on the unique place). The lock makes the second wait until the
            # first commits or rolls back; under READ COMMITTED the query below, a statement
            # of its own, then sees the first one's record. Held to the end of the transaction.
            self._connection.execute(select(func.pg_advisory_xact_lock(APPEND_LOCK_KEY)))
        last = self._connection.execute(
            select(audit_record.c.sequence, audit_record.c.hash)
            .order_by(audit_record.c.sequence.desc())
            .limit(1)
        ).first()
        return (0, GENESIS_HASH) if last is None else (last.sequence, last.hash)

    def chain(self) -> Iterator[ChainedRecord]:
        """Every record in the order written (by id), read in batches."""
        rows = self._connection.execute(
            select(audit_record)
            .order_by(audit_record.c.id)
            .execution_options(yield_per=_READ_BATCH)
        )
        try:
            yield from (_chained(row) for row in rows)
        finally:
            rows.close()

    def list_recent(self, limit: int = 100) -> list[AuditEntry]:
        return self.search(limit=limit)

    def search(
        self,
        *,
        entity: str | None = None,
        entity_key: str | None = None,
        brand_code: str | None = None,
        limit: int = 100,
    ) -> list[AuditEntry]:
        """The newest entries first, of one entity (and key) and one brand when given."""
        query = (
            select(audit_record, brand.c.code.label("brand_code"))
            .outerjoin(brand, brand.c.id == audit_record.c.brand_id)
            .order_by(audit_record.c.id.desc())
            .limit(limit)
        )
        if entity is not None:
            query = query.where(audit_record.c.entity == entity)
        if entity_key is not None:
            query = query.where(audit_record.c.entity_key == entity_key)
        if brand_code is not None:
            query = query.where(brand.c.code == brand_code)
        return [
            AuditEntry(
                at=row.at,
                actor=row.actor,
                action=row.action,
                entity=row.entity,
                entity_key=row.entity_key,
                brand_code=row.brand_code,
                before=row.before,
                after=row.after,
                reason=row.reason,
            )
            for row in self._connection.execute(query)
        ]


def _is_open(transaction: Transaction | None) -> bool:
    return transaction is not None and transaction.is_active


def _chained(row: Row[Any]) -> ChainedRecord:
    return ChainedRecord(
        id=row.id,
        sequence=row.sequence,
        at=row.at,
        actor=row.actor,
        action=row.action,
        entity=row.entity,
        entity_key=row.entity_key,
        brand_id=row.brand_id,
        before=row.before,
        after=row.after,
        reason=row.reason,
        previous_hash=row.previous_hash,
        hash=row.hash,
    )
