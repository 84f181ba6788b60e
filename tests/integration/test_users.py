"""`daiyun user add`: roles, brand users tied to their brand (R-D2), hashed passwords."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from daiyun.adapters.db.tables import user_account
from daiyun.adapters.passwords import verify_password
from daiyun.bootstrap import Daiyun
from daiyun.domain.agency import Role, User
from tests.builders import contract_toml
from tests.integration.cli_runner import run_daiyun
from tests.integration.snapshots import database_snapshot


def _load_chando(database_url: str, tmp_path: Path) -> None:
    path = tmp_path / "chando.toml"
    path.write_text(contract_toml(), encoding="utf-8")
    assert run_daiyun(database_url, "contract", "load", str(path)).exit_code == 0


def test_a_brand_user_belongs_to_its_brand_and_its_password_is_hashed(
    daiyun_app: Daiyun, database_url: str, tmp_path: Path
) -> None:
    _load_chando(database_url, tmp_path)
    result = run_daiyun(
        database_url,
        "user",
        "add",
        "--login",
        "chando-finance",
        "--role",
        "brand_finance",
        "--brand",
        "chando",
        "--password-stdin",
        stdin="correct horse battery\n",
    )
    assert result.exit_code == 0, result.stderr
    with daiyun_app.unit_of_work() as uow:
        user = uow.users.get("chando-finance")
    assert user == User("chando-finance", "chando-finance", Role.BRAND_FINANCE, "chando")
    with daiyun_app.engine.connect() as connection:
        stored = connection.execute(select(user_account.c.password_hash)).scalar_one()
    assert "correct horse" not in stored
    assert stored.startswith("$argon2id$")
    assert verify_password(stored, "correct horse battery")


def test_a_brand_role_without_a_brand_is_bad_input_and_nothing_is_stored(
    daiyun_app: Daiyun, database_url: str
) -> None:
    before = database_snapshot(daiyun_app)
    result = run_daiyun(database_url, "user", "add", "--login", "x1", "--role", "brand_viewer")
    assert result.exit_code == 2
    assert "role brand_viewer is a brand role: name the brand with --brand" in result.stderr
    assert database_snapshot(daiyun_app) == before


def test_a_taken_login_is_refused_and_nothing_changes(
    daiyun_app: Daiyun, database_url: str
) -> None:
    assert (
        run_daiyun(
            database_url, "user", "add", "--login", "ops", "--role", "store_operations"
        ).exit_code
        == 0
    )
    before = database_snapshot(daiyun_app)
    result = run_daiyun(database_url, "user", "add", "--login", "ops", "--role", "finance")
    assert result.exit_code == 1
    assert "a user with login 'ops' exists already" in result.stderr
    assert database_snapshot(daiyun_app) == before


def test_a_common_password_is_refused(daiyun_app: Daiyun, database_url: str) -> None:
    before = database_snapshot(daiyun_app)
    result = run_daiyun(
        database_url,
        "user",
        "add",
        "--login",
        "ops",
        "--role",
        "store_operations",
        "--password-stdin",
        stdin="password123\n",
    )
    assert result.exit_code == 2
    assert "most common" in result.stderr
    assert database_snapshot(daiyun_app) == before
