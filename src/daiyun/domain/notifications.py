"""In-app notifications (issue 21 point 7): what a signed-in user is told, each once — today the
reminders of dated duties (R-O1) — and the email that goes with one when SMTP is configured.

A notification keeps what it is about (the duty's kind, brand, subject, due day, the stage of
reminder and the days left when it was made), not its words: a page words it in the reader's
language, an email in Chinese and English. Its email is an outbox entry: pending until sent,
a failure recorded with its reason and tried again on the next run, up to MAX_EMAIL_ATTEMPTS.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from daiyun.domain.contracts import Party

__all__ = [
    "MAX_EMAIL_ATTEMPTS",
    "EmailAddressInvalid",
    "EmailState",
    "NewReminder",
    "Notification",
    "Recipient",
    "email_address",
]

# Tries of one email before it is left failed (one a run: the hourly job retries 5 hours).
MAX_EMAIL_ATTEMPTS = 5


class EmailState(StrEnum):
    """Where a notification's email stands."""

    NONE = "none"  # no email: SMTP not configured, or the person has no address
    PENDING = "pending"  # to send (a new one, or one that failed and will be tried again)
    SENT = "sent"
    FAILED = "failed"  # MAX_EMAIL_ATTEMPTS tries failed; the last reason kept


@dataclass(frozen=True)
class Recipient:
    """Somebody a reminder may go to: an active user, their role, brand and email address."""

    user_id: int
    login: str
    role: str
    brand_code: str | None
    email: str | None


@dataclass(frozen=True)
class NewReminder:
    """A reminder to record for one person (its natural key: obligation, person, stage)."""

    obligation_key: str
    user_id: int
    stage: str
    kind: str
    party: Party
    brand_code: str
    subject: str
    due_on: date
    days_left: int  # negative once missed
    rule: str
    email: EmailState
    email_to: str | None = None  # the address, when email is PENDING


@dataclass(frozen=True)
class Notification:
    """One notification as kept."""

    id: int
    login: str
    brand_code: str
    created_at: datetime
    stage: str
    kind: str
    party: Party
    subject: str
    due_on: date
    days_left: int
    rule: str
    read_at: datetime | None
    email: EmailState
    email_to: str | None = None
    email_attempts: int = 0
    email_error: str | None = None
    emailed_at: datetime | None = None

    @property
    def is_read(self) -> bool:
        """True once its reader marked it read."""
        return self.read_at is not None


class EmailAddressInvalid(ValueError):
    """An email address that cannot be one: says which and why."""


_LONGEST_ADDRESS = 254  # RFC 5321's limit on a path


def email_address(text: str) -> str:
    """A user's email address, trimmed; EmailAddressInvalid for one that cannot be mailed."""
    address = text.strip()
    local, at, domain = address.rpartition("@")
    if not at or not local or "." not in domain.strip(".") or domain.startswith("."):
        raise EmailAddressInvalid(f"email {text!r} is not an address like name@example.com")
    if len(address) > _LONGEST_ADDRESS:
        raise EmailAddressInvalid(f"email {text!r} is longer than {_LONGEST_ADDRESS} characters")
    if any(char.isspace() or char in '<>,;"' or ord(char) < 32 for char in address):
        raise EmailAddressInvalid(f"email {text!r} has a space or a character no address has")
    return address
