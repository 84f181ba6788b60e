"""`daiyun report make … --pdf PATH` (issue 20 point 3) on SQLite and PostgreSQL: the report's
PDF with its charts written beside the record; a folder that does not exist is bad input (exit
2) with nothing made."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

from tests.integration.cli_runner import run_daiyun
from tests.integration.snapshots import database_snapshot
from tests.integration.web_world import World

_MAKE = ("report", "make", "--contract", "CHANDO-2026", "--kind", "monthly", "--period", "2026-10",
         "--at", "2026-11-02T09:00:00+08:00")  # fmt: skip


def test_report_make_writes_the_pdf(world: World, tmp_path: Path) -> None:
    pdf = tmp_path / "october.pdf"
    result = run_daiyun(world.database_url, *_MAKE, "--pdf", str(pdf))
    assert result.exit_code == 0, result.stderr
    reader = PdfReader(pdf)
    first = re.sub(r"[\s\x00]+", "", reader.pages[0].extract_text())
    # chando's one October order: 2 creams, 278.00; due 11-03, made 11-02: on time.
    assert "CHANDO-2026" in first and "¥278.00" in first and "按时ontime" in first
    assert sum(len(page.images) for page in reader.pages) == 14


def test_a_pdf_into_a_missing_folder_is_bad_input_and_nothing_is_made(
    world: World, tmp_path: Path
) -> None:
    before = database_snapshot(world.daiyun)
    result = run_daiyun(world.database_url, *_MAKE, "--pdf", str(tmp_path / "no" / "r.pdf"))
    assert result.exit_code == 2 and "--pdf" in result.stderr
    assert database_snapshot(world.daiyun) == before
