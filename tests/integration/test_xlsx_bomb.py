"""A 1 MB workbook whose one cell holds a GiB is refused in bounded memory (issue 16).

Refused by `daiyun catalog import` with exit 2, the file and the limit named, at no more than
600 MB; by POST /api/brands/{brand}/catalog with 422, the server growing by no more than 100 MB;
nothing stored. The bomb's header is honest (it declares the GiB) or lies (it declares 99 MB,
under every limit, and packs 95 to 1, under the ratio; its stream still inflates to the GiB).

Each is measured in a process of its own. The command's peak resident memory is what the kernel
reports when it ends (wait4's ru_maxrss). The server process makes the app and sends it a small
catalogue first (openpyxl and the route loaded, connections open), then reads its resident memory
(VmRSS in /proc/self/status), resets its peak (/proc/self/clear_refs) and posts the bomb: the
peak during the request (VmHWM) less the memory before it is how much the server grew.
"""

from __future__ import annotations

import gc
import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from daiyun.adapters.db.account_tables import api_token, login_attempt, web_session
from daiyun.bootstrap import bootstrap
from daiyun.config import load_settings
from daiyun.entrypoints.web.app import create_app
from tests.integration.cli_runner import run_daiyun
from tests.integration.snapshots import database_snapshot
from tests.integration.web_world import World
from tests.unit.test_xlsx_bomb import HEADER, sheet_bomb, sheet_part, write_workbook

ROOT = Path(__file__).resolve().parents[2]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DECLARED = {"honest": None, "lying": 99_000_000}
REFUSALS = {
    "honest": "its part xl/worksheets/sheet1.xml would inflate to 1,074 MB, more than the "
    "100 MB daiyun reads of one part; nothing of it was read",
    # Its header passes, so it is inflated: the first MB of the cell gives it away.
    "lying": "its part xl/worksheets/sheet1.xml holds more than 1 MB of text or markup in one "
    "piece; a cell holds at most 32,767 characters",
}
AUTH_TABLES = {api_token.name, web_session.name, login_attempt.name}
MB = 1_000_000


@pytest.fixture(scope="module")
def bombs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The two bombs, made once: 1 GiB in row 2's name, honest and lying."""
    folder = tmp_path_factory.mktemp("bombs")
    return {
        kind: write_workbook(folder / f"bomb-{kind}.xlsx", sheet_bomb(1024, declared=declared))
        for kind, declared in DECLARED.items()
    }


@dataclass(frozen=True)
class Finished:
    """A process that ended: its exit code, output, peak resident memory and time taken."""

    exit_code: int
    stdout: str
    stderr: str
    peak_bytes: int
    seconds: float


# The command is started by a small launcher that forks it and reports its peak: a process
# forked from this one and exec'd would count this test process's own peak as its own (Linux
# keeps the old memory's high-water mark across exec), and a pytest worker late in the suite is
# hundreds of MB; a child forked by the launcher starts from the launcher's few MB.
_LAUNCHER = """
import os, sys
peak_file, arguments = sys.argv[1], sys.argv[2:]
pid = os.fork()
if pid == 0:
    os.execv(arguments[0], arguments)
_, status, usage = os.wait4(pid, 0)
with open(peak_file, "w") as peak:
    peak.write(str(usage.ru_maxrss))
code = os.waitstatus_to_exitcode(status)
os._exit(code if code >= 0 else 128 - code)
"""


def run_measured(arguments: list[str], folder: Path, **environment: str) -> Finished:
    """Run a process to its end and take its own peak resident memory from the kernel."""
    out, err, peak = folder / "stdout.txt", folder / "stderr.txt", folder / "peak-kib.txt"
    started = time.monotonic()
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.run(
            [sys.executable, "-c", _LAUNCHER, str(peak), *arguments],
            stdout=stdout,
            stderr=stderr,
            cwd=ROOT,
            env={**os.environ, **environment},
            preexec_fn=_safety_net,  # limits are inherited by the command the launcher forks
            check=False,
        )
    return Finished(
        exit_code=process.returncode,
        stdout=out.read_text(encoding="utf-8"),
        stderr=err.read_text(encoding="utf-8"),
        peak_bytes=int(peak.read_text(encoding="utf-8")) * 1024,  # KiB on Linux
        seconds=time.monotonic() - started,
    )


def _safety_net() -> None:
    # Not the bounds under test: only so that, without the fix, a run fails instead of taking
    # the machine (the issue saw 7.5 GB and minutes).
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
    resource.setrlimit(resource.RLIMIT_CPU, (300, 300))


def business_rows(world: World) -> dict[str, Any]:
    snapshot = database_snapshot(world.daiyun)
    return {name: rows for name, rows in snapshot.items() if name not in AUTH_TABLES}


@pytest.mark.parametrize("kind", ["honest", "lying"])
def test_the_command_refuses_the_bomb_naming_the_limit_in_bounded_memory(
    world: World, bombs: dict[str, Path], kind: str, tmp_path: Path
) -> None:
    bomb = bombs[kind]
    before = database_snapshot(world.daiyun)

    run = run_measured(
        [sys.executable, "-m", "daiyun", "catalog", "import", "--brand", "chando", str(bomb)],
        tmp_path,
        DAIYUN_DATABASE_URL=world.database_url,
    )

    print(f"CLI, {kind} bomb: {run.peak_bytes / MB:.0f} MB peak, {run.seconds:.1f} s")
    assert run.exit_code == 2, run.stderr[-2000:]
    assert run.stderr.splitlines() == [
        f"{bomb.name}: {REFUSALS[kind]}",
        f"error: {bomb}: 1 problem(s); nothing was imported",
    ]
    assert run.peak_bytes <= 600 * MB
    assert database_snapshot(world.daiyun) == before


@pytest.mark.parametrize("kind", ["honest", "lying"])
def test_the_upload_route_refuses_the_bomb_without_the_server_growing(
    world: World, bombs: dict[str, Path], kind: str, tmp_path: Path
) -> None:
    made = run_daiyun(world.database_url, "token", "create", "--login", "a-admin", "--name", "ci")
    assert made.exit_code == 0, made.stderr
    before = business_rows(world)

    run = run_measured(
        [sys.executable, "-c", f"from {__name__} import serve_one_upload; serve_one_upload()"],
        tmp_path,
        DAIYUN_DATABASE_URL=world.database_url,
        BOMB_TOKEN=made.stdout.strip(),
        BOMB_FILE=str(bombs[kind]),
    )

    assert run.exit_code == 0, run.stderr[-3000:]
    server = json.loads(run.stdout)
    grown = server["peak_bytes"] - server["before_bytes"]
    print(f"upload, {kind} bomb: grew {grown / MB:.1f} MB, {server['seconds']:.2f} s; {server}")
    assert server["status"] == 422
    assert server["detail"] == [
        {
            "loc": ["body", "file", 0],
            "msg": f"{bombs[kind].name}: {REFUSALS[kind]}",
            "type": "value_error",
        }
    ]
    assert server["peak_reset"]  # else the peak is since start, and grown only larger
    assert grown <= 100 * MB
    assert business_rows(world) == before


def serve_one_upload() -> None:
    """In a process of its own: the web app takes a small catalogue, then the bomb; print what
    it answered and its resident memory before and at the peak of the bomb's request."""
    headers = {"Authorization": f"Bearer {os.environ['BOMB_TOKEN']}"}
    bomb = Path(os.environ["BOMB_FILE"])
    client = TestClient(create_app(bootstrap(load_settings())), base_url="https://testserver")
    small = write_workbook(bomb.with_name(f"small-{os.getpid()}.xlsx"), sheet_part(HEADER))
    warm = client.post("/api/brands/chando/catalog", headers=headers, files=_file(small))
    assert warm.status_code == 422, warm.text  # a header and no rows: read, and refused
    gc.collect()
    before = _memory("VmRSS")
    peak_reset = _reset_peak()
    started = time.monotonic()
    answer = client.post("/api/brands/chando/catalog", headers=headers, files=_file(bomb))
    seconds = time.monotonic() - started
    report = {
        "status": answer.status_code,
        "detail": answer.json()["detail"],
        "before_bytes": before,
        "peak_bytes": _memory("VmHWM"),
        "after_bytes": _memory("VmRSS"),
        "peak_reset": peak_reset,
        "seconds": seconds,
    }
    print(json.dumps(report))


def _file(path: Path) -> dict[str, tuple[str, bytes, str]]:
    return {"file": (path.name, path.read_bytes(), XLSX)}


def _memory(field: str) -> int:
    """A figure of /proc/self/status, in bytes."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) * 1024  # kB
    raise LookupError(field)


def _reset_peak() -> bool:
    """Start VmHWM again from the resident memory now (Linux 4.0 on); False where it cannot."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True
