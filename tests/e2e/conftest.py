"""A real daiyun server on a free local port, with the demo loaded into a SQLite file."""

from __future__ import annotations

import fcntl
import os
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

DAIYUN = [sys.executable, "-m", "daiyun"]
CHROMIUM = Path("/usr/bin/chromium")


@dataclass(frozen=True)
class Server:
    """A served daiyun: its address and the database it uses."""

    url: str
    database_url: str


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests on the served demo run last: under pytest-xdist, the worker that reaches them
    first loads the demo (demo_database) while the others go on with the rest of the suite, and
    seldom wait for it."""
    served = [item for item in items if "demo_server" in getattr(item, "fixturenames", ())]
    if served:
        items[:] = [item for item in items if item not in served] + served


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory: pytest.TempPathFactory, shared_real_data: Path) -> Path:
    """`daiyun db upgrade` and `demo load` — what `make run` does — into a scratch SQLite file,
    once for the whole run: with pytest-xdist, the first worker to get here loads it while the
    others wait, and each serves a copy of its own (the tests change what they are served)."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the folder that the workers' own folders share
    folder = root / "demo"
    loaded = folder / "daiyun.db"
    with (root / "demo.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "loaded").exists():
            folder.mkdir(exist_ok=True)
            env = dict(
                os.environ,
                DAIYUN_DATABASE_URL=f"sqlite:///{loaded}",
                DAIYUN_SHARED_DATA_DIR=str(shared_real_data),
            )
            for step in (["db", "upgrade"], ["demo", "load"]):
                subprocess.run(
                    [*DAIYUN, *step], env=env, check=True, capture_output=True, timeout=300
                )
            (folder / "loaded").touch()
    return loaded


@pytest.fixture(scope="session")
def demo_server(
    tmp_path_factory: pytest.TempPathFactory, shared_real_data: Path, demo_database: Path
) -> Iterator[Server]:
    """`daiyun serve` on a copy of the loaded demo."""
    with serve_copy(tmp_path_factory.mktemp("served"), demo_database, shared_real_data) as server:
        yield server


@contextmanager
def serve_copy(folder: Path, demo_database: Path, shared_real_data: Path) -> Iterator[Server]:
    """`daiyun serve` on a copy of the loaded demo in `folder`, stopped on leaving."""
    served = folder / "daiyun.db"
    with closing(sqlite3.connect(demo_database)) as loaded, closing(sqlite3.connect(served)) as to:
        loaded.backup(to)
    with serving(f"sqlite:///{served}", DAIYUN_SHARED_DATA_DIR=str(shared_real_data)) as server:
        yield server


@contextmanager
def serving(database_url: str, **environment: str) -> Iterator[Server]:
    """`daiyun serve` on `database_url` at a free local port, stopped on leaving."""
    env = dict(os.environ, DAIYUN_DATABASE_URL=database_url, **environment)
    port = _free_port()
    process = subprocess.Popen(
        [*DAIYUN, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process)
        yield Server(url, database_url)
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"daiyun serve exited with {process.returncode}")
        try:
            if httpx.get(f"{url}/api/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise RuntimeError("daiyun serve did not answer within 30 s")


class _SharedChromium:
    """One headless Chromium for the worker's browser tests, launched when first asked for and
    closed when the worker leaves tests/e2e (_close_the_shared_chromium below): launching it
    for each journey module cost a second or two, a dozen times a run. Playwright's sync API
    keeps an event loop running in the thread while it is started, so it must not outlive the
    browser tests (asyncio.run elsewhere would fail). Each `with chromium()` still leaves
    nothing behind: the contexts (and pages) opened inside it are closed on leaving."""

    def __init__(self) -> None:
        self._playwright: Any = None
        self._browser: Any = None

    def browser(self) -> Any:
        if self._browser is None or not self._browser.is_connected():
            if not CHROMIUM.exists():
                pytest.fail("Debian's chromium is missing: `make test` installs it")
            from playwright.sync_api import sync_playwright

            if self._playwright is None:
                self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(
                executable_path=str(CHROMIUM),
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
        return self._browser

    def close(self) -> None:
        if self._browser is not None:
            self._browser.close()
            self._browser = None
        if self._playwright is not None:
            self._playwright.stop()
            self._playwright = None


_CHROMIUM = _SharedChromium()


@pytest.fixture(scope="package", autouse=True)
def _close_the_shared_chromium() -> Iterator[None]:
    """After the last test of tests/e2e on this worker (or of each run of them, when others
    come between), the shared Chromium and Playwright are stopped."""
    yield
    _CHROMIUM.close()


@contextmanager
def chromium() -> Iterator[Any]:
    """Headless Debian Chromium (Playwright cannot download its own here), shared by the
    worker's journeys; the contexts and pages opened inside are closed on leaving."""
    launched = _CHROMIUM.browser()
    try:
        yield launched
    finally:
        for context in list(launched.contexts):
            context.close()


def screenshot(page: Any, file_name: str) -> None:
    """The whole page saved as `file_name` in $DAIYUN_SCREENSHOTS (`make screenshots`, for the
    docs); nothing when it is not set."""
    folder = os.environ.get("DAIYUN_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / file_name), full_page=True)
