"""Fixtures shared by every kind of test."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def shared_real_data() -> Path:
    """The real files from outside (../shared/data/real beside the repository), read as they are."""
    folder = REPO_ROOT.parent / "shared" / "data" / "real"
    if not folder.is_dir():
        pytest.fail(f"the shared real data folder is missing: {folder}")
    return folder
