"""Which passwords are refused and why, in Chinese and English (issue 16, point 9; issue 5)."""

from __future__ import annotations

import pytest

from daiyun.domain.passwords import (
    PasswordWeakness,
    WeakPassword,
    check_password,
    weakness_of,
)

W = PasswordWeakness
LOGIN = "chando-finance"


@pytest.mark.parametrize(
    ("password", "weakness", "message"),
    [
        (
            " " * 8,
            W.ONLY_SPACES,
            "密码不能只有空格 / only spaces: a password needs more than blanks",
        ),
        (
            LOGIN,
            W.CONTAINS_LOGIN,
            "密码含有登录名或用户的名字，太容易猜到 / contains the login or the user's name:"
            " too easy to guess",
        ),
        (
            "aaaaaaaa",
            W.REPEATS,
            "重复的字符（如 aaa）太容易猜到 / too easy to guess: repeated characters like 'aaa'",
        ),
        (
            "daiyun-demo-2026",
            W.DEMO_PASSWORD,
            "这是公开的演示密码，只有演示用户可以用 / that is the published demo password,"
            " for the demo's users only",
        ),
    ],
)
def test_the_weak_passwords_of_the_issue_are_refused_saying_why_in_both_languages(
    password: str, weakness: PasswordWeakness, message: str
) -> None:
    with pytest.raises(WeakPassword) as refused:
        check_password(password, login=LOGIN)
    assert refused.value.weakness is weakness
    assert str(refused.value) == message


@pytest.mark.parametrize(
    "password",
    [
        "correct horse battery",
        "x7#kQ9!vLm2p",
        "油画 晚霞 钥匙 灯塔",
        "Tr0ub4dor&3",
        "a" + " " * 7 + "zQ9!k",
    ],
)
def test_a_password_hard_to_guess_passes_without_composition_rules(password: str) -> None:
    check_password(password, login=LOGIN, related=("自然堂 财务", "chando"))


@pytest.mark.parametrize(
    ("password", "weakness"),
    [
        ("short", W.TOO_SHORT),
        ("1234567", W.TOO_SHORT),
        ("x" * 129, W.TOO_LONG),
        ("\t \n  \t  ", W.ONLY_SPACES),
        ("CHANDO-FINANCE", W.CONTAINS_LOGIN),  # case does not hide it
        ("chando-finance-2026!", W.CONTAINS_LOGIN),  # nor words around it
        ("Finance2026", W.CONTAINS_LOGIN),  # a part of the login, found by zxcvbn
        ("Daiyun-Demo-2026!", W.DEMO_PASSWORD),
        ("daiyun2026", W.SYSTEM_NAME),
        ("password123", W.COMMON),
        ("1qaz2wsx3edc", W.COMMON),
        ("abcdefghij", W.SEQUENCE),
        ("asdfghjkl;", W.KEYBOARD),
        ("19880101x", W.DATE),
    ],
)
def test_each_weakness_is_named(password: str, weakness: PasswordWeakness) -> None:
    assert weakness_of(password, login=LOGIN) is weakness


def test_a_short_login_is_refused_only_as_the_whole_password() -> None:
    # "ops" inside a long passphrase says little; "ops" alone is too short anyway.
    assert weakness_of("stops the clocks at noon", login="ops") is None
    assert weakness_of("ops.wang", login="ops.wang") is W.CONTAINS_LOGIN


def test_the_users_name_and_brand_count_like_the_login() -> None:
    assert weakness_of("zhangwei1990", login="zw01") is not W.CONTAINS_LOGIN
    assert weakness_of("zhangwei1990", login="zw01", related=("Zhang Wei",)) is W.CONTAINS_LOGIN


def test_every_weakness_has_a_chinese_and_an_english_message() -> None:
    for weakness in PasswordWeakness:
        refused = WeakPassword(weakness)
        assert str(refused) == f"{refused.chinese} / {refused.english}"
        assert all(ord(c) < 0x3000 for c in refused.english)
        assert any("\u4e00" <= c <= "\u9fff" for c in refused.chinese)


def test_only_the_first_72_characters_are_estimated_and_the_rest_only_adds() -> None:
    strong = "correct horse battery staple "
    assert weakness_of(strong + "a" * 99, login=LOGIN) is None  # 128 characters
    assert weakness_of("a" * 72 + "x7#kQ9!vLm2p", login=LOGIN) is W.REPEATS
