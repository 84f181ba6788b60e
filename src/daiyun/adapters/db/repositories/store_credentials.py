"""Store credentials as kept (R-B7): sealed secrets, never plain text, and every reveal."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Row, Select, func, insert, select, update

from daiyun.adapters.db.credential_tables import credential_reveal, store_credential
from daiyun.adapters.db.tables import brand, store
from daiyun.domain.credentials import (
    CredentialKind,
    CredentialReveal,
    NewCredential,
    StoreCredential,
)

__all__ = ["SqlStoreCredentialRepository"]

_c = store_credential.c
_r = credential_reveal.c


def _credentials() -> Select[Any]:
    reveals = (
        select(func.count())
        .where(_r.credential_id == _c.id)
        .correlate(store_credential)
        .scalar_subquery()
    )
    return (
        select(
            _c.id,
            brand.c.code.label("brand_code"),
            store.c.code.label("store_code"),
            _c.kind,
            _c.login_name,
            _c.note,
            _c.added_at,
            _c.added_by,
            _c.handed_back_on,
            _c.handed_back_by,
            reveals.label("reveals"),
        )
        .join(brand, brand.c.id == _c.brand_id)
        .join(store, store.c.id == _c.store_id)
    )


def _credential(row: Row[Any]) -> StoreCredential:
    return StoreCredential(
        int(row.id),
        row.brand_code,
        row.store_code,
        CredentialKind(row.kind),
        row.login_name,
        row.note,
        row.added_at,
        row.added_by,
        row.handed_back_on,
        row.handed_back_by,
        int(row.reveals),
    )


class SqlStoreCredentialRepository:
    """A brand's credentials and their reveal log."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def held(self, store_code: str, kind: str, login_name: str) -> StoreCredential | None:
        row = self._connection.execute(
            _credentials().where(
                store.c.code == store_code,
                _c.kind == kind,
                _c.login_name == login_name,
                _c.handed_back_on.is_(None),
            )
        ).first()
        return None if row is None else _credential(row)

    def add(self, new: NewCredential, sealed: bytes, at: datetime, actor: str) -> int:
        ids = self._connection.execute(
            select(store.c.id, store.c.brand_id).where(store.c.code == new.store)
        ).one()
        return int(
            self._connection.execute(
                insert(store_credential)
                .values(
                    brand_id=ids.brand_id,
                    store_id=ids.id,
                    kind=new.kind.value,
                    login_name=new.login_name,
                    sealed=sealed,
                    note=new.note,
                    added_at=at,
                    added_by=actor,
                )
                .returning(_c.id)
            ).scalar_one()
        )

    def get(self, credential_id: int) -> StoreCredential | None:
        row = self._connection.execute(_credentials().where(_c.id == credential_id)).first()
        return None if row is None else _credential(row)

    def of_brands(self, brand_codes: Iterable[str] | None) -> list[StoreCredential]:
        query = _credentials().order_by(brand.c.code, store.c.code, _c.kind, _c.login_name, _c.id)
        if brand_codes is not None:
            query = query.where(brand.c.code.in_(list(brand_codes)))
        return [_credential(row) for row in self._connection.execute(query)]

    def sealed(self, credential_id: int) -> bytes | None:
        found = self._connection.execute(
            select(_c.sealed).where(_c.id == credential_id)
        ).scalar_one_or_none()
        return None if found is None else bytes(found)

    def log_reveal(self, credential_id: int, by: str, at: datetime, reason: str) -> None:
        self._connection.execute(
            insert(credential_reveal).values(
                credential_id=credential_id, revealed_by=by, revealed_at=at, reason=reason
            )
        )

    def reveals(
        self, brand_codes: Iterable[str] | None, limit: int = 500
    ) -> list[CredentialReveal]:
        query = (
            select(
                _r.credential_id,
                brand.c.code.label("brand_code"),
                store.c.code.label("store_code"),
                _c.kind,
                _c.login_name,
                _r.revealed_by,
                _r.revealed_at,
                _r.reason,
            )
            .join(store_credential, _c.id == _r.credential_id)
            .join(brand, brand.c.id == _c.brand_id)
            .join(store, store.c.id == _c.store_id)
            .order_by(_r.revealed_at.desc(), _r.id.desc())
            .limit(limit)
        )
        if brand_codes is not None:
            query = query.where(brand.c.code.in_(list(brand_codes)))
        return [
            CredentialReveal(
                int(row.credential_id),
                row.brand_code,
                row.store_code,
                CredentialKind(row.kind),
                row.login_name,
                row.revealed_by,
                row.revealed_at,
                row.reason,
            )
            for row in self._connection.execute(query)
        ]

    def all_sealed(self) -> list[tuple[int, bytes]]:
        return [
            (int(row.id), bytes(row.sealed))
            for row in self._connection.execute(
                select(_c.id, _c.sealed).where(_c.sealed.is_not(None)).order_by(_c.id)
            )
        ]

    def reseal(self, credential_id: int, sealed: bytes) -> None:
        self._connection.execute(
            update(store_credential).where(_c.id == credential_id).values(sealed=sealed)
        )

    def hand_back(self, brand_code: str, on: date, by: str) -> list[int]:
        brand_id = select(brand.c.id).where(brand.c.code == brand_code).scalar_subquery()
        ids = [
            int(each)
            for each in self._connection.execute(
                select(_c.id)
                .where(_c.brand_id == brand_id, _c.handed_back_on.is_(None))
                .order_by(_c.id)
            ).scalars()
        ]
        if ids:
            self._connection.execute(
                update(store_credential)
                .where(_c.id.in_(ids))
                .values(sealed=None, handed_back_on=on, handed_back_by=by)
            )
        return ids
