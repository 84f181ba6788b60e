"""The brand's taxpayer id: its unified social credit code (统一社会信用代码, GB 32100-2015), the
纳税人识别号 a VAT invoice names its buyer by (R-B3).

The code is 18 characters from the 31 of the standard: the digits and the capital letters but
I, O, Z, S and V. The last is a check character: with the characters' values 0–30 (0–9, then
A=10, B=11, … H=17, J=18, K=19, L=20, M=21, N=22, P=23, Q=24, R=25, T=26, U=27, W=28, X=29,
Y=30) and the weights 3^(i-1) mod 31 of positions i = 1…17, the check value is
31 − (Σ value × weight mod 31), written as the character of that value, and 31 as 0.

Worked: 91350100M000100Y4 weighs 9×1 + 1×3 + 3×9 + 5×27 + 0×19 + 1×26 + 0×16 + 0×17 + M(21)×20
+ 0×29 + 0×25 + 0×13 + 1×8 + 0×24 + 0×10 + Y(30)×30 + 4×28 = 1640; 1640 mod 31 = 28;
31 − 28 = 3: the code is 91350100M000100Y43.
"""

from __future__ import annotations

from typing import Final

__all__ = ["TAX_ID_CHARACTERS", "TAX_ID_LENGTH", "tax_id_check_character", "tax_id_problem"]

# The characters of GB 32100-2015 in the order of their values, 0 to 30.
TAX_ID_CHARACTERS: Final = "0123456789ABCDEFGHJKLMNPQRTUWXY"
TAX_ID_LENGTH: Final = 18
_MODULUS: Final = 31
_WEIGHTS: Final = tuple(pow(3, position, _MODULUS) for position in range(TAX_ID_LENGTH - 1))


def tax_id_check_character(first_17: str) -> str:
    """The 18th character that the first 17 call for (GB 32100-2015, section 5)."""
    if len(first_17) != TAX_ID_LENGTH - 1 or any(c not in TAX_ID_CHARACTERS for c in first_17):
        raise ValueError(f"{first_17!r} is not the first 17 characters of a tax id")
    weighed = sum(
        TAX_ID_CHARACTERS.index(character) * weight
        for character, weight in zip(first_17, _WEIGHTS, strict=True)
    )
    return TAX_ID_CHARACTERS[(_MODULUS - weighed % _MODULUS) % _MODULUS]


def tax_id_problem(tax_id: object) -> str | None:
    """Why `tax_id` cannot be a unified social credit code, or None when it is one."""
    hint = (
        "a tax id is the brand's unified social credit code (统一社会信用代码): 18 digits and "
        "capital letters other than I, O, Z, S and V, e.g. 91350100M000100Y43"
    )
    if not isinstance(tax_id, str):
        return f"{tax_id!r} is not text; {hint}"
    if len(tax_id) != TAX_ID_LENGTH:
        return f"{tax_id!r} has {len(tax_id)} characters, not {TAX_ID_LENGTH}; {hint}"
    capitals = tax_id.upper()
    if capitals != tax_id and all(character in TAX_ID_CHARACTERS for character in capitals):
        return f"{tax_id!r} has small letters; write it in capitals: {capitals!r}"
    wrong = sorted({character for character in tax_id if character not in TAX_ID_CHARACTERS})
    if wrong:
        listed = ", ".join(repr(character) for character in wrong)
        return f"{tax_id!r} has {listed}, which no tax id has; {hint}"
    expected = tax_id_check_character(tax_id[:-1])
    if tax_id[-1] != expected:
        return (
            f"{tax_id!r} fails its check: its first 17 characters call for the last to be "
            f"{expected!r}, not {tax_id[-1]!r} (GB 32100-2015); a character is mistyped"
        )
    return None
