"""Jobs through a real broker (issue 22, done when): `daiyun worker` processes against the local
Redis run an order import submitted with `daiyun orders import --background`; a worker killed
mid-import (SIGKILL: no goodbye, no acknowledgement) has the job finish on the worker started
after it, with every order stored once — on SQLite and PostgreSQL, the worker and the test
sharing the test's database.

Each xdist worker uses a Redis database of its own (11, 12, …), flushed before and after."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import redis
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from daiyun.bootstrap import Daiyun, bootstrap
from daiyun.config import load_settings
from daiyun.entrypoints.cli.main import app as cli_app
from daiyun.entrypoints.web.app import create_app
from tests.builders import DAIYUN_ORDER_COLUMNS, daiyun_order_row
from tests.integration.snapshots import row_counts
from tests.integration.statement_world import OCTOBER_FILE, october_file
from tests.integration.web_world import World, log_in

AS_OF = "2026-10-05T10:00:00+08:00"
DAIYUN = Path(sys.executable).parent / "daiyun"
# A worker silent this long is taken for dead, its jobs handed on (the default is 60 s).
HEARTBEAT_TIMEOUT = "5"


@pytest.fixture
def broker_url(worker_id: str) -> Iterator[str]:
    """A Redis database of this test worker's own, empty before and after the test."""
    index = 0 if worker_id == "master" else int(worker_id.removeprefix("gw"))
    url = f"redis://127.0.0.1:6379/{11 + index % 5}"
    client = redis.Redis.from_url(url)
    client.flushdb()
    try:
        yield url
    finally:
        client.flushdb()
        client.close()


def _orders(path: Path, count: int) -> Path:
    """`count` paid orders of one line each (2 × ¥139.00), numbered from 100000."""
    with path.open("w", encoding="utf-8") as out:
        out.write(",".join(DAIYUN_ORDER_COLUMNS) + "\n")
        for n in range(count):
            row = daiyun_order_row(str(100_000 + n))
            out.write(",".join(row[column] for column in DAIYUN_ORDER_COLUMNS) + "\n")
    return path


def _daiyun(database_url: str, broker_url: str, *args: str) -> Any:
    """`daiyun ARGS` in this process, with the broker set."""
    env = {"DAIYUN_DATABASE_URL": database_url, "DAIYUN_BROKER_URL": broker_url}
    result = CliRunner().invoke(cli_app, list(args), env=env)
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
    return result


def _submit(database_url: str, broker_url: str, file: Path) -> str:
    result = _daiyun(
        database_url, broker_url,
        "orders", "import", "--background", "--json",
        "--store", "chando-tmall", "--as-of", AS_OF, str(file),
    )  # fmt: skip
    job_id: str = json.loads(result.stdout)["job"]
    return job_id


@contextmanager
def _worker(database_url: str, broker_url: str, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """`daiyun worker` in a process of its own; killed at the end if still running."""
    env = {
        **os.environ,
        "DAIYUN_DATABASE_URL": database_url,
        "DAIYUN_BROKER_URL": broker_url,
        "DAIYUN_BROKER_HEARTBEAT_TIMEOUT": HEARTBEAT_TIMEOUT,
        "DAIYUN_ENVIRONMENT": "test",
    }
    with log.open("ab") as out:
        process = subprocess.Popen(
            [str(DAIYUN), "worker", "--threads", "2"], env=env, stdout=out, stderr=out
        )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)


def _job(app: Daiyun, job_id: str) -> Any:
    with app.job_unit_of_work(read_only=True) as uow:  # never waits for a worker's import
        return uow.jobs.get(job_id)


def _wait_for(app: Daiyun, job_id: str, states: set[str], log: Path, seconds: float = 120) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = _job(app, job_id)
        if job is not None and job.state.value in states:
            return job
        time.sleep(0.1)
    raise AssertionError(
        f"job {job_id} is {_job(app, job_id)}, not {states}, after {seconds} s; the workers "
        f"said:\n{log.read_text(errors='replace')[-5000:]}"
    )


def test_a_worker_process_runs_an_import_submitted_in_the_background(
    chando_store: str, daiyun_app: Daiyun, broker_url: str, tmp_path: Path
) -> None:
    log = tmp_path / "worker.log"
    job_id = _submit(chando_store, broker_url, _orders(tmp_path / "orders.csv", 3))
    assert _job(daiyun_app, job_id).state.value == "queued"  # no worker yet: it waits
    with _worker(chando_store, broker_url, log) as worker:
        job = _wait_for(daiyun_app, job_id, {"done", "failed"}, log)
        shown = _daiyun(chando_store, broker_url, "jobs", "show", job_id, "--json")
        worker.send_signal(signal.SIGTERM)  # a graceful stop: finishes what is under way
        assert worker.wait(timeout=60) == 0, log.read_text(errors="replace")
    assert job.state.value == "done" and job.attempts == 1, job
    document = json.loads(shown.stdout)
    assert document["state"] == "done"
    assert document["result"]["orders"] == {"new": 3, "updated": 0, "unchanged": 0}
    assert document["progress"] == {"done": 3, "total": 3, "percent": 100}
    assert row_counts(daiyun_app)["sales_order"] == 3
    # The worker submitted the scheduled duties of its first hour, and ran them.
    with daiyun_app.job_unit_of_work() as uow:
        duties = [each for each in uow.jobs.recent(kind=None, limit=10) if each.id != job_id]
    assert [(each.kind.value, each.state.value) for each in duties] == [("duties", "done")]


def test_a_job_whose_worker_is_killed_mid_import_finishes_on_the_next_storing_nothing_twice(
    chando_store: str, daiyun_app: Daiyun, broker_url: str, tmp_path: Path
) -> None:
    orders = 20_000  # several seconds of importing on this machine
    log = tmp_path / "workers.log"
    job_id = _submit(chando_store, broker_url, _orders(tmp_path / "orders.csv", orders))
    with _worker(chando_store, broker_url, log) as first:
        _wait_for(daiyun_app, job_id, {"running"}, log)
        time.sleep(1.0)  # into the import's one transaction
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    killed = _job(daiyun_app, job_id)
    # Killed mid-import: the job still says running, and its all-or-nothing transaction
    # died with the worker, so no order is stored.
    assert killed.state.value == "running" and killed.attempts == 1, killed
    assert row_counts(daiyun_app)["sales_order"] == 0
    with _worker(chando_store, broker_url, log):
        # The broker hands the dead worker's message on once its heartbeat is 5 s old.
        job = _wait_for(daiyun_app, job_id, {"done", "failed"}, log)
    assert job.state.value == "done" and job.attempts == 2, job
    assert job.result["orders"] == {"new": orders, "updated": 0, "unchanged": 0}
    counts = row_counts(daiyun_app)
    assert counts["sales_order"] == orders and counts["order_line"] == orders
    assert counts["import_file"] == 1


def test_a_web_upload_is_imported_by_a_worker_and_any_web_process_shows_it(
    world: World, broker_url: str, tmp_path: Path
) -> None:
    log = tmp_path / "worker.log"
    settings = load_settings(
        database_url=world.database_url, environment="test", broker_url=broker_url
    )
    web, other = bootstrap(settings), bootstrap(settings)  # two web processes' applications
    try:
        client = _browser(web, world)
        headers = {"X-CSRF-Token": log_in(client, "ops")}
        started = client.post(
            "/api/imports", data={"store": "chando-tmall"}, headers=headers,
            files={"file": (OCTOBER_FILE, october_file(), "text/csv")},
        )  # fmt: skip
        assert started.status_code == 202, started.text
        job_id = started.json()["id"]
        # No worker yet: the page shows it waiting, at 0 %, as the progress bar polls it.
        waiting = client.get(f"/api/imports/jobs/{job_id}").json()
        assert (waiting["state"], waiting["percent"], waiting["rows"]) == ("running", 0, 2)
        with _worker(world.database_url, broker_url, log):
            _wait_for(world.daiyun, job_id, {"done", "failed"}, log)
        elsewhere = _browser(other, world)
        log_in(elsewhere, "ops")
        shown = elsewhere.get(f"/api/imports/jobs/{job_id}").json()
        page = elsewhere.get(f"/imports/jobs/{job_id}").text
    finally:
        web.close()
        other.close()
    assert shown["state"] == "finished" and shown["percent"] == 100
    assert shown["summary"]["orders"] == {"new": 2, "updated": 0, "unchanged": 0}
    assert 'data-state="finished"' in page and "导入完成" in page


def _browser(application: Daiyun, world: World) -> TestClient:
    return TestClient(
        create_app(application, world.clock), base_url="https://testserver", follow_redirects=False
    )
