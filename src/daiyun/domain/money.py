"""Money in integer fen, exact rates, the one rounding rule and largest-remainder allocation."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

__all__ = [
    "FEN_PER_YUAN",
    "InvalidAmount",
    "InvalidRate",
    "Money",
    "Rate",
    "allocate",
    "round_half_up_to_fen",
]

FEN_PER_YUAN = 100

# An amount as clerks and platforms write it: optional sign, optional ¥/￥ before or 元 after,
# thousands grouped by commas (or none), at most two decimals.
_AMOUNT = re.compile(
    r"""^(?P<sign>[-+]?)\s*(?:[¥￥]\s*)?
        (?P<whole>\d{1,3}(?:,\d{3})+|\d+)
        (?:\.(?P<fraction>\d{1,2}))?
        \s*(?:元)?$""",
    re.VERBOSE | re.ASCII,  # ASCII digits only: "１２" is not an amount we guess at
)


class InvalidAmount(ValueError):
    """A text or number that is not an amount of money in yuan with at most two decimals."""


class InvalidRate(ValueError):
    """A text or number that is not an exact decimal rate."""


@dataclass(frozen=True, order=True, slots=True)
class Money:
    """An amount of CNY as a whole number of fen (分)."""

    fen: int

    def __post_init__(self) -> None:
        # bool is an int subclass; True fen is never what anybody meant.
        if type(self.fen) is not int:
            raise TypeError(f"Money needs whole fen as int, not {type(self.fen).__name__}")

    @classmethod
    def zero(cls) -> Money:
        """Nothing."""
        return cls(0)

    @classmethod
    def of_yuan(cls, value: str | int | Decimal) -> Money:
        """Parse yuan exactly: "12.3", "12.30", "1,234.50", "¥12", "12元", 12, Decimal("12.3")."""
        if isinstance(value, bool | float):
            raise InvalidAmount(
                f"{value!r} is a {type(value).__name__}; write amounts as text or whole yuan"
            )
        if isinstance(value, int):
            return cls(value * FEN_PER_YUAN)
        if isinstance(value, Decimal):
            return cls._of_decimal(value)
        if not isinstance(value, str):
            raise InvalidAmount(f"{value!r} is not an amount")
        match = _AMOUNT.match(value.strip())
        if match is None:
            raise InvalidAmount(f"{value!r} is not an amount in yuan with at most two decimals")
        whole = int(match["whole"].replace(",", ""))
        fraction = int((match["fraction"] or "0").ljust(2, "0"))
        fen = whole * FEN_PER_YUAN + fraction
        return cls(-fen if match["sign"] == "-" else fen)

    @classmethod
    def _of_decimal(cls, value: Decimal) -> Money:
        if not value.is_finite():
            raise InvalidAmount(f"{value!r} is not an amount")
        # Fraction, not Decimal arithmetic: the context's 28 digits would round silently.
        fen = Fraction(value) * FEN_PER_YUAN
        if fen.denominator != 1:
            raise InvalidAmount(f"{value} has more than two decimals")
        return cls(int(fen))

    def __add__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.fen + other.fen)

    def __sub__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.fen - other.fen)

    def __neg__(self) -> Money:
        return Money(-self.fen)

    def __abs__(self) -> Money:
        return Money(abs(self.fen))

    def times(self, count: int) -> Money:
        """This amount `count` times over (units × unit price): exact, no rounding."""
        if type(count) is not int:
            raise TypeError("multiply money by a whole count; use Rate.apply() for a rate")
        return Money(self.fen * count)

    @property
    def is_zero(self) -> bool:
        """True when the amount is exactly nothing."""
        return self.fen == 0

    @property
    def is_negative(self) -> bool:
        """True below zero."""
        return self.fen < 0

    def as_decimal_yuan(self) -> Decimal:
        """The amount in yuan as an exact Decimal with two places."""
        return (Decimal(self.fen) / FEN_PER_YUAN).quantize(Decimal("0.01"))

    def yuan_text(self) -> str:
        """Plain yuan with two decimals, as the JSON documents write it: "1234.50"."""
        sign = "-" if self.fen < 0 else ""
        whole, fraction = divmod(abs(self.fen), FEN_PER_YUAN)
        return f"{sign}{whole}.{fraction:02d}"

    def display(self) -> str:
        """Yuan for people: "¥1,234.50", "-¥12.00"."""
        sign = "-" if self.fen < 0 else ""
        whole, fraction = divmod(abs(self.fen), FEN_PER_YUAN)
        return f"{sign}¥{whole:,}.{fraction:02d}"

    def __str__(self) -> str:
        return self.display()

    @staticmethod
    def total(amounts: Iterable[Money]) -> Money:
        """The sum of amounts; zero for none."""
        return Money(sum(amount.fen for amount in amounts))


@dataclass(frozen=True, order=True, slots=True)
class Rate:
    """An exact decimal rate, such as a commission of 0.05; never made from a float."""

    value: Decimal

    def __post_init__(self) -> None:
        if not isinstance(self.value, Decimal) or not self.value.is_finite():
            raise InvalidRate(f"{self.value!r} is not an exact decimal rate")

    @classmethod
    def of(cls, value: str | int | Decimal) -> Rate:
        """Parse "0.05", "5%", 0 or Decimal("0.05") exactly; floats are refused."""
        if isinstance(value, bool | float):
            raise InvalidRate(f"{value!r} is a {type(value).__name__}; write rates as text")
        if isinstance(value, int | Decimal):
            return cls(Decimal(value))
        if not isinstance(value, str):
            raise InvalidRate(f"{value!r} is not a rate")
        text = value.strip()
        percent = text.endswith("%")
        try:
            number = Decimal(text.removesuffix("%").strip())
        except InvalidOperation:
            raise InvalidRate(f"{value!r} is not a rate") from None
        if not number.is_finite():
            raise InvalidRate(f"{value!r} is not a rate")
        return cls(number / 100 if percent else number)

    def apply(self, amount: Money) -> Decimal:
        """The exact, unrounded share of `amount` in fen; round it where the rule says."""
        return Decimal(amount.fen) * self.value

    def text(self) -> str:
        """The rate as a plain decimal string: "0.05"."""
        return format(self.value.normalize(), "f") if self.value else "0"

    def percent_text(self) -> str:
        """The rate for people: "5%", "0.3%"."""
        return format((self.value * 100).normalize(), "f") + "%"

    def __str__(self) -> str:
        return self.text()


def round_half_up_to_fen(exact_fen: Decimal) -> Money:
    """Round an exact amount of fen to whole fen, half away from zero (四舍五入).

    The one rounding rule of daiyun: each rule names the single point where it applies.
    """
    return Money(int(exact_fen.to_integral_value(rounding=ROUND_HALF_UP)))


def allocate(total: Money, weights: Sequence[int]) -> list[Money]:
    """Split `total` over `weights` by largest remainder: shares add up to the total exactly.

    Each share is the exact proportion rounded down or up, so it lies within one fen of it.
    Remainder fen go to the largest fractional parts, ties to the earlier weight. When every
    weight is zero the total is split equally.
    """
    if not weights:
        raise ValueError("cannot allocate over no weights")
    if any(type(weight) is not int or weight < 0 for weight in weights):
        raise ValueError("weights must be whole numbers, zero or more")
    if total.fen < 0:
        return [-share for share in allocate(-total, weights)]
    if sum(weights) == 0:
        weights = [1] * len(weights)
    weight_sum = sum(weights)
    floors: list[int] = []
    remainders: list[int] = []
    for weight in weights:
        share, remainder = divmod(total.fen * weight, weight_sum)
        floors.append(share)
        remainders.append(remainder)
    left_over = total.fen - sum(floors)
    by_remainder = sorted(range(len(weights)), key=lambda index: (-remainders[index], index))
    for index in by_remainder[:left_over]:
        floors[index] += 1
    return [Money(share) for share in floors]
