"""One way to render a page: the template, the reader's language, user and form token."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from daiyun.entrypoints.api.auth import CSRF_FIELD, Principal
from daiyun.entrypoints.web.i18n import labeller, language_of, speaker, translator

__all__ = ["error_page", "render"]


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
    full = {
        "t": translator(language),
        "label": labeller(language),
        "say": speaker(language),
        "lang": language,
        "user": None if principal is None else principal.user,
        "csrf_field": CSRF_FIELD,
        "csrf_token": None if principal is None else principal.csrf_token,
        **(context or {}),
    }
    return templates.TemplateResponse(request, name, full, status_code=status_code)


def error_page(request: Request, status: int, message: str) -> Response:
    """A plain page saying what went wrong (the error mapping's page side)."""
    principal: Principal | None = getattr(request.state, "principal", None)
    context = {"status": status, "message": message}
    return render(request, "error.html", principal, context, status_code=status)
