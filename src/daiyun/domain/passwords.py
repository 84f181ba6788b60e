"""What makes a password acceptable: length and not a well-known one; no composition rules."""

from __future__ import annotations

__all__ = ["MAX_LENGTH", "MIN_LENGTH", "WeakPassword", "check_password"]

MIN_LENGTH = 8
MAX_LENGTH = 128

# The most common leaked passwords (and the obvious local ones) of at least eight characters.
_COMMON = frozenset(
    {
        "12345678",
        "123456789",
        "1234567890",
        "11111111",
        "00000000",
        "88888888",
        "87654321",
        "12341234",
        "11223344",
        "password",
        "password1",
        "password123",
        "passw0rd",
        "iloveyou",
        "qwertyui",
        "qwerty123",
        "qwertyuiop",
        "1qaz2wsx",
        "abc12345",
        "abcd1234",
        "a1234567",
        "aa123456",
        "admin123",
        "administrator",
        "sunshine",
        "princess",
        "football",
        "baseball",
        "welcome1",
        "letmein1",
        "woaini1314",
        "5201314520",
        "1314520520",
        "daiyun123",
        "daiyun2026",
        "tmall123",
        "taobao123",
        "changeme",
        "trustno1",
        "zxcvbnm1",
        "asdfghjk",
        "q1w2e3r4",
    }
)


class WeakPassword(ValueError):
    """A password that is too short, too long, or among the most common ones."""


def check_password(password: str) -> None:
    """Refuse a password shorter than 8, longer than 128, or on the common-password list."""
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"a password needs at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        raise WeakPassword(f"a password can have at most {MAX_LENGTH} characters")
    if password.lower() in _COMMON:
        raise WeakPassword("that password is one of the most common ones; choose another")
