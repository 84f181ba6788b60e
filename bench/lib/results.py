"""What every benchmark writes and prints alike: its results file, its table's numbers, and the
source files not yet committed when it ran."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

__all__ = ["number", "uncommitted_source", "write_results"]


def number(value: float | None, pattern: str) -> str:
    """A table cell: the value in `pattern`, or a dash when there is none."""
    return "—" if value is None else format(value, pattern)


def uncommitted_source(repository: Path) -> list[str]:
    """The files under src/ that differ from the commit: a run of them measured no commit."""
    finished = subprocess.run(
        ["git", "-C", str(repository), "status", "--porcelain", "--", "src"],
        capture_output=True,
        text=True,
        check=False,
    )
    return [line[3:] for line in finished.stdout.splitlines() if line[3:]]


def write_results(folder: Path, name: str, document: dict[str, Any], size: int, stamp: str) -> Path:
    """<name>-<size>-<stamp>.json and <name>-latest.json; a profiled run is kept apart (its
    timings are the profiler's) and is never the latest."""
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if document.get("profiled"):
        path = folder / f"{name}-profiled-{size}-{stamp}.json"
        path.write_text(text, encoding="utf-8")
        return path
    path = folder / f"{name}-{size}-{stamp}.json"
    path.write_text(text, encoding="utf-8")
    (folder / f"{name}-latest.json").write_text(text, encoding="utf-8")
    return path
