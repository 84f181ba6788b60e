"""Texts from a file as problem messages show them: short, however long the file's are.

A header of a million columns, or a cell of a hundred thousand digits, must not make a message
(on stderr, in a JSON answer, in a web job polled every second) as large as the file: a message
shows the start of a long text and how long it is, and the first few names of a long list and
how many more there are (issue 16, point 6).
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["FIRST_NAMES_SHOWN", "LONGEST_SHOWN", "shown_names", "shown_text"]

LONGEST_SHOWN = 100  # characters of one text (a cell, a column's name) a message shows
FIRST_NAMES_SHOWN = 5  # names of a list (a header's columns, rows) a message shows


def shown_text(text: str, longest: int = LONGEST_SHOWN) -> str:
    """The text whole when it has at most `longest` characters, else its start, an ellipsis
    and its length: "99999…9… (5000 characters)"."""
    if len(text) <= longest:
        return text
    return f"{text[:longest]}… ({len(text)} characters)"


def shown_names(names: Sequence[str], first: int = FIRST_NAMES_SHOWN) -> str:
    """The first few names, each shortened (shown_text), and how many more there are:
    "c0, c1, c2, c3, c4 … and 999995 more"."""
    listed = ", ".join(shown_text(name) for name in names[:first])
    more = len(names) - first
    return f"{listed} … and {more} more" if more > 0 else listed
