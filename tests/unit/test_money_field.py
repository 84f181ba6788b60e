"""One money parser for every web form (issue 15, point 11): what a clerk types, or a field
error naming the field in Chinese and English."""

from __future__ import annotations

import pytest

from daiyun.domain.money import Money
from daiyun.entrypoints.web.money_field import FieldErrors, FormCheck, money_field

PRICE = ("促销价", "Promotion price")


@pytest.mark.parametrize(
    ("typed", "fen"),
    [
        ("99", 9900),
        ("99.0", 9900),
        ("99.00", 9900),
        (" 99.5 ", 9950),
        ("¥1,234.50", 123450),  # 1,234 yuan and 50 fen
        ("￥1,234.50", 123450),
        ("1234.5 元", 123450),
        ("９９", 9900),  # full-width digits, as a Chinese input method types them
        ("￥９９．５０", 9950),
        ("１，２３４．５", 123450),
        ("0", 0),
    ],
)
def test_what_a_clerk_types_is_yuan_in_whole_fen(typed: str, fen: int) -> None:
    assert money_field(typed, "price", PRICE) == Money(fen)


@pytest.mark.parametrize(
    ("typed", "chinese", "english"),
    [
        ("", "促销价：请填写金额", "Promotion price: enter an amount"),
        (
            "99.999",
            "促销价：“99.999”不是金额，请写元，最多两位小数，例如 99 或 99.50",
            "Promotion price: '99.999' is not an amount in yuan with at most two decimals,"
            " e.g. 99 or 99.50",
        ),
        (
            "九十九",
            "促销价：“九十九”不是金额，请写元，最多两位小数，例如 99 或 99.50",
            "Promotion price: '九十九' is not an amount in yuan with at most two decimals,"
            " e.g. 99 or 99.50",
        ),
        ("-5", "促销价：金额不能为负", "Promotion price: the amount cannot be negative"),
        ("0.00", "促销价：金额须大于零", "Promotion price: the amount must be above zero"),
    ],
)
def test_what_is_no_price_is_a_field_error_in_both_languages(
    typed: str, chinese: str, english: str
) -> None:
    with pytest.raises(FieldErrors) as refused:
        money_field(typed, "price", PRICE, positive=True)
    [error] = refused.value.errors
    assert (error.field, error.says("zh"), error.says("en")) == ("price", chinese, english)


def test_a_form_check_keeps_every_error_and_gives_each_field_its_first() -> None:
    check = FormCheck()
    assert check.money("12", "budget", ("预算", "Budget")) == Money(1200)
    assert check.money("abc", "budget", ("预算", "Budget")) is None
    assert check.money("", "price", PRICE, positive=True) is None
    check.refuse("end", ("结束：须晚于 {}", "End: after {}"), "开始")
    with pytest.raises(FieldErrors) as refused:
        check.done()
    by_field = refused.value.by_field()
    assert list(by_field) == ["budget", "price", "end"]
    assert by_field["end"].says("zh") == "结束：须晚于 开始"
    assert by_field["end"].says("en") == "End: after 开始"


def test_a_form_check_without_errors_passes() -> None:
    check = FormCheck()
    assert check.money("１０", "amount", ("金额", "Amount")) == Money(1000)
    check.done()  # nothing kept: no error
