"""The checks on each value of a contract file, shared by the file reader and the specs."""

from __future__ import annotations

import re

from daiyun.domain.contracts.choices import Platform

__all__ = [
    "code_problem",
    "fee_schedule_problem",
    "listing_problem",
    "name_problem",
    "renewal_notice_problem",
    "store_platform_problem",
    "term_months_problem",
]

_CODE_PATTERNS = {
    # Brand and store codes appear in URLs and command lines: lowercase, 2–40 characters.
    "brand": re.compile(r"^[a-z0-9][a-z0-9_-]{1,39}$"),
    "store": re.compile(r"^[a-z0-9][a-z0-9_-]{1,39}$"),
    "contract": re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$"),
}
_CODE_HINTS = {
    "brand": "lowercase letters, digits, '-' and '_', 2–40 characters",
    "store": "lowercase letters, digits, '-' and '_', 2–40 characters",
    "contract": "letters, digits, '-' and '_', 2–40 characters",
}


def code_problem(code: object, kind: str) -> str | None:
    """Why `code` cannot be a code of this kind ("brand", "store", "contract"), or None."""
    if isinstance(code, str) and _CODE_PATTERNS[kind].match(code):
        return None
    return f"{code!r} is not a {kind} code ({_CODE_HINTS[kind]}, starting with a letter or digit)"


def name_problem(name: object) -> str | None:
    """Why `name` cannot be a name shown to people, or None."""
    if isinstance(name, str) and name.strip():
        return None
    return f"{name!r} is not a name; write the name people see"


def term_months_problem(term_months: object) -> str | None:
    """Why `term_months` cannot be a contract's term (R-C5), or None."""
    if type(term_months) is int and term_months >= 1:
        return None
    return f"{term_months!r} is not a term; write a whole number of months, 1 or more"


def renewal_notice_problem(notice_months: object, term_months: int) -> str | None:
    """Why `notice_months` cannot be the renewal notice of a term this long (R-C5), or None."""
    if type(notice_months) is int and 0 <= notice_months <= term_months:
        return None
    return f"{notice_months!r} is not a notice period; write whole months, 0 to {term_months}"


def listing_problem(items: tuple[object, ...], what: str) -> str | None:
    """Why a list of platforms or services cannot be a contract's (empty or repeating), or None."""
    if not items:
        return f"no {what}; list at least one"
    repeated = sorted({str(item) for item in items if items.count(item) > 1})
    return f"{', '.join(repeated)} listed more than once" if repeated else None


def store_platform_problem(
    store_code: str, platform: Platform, platforms: tuple[Platform, ...]
) -> str | None:
    """Why the contract cannot have this store: its platform is not authorised (R-C4), or None."""
    if platform in platforms:
        return None
    authorised = ", ".join(platforms)
    return (
        f"store {store_code} is on {platform}, which the contract does not authorise ({authorised})"
    )


def fee_schedule_problem(platform: Platform, platforms: tuple[Platform, ...]) -> str | None:
    """Why the contract cannot have fees for `platform`: it is not authorised (R-C4), or None."""
    if platform in platforms:
        return None
    return f"fees for {platform}, which the contract does not authorise ({', '.join(platforms)})"
