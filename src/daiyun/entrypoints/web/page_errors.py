"""A page's unknown address or malformed form answers with a page in the reader's language.

FastAPI answers both with JSON in English — right for the API, whose answers interfaces.md
fixes, and left so under /api/ — but a reader of the pages saw a bare `{"detail":"Not Found"}`.
The status stays the same; only what the page says changes.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exception_handlers import (
    http_exception_handler,
    request_validation_exception_handler,
)
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from daiyun.entrypoints.web.i18n import language_of, speaker
from daiyun.entrypoints.web.rendering import error_page

__all__ = ["register_page_errors"]

# Starlette's own words for an address no route has, or a method it does not take.
_ROUTING = frozenset({"Not Found", "Method Not Allowed"})


def _is_page(request: Request) -> bool:
    return not request.url.path.startswith(("/api/", "/static/"))


def register_page_errors(app: FastAPI) -> None:
    """Pages: an error page for a routing miss and for a form the route cannot read."""

    async def routing(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        if not _is_page(request) or error.detail not in _ROUTING:
            return await http_exception_handler(request, error)
        page = error_page(request, error.status_code, str(error.detail))
        page.headers.update(error.headers or {})
        return page

    async def form(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        if not _is_page(request):
            return await request_validation_exception_handler(request, error)
        say = speaker(language_of(request))
        problems = [
            say(f"{'.'.join(str(p) for p in each['loc'] if p != 'body')}: {each['msg']}")
            for each in error.errors()
        ]
        return error_page(request, 422, "; ".join(problems))

    app.add_exception_handler(HTTPException, routing)
    app.add_exception_handler(RequestValidationError, form)
