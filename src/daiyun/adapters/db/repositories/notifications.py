"""Notifications as kept (issue 21 point 7, R-O1), the people reminders go to and their email
addresses. A reminder is kept once per (duty, person, stage): the unique constraint
uq_notification_reminder, and an insert that skips what it finds there, on both databases."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, Select, and_, delete, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from daiyun.adapters.db.notification_tables import notification, user_email
from daiyun.adapters.db.tables import brand, user_account
from daiyun.domain.contracts import Party
from daiyun.domain.notifications import EmailState, NewReminder, Notification, Recipient

__all__ = ["SqlNotificationRepository"]

_ERROR_LENGTH = 500
_BATCH = 500  # rows an insert writes at a time


def _notifications() -> Select[Any]:
    n = notification.c
    return (
        select(notification, user_account.c.login)
        .join(user_account, user_account.c.id == n.user_id)
        .order_by(n.created_at.desc(), n.id.desc())
    )


def _notification(row: Row[Any]) -> Notification:
    return Notification(
        id=row.id,
        login=row.login,
        brand_code=row.brand_code,
        created_at=row.created_at,
        stage=row.stage,
        kind=row.kind,
        party=Party(row.party),
        subject=row.subject,
        due_on=row.due_on,
        days_left=row.days_left,
        rule=row.rule,
        read_at=row.read_at,
        email=EmailState(row.email_state),
        email_to=row.email_to,
        email_attempts=row.email_attempts,
        email_error=row.email_error,
        emailed_at=row.emailed_at,
    )


def _key(row: dict[str, Any]) -> tuple[str, int, str]:
    """A reminder's natural key: the duty, the person, the stage."""
    return (str(row["obligation_key"]), int(row["user_id"]), str(row["stage"]))


class SqlNotificationRepository:
    """NotificationRepository over the notification and user_email tables."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def recipients(self) -> list[Recipient]:
        query = (
            select(
                user_account.c.id,
                user_account.c.login,
                user_account.c.role,
                brand.c.code.label("brand_code"),
                user_email.c.email,
            )
            .outerjoin(brand, brand.c.id == user_account.c.brand_id)
            .outerjoin(user_email, user_email.c.user_id == user_account.c.id)
            .where(user_account.c.is_active.is_(True))
            .order_by(user_account.c.login)
        )
        return [
            Recipient(row.id, row.login, row.role, row.brand_code, row.email)
            for row in self._connection.execute(query)
        ]

    def add_reminders(self, reminders: Sequence[NewReminder], at: datetime) -> int:
        rows: list[dict[str, Any]] = [
            {
                "user_id": each.user_id,
                "obligation_key": each.obligation_key,
                "stage": each.stage,
                "kind": each.kind,
                "party": each.party.value,
                "brand_code": each.brand_code,
                "subject": each.subject,
                "due_on": each.due_on,
                "days_left": each.days_left,
                "rule": each.rule,
                "created_at": at,
                "read_at": None,
                "email_state": each.email.value,
                "email_to": each.email_to,
                "email_attempts": 0,
            }
            for each in reminders
        ]
        added = 0
        for start in range(0, len(rows), _BATCH):
            batch = rows[start : start + _BATCH]
            kept = self._kept({_key(r) for r in batch})
            fresh = [r for r in batch if _key(r) not in kept]
            if not fresh:
                continue
            # Another run at the same moment may keep one first: skipped, not an error.
            dialect = self._connection.dialect.name
            maker = postgresql_insert if dialect == "postgresql" else sqlite_insert
            statement = maker(notification).on_conflict_do_nothing(
                index_elements=["obligation_key", "user_id", "stage"]
            )
            # The rows kept, as the database says (psycopg gives no row count here).
            inserted = self._connection.execute(statement.returning(notification.c.id), fresh)
            added += len(inserted.all())
        return added

    def _kept(self, keys: set[tuple[str, int, str]]) -> set[tuple[str, int, str]]:
        n = notification.c
        digests = {key for key, _, _ in keys}
        query = select(n.obligation_key, n.user_id, n.stage).where(
            n.obligation_key.in_(sorted(digests))
        )
        found: set[tuple[str, int, str]] = {
            (str(row.obligation_key), int(row.user_id), str(row.stage))
            for row in self._connection.execute(query)
        }
        return found & keys

    def pending_emails(self, limit: int) -> list[Notification]:
        n = notification.c
        query = (
            _notifications()
            .where(n.email_state == EmailState.PENDING.value)
            .order_by(None)
            .order_by(n.created_at, n.id)
            .limit(limit)
        )
        return [_notification(row) for row in self._connection.execute(query)]

    def record_email(
        self, notification_id: int, *, sent_at: datetime | None, error: str | None, final: bool
    ) -> None:
        n = notification.c
        values: dict[str, Any] = {"email_attempts": n.email_attempts + 1}
        if error is None:
            values |= {"email_state": EmailState.SENT.value, "emailed_at": sent_at,
                       "email_error": None}  # fmt: skip
        else:
            state = EmailState.FAILED if final else EmailState.PENDING
            values |= {"email_state": state.value, "email_error": error[:_ERROR_LENGTH]}
        self._connection.execute(update(notification).where(n.id == notification_id).values(values))

    def of_user(
        self, login: str, *, brand_code: str | None, unread_only: bool, limit: int | None
    ) -> list[Notification]:
        n = notification.c
        query = _notifications().where(user_account.c.login == login)
        if brand_code is not None:
            query = query.where(n.brand_code == brand_code)
        if unread_only:
            query = query.where(n.read_at.is_(None))
        if limit is not None:
            query = query.limit(limit)
        return [_notification(row) for row in self._connection.execute(query)]

    def unread_count(self, login: str, *, brand_code: str | None) -> int:
        n = notification.c
        query = (
            select(func.count())
            .select_from(notification.join(user_account, user_account.c.id == n.user_id))
            .where(user_account.c.login == login, n.read_at.is_(None))
        )
        if brand_code is not None:
            query = query.where(n.brand_code == brand_code)
        return int(self._connection.execute(query).scalar_one())

    def mark_read(self, login: str, notification_ids: Sequence[int] | None, at: datetime) -> int:
        n = notification.c
        owner = select(user_account.c.id).where(user_account.c.login == login).scalar_subquery()
        condition = and_(n.user_id == owner, n.read_at.is_(None))
        if notification_ids is not None:
            condition = and_(condition, n.id.in_(list(notification_ids)))
        result = self._connection.execute(update(notification).where(condition).values(read_at=at))
        return int(result.rowcount or 0)

    def email_of(self, login: str) -> str | None:
        query = (
            select(user_email.c.email)
            .join(user_account, user_account.c.id == user_email.c.user_id)
            .where(user_account.c.login == login)
        )
        found = self._connection.execute(query).scalar_one_or_none()
        return None if found is None else str(found)

    def set_email(self, login: str, email: str | None, at: datetime) -> None:
        user_id = self._connection.execute(
            select(user_account.c.id).where(user_account.c.login == login)
        ).scalar_one()
        self._connection.execute(delete(user_email).where(user_email.c.user_id == user_id))
        if email is not None:
            self._connection.execute(
                insert(user_email).values(user_id=user_id, email=email, updated_at=at)
            )
