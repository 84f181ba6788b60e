"""Who is asking: an API token (scripts) or a session cookie (browsers), and CSRF for the latter.

A cookie-authenticated request with an unsafe method must carry the session's CSRF token, in
the `X-CSRF-Token` header or the `csrf_token` form field; a token-authenticated one needs
none (a browser never adds an Authorization header by itself).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Concatenate, ParamSpec, TypeVar

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from daiyun.bootstrap import Daiyun, ReadOnlyViolation
from daiyun.domain.agency import User
from daiyun.services.accounts.logins import authenticate_session, authenticate_token
from daiyun.services.unit_of_work import UnitOfWork

__all__ = [
    "CSRF_FIELD",
    "CSRF_HEADER",
    "LOGIN_CSRF_COOKIE",
    "SESSION_COOKIE",
    "Acting",
    "App",
    "CsrfRefused",
    "NotAuthenticated",
    "Now",
    "Principal",
    "Uow",
    "client_address",
    "current_principal",
    "current_user",
    "daiyun_of",
    "now",
    "read_first",
    "unit_of_work",
]

SESSION_COOKIE = "daiyun_session"
LOGIN_CSRF_COOKIE = "daiyun_login_csrf"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_READING_METHODS = frozenset({"GET", "HEAD"})


class NotAuthenticated(Exception):
    """No live session or valid token: log in (pages) or 401 (API)."""


class CsrfRefused(Exception):
    """An unsafe request on a session cookie without the session's CSRF token."""


@dataclass(frozen=True)
class Principal:
    """The user behind a request, and the CSRF token of their session (None for API tokens)."""

    user: User
    csrf_token: str | None


def daiyun_of(request: Request) -> Daiyun:
    """The assembled daiyun the app was made for."""
    daiyun: Daiyun = request.app.state.daiyun
    return daiyun


def now(request: Request) -> datetime:
    """The moment of this request (the app's clock: tests turn it)."""
    clock: Callable[[], datetime] = request.app.state.clock
    return clock()


def client_address(request: Request) -> str:
    """The address login throttling counts by."""
    return request.client.host if request.client is not None else "unknown"


async def current_principal(request: Request) -> Principal:
    """The request's principal; raises NotAuthenticated or CsrfRefused."""
    cached: Principal | None = getattr(request.state, "principal", None)
    if cached is not None:
        return cached
    daiyun, moment = daiyun_of(request), now(request)
    authorization = request.headers.get("authorization", "")
    if authorization.lower().startswith("bearer "):
        token = authorization[len("bearer ") :].strip()
        user = await run_in_threadpool(
            read_first, daiyun, authenticate_token, token=token, now=moment
        )
        if user is None:
            raise NotAuthenticated("unknown, revoked or disabled API token")
        principal = Principal(user, None)
    else:
        key = request.cookies.get(SESSION_COOKIE)
        session = None
        if key:
            session = await run_in_threadpool(
                read_first, daiyun, authenticate_session, key=key, now=moment
            )
        if session is None:
            raise NotAuthenticated("log in first")
        principal = Principal(session.user, session.csrf_token)
        if request.method not in _SAFE_METHODS:
            await _check_csrf(request, session.csrf_token)
    request.state.principal = principal
    return principal


async def _check_csrf(request: Request, expected: str) -> None:
    offered = request.headers.get(CSRF_HEADER)
    if offered is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        field = (await request.form()).get(CSRF_FIELD)
        offered = field if isinstance(field, str) else None
    if offered is None or not secrets.compare_digest(offered, expected):
        raise CsrfRefused("this form has expired or did not come from daiyun: reload and retry")


async def current_user(request: Request) -> User:
    """Just the user of the request's principal."""
    return (await current_principal(request)).user


def unit_of_work(request: Request) -> UnitOfWork:
    """A fresh unit of work for the request's use case: a read-only one for GET and HEAD,
    which only read (HTTP's safe methods; issue 22: on SQLite they never wait for a writer)."""
    daiyun = daiyun_of(request)
    if request.method in _READING_METHODS:
        return daiyun.read_unit_of_work()
    return daiyun.unit_of_work()


_P = ParamSpec("_P")
_T = TypeVar("_T")


def read_first(
    daiyun: Daiyun,
    use_case: Callable[Concatenate[UnitOfWork, _P], _T],
    *args: _P.args,
    **kwargs: _P.kwargs,
) -> _T:
    """`use_case` in a read-only unit of work, and again in one that may write if it turned out
    to write (the first attempt wrote nothing): signing in mostly reads, and writes only to keep
    a session alive (once a minute) or to end it, so a request seldom waits for the write lock."""
    try:
        return use_case(daiyun.read_unit_of_work(), *args, **kwargs)
    except ReadOnlyViolation:
        return use_case(daiyun.unit_of_work(), *args, **kwargs)


Acting = Annotated[User, Depends(current_user)]
App = Annotated[Daiyun, Depends(daiyun_of)]
Uow = Annotated[UnitOfWork, Depends(unit_of_work)]
Now = Annotated[datetime, Depends(now)]
