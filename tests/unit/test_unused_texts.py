"""No page text is left behind (issue 15): every key of the text tables is named by the web's
code or templates, whole or by a prefix that a key is built from.

Keys are built in many ways — `label(kind, code)` gives `kind_code`, `t(f"done_{key}")`,
`t("status_" ~ value)` in a template, a kind passed as data (`verb="verb"` in refusal_texts.py,
`"promotion_state"` in audit_changes.py) — so a key counts as named when the code quotes it,
quotes a prefix of it ending at an underscore, or builds a string from a quoted start ending in
`_` (an f-string's or a template's `~`). That is lenient: it can miss a key left behind whose
start is a common word, but it flags a key only when nothing names it or the start it is built
from. The names of the domain's codes (value_texts.py) are left out: they are there for every
code a page may show (tests/unit/test_code_names.py), whether a page shows it today or not.
"""

from __future__ import annotations

import re
from pathlib import Path

from daiyun.entrypoints.web import i18n
from daiyun.entrypoints.web.i18n import TEXT_TABLES

WEB = Path(i18n.__file__).parent
TABLE_FILES = {f"{name}.py" for name in TEXT_TABLES}
QUOTED = re.compile(r"[\"']([A-Za-z][\w.]*)[\"']")
BUILT_FROM = re.compile(r"[\"']([A-Za-z][\w.]*_)(?:\{|[\"']\s*~)")


def _code() -> str:
    """The web's code, templates and scripts, without the tables that define the texts."""
    return "\n".join(
        path.read_text(encoding="utf-8")
        for path in sorted(WEB.rglob("*"))
        if path.suffix in {".py", ".html", ".js"} and path.name not in TABLE_FILES
    )


def _named(code: str) -> tuple[set[str], set[str]]:
    return set(QUOTED.findall(code)), set(BUILT_FROM.findall(code))


def _is_named(key: str, quoted: set[str], starts: set[str]) -> bool:
    if key in quoted or any(key.startswith(start) for start in starts):
        return True
    parts = key.split("_")
    return any("_".join(parts[:end]) in quoted for end in range(1, len(parts)))


def test_every_page_text_is_named_by_the_code_or_a_template() -> None:
    quoted, starts = _named(_code())
    unused = [
        f"{name}: {key}"
        for name, table in TEXT_TABLES.items()
        if name != "value_texts"
        for key in table
        if not _is_named(key, quoted, starts)
    ]
    assert unused == []


def test_a_key_is_named_whole_by_a_prefix_or_by_the_start_it_is_built_from() -> None:
    code = """
        t("login_failed"); label('role', user.role); t(f"done_{key}")
        {{ t("tile_" ~ tile) }}  _r("...", verb="verb")
    """
    quoted, starts = _named(code)
    assert _is_named("login_failed", quoted, starts)
    assert _is_named("role_brand_admin", quoted, starts)  # label(kind, code)
    assert _is_named("done_user_added", quoted, starts)
    assert _is_named("tile_due_today_note", quoted, starts)
    assert _is_named("verb_issue", quoted, starts)
    assert not _is_named("hours_late", quoted, starts)
    assert not _is_named("login", quoted, starts)  # a longer key's start is not the key
    assert not _is_named("roles_heading", quoted, starts)  # a prefix ends at an underscore
