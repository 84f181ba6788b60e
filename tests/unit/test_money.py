"""Money is integer fen, rates are exact, rounding is half-up once, allocation loses no fen.

The rule proved throughout is rules.md, "Parties and words": money is CNY kept as integer fen,
rates are exact decimals, a computed amount is rounded to the fen once, half-up (四舍五入), and
nothing is ever a float (architecture.md, convention 1).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daiyun.domain.money import (
    InvalidAmount,
    InvalidRate,
    Money,
    Rate,
    allocate,
    round_half_up_to_fen,
)

# --- parsing yuan --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "fen"),
    [
        ("12.3", 1230),
        ("12.30", 1230),
        ("1,234.50", 123450),
        ("¥12", 1200),  # half-width yen sign
        ("￥12", 1200),  # full-width yen sign, as Chinese input methods type it
        ("12元", 1200),
        ("-5.10", -510),
        ("-¥12.00", -1200),
        (" 0.05 ", 5),
        (12, 1200),  # whole yuan
        (Decimal("12.3"), 1230),
        (Decimal("12.300"), 1230),  # trailing zeros are still two decimals
    ],
    ids=repr,
)
def test_an_amount_in_yuan_is_read_exactly_as_fen(written: str | int | Decimal, fen: int) -> None:
    assert Money.of_yuan(written) == Money(fen)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("12.345", "'12.345' is not an amount in yuan with at most two decimals"),
        ("abc", "'abc' is not an amount in yuan with at most two decimals"),
        ("", "'' is not an amount in yuan with at most two decimals"),
        ("1,23.00", "'1,23.00' is not an amount in yuan with at most two decimals"),
        ("12.3.4", "'12.3.4' is not an amount in yuan with at most two decimals"),
        (Decimal("12.345"), "12.345 has more than two decimals"),
        (Decimal("NaN"), "Decimal('NaN') is not an amount"),
    ],
    ids=repr,
)
def test_text_that_is_not_an_amount_with_two_decimals_is_refused(
    written: str | Decimal, message: str
) -> None:
    with pytest.raises(InvalidAmount) as raised:
        Money.of_yuan(written)
    assert str(raised.value) == message


def test_a_float_is_refused_as_an_amount() -> None:
    """Nothing is ever a float: 12.3 as a float is not exactly 12.3."""
    with pytest.raises(InvalidAmount) as raised:
        Money.of_yuan(12.3)  # type: ignore[arg-type]
    assert str(raised.value) == "12.3 is a float; write amounts as text or whole yuan"


def test_a_bool_is_refused_as_an_amount_and_as_fen() -> None:
    with pytest.raises(InvalidAmount, match="True is a bool"):
        Money.of_yuan(True)
    with pytest.raises(TypeError, match="Money needs whole fen as int, not bool"):
        Money(True)


def test_a_decimal_with_a_third_decimal_beyond_28_digits_is_still_refused() -> None:
    """Regression: Decimal arithmetic at 28 digits once rounded this to 12.30 and accepted it."""
    with pytest.raises(InvalidAmount, match="has more than two decimals"):
        Money.of_yuan(Decimal("12.3000000000000000000000000001"))
    assert Money.of_yuan(Decimal("1234567890123456789012345678.91")) == Money(
        123456789012345678901234567891
    )


# --- writing yuan --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fen", "plain", "for_people"),
    [
        (123450, "1234.50", "¥1,234.50"),
        (-1200, "-12.00", "-¥12.00"),
        (5, "0.05", "¥0.05"),
        (-5, "-0.05", "-¥0.05"),
        (0, "0.00", "¥0.00"),
        (123456789, "1234567.89", "¥1,234,567.89"),
    ],
)
def test_an_amount_is_written_with_two_decimals(fen: int, plain: str, for_people: str) -> None:
    money = Money(fen)

    assert money.yuan_text() == plain
    assert money.display() == for_people
    assert str(money) == for_people


@given(fen=st.integers(min_value=-(10**15), max_value=10**15))
def test_any_amount_reads_back_from_what_it_writes(fen: int) -> None:
    money = Money(fen)

    assert Money.of_yuan(money.yuan_text()) == money
    assert Money.of_yuan(money.display()) == money
    assert Money.of_yuan(money.as_decimal_yuan()) == money


# --- rounding: half-up, away from zero (四舍五入) ----------------------------------------


@pytest.mark.parametrize(
    ("exact_fen", "rounded"),
    [
        ("2.5", 3),
        ("-2.5", -3),  # half away from zero, not banker's rounding to -2
        ("3.5", 4),
        ("2.4999", 2),
        ("-2.4999", -2),
        ("2.5001", 3),
        ("7", 7),
    ],
)
def test_round_half_up_to_fen_rounds_halves_away_from_zero(exact_fen: str, rounded: int) -> None:
    assert round_half_up_to_fen(Decimal(exact_fen)) == Money(rounded)


def test_a_commission_is_rounded_once_at_the_end() -> None:
    """5% of ¥12.34 is exactly 61.7 fen; rounded once it is 62 fen."""
    exact = Rate.of("5%").apply(Money.of_yuan("12.34"))

    assert exact == Decimal("61.70")
    assert round_half_up_to_fen(exact) == Money(62)


# --- rates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "value"),
    [("0.05", "0.05"), ("5%", "0.05"), ("0.3%", "0.003"), (" 5 % ", "0.05"), (0, "0")],
    ids=repr,
)
def test_a_rate_is_read_exactly(written: str | int, value: str) -> None:
    assert Rate.of(written) == Rate(Decimal(value))


def test_a_float_rate_is_refused() -> None:
    with pytest.raises(InvalidRate) as raised:
        Rate.of(0.05)  # type: ignore[arg-type]
    assert str(raised.value) == "0.05 is a float; write rates as text"


@pytest.mark.parametrize("written", ["abc", "", "NaN", "Infinity", "5%%"])
def test_text_that_is_not_a_rate_is_refused(written: str) -> None:
    with pytest.raises(InvalidRate) as raised:
        Rate.of(written)
    assert str(raised.value) == f"{written!r} is not a rate"


def test_a_rate_writes_itself_plainly_and_as_a_percentage() -> None:
    assert Rate.of("5%").text() == "0.05"
    assert Rate.of("0.003").percent_text() == "0.3%"


# --- allocation by largest remainder -------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "weights", "shares"),
    [
        # 100/3 = 33 r1 each; the one fen left goes to the earliest of the tied remainders.
        (100, [1, 1, 1], [34, 33, 33]),
        # 3000/10 = 300, 3000/10 = 300, 4000/10 = 400: exact, nothing left over.
        (1000, [3, 3, 4], [300, 300, 400]),
        # 303/10 = 30 r3, 30 r3, 404/10 = 40 r4: the fen left goes to the largest remainder.
        (101, [3, 3, 4], [30, 30, 41]),
        # 1000/6 = 166 r4, 2000/6 = 333 r2, 3000/6 = 500 r0: the fen left goes to the first.
        (1000, [1, 2, 3], [167, 333, 500]),
        # a zero weight gets nothing
        (100, [0, 1], [0, 100]),
        # all weights zero: split equally, as [1, 1, 1] would
        (100, [0, 0, 0], [34, 33, 33]),
        # a negative total (a refund) mirrors the positive split
        (-100, [1, 1, 1], [-34, -33, -33]),
        (0, [1, 2], [0, 0]),
    ],
)
def test_allocate_splits_a_total_by_largest_remainder(
    total: int, weights: list[int], shares: list[int]
) -> None:
    assert allocate(Money(total), weights) == [Money(share) for share in shares]


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ([], "cannot allocate over no weights"),
        ([1, -1], "weights must be whole numbers, zero or more"),
        ([True, 1], "weights must be whole numbers, zero or more"),
    ],
    ids=repr,
)
def test_allocate_refuses_weights_it_cannot_split_over(weights: list[int], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        allocate(Money(100), weights)


TOTALS = st.integers(min_value=-(10**12), max_value=10**12)
WEIGHTS = st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=20)


@given(total=TOTALS, weights=WEIGHTS)
def test_allocated_shares_add_up_to_the_total_exactly(total: int, weights: list[int]) -> None:
    shares = allocate(Money(total), weights)

    assert len(shares) == len(weights)
    assert Money.total(shares) == Money(total)


@given(total=TOTALS, weights=WEIGHTS)
def test_every_share_lies_within_one_fen_of_its_exact_proportion(
    total: int, weights: list[int]
) -> None:
    shares = allocate(Money(total), weights)

    weight_sum = sum(weights)
    for share, weight in zip(shares, weights, strict=True):
        exact = (
            Fraction(total * weight, weight_sum) if weight_sum else Fraction(total, len(weights))
        )
        assert abs(share.fen - exact) < 1
