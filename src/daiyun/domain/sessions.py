"""How long a login lasts and how many failed logins are tolerated: pure policy, clock given."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

__all__ = [
    "LOGIN_THROTTLE",
    "SESSION_POLICY",
    "LoginThrottle",
    "SessionPolicy",
    "SessionTimes",
    "StoredSession",
    "StoredToken",
]


@dataclass(frozen=True)
class SessionTimes:
    """When a session began and when it was last used."""

    created_at: datetime
    last_seen_at: datetime


@dataclass(frozen=True)
class SessionPolicy:
    """A session ends after `idle` without use, and after `absolute` whatever happens."""

    idle: timedelta
    absolute: timedelta
    # Recording every request's time would write on every read; a coarse mark is enough.
    touch_after: timedelta

    def is_live(self, session: SessionTimes, *, now: datetime) -> bool:
        """True while neither the idle nor the absolute limit has passed."""
        return now < session.last_seen_at + self.idle and now < session.created_at + self.absolute

    def needs_touch(self, session: SessionTimes, *, now: datetime) -> bool:
        """True when the last-seen mark is old enough to be worth a write."""
        return now - session.last_seen_at >= self.touch_after


# A working day's use without logging in again; half an hour away from the desk ends it.
SESSION_POLICY = SessionPolicy(
    idle=timedelta(minutes=30), absolute=timedelta(hours=12), touch_after=timedelta(minutes=1)
)


@dataclass(frozen=True)
class LoginThrottle:
    """Failed logins allowed within `window`, per account and per client address."""

    window: timedelta
    per_account: int
    per_client: int

    def since(self, now: datetime) -> datetime:
        """The window counting at `now` holds the failures after this moment: (since, now]."""
        return now - self.window

    def refuses(self, *, account_failures: int, client_failures: int) -> bool:
        """True when either count has reached its limit."""
        return account_failures >= self.per_account or client_failures >= self.per_client


# Five guesses per account (slow enough against guessing, quick to recover from typos);
# a single address may try more accounts, as an office shares one address.
LOGIN_THROTTLE = LoginThrottle(window=timedelta(minutes=15), per_account=5, per_client=30)


@dataclass(frozen=True)
class StoredSession:
    """A live login as stored: whose it is, its form token, and its times."""

    login: str
    csrf_token: str
    times: SessionTimes


@dataclass(frozen=True)
class StoredToken:
    """An API token as stored: never the token itself, only its prefix and owner."""

    login: str
    prefix: str
    name: str
    created_at: datetime
    last_used_at: datetime | None
