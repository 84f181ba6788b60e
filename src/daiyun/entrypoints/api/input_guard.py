"""Refuse a NUL character in a request's path or query before any route sees it.

PostgreSQL cannot store or even compare text holding NUL (0x00); SQLite can. Refusing it at
the door keeps both databases answering the same, 422, instead of a server error on one.
"""

from __future__ import annotations

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["RefuseNulCharacters"]


class RefuseNulCharacters:
    """ASGI middleware: 422 for a path or query string with a NUL character in it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and (
            "\x00" in scope["path"] or b"%00" in scope.get("query_string", b"")
        ):
            detail = [
                {"loc": ["path"], "msg": "NUL characters are not allowed", "type": "value_error"}
            ]
            await JSONResponse({"detail": detail}, status_code=422)(scope, receive, send)
            return
        await self.app(scope, receive, send)
