"""The password hasher the login and user use cases take; bootstrap wires in argon2id."""

from __future__ import annotations

from typing import Protocol

__all__ = ["PasswordHasher"]


class PasswordHasher(Protocol):
    """Hashes and checks passwords; `verify(None, …)` spends the same time and says no."""

    def hash(self, password: str) -> str: ...
    def verify(self, password_hash: str | None, password: str) -> bool: ...
