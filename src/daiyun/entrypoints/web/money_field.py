"""One way for every web form to read an amount of money: what the clerk typed, or a field error.

"99", "99.0", "99.00", "¥1,234.50", "1234.5 元" and full-width "９９" or "￥９９．５０" all
read as Money through Money.of_yuan (integer fen, never a float). What is no amount becomes a
FieldError naming the field in Chinese and English, shown next to the field; the form keeps
what was typed. The API's JSON schema keeps its own pattern (interfaces.md); the forms don't.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NoReturn

from daiyun.domain.money import InvalidAmount, Money

__all__ = ["FieldError", "FieldErrors", "FormCheck", "half_width", "money_field", "raise_field"]

# Full-width digits and signs as a Chinese input method types them, to their ASCII twins.
_HALF_WIDTH = str.maketrans("０１２３４５６７８９．，＋－　％", "0123456789.,+- %")


def half_width(text: str) -> str:
    """Full-width digits, point, comma and signs as their ASCII twins: "９９．５" → "99.5"."""
    return text.translate(_HALF_WIDTH)


@dataclass(frozen=True, slots=True)
class FieldError:
    """What is wrong with one field, in both languages (中文, English)."""

    field: str
    chinese: str
    english: str

    def says(self, language: str) -> str:
        """The message in the reader's language ("zh" or "en")."""
        return self.english if language == "en" else self.chinese


class FieldErrors(ValueError):
    """Every field error of one form at once: the page shows each next to its field."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(error.english for error in errors))
        self.errors = errors

    def by_field(self) -> dict[str, FieldError]:
        """The first error of each field, by the field's name."""
        found: dict[str, FieldError] = {}
        for error in self.errors:
            found.setdefault(error.field, error)
        return found


def money_field(
    text: str,
    field: str,
    name: tuple[str, str],
    *,
    positive: bool = False,
) -> Money:
    """The amount typed into `field` (its label `name`: 中文, English), or a FieldError.

    Negative amounts are refused; `positive` refuses zero too (a price, not a budget).
    """
    typed = text.strip()
    chinese, english = name
    if not typed:
        raise_field(field, f"{chinese}：请填写金额", f"{english}: enter an amount")
    try:
        amount = Money.of_yuan(half_width(typed).replace(" ", ""))
    except InvalidAmount:
        raise_field(
            field,
            f"{chinese}：“{typed}”不是金额，请写元，最多两位小数，例如 99 或 99.50",
            f"{english}: '{typed}' is not an amount in yuan with at most two decimals,"
            " e.g. 99 or 99.50",
        )
    if amount.is_negative:
        raise_field(field, f"{chinese}：金额不能为负", f"{english}: the amount cannot be negative")
    if positive and amount.is_zero:
        raise_field(field, f"{chinese}：金额须大于零", f"{english}: the amount must be above zero")
    return amount


def raise_field(field: str, chinese: str, english: str) -> NoReturn:
    """Refuse one field, in both languages."""
    raise FieldErrors([FieldError(field, chinese, english)])


class FormCheck:
    """Reads a form's fields one by one, keeping every error: the form says them all at once."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def money(
        self, text: str, field: str, name: tuple[str, str], *, positive: bool = False
    ) -> Money | None:
        """The amount, or None with its error kept."""
        try:
            return money_field(text, field, name, positive=positive)
        except FieldErrors as refused:
            self.errors.extend(refused.errors)
            return None

    def refuse(self, field: str, text: tuple[str, str], *values: object) -> None:
        """Keep an error of `field`: a page text (中文, English) with {} filled by `values`."""
        chinese, english = text
        self.errors.append(FieldError(field, chinese.format(*values), english.format(*values)))

    def done(self) -> None:
        """Raise FieldErrors with every error kept, if any."""
        if self.errors:
            raise FieldErrors(list(self.errors))
