"""Reading, checking and writing one contract term by its kind: rate, amount, count or party."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Literal

from daiyun.domain.contracts.choices import Party, read_choice
from daiyun.domain.money import InvalidAmount, InvalidRate, Money, Rate

__all__ = [
    "COUNT_KINDS",
    "TermKind",
    "TermValue",
    "TermValueError",
    "check_term_value",
    "read_term_value",
    "shown_value",
    "term_value_text",
]

TermKind = Literal[
    "rate", "amount", "party", "days", "working_days", "hours", "months", "years", "day_of_month"
]
TermValue = Rate | Money | Party | int

# A whole-number term and the unit its messages name.
COUNT_KINDS: dict[TermKind, str] = {
    "days": "days",
    "working_days": "working days",
    "hours": "hours",
    "months": "months",
    "years": "years",
    "day_of_month": "day of the month",
}

_WHOLE_NUMBER = re.compile(r"^[-+]?\d+$")
_RATE_BOUNDS = (Decimal(0), Decimal(1))
_DAYS_IN_LONGEST_MONTH = 31


class TermValueError(ValueError):
    """A value that cannot be the term it is written for; the message says why."""


def read_term_value(kind: TermKind, raw: object) -> TermValue:
    """The typed, checked value of a term written as `raw` (file value or stored text)."""
    value = _read_unchecked(kind, raw)
    problem = check_term_value(kind, value)
    if problem is not None:
        raise TermValueError(problem)
    return value


def check_term_value(kind: TermKind, value: object) -> str | None:
    """Why a typed value cannot be a term of this kind, or None when it can."""
    if kind == "rate":
        if not isinstance(value, Rate):
            return f"{value!r} is not a rate"
        low, high = _RATE_BOUNDS
        return None if low <= value.value <= high else f"{value.text()} is outside 0–1"
    if kind == "amount":
        if not isinstance(value, Money):
            return f"{value!r} is not an amount"
        return f"{value.yuan_text()} is negative" if value.is_negative else None
    if kind == "party":
        return None if isinstance(value, Party) else f"{value!r} is not brand or operator"
    if type(value) is not int:
        return f"{value!r} is not a whole number of {COUNT_KINDS[kind]}"
    if kind == "day_of_month":
        in_month = 1 <= value <= _DAYS_IN_LONGEST_MONTH
        return None if in_month else f"{value} is not a day of the month (1–31)"
    if value < 0:
        return f"{value} is negative; write a whole number of {COUNT_KINDS[kind]}, 0 or more"
    return None


def term_value_text(value: TermValue) -> str:
    """The stable text of a term value: "0.05", "10000.00", "brand", "15"."""
    if isinstance(value, Rate):
        return value.text()
    if isinstance(value, Money):
        return value.yuan_text()
    if isinstance(value, Party):
        return value.value
    return str(value)


def _read_unchecked(kind: TermKind, raw: object) -> TermValue:
    if kind == "rate":
        return _read_rate(raw)
    if kind == "amount":
        return _read_amount(raw)
    if kind == "party":
        try:
            return read_choice(Party, raw, "a party")
        except ValueError as error:
            raise TermValueError(str(error)) from None
    return _read_whole_number(raw, COUNT_KINDS[kind])


def _read_rate(raw: object) -> Rate:
    # Interfaces: rates are decimal strings. An unquoted 0.05 reaches us as a float, and a float
    # is not the exact decimal the contract wrote.
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        raise TermValueError(f'{raw} is an unquoted number; write rates quoted, as "{raw}"')
    if not isinstance(raw, str):
        raise TermValueError(f'{shown_value(raw)} is not a rate; write it quoted, as "0.05"')
    try:
        return Rate.of(raw)
    except InvalidRate as error:
        raise TermValueError(str(error)) from None


def _read_amount(raw: object) -> Money:
    # Interfaces: amounts are strings or plain numbers; a TOML float is inexact, so quote it.
    if isinstance(raw, float):
        raise TermValueError(
            f'{raw} is an unquoted decimal number; write amounts with decimals quoted, as "{raw}"'
        )
    if not isinstance(raw, str | int) or isinstance(raw, bool):
        raise TermValueError(f'{shown_value(raw)} is not an amount; write it as "1234.50"')
    try:
        return Money.of_yuan(raw)
    except InvalidAmount as error:
        raise TermValueError(str(error)) from None


def _read_whole_number(raw: object, unit: str) -> int:
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and _WHOLE_NUMBER.match(raw.strip()):
        return int(raw.strip())
    raise TermValueError(f"{shown_value(raw)} is not a whole number of {unit}")


def shown_value(raw: object) -> str:
    """A value as the file wrote it: true, 7.5, 'text'."""
    if isinstance(raw, bool):
        return "true" if raw else "false"
    return repr(raw) if isinstance(raw, str) else str(raw)
