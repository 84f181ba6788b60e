"""Use cases: log in and out, check a session or an API token, make and revoke tokens."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from daiyun.domain.agency import User
from daiyun.domain.permissions import Permission, require
from daiyun.domain.sessions import LOGIN_THROTTLE, SESSION_POLICY, StoredToken
from daiyun.services.accounts.passwords import PasswordHasher
from daiyun.services.errors import NotFound, Refused
from daiyun.services.unit_of_work import UnitOfWork

__all__ = [
    "TOKEN_PREFIX",
    "LoginFailed",
    "LoginThrottled",
    "NewSession",
    "SessionPrincipal",
    "authenticate_session",
    "authenticate_token",
    "create_token",
    "list_tokens",
    "log_in",
    "log_out",
    "log_out_everywhere",
    "revoke_token",
]

TOKEN_PREFIX = "dyt_"
# Attempts older than this serve no throttle; they are deleted as new ones come in.
_ATTEMPTS_KEPT = timedelta(days=1)


class LoginFailed(Exception):
    """Wrong login or password, or an account that may not log in; never says which."""


class LoginThrottled(Exception):
    """Too many failed logins for this account or from this address; try again later."""


@dataclass(frozen=True)
class NewSession:
    """A session just begun: its secret key (for the cookie only) and its form token."""

    key: str
    csrf_token: str
    user: User


@dataclass(frozen=True)
class SessionPrincipal:
    """Who a live session belongs to, and the token its forms must carry."""

    user: User
    csrf_token: str


def secret_hash(secret: str) -> str:
    """What is stored of a session key or token: its SHA-256 (both are long random strings)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def _may_log_in(uow: UnitOfWork, user: User | None) -> bool:
    if user is None or not user.is_active:
        return False
    if user.brand_code is None:
        return True
    owner = uow.brands.get(user.brand_code)
    return owner is not None and owner.is_active


def log_in(
    uow: UnitOfWork,
    *,
    login: str,
    password: str,
    client: str,
    previous_key: str | None,
    passwords: PasswordHasher,
    now: datetime,
) -> NewSession:
    """Check the password and begin a new session; the one the browser had ends (rotation)."""
    login = login.strip().lower()
    with uow:
        failures = uow.credentials.failures_since(login, client, LOGIN_THROTTLE.since(now))
        if LOGIN_THROTTLE.refuses(account_failures=failures[0], client_failures=failures[1]):
            # Not recorded: a locked-out guesser does not extend the lock.
            raise LoginThrottled("too many failed logins: try again in 15 minutes")
        user = uow.users.get(login)
        stored = None if user is None else uow.credentials.password_hash(login)
        matches = passwords.verify(stored, password)
        succeeded = matches and _may_log_in(uow, user)
        # Housekeeping at each login: old attempts, and sessions nobody came back to end.
        uow.credentials.forget_attempts_before(now - _ATTEMPTS_KEPT)
        uow.credentials.end_sessions_expired(
            idle_before=now - SESSION_POLICY.idle, created_before=now - SESSION_POLICY.absolute
        )
        uow.credentials.record_attempt(login, client, succeeded, now)
        if not succeeded or user is None:
            uow.commit()
            raise LoginFailed("wrong login or password")
        if previous_key is not None:
            uow.credentials.end_session(secret_hash(previous_key))
        session = NewSession(secrets.token_urlsafe(32), secrets.token_urlsafe(32), user)
        uow.credentials.add_session(
            login, secret_hash(session.key), session.csrf_token, client, now
        )
        uow.commit()
    return session


def authenticate_session(uow: UnitOfWork, *, key: str, now: datetime) -> SessionPrincipal | None:
    """The live session's user, or None; an expired session or a locked account ends it."""
    hashed = secret_hash(key)
    with uow:
        stored = uow.credentials.session(hashed)
        if stored is None:
            return None
        user = uow.users.get(stored.login)
        if not SESSION_POLICY.is_live(stored.times, now=now) or not _may_log_in(uow, user):
            uow.credentials.end_session(hashed)
            uow.commit()
            return None
        assert user is not None
        if SESSION_POLICY.needs_touch(stored.times, now=now):
            uow.credentials.touch_session(hashed, now)
            uow.commit()
    return SessionPrincipal(user, stored.csrf_token)


def log_out(uow: UnitOfWork, *, key: str) -> None:
    """End this one session."""
    with uow:
        uow.credentials.end_session(secret_hash(key))
        uow.commit()


def log_out_everywhere(uow: UnitOfWork, *, user: User) -> int:
    """End every session of `user`, on every device; how many ended."""
    with uow:
        ended = uow.credentials.end_sessions_of(user.login)
        uow.commit()
    return ended


def _token_owner(uow: UnitOfWork, acting: User, login: str) -> User:
    """The user whose tokens `acting` manages: themselves, or one they administer."""
    owner = uow.users.get(login)
    missing = f"no user with login {login!r}"
    if owner is None or (acting.role.is_brand_role and owner.brand_code != acting.brand_code):
        raise NotFound(missing)
    if owner.login != acting.login:
        require(acting, Permission.MANAGE_USERS, owner.brand_code)
    return owner


def create_token(
    uow: UnitOfWork, acting: User, *, login: str, name: str, now: datetime
) -> tuple[str, StoredToken]:
    """A new API token for `login`: the token itself is returned here, once, and never stored."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    prefix = token[: len(TOKEN_PREFIX) + 8]
    with uow:
        owner = _token_owner(uow, acting, login)
        if not owner.is_active:
            raise Refused(f"user {login} is disabled")
        uow.credentials.add_token(owner.login, secret_hash(token), prefix, name, now)
        uow.commit()
    return token, StoredToken(owner.login, prefix, name, now, None)


def list_tokens(uow: UnitOfWork, acting: User, *, login: str) -> list[StoredToken]:
    """The tokens of `login` (prefixes and names, never the tokens)."""
    with uow:
        _token_owner(uow, acting, login)
        return uow.credentials.tokens_of(login)


def revoke_token(uow: UnitOfWork, acting: User, *, login: str, prefix: str) -> None:
    """Delete the token of `login` that starts with `prefix`."""
    with uow:
        _token_owner(uow, acting, login)
        if not uow.credentials.revoke_token(login, prefix):
            raise NotFound(f"no token {prefix!r} for {login}")
        uow.commit()


def authenticate_token(uow: UnitOfWork, *, token: str, now: datetime) -> User | None:
    """The user a live API token belongs to, or None (unknown token, locked account)."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    hashed = secret_hash(token)
    with uow:
        stored = uow.credentials.token(hashed)
        if stored is None:
            return None
        user = uow.users.get(stored.login)
        if not _may_log_in(uow, user):
            return None
        last = stored.last_used_at
        if last is None or now - last >= SESSION_POLICY.touch_after:
            uow.credentials.touch_token(hashed, now)
            uow.commit()
    return user
