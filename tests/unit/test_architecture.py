"""The layers of architecture.md hold, and import-linter would catch an import that breaks them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint_imports(source_root: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(source_root), COLUMNS="250")
    return subprocess.run(
        [str(LINT_IMPORTS), str(REPO_ROOT / "pyproject.toml"), "--no-cache"],
        capture_output=True,
        text=True,
        env=env,
        cwd=source_root,
        timeout=120,
    )


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    """A copy of the daiyun package to break on purpose."""
    shutil.copytree(
        REPO_ROOT / "src" / "daiyun",
        tmp_path / "daiyun",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    return tmp_path


def test_the_tree_keeps_every_layer_contract() -> None:
    result = _lint_imports(REPO_ROOT / "src")
    assert result.returncode == 0, result.stdout
    assert "BROKEN" not in result.stdout


@pytest.mark.parametrize(
    ("module", "bad_import", "broken_contract"),
    [
        ("domain/money.py", "import daiyun.adapters.db.tables", "The domain is pure"),
        ("domain/money.py", "import sqlalchemy", "no database, web, file system"),
        ("services/accounts/users.py", "import daiyun.entrypoints.cli.main", "Layers"),
        (
            "services/accounts/users.py",
            "import daiyun.adapters.db.tables",
            "Services reach storage",
        ),
        ("adapters/passwords.py", "import daiyun.services.errors", "Adapters implement ports"),
        (
            "entrypoints/cli/db.py",
            "import daiyun.adapters.db.migrate",
            "Entrypoints reach adapters",
        ),
        (
            "services/settlement/statements.py",
            "import daiyun.services.demo.agency",
            "No circles between the areas",
        ),
    ],
)
def test_an_import_against_the_layers_breaks_a_contract(
    package_copy: Path, module: str, bad_import: str, broken_contract: str
) -> None:
    target = package_copy / "daiyun" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{bad_import}\n", encoding="utf-8")
    result = _lint_imports(package_copy)
    assert result.returncode != 0
    broken = [line for line in result.stdout.splitlines() if "BROKEN" in line]
    assert any(broken_contract in line for line in broken), result.stdout
