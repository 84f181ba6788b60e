"""Where each table and key of a TOML text is, by line, to point problems at the right place."""

from __future__ import annotations

import re

__all__ = ["KeyLines"]

_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
_DOTTED_KEY = rf"{_KEY_PART}(?:\s*\.\s*{_KEY_PART})*"
_ARRAY_TABLE = re.compile(rf"^\s*\[\[\s*(?P<name>{_DOTTED_KEY})\s*\]\]")
_TABLE = re.compile(rf"^\s*\[\s*(?P<name>{_DOTTED_KEY})\s*\]")
_KEY_VALUE = re.compile(rf"^\s*(?P<name>{_DOTTED_KEY})\s*=")
_PART = re.compile(_KEY_PART)


def _dotted(name: str) -> str:
    """A TOML dotted key as a plain path: `platform_fees."tmall"` → `platform_fees.tmall`."""
    parts = (part.group(0) for part in _PART.finditer(name))
    return ".".join(part[1:-1] if part[0] in "\"'" else part for part in parts)


class KeyLines:
    """Line numbers (from 1) of the tables and keys of a TOML text, found by a best-effort scan.

    A path names a key by its tables: `contract.terms.commission_rate`; the n-th entry of an
    array of tables counts from 1: `stores[2].platform`.
    """

    def __init__(self, text: str) -> None:
        self._lines: dict[str, int] = {}
        self._scan(text)

    def _scan(self, text: str) -> None:
        table = ""
        entries: dict[str, int] = {}
        for number, line in enumerate(text.splitlines(), start=1):
            if match := _ARRAY_TABLE.match(line):
                name = _dotted(match["name"])
                entries[name] = entries.get(name, 0) + 1
                table = f"{name}[{entries[name]}]"
            elif match := _TABLE.match(line):
                table = _dotted(match["name"])
            elif match := _KEY_VALUE.match(line):
                key = _dotted(match["name"])
                self._lines.setdefault(f"{table}.{key}" if table else key, number)
                continue
            else:
                continue
            self._lines.setdefault(table, number)

    def line_of(self, path: str) -> int | None:
        """The line of `path`, or of the nearest enclosing key or table the scan found; or None."""
        while path:
            if path in self._lines:
                return self._lines[path]
            # An array's element (`contract.platforms[2]`) is on the line of the array's key.
            is_element = path.endswith("]")
            path = path[: path.rindex("[")] if is_element else path.rpartition(".")[0]
        return None
