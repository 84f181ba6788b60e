"""What a use case can answer besides success; entrypoints map these to exit codes and HTTP."""

from __future__ import annotations

__all__ = ["NotFound", "Refused", "RoleRefused"]


class NotFound(LookupError):
    """A code or login that names nothing stored: bad input (exit 2, HTTP 404)."""


class Refused(Exception):
    """A rule said no; nothing was changed (exit 1, HTTP 409)."""


class RoleRefused(Refused):
    """The acting user's role may not do this; nothing was changed (exit 1, HTTP 403).

    For use cases that act as a user named by login (`--by` on the command line), whose
    refusals the command line must see as Refused; the API answers 403 as for AccessRefused.
    """
