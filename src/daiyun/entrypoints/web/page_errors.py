"""A page's unknown address, wrong method or malformed form answers with a page in the reader's
language, never FastAPI's JSON.

FastAPI answers these with JSON in English — right for the API, whose answers interfaces.md
fixes, and left so under /api/ — but a reader of the pages saw a bare `{"detail":"Not Found"}`.
On a page:
- an HTTP error (404 and the rest) is the error page, its status and headers kept, with the
  navigation of a reader signed in even where no route asked who they are (an unknown address);
- opening (GET) an address that only takes a form's POST — a reload after a refused form, an
  address typed in — goes to the page the action belongs to (303): the nearest address above
  it that a page answers, as `/statements/X/2026-11` for `/statements/X/2026-11/pay`;
- a form field the route cannot read (422) is said in words, each naming the field by its
  label: "金额：请填写金额，例如 99 或 99.50", never a pattern (issue 15).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exception_handlers import (
    http_exception_handler,
    request_validation_exception_handler,
)
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.routing import Match

from daiyun.entrypoints.web.i18n import labeller, language_of, speaker
from daiyun.entrypoints.web.rendering import error_page

__all__ = ["form_problems", "page_above", "pattern_kind", "register_page_errors"]

# Where a field's name is in a validation error's location, after what holds it.
_HOLDERS = frozenset({"body", "query", "path", "form", "header", "cookie"})
# Pydantic's error types that say the same thing to a reader: one text each (value_texts.py,
# key `invalid_<type>`); a type not named here and without a text of its own is recorded as
# missing by label().
_SAME_AS = {
    "int_type": "int_parsing",
    "int_from_float": "int_parsing",
    "int_parsing_size": "int_parsing",
    "float_parsing": "decimal_parsing",
    "float_type": "decimal_parsing",
    "decimal_type": "decimal_parsing",
    "date_type": "date_parsing",
    "date_from_datetime_parsing": "date_parsing",
    "date_from_datetime_inexact": "date_parsing",
    "datetime_type": "datetime_parsing",
    "datetime_from_date_parsing": "datetime_parsing",
    "literal_error": "enum",
    "bool_type": "bool_parsing",
    "list_type": "too_short",
}
# The bound a type names, from its context.
_BOUND = {
    "string_too_short": "min_length",
    "string_too_long": "max_length",
    "too_short": "min_length",
    "too_long": "max_length",
    "greater_than": "gt",
    "greater_than_equal": "ge",
    "less_than": "lt",
    "less_than_equal": "le",
}
_CHOICES = re.compile(r"\^\(([\w|]+)\)\$")


def pattern_kind(pattern: str) -> tuple[str, tuple[str, ...]]:
    """What a field's pattern asks for, in words a page can say (`invalid_pattern_<kind>`), and
    any values it names: an amount (with exactly two decimals, or not), a month, a percentage,
    a code, one of a few words, a text without NUL characters, a text that is not blank."""
    choices = _CHOICES.fullmatch(pattern)
    if choices is not None:
        return "choice", (" / ".join(choices.group(1).split("|")),)
    if r"\S" in pattern:
        return "nonblank", ()
    if r"\x00" in pattern:
        return "text", ()
    if "(0[1-9]|1[0-2])" in pattern:
        return "month", ()
    if "%" in pattern:
        return "percent", ()
    if r"\.\d{2}$" in pattern and r"(\.\d" not in pattern:
        return "money_two_decimals", ()
    if r"\." in pattern and r"\d" in pattern:
        return "money", ()
    if "A-Za-z0-9" in pattern:
        return "code", ()
    return "format", ()


def form_problems(
    errors: Iterable[Mapping[str, Any]],
    label: Callable[..., str],
    say: Callable[[object], str],
) -> list[str]:
    """Each problem of a form a route could not read, in the language of `label` and `say`,
    naming its field by the field's label (`field_<name>`)."""
    problems = []
    for error in errors:
        names = [str(part) for part in error.get("loc", ()) if part not in _HOLDERS]
        field = label("field", names[0]) if names else ""
        kind = str(error.get("type", ""))
        context = error.get("ctx") or {}
        if kind == "string_pattern_mismatch":
            shape, values = pattern_kind(str(context.get("pattern", "")))
            problems.append(label("invalid", f"pattern_{shape}", field, *values))
        elif kind == "value_error":
            problems.append(label("invalid", kind, field, say(context.get("error", ""))))
        elif kind == "string_too_short" and context.get("min_length") == 1:
            problems.append(label("invalid", "empty", field))
        elif kind in _BOUND:
            problems.append(label("invalid", kind, field, context.get(_BOUND[kind], "")))
        else:
            problems.append(label("invalid", _SAME_AS.get(kind, kind), field))
    return problems


def page_above(request: Request, path: str) -> str:
    """The nearest address above `path` that a page answers (GET); the dashboard at least."""
    parts = path.rstrip("/").split("/")
    while len(parts) > 1:
        parts.pop()
        candidate = "/".join(parts) or "/"
        scope = {"type": "http", "method": "GET", "path": candidate, "root_path": ""}
        for route in request.app.router.routes:
            match, _ = route.matches(scope)
            if match is Match.FULL:
                return candidate
    return "/"


def _is_page(request: Request) -> bool:
    return not request.url.path.startswith(("/api/", "/static/"))


def register_page_errors(app: FastAPI) -> None:
    """Pages: an error page for an HTTP error, the action's page for a GET on a form's address,
    and the problems of a form the route cannot read in words."""

    async def routing(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        if not _is_page(request):
            return await http_exception_handler(request, error)
        if error.status_code == 405 and request.method in {"GET", "HEAD"}:
            return RedirectResponse(page_above(request, request.url.path), status_code=303)
        # The error page reads the session (the navigation of a signed-in reader): a thread.
        page = await run_in_threadpool(error_page, request, error.status_code, str(error.detail))
        page.headers.update(error.headers or {})
        return page

    async def form(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        if not _is_page(request):
            return await request_validation_exception_handler(request, error)
        language = language_of(request)
        problems = form_problems(error.errors(), labeller(language), speaker(language))
        joined = ("；" if language == "zh" else "; ").join(problems)
        return await run_in_threadpool(error_page, request, 422, joined, problems=problems)

    app.add_exception_handler(HTTPException, routing)
    app.add_exception_handler(RequestValidationError, form)
