"""Fixtures shared by every kind of test."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from daiyun.domain.calendar import use_notice_source

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def shared_real_data() -> Path:
    """The real files from outside (../shared/data/real beside the repository), read as they are."""
    folder = REPO_ROOT.parent / "shared" / "data" / "real"
    if not folder.is_dir():
        pytest.fail(f"the shared real data folder is missing: {folder}")
    return folder


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say how many database tests passed on each database, so a run shows both ran."""
    passed = terminalreporter.stats.get("passed", [])
    counts = {
        kind: sum(
            1
            for report in passed
            if report.when == "call" and re.search(rf"[\[-]{kind}[\]-]", report.nodeid)
        )
        for kind in ("sqlite", "postgresql")
    }
    if any(counts.values()):
        terminalreporter.write_line(
            f"database tests passed: {counts['sqlite']} on SQLite, "
            f"{counts['postgresql']} on PostgreSQL"
        )


@pytest.fixture(autouse=True)
def _shared_data_of_the_test(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files daiyun keeps (mis-shipments' attachments, exit evidence) go to the test's own
    folder: on PostgreSQL the default is ./data, which would be the checkout's."""
    monkeypatch.setenv("DAIYUN_SHARED_DATA_DIR", str(tmp_path / "shared-data"))


@pytest.fixture(autouse=True)
def _calendar_without_recorded_notices() -> Iterator[None]:
    """Each test starts and ends with no holiday notice source wired into the calendar (R-O1):
    one test's database never answers for another's."""
    use_notice_source(None)
    yield
    use_notice_source(None)
