"""Password hashing with argon2id."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

__all__ = ["Argon2Passwords", "hash_password", "verify_password"]

_HASHER = PasswordHasher()


def hash_password(password: str) -> str:
    """An argon2id hash of `password`, salted."""
    return _HASHER.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """True when `password` matches the hash."""
    try:
        return _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@cache
def _stand_in_hash() -> str:
    # Checked against when a login is unknown, so that a wrong login takes as long as a
    # wrong password and the answer's timing does not tell which logins exist.
    return _HASHER.hash("not a password of anybody")


class Argon2Passwords:
    """The services' password port (services.accounts.passwords.PasswordHasher) over argon2id."""

    def hash(self, password: str) -> str:
        """An argon2id hash of `password`, salted."""
        return hash_password(password)

    def verify(self, password_hash: str | None, password: str) -> bool:
        """True when `password` matches; None (no such account) costs the same and is False."""
        if password_hash is None:
            verify_password(_stand_in_hash(), password)
            return False
        return verify_password(password_hash, password)
