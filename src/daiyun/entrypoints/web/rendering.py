"""One way to render a page: the template, the reader's language, user and form token."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, unquote

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from daiyun.entrypoints.api.auth import CSRF_FIELD, Principal
from daiyun.entrypoints.web.i18n import labeller, language_of, speaker, translator

__all__ = ["DONE_COOKIE", "done", "error_page", "render"]

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


def error_page(request: Request, status: int, message: str) -> Response:
    """A plain page saying what went wrong (the error mapping's page side)."""
    principal: Principal | None = getattr(request.state, "principal", None)
    context = {"status": status, "message": message}
    return render(request, "error.html", principal, context, status_code=status)
