"""A real daiyun server on a free local port, with the demo loaded into a SQLite file."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

DAIYUN = [sys.executable, "-m", "daiyun"]


@dataclass(frozen=True)
class Server:
    """A served daiyun: its address and the database it uses."""

    url: str
    database_url: str


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def demo_server(
    tmp_path_factory: pytest.TempPathFactory, shared_real_data: Path
) -> Iterator[Server]:
    """`daiyun db upgrade`, `demo load`, `serve` — what `make run` does — on a scratch file."""
    folder = tmp_path_factory.mktemp("served")
    env = dict(
        os.environ,
        DAIYUN_DATABASE_URL=f"sqlite:///{folder / 'daiyun.db'}",
        DAIYUN_SHARED_DATA_DIR=str(shared_real_data),
    )
    for step in (["db", "upgrade"], ["demo", "load"]):
        subprocess.run([*DAIYUN, *step], env=env, check=True, capture_output=True, timeout=300)
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
        yield Server(url, env["DAIYUN_DATABASE_URL"])
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
