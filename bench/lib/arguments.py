"""Command-line arguments the benchmarks share."""

from __future__ import annotations

import argparse

__all__ = ["DATABASES", "database_names", "positive_count"]

DATABASES = ("sqlite", "postgresql")


def positive_count(text: str) -> int:
    """A whole number of 1 or more, or an argparse error saying so."""
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a count of 1 or more")
    return number


def database_names(text: str) -> tuple[str, ...]:
    """ "sqlite,postgresql" → the databases named, each one of DATABASES."""
    names = tuple(name.strip() for name in text.split(",") if name.strip())
    unknown = [name for name in names if name not in DATABASES]
    if unknown or not names:
        raise argparse.ArgumentTypeError(f"choose among {', '.join(DATABASES)}, not {text!r}")
    return names
