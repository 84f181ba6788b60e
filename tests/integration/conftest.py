"""Every integration test runs twice: on SQLite and on PostgreSQL, each on a fresh database."""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from daiyun.adapters.db.migrate import upgrade_database
from daiyun.bootstrap import Daiyun, bootstrap
from daiyun.config import load_settings
from tests.integration.web_world import World, make_world

POSTGRES_ADMIN_URL = os.environ.get(
    "DAIYUN_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file that each test copies."""
    path = tmp_path_factory.mktemp("sqlite-template") / "template.db"
    upgrade_database(f"sqlite:///{path}")
    return path


class _Drops:
    """Drops the clones that tests are done with, in the background.

    DROP DATABASE forces a checkpoint: done in each test's teardown, it made every PostgreSQL
    test wait for the disk, a second or more when both cores are busy. Here the next test runs
    meanwhile, and drops that wait together share one checkpoint; the template's teardown waits
    for the last of them."""

    def __init__(self) -> None:
        self._pool: ThreadPoolExecutor | None = None

    def drop(self, name: str) -> None:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="drop-clone")
        self._pool.submit(self._drop, name)

    def wait(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None

    @staticmethod
    def _drop(name: str) -> None:
        # One that fails is left for postgres_template's teardown, which drops every clone.
        admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        with suppress(Exception), admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


_DROPS = _Drops()


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[str]:
    """A migrated scratch PostgreSQL database that each test clones; dropped at the end, with
    any clone of it still there."""
    name = f"daiyun_test_{os.getpid()}_{secrets.token_hex(3)}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    upgrade_database(_with_database(name))
    try:
        yield name
    finally:
        _DROPS.wait()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            for (clone,) in connection.execute(
                text("SELECT datname FROM pg_database WHERE datname LIKE :prefix"),
                {"prefix": f"{name}_%"},
            ):
                connection.execute(text(f'DROP DATABASE IF EXISTS "{clone}" WITH (FORCE)'))
        admin.dispose()


def _with_database(name: str) -> str:
    return POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + "/" + name


@contextmanager
def postgres_clone(template: str) -> Iterator[str]:
    """The URL of a fresh clone of a migrated template, for one test; dropped after it, in the
    background (see _Drops)."""
    clone = f"{template}_{secrets.token_hex(4)}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{clone}" TEMPLATE "{template}"'))
    admin.dispose()
    try:
        yield _with_database(clone)
    finally:
        _DROPS.drop(clone)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, migrated database of each kind."""
    if request.param == "sqlite":
        path = tmp_path / "daiyun.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    with postgres_clone(request.getfixturevalue("postgres_template")) as url:
        yield url


@pytest.fixture
def daiyun_app(database_url: str) -> Iterator[Daiyun]:
    """daiyun wired to the fresh database."""
    app = bootstrap(load_settings(database_url=database_url, environment="test"))
    try:
        yield app
    finally:
        app.close()


@pytest.fixture
def chando_store(database_url: str, tmp_path: Path) -> str:
    """The database with chando's contract, its Tmall store and two SKUs priced from 2026-01-01."""
    from tests.builders import contract_toml, write_catalog_csv
    from tests.integration.cli_runner import run_daiyun

    contract = tmp_path / "chando.toml"
    contract.write_text(contract_toml(), encoding="utf-8")
    assert run_daiyun(database_url, "contract", "load", str(contract)).exit_code == 0
    catalog = write_catalog_csv(
        tmp_path / "catalog.csv",
        [
            ("CD-CREAM-50", "雪域精粹纯粹滋润霜50g", "面霜", "139.00", "2026-01-01"),
            ("CD-MASK-5", "活泉保湿面膜5片", "面膜", "59.00", "2026-01-01"),
        ],
    )
    result = run_daiyun(database_url, "catalog", "import", "--brand", "chando", str(catalog))
    assert result.exit_code == 0, result.stderr
    return database_url


@pytest.fixture
def world(daiyun_app: Daiyun, database_url: str, tmp_path: Path) -> World:
    """Two brands (chando, pechoin) with a store, a SKU and an order each, their people, and
    the web app on a clock the test turns (see web_world.py)."""
    return make_world(daiyun_app, database_url, tmp_path)
