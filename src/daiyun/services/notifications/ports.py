"""The ports of notifications and reminders (issue 21 point 7, R-O1): the notifications kept
and the people they go to, email by SMTP, and the words of a reminder's email. bootstrap wires
in adapters/db/repositories/notifications.py and adapters/smtp_mail.py; the entrypoints give the
words (entrypoints/reminder_mail.py), as the pages word what they show."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from daiyun.domain.notifications import NewReminder, Notification, Recipient
from daiyun.services.unit_of_work import UnitOfWork

__all__ = [
    "MailText",
    "Mailer",
    "NotificationRepository",
    "NotificationUnitOfWork",
    "ReminderWording",
]


class NotificationRepository(Protocol):
    """Notifications as kept, the people reminders go to, and their email addresses."""

    def recipients(self) -> list[Recipient]:
        """Every active user, with their email address if they gave one."""
        ...

    def add_reminders(self, reminders: Sequence[NewReminder], at: datetime) -> int:
        """Keep those not kept yet (by obligation, person and stage); how many were new."""
        ...

    def pending_emails(self, limit: int) -> list[Notification]:
        """Notifications whose email is still to send, oldest first."""
        ...

    def record_email(
        self, notification_id: int, *, sent_at: datetime | None, error: str | None, final: bool
    ) -> None:
        """The outcome of one try: sent at a moment, or failed with its reason (`final` when
        no more tries are left)."""
        ...

    def of_user(
        self, login: str, *, brand_code: str | None, unread_only: bool, limit: int | None
    ) -> list[Notification]:
        """A user's notifications, newest first (only `brand_code`'s, for a brand user)."""
        ...

    def unread_count(self, login: str, *, brand_code: str | None) -> int: ...

    def mark_read(self, login: str, notification_ids: Sequence[int] | None, at: datetime) -> int:
        """Mark the user's own notifications read (all when ids is None); how many changed."""
        ...

    def email_of(self, login: str) -> str | None: ...

    def set_email(self, login: str, email: str | None, at: datetime) -> None:
        """Keep (or, given None, forget) the user's email address."""
        ...


class NotificationUnitOfWork(UnitOfWork, Protocol):
    """A unit of work that reaches the notifications too."""

    @property
    def notifications(self) -> NotificationRepository: ...


@dataclass(frozen=True)
class MailText:
    """One email: its subject and plain-text body (both languages in each)."""

    subject: str
    body: str


class Mailer(Protocol):
    """Sends one email by SMTP; None when sent, else the reason it was not (never raises for
    a server out of reach or one that refused)."""

    def send(self, to: str, subject: str, body: str) -> str | None: ...


class ReminderWording(Protocol):
    """Words a reminder's email in Chinese and English."""

    def __call__(self, notification: Notification) -> MailText: ...
