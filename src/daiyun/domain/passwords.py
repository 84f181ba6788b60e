"""What makes a password acceptable: long enough and hard to guess, as zxcvbn estimates it.

As NIST SP 800-63B advises: a length, a check against what attackers try first (common
passwords, the login, repeats and runs, the published demo password), no composition rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from typing import Any

from zxcvbn import zxcvbn

__all__ = [
    "MAX_LENGTH",
    "MIN_LENGTH",
    "MIN_SCORE",
    "PUBLISHED_DEMO_PASSWORD",
    "PasswordWeakness",
    "WeakPassword",
    "check_password",
    "weakness_of",
]

MIN_LENGTH = 8
MAX_LENGTH = 128
# zxcvbn's score 3 ("safely unguessable") means at least 10^8 guesses: beyond an online attack
# under the login throttle, and costly offline against argon2id hashes.
MIN_SCORE = 3
# zxcvbn's matching slows fast with length (half a second at 128 characters on the server's
# thread): it judges the first 72, its own default bound; a longer password only adds to them.
_ESTIMATED_LENGTH = 72
# The demo's users share this password and the README publishes it: only the demo may use it.
PUBLISHED_DEMO_PASSWORD = "daiyun-demo-2026"
# What anybody attacking a daiyun tries first, after the common passwords.
_SYSTEM_WORDS = ("daiyun", "代运", "tmall", "taobao", "tianmao", PUBLISHED_DEMO_PASSWORD)
# A login this long is refused inside a password too; a shorter one only as the whole of it.
_LOGIN_CONTAINED_FROM = 4
_WORD_BREAK = re.compile(r"[\s._@-]+")


class PasswordWeakness(StrEnum):
    """Why a password is refused."""

    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    ONLY_SPACES = "only_spaces"
    DEMO_PASSWORD = "demo_password"
    CONTAINS_LOGIN = "contains_login"
    SYSTEM_NAME = "system_name"
    COMMON = "common"
    REPEATS = "repeats"
    SEQUENCE = "sequence"
    KEYBOARD = "keyboard"
    DATE = "date"
    WORDS = "words"
    GUESSABLE = "guessable"


_W = PasswordWeakness
# Chinese first (the agency's staff), then English: one message for the CLI, API and pages.
_MESSAGES: Mapping[PasswordWeakness, tuple[str, str]] = {
    _W.TOO_SHORT: (
        f"密码太短：至少要 {MIN_LENGTH} 个字符",
        f"too short: a password needs at least {MIN_LENGTH} characters",
    ),
    _W.TOO_LONG: (
        f"密码太长：最多 {MAX_LENGTH} 个字符",
        f"too long: a password can have at most {MAX_LENGTH} characters",
    ),
    _W.ONLY_SPACES: ("密码不能只有空格", "only spaces: a password needs more than blanks"),
    _W.DEMO_PASSWORD: (
        "这是公开的演示密码，只有演示用户可以用",
        "that is the published demo password, for the demo's users only",
    ),
    _W.CONTAINS_LOGIN: (
        "密码含有登录名或用户的名字，太容易猜到",
        "contains the login or the user's name: too easy to guess",
    ),
    _W.SYSTEM_NAME: (
        "密码含有本系统或平台的名字，太容易猜到",
        "contains the name of daiyun or a platform: too easy to guess",
    ),
    _W.COMMON: (
        "密码太常见，请换一个",
        "too common: that password is one of the most common ones; choose another",
    ),
    _W.REPEATS: (
        "重复的字符（如 aaa）太容易猜到",
        "too easy to guess: repeated characters like 'aaa'",
    ),
    _W.SEQUENCE: (
        "连续的字母或数字（如 abcd、1234）太容易猜到",
        "too easy to guess: a run like 'abcd' or '1234'",
    ),
    _W.KEYBOARD: (
        "键盘上挨着的键（如 qwerty）太容易猜到",
        "too easy to guess: keys next to each other like 'qwerty'",
    ),
    _W.DATE: ("日期和年份太容易猜到", "too easy to guess: dates and years"),
    _W.WORDS: (
        "常见的单词或名字太容易猜到：再加几个不相关的词",
        "too easy to guess: common words or names; add a few more unrelated words",
    ),
    _W.GUESSABLE: (
        "密码太容易猜到：用长一些的，比如几个不相关的词",
        "too easy to guess: make it longer, e.g. a few unrelated words",
    ),
}


class WeakPassword(ValueError):
    """A password refused: too short or long, or easy to guess; `weakness` says why, the
    message says it in Chinese and English (also apart: `chinese`, `english`)."""

    def __init__(self, weakness: PasswordWeakness) -> None:
        self.weakness = weakness
        self.chinese, self.english = _MESSAGES[weakness]
        super().__init__(f"{self.chinese} / {self.english}")


def check_password(password: str, *, login: str, related: Iterable[str | None] = ()) -> None:
    """Raise WeakPassword, saying why, unless the password is acceptable for `login`.

    `related` are other words of the account an attacker knows: its name, its brand.
    """
    weakness = weakness_of(password, login=login, related=related)
    if weakness is not None:
        raise WeakPassword(weakness)


def weakness_of(
    password: str, *, login: str, related: Iterable[str | None] = ()
) -> PasswordWeakness | None:
    """Why the password is refused for `login`, or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return _W.TOO_SHORT
    if len(password) > MAX_LENGTH:
        return _W.TOO_LONG
    if not password.strip():
        return _W.ONLY_SPACES
    folded, login = password.casefold(), login.strip().casefold()
    if PUBLISHED_DEMO_PASSWORD in folded:
        return _W.DEMO_PASSWORD
    if folded.strip() == login or (len(login) >= _LOGIN_CONTAINED_FROM and login in folded):
        return _W.CONTAINS_LOGIN
    personal = _personal_words(login, related)
    estimate: dict[str, Any] = zxcvbn(
        password[:_ESTIMATED_LENGTH],
        user_inputs=[*personal, *_SYSTEM_WORDS],
        max_length=_ESTIMATED_LENGTH,
    )
    if estimate["score"] >= MIN_SCORE:
        return None
    return _weakest(estimate["sequence"], personal)


def _personal_words(login: str, related: Iterable[str | None]) -> list[str]:
    """The login and the related words, whole, in parts and run together (`Zhang Wei`:
    zhang wei, zhang, wei, zhangwei)."""
    whole = [login, *(word.strip().casefold() for word in related if word)]
    parts = [part for word in whole for part in _WORD_BREAK.split(word)]
    joined = [_WORD_BREAK.sub("", word) for word in whole]
    return sorted({word for word in [*whole, *parts, *joined] if len(word) >= 3})


_PATTERNS: Mapping[str, PasswordWeakness] = {
    "repeat": _W.REPEATS,
    "sequence": _W.SEQUENCE,
    "spatial": _W.KEYBOARD,
    "date": _W.DATE,
    "regex": _W.DATE,  # zxcvbn's only regex is a recent year
}
_BY_HELPFULNESS = (
    _W.CONTAINS_LOGIN,
    _W.SYSTEM_NAME,
    _W.COMMON,
    _W.REPEATS,
    _W.SEQUENCE,
    _W.KEYBOARD,
    _W.DATE,
    _W.WORDS,
)


def _weakest(matches: Sequence[Mapping[str, Any]], personal: list[str]) -> PasswordWeakness:
    """What explains a low estimate best: of the kinds of part zxcvbn found, the one that
    tells the user most (their own words first, a common password next, then the patterns)."""
    found: set[PasswordWeakness] = set()
    for match in matches:
        pattern: str = match["pattern"]
        if pattern == "dictionary":
            source: str = match["dictionary_name"]
            if source == "user_inputs":
                word: str = match["matched_word"]
                found.add(_W.CONTAINS_LOGIN if word in personal else _W.SYSTEM_NAME)
            else:
                found.add(_W.COMMON if source == "passwords" else _W.WORDS)
        elif pattern in _PATTERNS:
            found.add(_PATTERNS[pattern])
    return next((weakness for weakness in _BY_HELPFULNESS if weakness in found), _W.GUESSABLE)
