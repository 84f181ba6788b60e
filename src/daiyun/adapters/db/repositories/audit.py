"""R-D3: the audit log in the database; rows are only ever inserted."""

from __future__ import annotations

from sqlalchemy import Connection, insert, select

from daiyun.adapters.db.repositories.brands import brand_id
from daiyun.adapters.db.tables import audit_record, brand
from daiyun.domain.agency import AuditEntry

__all__ = ["SqlAuditLog"]


class SqlAuditLog:
    """Appends audit entries; the database's triggers refuse edits and deletions."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def record(self, entry: AuditEntry) -> None:
        owner = None if entry.brand_code is None else brand_id(self._connection, entry.brand_code)
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
            )
        )

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
