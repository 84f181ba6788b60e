"""One way to render a page: the template, the reader's language, user and form token."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, unquote, urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from daiyun.bootstrap import DatabaseBusy
from daiyun.entrypoints.api.auth import (
    CSRF_FIELD,
    SESSION_COOKIE,
    Principal,
    daiyun_of,
    now,
    read_first,
)
from daiyun.entrypoints.web.i18n import labeller, language_of, speaker, translator
from daiyun.services.accounts.logins import authenticate_session

__all__ = ["DONE_COOKIE", "done", "error_page", "render", "signed_in"]

# What a POST that succeeded did, said once by the page it redirects to (text `done_<key>`).
DONE_COOKIE = "daiyun_done"
_SEPARATOR = "\x1f"


def done(url: str, key: str, *values: object) -> RedirectResponse:
    """Redirect after a POST that succeeded (a reload is then safe), the next page saying once
    what happened: the text `done_<key>` with `values` filled in."""
    response = RedirectResponse(url, status_code=303)
    said = _SEPARATOR.join([key, *(str(value) for value in values)])
    response.set_cookie(DONE_COOKIE, quote(said), max_age=120, httponly=True, samesite="lax")
    return response


def _notice(request: Request, t: Any) -> str | None:
    """The text of what the last POST did, when its key is a known text."""
    said = request.cookies.get(DONE_COOKIE)
    if not said:
        return None
    key, *values = unquote(said).split(_SEPARATOR)
    try:
        return str(t(f"done_{key}", *values))
    except (KeyError, IndexError):
        return None


def render(
    request: Request,
    name: str,
    principal: Principal | None,
    context: dict[str, Any] | None = None,
    *,
    status_code: int = 200,
) -> HTMLResponse:
    """The page `name` for this reader; every form gets the session's CSRF token."""
    templates: Jinja2Templates = request.app.state.templates
    language = language_of(request)
    t = translator(language)
    full = {
        "t": t,
        "notice": _notice(request, t),
        "label": labeller(language),
        "say": speaker(language),
        "lang": language,
        "user": None if principal is None else principal.user,
        "csrf_field": CSRF_FIELD,
        "csrf_token": None if principal is None else principal.csrf_token,
        **(context or {}),
    }
    response = templates.TemplateResponse(request, name, full, status_code=status_code)
    if DONE_COOKIE in request.cookies:
        response.delete_cookie(DONE_COOKIE)  # said once
    return response


def error_page(
    request: Request, status: int, message: str, *, problems: list[str] | None = None
) -> Response:
    """A plain page saying what went wrong (the error mapping's page side): `message`, and for
    a form the route could not read its `problems` one by one, already in the reader's words;
    `back` is the page of this site the reader came from, if the browser said so.

    The reader is the one the route found, or else the session cookie's (an address no route
    has never asked): a signed-in reader keeps the navigation. It reads the database, so an
    async caller runs it in a thread."""
    principal = signed_in(request)
    context = {
        "status": status,
        "message": message,
        "problems": problems or [],
        "back": _same_site(request, request.headers.get("referer")),
    }
    return render(request, "error.html", principal, context, status_code=status)


def signed_in(request: Request) -> Principal | None:
    """The principal the route found, or the live session its cookie names, as
    auth.current_principal reads it; None, never an error, when there is none. No session is
    created (an expired one ends, as on any page), and none is kept on the request: what
    current_principal keeps there it has checked the form's CSRF token for."""
    found: Principal | None = getattr(request.state, "principal", None)
    if found is not None:
        return found
    key = request.cookies.get(SESSION_COOKIE)
    if not key:
        return None
    try:
        session = read_first(daiyun_of(request), authenticate_session, key=key, now=now(request))
    except DatabaseBusy:  # the page saying the database is busy: without the reader's links
        return None
    return None if session is None else Principal(session.user, session.csrf_token)


def _same_site(request: Request, address: str | None) -> str | None:
    """The path of `address` when it is a page of this site other than the one asked for."""
    if not address:
        return None
    parsed = urlsplit(address)
    if parsed.netloc and parsed.netloc != request.url.netloc:
        return None
    path = parsed.path or "/"
    if not path.startswith("/") or path.startswith("//") or path == request.url.path:
        return None
    return path + (f"?{parsed.query}" if parsed.query else "")
