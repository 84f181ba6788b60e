"""Password hashes, web sessions, API tokens and login attempts in the database."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Select, and_, delete, func, insert, or_, select, update

from daiyun.adapters.db.account_tables import api_token, login_attempt, web_session
from daiyun.adapters.db.tables import brand, user_account
from daiyun.domain.sessions import SessionTimes, StoredSession, StoredToken

__all__ = ["SqlCredentialRepository"]


class SqlCredentialRepository:
    """Secrets only as hashes; a session or token row names its user by id."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def _user_id(self, login: str) -> int:
        found = self._connection.execute(
            select(user_account.c.id).where(user_account.c.login == login)
        ).scalar()
        if found is None:
            raise KeyError(f"no user {login!r}")
        return int(found)

    def password_hash(self, login: str) -> str | None:
        query = select(user_account.c.password_hash).where(user_account.c.login == login)
        found = self._connection.execute(query).scalar()
        return None if found is None else str(found)

    def add_session(
        self, login: str, key_hash: str, csrf_token: str, client: str, at: datetime
    ) -> None:
        self._connection.execute(
            insert(web_session).values(
                key_hash=key_hash,
                user_id=self._user_id(login),
                csrf_token=csrf_token,
                client=client[:64],
                created_at=at,
                last_seen_at=at,
            )
        )

    def session(self, key_hash: str) -> StoredSession | None:
        query = (
            select(
                user_account.c.login,
                web_session.c.csrf_token,
                web_session.c.created_at,
                web_session.c.last_seen_at,
            )
            .join(user_account, user_account.c.id == web_session.c.user_id)
            .where(web_session.c.key_hash == key_hash)
        )
        row = self._connection.execute(query).first()
        if row is None:
            return None
        return StoredSession(
            row.login, row.csrf_token, SessionTimes(row.created_at, row.last_seen_at)
        )

    def touch_session(self, key_hash: str, at: datetime) -> None:
        self._connection.execute(
            update(web_session).where(web_session.c.key_hash == key_hash).values(last_seen_at=at)
        )

    def end_session(self, key_hash: str) -> None:
        self._connection.execute(delete(web_session).where(web_session.c.key_hash == key_hash))

    def end_sessions_of(self, login: str) -> int:
        users = select(user_account.c.id).where(user_account.c.login == login)
        result = self._connection.execute(
            delete(web_session).where(web_session.c.user_id.in_(users.scalar_subquery()))
        )
        return int(result.rowcount)

    def end_sessions_of_brand(self, brand_code: str) -> int:
        users = select(user_account.c.id).join(brand, brand.c.id == user_account.c.brand_id)
        users = users.where(brand.c.code == brand_code)
        result = self._connection.execute(
            delete(web_session).where(web_session.c.user_id.in_(users.scalar_subquery()))
        )
        return int(result.rowcount)

    def end_sessions_expired(self, *, idle_before: datetime, created_before: datetime) -> int:
        expired = or_(
            web_session.c.last_seen_at <= idle_before, web_session.c.created_at <= created_before
        )
        return int(self._connection.execute(delete(web_session).where(expired)).rowcount)

    def add_token(self, login: str, token_hash: str, prefix: str, name: str, at: datetime) -> None:
        self._connection.execute(
            insert(api_token).values(
                token_hash=token_hash,
                prefix=prefix,
                name=name,
                user_id=self._user_id(login),
                created_at=at,
            )
        )

    def _tokens(self) -> Select[Any]:
        return select(
            user_account.c.login,
            api_token.c.prefix,
            api_token.c.name,
            api_token.c.created_at,
            api_token.c.last_used_at,
        ).join(user_account, user_account.c.id == api_token.c.user_id)

    def token(self, token_hash: str) -> StoredToken | None:
        query = self._tokens().where(api_token.c.token_hash == token_hash)
        row = self._connection.execute(query).first()
        return None if row is None else StoredToken(*row)

    def touch_token(self, token_hash: str, at: datetime) -> None:
        self._connection.execute(
            update(api_token).where(api_token.c.token_hash == token_hash).values(last_used_at=at)
        )

    def tokens_of(self, login: str) -> list[StoredToken]:
        query = self._tokens().where(user_account.c.login == login).order_by(api_token.c.id)
        return [StoredToken(*row) for row in self._connection.execute(query)]

    def revoke_token(self, login: str, prefix: str) -> bool:
        result = self._connection.execute(
            delete(api_token).where(
                and_(api_token.c.prefix == prefix, api_token.c.user_id == self._user_id(login))
            )
        )
        return bool(result.rowcount)

    def record_attempt(self, login: str, client: str, succeeded: bool, at: datetime) -> None:
        self._connection.execute(
            insert(login_attempt).values(
                at=at, login=login[:60], client=client[:64], succeeded=succeeded
            )
        )

    def failures_since(self, login: str, client: str, since: datetime) -> tuple[int, int]:
        failed = and_(login_attempt.c.succeeded.is_(False), login_attempt.c.at > since)
        count = func.count(login_attempt.c.id)
        by_login = select(count).where(failed, login_attempt.c.login == login[:60])
        by_client = select(count).where(failed, login_attempt.c.client == client[:64])
        row = self._connection.execute(
            select(by_login.scalar_subquery(), by_client.scalar_subquery())
        ).one()
        return int(row[0]), int(row[1])

    def forget_attempts_before(self, at: datetime) -> None:
        self._connection.execute(delete(login_attempt).where(login_attempt.c.at < at))
