"""A signed-in user's notifications (issue 21 point 7): listed, counted for the layout's bell,
marked read — each user only their own, a brand user only their own brand's (R-D2) — and the
email address reminders are sent to (`daiyun user email`)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from daiyun.domain.agency import AuditEntry, User
from daiyun.domain.notifications import Notification, email_address
from daiyun.services.errors import NotFound
from daiyun.services.notifications.ports import NotificationUnitOfWork

__all__ = ["INBOX_PAGE", "mark_read", "notifications_of", "set_email", "unread_count"]

INBOX_PAGE = 200  # notifications a page lists, newest first


def _brand_of(acting: User) -> str | None:
    return acting.brand_code if acting.role.is_brand_role else None


def notifications_of(
    uow: NotificationUnitOfWork, acting: User, *, unread_only: bool = False
) -> list[Notification]:
    """The user's own notifications, newest first."""
    with uow:
        return uow.notifications.of_user(
            acting.login, brand_code=_brand_of(acting), unread_only=unread_only, limit=INBOX_PAGE
        )


def unread_count(uow: NotificationUnitOfWork, acting: User) -> int:
    """How many of the user's notifications are unread (the layout's bell)."""
    with uow:
        return uow.notifications.unread_count(acting.login, brand_code=_brand_of(acting))


def mark_read(
    uow: NotificationUnitOfWork,
    acting: User,
    *,
    notification_ids: Sequence[int] | None,
    at: datetime,
) -> int:
    """Mark the user's own notifications read (every one when ids is None). Another user's —
    or none such — is not found, whoever it belongs to (R-D2); nothing is changed then."""
    with uow:
        if notification_ids is not None:
            own = {
                each.id
                for each in uow.notifications.of_user(
                    acting.login, brand_code=_brand_of(acting), unread_only=False, limit=None
                )
            }
            missing = sorted(set(notification_ids) - own)
            if missing:
                raise NotFound(f"no notification {missing[0]} of yours")
        changed = uow.notifications.mark_read(acting.login, notification_ids, at)
        uow.commit()
    return changed


def set_email(
    uow: NotificationUnitOfWork, *, login: str, email: str | None, at: datetime, actor: str
) -> str | None:
    """Keep the address a user's reminders are emailed to (None forgets it); audited (R-D3).
    A bad address is EmailAddressInvalid, an unknown login NotFound; nothing kept then."""
    address = None if email is None else email_address(email)
    with uow:
        user = uow.users.get(login)
        if user is None:
            raise NotFound(f"no user with login {login!r}")
        before = uow.notifications.email_of(login)
        if before != address:
            uow.notifications.set_email(login, address, at)
            uow.audit.record(
                AuditEntry(
                    at=at,
                    actor=actor,
                    action="user.email",
                    entity="user",
                    entity_key=login,
                    brand_code=user.brand_code,
                    before=json.dumps({"email": before}),
                    after=json.dumps({"email": address}),
                )
            )
        uow.commit()
    return address
