"""Every integration test runs twice: on SQLite and on PostgreSQL, each on a fresh database."""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing, contextmanager, suppress
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from daiyun.adapters.db.migrate import upgrade_database
from daiyun.bootstrap import Daiyun, bootstrap
from daiyun.config import load_settings
from tests.integration.web_world import START, Clock, World, make_world

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


def _load_chando_store(database_url: str, folder: Path) -> None:
    """chando's contract, its Tmall store and two SKUs priced from 2026-01-01."""
    from tests.builders import contract_toml, write_catalog_csv
    from tests.integration.cli_runner import run_daiyun

    contract = folder / "chando.toml"
    contract.write_text(contract_toml(), encoding="utf-8")
    assert run_daiyun(database_url, "contract", "load", str(contract)).exit_code == 0
    catalog = write_catalog_csv(
        folder / "catalog.csv",
        [
            ("CD-CREAM-50", "雪域精粹纯粹滋润霜50g", "面霜", "139.00", "2026-01-01"),
            ("CD-MASK-5", "活泉保湿面膜5片", "面膜", "59.00", "2026-01-01"),
        ],
    )
    result = run_daiyun(database_url, "catalog", "import", "--brand", "chando", str(catalog))
    assert result.exit_code == 0, result.stderr


def _load_world(database_url: str, folder: Path) -> None:
    """What make_world stores: two brands, their stores, SKUs and orders, and PEOPLE."""
    app = bootstrap(load_settings(database_url=database_url, environment="test"))
    try:
        make_world(app, database_url, folder)
    finally:
        app.close()


# The data many tests start from, by the fixture that gives it. Each is loaded once per
# worker and kind of database, and the databases of the tests that use the fixture are copies
# of that one, like the migrated templates (loading it again for each test took about 0.3 s
# for chando_store and 1 s for world, in some 480 tests). The files the loading wrote are
# copied into each test's tmp_path too, so a test sees what it saw when its fixture loaded
# the data itself.
_SEEDS: dict[str, Callable[[str, Path], None]] = {
    "chando_store": _load_chando_store,
    "world": _load_world,
}
_SEEDED = pytest.StashKey[str]()
# A seed that starts from another's data and adds its own (register_seed): the one it extends,
# and the module and fixture it belongs to (fixture names repeat across modules).
_EXTENDS: dict[str, str] = {}
_OWNER: dict[str, tuple[str, str]] = {}


def register_seed(
    module: str, fixture: str, add: Callable[[str, Path], None], extends: str | None
) -> str:
    """The fixture `fixture` of the test module `module`, adding `add`'s data to the seeded
    fixture `extends` (for example `world`; None: to the migrated database), becomes a seed of
    its own: loaded once per worker and kind of database like the others, each of the module's
    tests that uses it on a copy. The fixture still loads `add` itself when the test's database
    was not seeded with it (`seeded(request, <the id returned>)`): in another module, or beside
    an unrelated seed."""
    seed = f"{module}::{fixture}"
    if extends is None:
        _SEEDS[seed] = add
    else:
        base = _SEEDS[extends]

        def load(database_url: str, folder: Path) -> None:
            base(database_url, folder)
            add(database_url, folder)

        _SEEDS[seed] = load
        _EXTENDS[seed] = extends
    _OWNER[seed] = (module, fixture)
    return seed


def _slug(seed: str) -> str:
    """A name for the seed's folder and PostgreSQL database: a module's seed by a digest (a
    database's name is at most 63 bytes)."""
    if seed not in _OWNER:
        return seed
    return "s" + hashlib.sha1(seed.encode()).hexdigest()[:10]


def _lineage(seed: str) -> set[str]:
    """The seed and those it extends."""
    found = {seed}
    while seed in _EXTENDS:
        seed = _EXTENDS[seed]
        found.add(seed)
    return found


class _SeedTemplates:
    """The seeded templates of one worker, made when first asked for."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._sqlite: dict[str, Path] = {}
        self._postgres: dict[str, str] = {}

    def files(self, seed: str) -> Path:
        """The folder of the files that loading `seed` wrote."""
        return self._folder / _slug(seed) / "files"

    def sqlite(self, seed: str, template: Path) -> Path:
        if seed not in self._sqlite:
            built = self._folder / _slug(seed) / "built.db"
            built.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(template, built)
            _SEEDS[seed](f"sqlite:///{built}", self._made_files(seed))
            # A copy through SQLite's backup: one file holding everything, whatever its WAL.
            path = self._folder / _slug(seed) / "seeded.db"
            with closing(sqlite3.connect(built)) as source, closing(sqlite3.connect(path)) as copy:
                source.backup(copy)
            self._sqlite[seed] = path
        return self._sqlite[seed]

    def postgres(self, seed: str, template: str) -> str:
        if seed not in self._postgres:
            name = f"{template}_{_slug(seed)}"
            admin = create_engine(
                POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT", poolclass=NullPool
            )
            with admin.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
            _SEEDS[seed](_with_database(name), self._made_files(seed))
            with admin.connect() as connection:  # a template takes no connections
                connection.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = :name AND pid <> pg_backend_pid()"
                    ),
                    {"name": name},
                )
            admin.dispose()
            self._postgres[seed] = name  # dropped with the template's clones at the end
        return self._postgres[seed]

    def _made_files(self, seed: str) -> Path:
        folder = self.files(seed)
        if folder.exists():  # loaded for the other kind of database already: the same files
            folder = self._folder / _slug(seed) / "again"
        folder.mkdir(parents=True)
        return folder


@pytest.fixture(scope="session")
def seed_templates(tmp_path_factory: pytest.TempPathFactory) -> _SeedTemplates:
    return _SeedTemplates(tmp_path_factory.mktemp("seeds"))


def _seed_of(request: pytest.FixtureRequest) -> str | None:
    """The seeded fixture the test uses that holds the others it uses, if there is one (with
    two unrelated ones, each loads as before)."""
    module = request.module.__name__ if request.module is not None else ""
    used = {
        seed
        for seed in _SEEDS
        if _OWNER.get(seed, (module, seed))[0] == module
        and _OWNER.get(seed, (module, seed))[1] in request.fixturenames
    }
    return next((seed for seed in sorted(used) if used <= _lineage(seed)), None)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, migrated database of each kind (holding the seeded fixture's data, if the
    test uses one: see _SEEDS)."""
    seed = _seed_of(request)
    seeds: _SeedTemplates | None = request.getfixturevalue("seed_templates") if seed else None
    if request.param == "sqlite":
        template = request.getfixturevalue("sqlite_template")
        if seeds is not None and seed is not None:
            template = seeds.sqlite(seed, template)
        path = tmp_path / "daiyun.db"
        shutil.copyfile(template, path)
        _seed_files(request, seeds, seed, tmp_path)
        yield f"sqlite:///{path}"
        return
    name = request.getfixturevalue("postgres_template")
    if seeds is not None and seed is not None:
        name = seeds.postgres(seed, name)
    with postgres_clone(name) as url:
        _seed_files(request, seeds, seed, tmp_path)
        yield url


def _seed_files(
    request: pytest.FixtureRequest, seeds: _SeedTemplates | None, seed: str | None, into: Path
) -> None:
    """The files that loading the seed wrote, into the test's folder; the seed noted."""
    if seeds is not None and seed is not None:
        shutil.copytree(seeds.files(seed), into, dirs_exist_ok=True)
        request.node.stash[_SEEDED] = seed


@pytest.fixture
def daiyun_app(database_url: str) -> Iterator[Daiyun]:
    """daiyun wired to the fresh database."""
    app = bootstrap(load_settings(database_url=database_url, environment="test"))
    try:
        yield app
    finally:
        app.close()


def seeded(request: pytest.FixtureRequest, seed: str) -> bool:
    """Whether the test's database already holds `seed`'s data (its own or extended)."""
    held = request.node.stash.get(_SEEDED, None)
    return held is not None and seed in _lineage(held)


@pytest.fixture
def chando_store(database_url: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """The database with chando's contract, its Tmall store and two SKUs priced from 2026-01-01."""
    if not seeded(request, "chando_store"):
        _load_chando_store(database_url, tmp_path)
    return database_url


@pytest.fixture
def world(
    daiyun_app: Daiyun, database_url: str, tmp_path: Path, request: pytest.FixtureRequest
) -> World:
    """Two brands (chando, pechoin) with a store, a SKU and an order each, their people, and
    the web app on a clock the test turns (see web_world.py)."""
    if not seeded(request, "world"):
        return make_world(daiyun_app, database_url, tmp_path)
    return World(daiyun_app, Clock(START), database_url)  # as make_world gives it
