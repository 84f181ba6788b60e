"""Users in the database."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, Select, insert, select, update

from daiyun.adapters.db.repositories.brands import brand_id
from daiyun.adapters.db.tables import brand, user_account
from daiyun.domain.agency import Role, User

__all__ = ["SqlUserRepository"]


class SqlUserRepository:
    """Users by login; password hashes stay in this layer."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def _select(self) -> Select[Any]:
        return select(user_account, brand.c.code.label("brand_code")).outerjoin(
            brand, brand.c.id == user_account.c.brand_id
        )

    def get(self, login: str) -> User | None:
        query = self._select().where(user_account.c.login == login)
        row = self._connection.execute(query).first()
        return None if row is None else _user(row)

    def add(self, user: User, password_hash: str | None, at: datetime) -> None:
        owner = None if user.brand_code is None else brand_id(self._connection, user.brand_code)
        self._connection.execute(
            insert(user_account).values(
                login=user.login,
                display_name=user.display_name,
                role=user.role.value,
                brand_id=owner,
                password_hash=password_hash,
                is_active=user.is_active,
                created_at=at,
            )
        )

    def list_all(self) -> list[User]:
        rows = self._connection.execute(self._select().order_by(user_account.c.login))
        return [_user(row) for row in rows]

    def set_active(self, login: str, is_active: bool) -> None:
        self._set(login, is_active=is_active)

    def set_role(self, login: str, role: Role) -> None:
        self._set(login, role=role.value)

    def set_password_hash(self, login: str, password_hash: str) -> None:
        self._set(login, password_hash=password_hash)

    def _set(self, login: str, **values: object) -> None:
        self._connection.execute(
            update(user_account).where(user_account.c.login == login).values(**values)
        )


def _user(row: Row) -> User:  # type: ignore[type-arg]
    return User(
        login=row.login,
        display_name=row.display_name,
        role=Role(row.role),
        brand_code=row.brand_code,
        is_active=row.is_active,
    )
