"""Every known failure to its HTTP answer, in one place, for the API (JSON) and pages (HTML).

NotFound 404; Refused 409 (and CalendarUnknown: a year without its holiday notice); bad input
422 (a weak password too); a role refusal 403, AccessRefused or the services' RoleRefused —
but services already answer NotFound to a brand user asking for another brand's object (R-D2:
existence does not leak). A database busy past its waits (issue 22: the SQLite write lock or a
pooled connection not had in time) 503 with Retry-After: nothing was written, try again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from daiyun.bootstrap import DatabaseBusy
from daiyun.domain.agency import RoleMismatch
from daiyun.domain.calendar import CalendarUnknown
from daiyun.domain.passwords import WeakPassword
from daiyun.domain.permissions import AccessRefused
from daiyun.entrypoints.api.auth import CsrfRefused, NotAuthenticated
from daiyun.entrypoints.api.schemas import ErrorPublic
from daiyun.services.accounts.logins import LoginThrottled
from daiyun.services.accounts.users import InvalidLogin
from daiyun.services.errors import NotFound, Refused, RoleRefused

__all__ = [
    "ERROR_RESPONSES",
    "RETRY_AFTER_BUSY",
    "STATUS_BY_ERROR",
    "ErrorPage",
    "register_error_handlers",
]

ErrorPage = Callable[[Request, int, str], Response]

STATUS_BY_ERROR: dict[type[Exception], int] = {
    NotAuthenticated: 401,
    CsrfRefused: 403,
    AccessRefused: 403,
    # A Refused the command line exits 1 on, but a role's refusal: 403 before Refused's 409.
    RoleRefused: 403,
    NotFound: 404,
    Refused: 409,
    # R-O1: a deadline in a year whose holiday notice daiyun lacks; nothing was changed.
    CalendarUnknown: 409,
    LoginThrottled: 429,
    WeakPassword: 422,
    InvalidLogin: 422,
    RoleMismatch: 422,
    DatabaseBusy: 503,
}
# Seconds a client is asked to wait before trying a busy database again.
RETRY_AFTER_BUSY = 2


# What every API route may answer besides success, for the OpenAPI schema.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorPublic, "description": "no valid token or session"},
    403: {
        "model": ErrorPublic,
        "description": "the role may not, or a form without its CSRF token",
    },
    404: {"model": ErrorPublic, "description": "nothing with that code (or not yours to see)"},
    409: {"model": ErrorPublic, "description": "a rule said no; nothing was changed"},
    503: {
        "model": ErrorPublic,
        "description": "the database is busy (Retry-After); nothing was changed, try again",
    },
}


def register_error_handlers(app: FastAPI, error_page: ErrorPage) -> None:
    """JSON `{"detail": …}` under /api; a page (or the way to the login page) elsewhere."""

    def handle(request: Request, error: Exception) -> Response:
        status = next(STATUS_BY_ERROR[t] for t in type(error).__mro__ if t in STATUS_BY_ERROR)
        message = str(error)
        busy = {"Retry-After": str(RETRY_AFTER_BUSY)} if status == 503 else {}
        if request.url.path.startswith("/api/"):
            headers = {"WWW-Authenticate": "Bearer"} if status == 401 else busy
            # Bad input has the shape FastAPI gives its own validation errors, so that a
            # client reads every 422 the same way.
            detail: object = (
                [{"loc": ["body"], "msg": message, "type": "value_error"}]
                if status == 422
                else message
            )
            return JSONResponse({"detail": detail}, status_code=status, headers=headers)
        if status == 401:
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
        page = error_page(request, status, message)
        page.headers.update(busy)
        return page

    for error_type in STATUS_BY_ERROR:
        app.add_exception_handler(error_type, handle)
