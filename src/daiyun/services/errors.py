"""What a use case can answer besides success; entrypoints map these to exit codes and HTTP."""

from __future__ import annotations

__all__ = ["NotFound", "Refused"]


class NotFound(LookupError):
    """A code or login that names nothing stored: bad input (exit 2, HTTP 404)."""


class Refused(Exception):
    """A rule said no; nothing was changed (exit 1, HTTP 409)."""
