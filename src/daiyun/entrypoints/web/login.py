"""Logging in and out of the pages: rotating session ids, HttpOnly SameSite=Lax cookies."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from daiyun.entrypoints.api.auth import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    Principal,
    client_address,
    current_principal,
    daiyun_of,
    now,
)
from daiyun.entrypoints.api.schemas import NO_NUL
from daiyun.entrypoints.web.i18n import LANG_COOKIE, LANGUAGES
from daiyun.entrypoints.web.rendering import render
from daiyun.services.accounts.logins import (
    LoginFailed,
    LoginThrottled,
    log_in,
    log_out,
    log_out_everywhere,
)

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
Signed = Annotated[Principal, Depends(current_principal)]


def _secure(request: Request) -> bool:
    # Secure cookies everywhere but on a developer's plain-HTTP machine.
    return bool(daiyun_of(request).settings.environment != "dev")


def _local(target: str | None) -> str:
    # Only paths of this site: never an open redirect to somebody else's.
    if not target or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


def _login_form(
    request: Request,
    target: str,
    message: str | None = None,
    status_code: int = 200,
    login: str = "",
) -> HTMLResponse:
    token = secrets.token_urlsafe(32)
    context = {"next": target, "login_token": token, "message": message, "login": login}
    page = render(request, "login.html", None, context, status_code=status_code)
    # A login form's own CSRF token (double submit): no session exists yet to hold one.
    page.set_cookie(
        LOGIN_CSRF_COOKIE, token, httponly=True, samesite="lax", secure=_secure(request)
    )
    return page


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str | None = None) -> HTMLResponse:
    return _login_form(request, _local(next))


@router.post("/login")
async def login_submit(
    request: Request,
    login: Annotated[str, Form(max_length=60, pattern=NO_NUL)] = "",
    password: Annotated[str, Form(max_length=1024, pattern=NO_NUL)] = "",
    csrf_token: Annotated[str, Form(max_length=100, pattern=NO_NUL)] = "",
    next: Annotated[str, Form(max_length=2000, pattern=NO_NUL)] = "/",
) -> Response:
    target = _local(next)
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not cookie or not secrets.compare_digest(cookie, csrf_token):
        return _login_form(request, target, "login_expired", status_code=403, login=login)
    if not login.strip() or not password:
        # The login form again, saying what is missing: not an error page (issue 15).
        return _login_form(request, target, "login_missing", status_code=422, login=login)
    try:
        session = await run_in_threadpool(
            log_in,
            daiyun_of(request).unit_of_work(),
            login=login,
            password=password,
            client=client_address(request),
            previous_key=request.cookies.get(SESSION_COOKIE),
            passwords=daiyun_of(request).passwords,
            now=now(request),
        )
    except LoginThrottled:
        return _login_form(request, target, "login_throttled", status_code=429, login=login)
    except LoginFailed:
        return _login_form(request, target, "login_failed", status_code=401, login=login)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        SESSION_COOKIE, session.key, httponly=True, samesite="lax", secure=_secure(request)
    )
    response.delete_cookie(LOGIN_CSRF_COOKIE)
    return response


def _logged_out() -> Response:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.post("/logout")
def logout(request: Request, principal: Signed) -> Response:
    key = request.cookies.get(SESSION_COOKIE)
    if key:
        log_out(daiyun_of(request).unit_of_work(), key=key)
    return _logged_out()


@router.post("/logout/everywhere")
def logout_everywhere(request: Request, principal: Signed) -> Response:
    log_out_everywhere(daiyun_of(request).unit_of_work(), user=principal.user)
    return _logged_out()


@router.get("/lang/{language}")
def choose_language(language: str, back: str | None = None) -> Response:
    response = RedirectResponse(_local(back), status_code=303)
    if language in LANGUAGES:
        response.set_cookie(LANG_COOKIE, language, max_age=365 * 86400, samesite="lax")
    return response
