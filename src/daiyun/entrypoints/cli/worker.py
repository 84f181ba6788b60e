"""`daiyun worker`: run background jobs from the broker named by DAIYUN_BROKER_URL, and
submit the scheduled duties once in each slot (issue 22)."""

from __future__ import annotations

import logging
import signal
import threading
from datetime import UTC, datetime
from typing import Annotated
from urllib.parse import urlsplit, urlunsplit

import typer

from daiyun.domain.jobs import duties_key
from daiyun.entrypoints.cli import common
from daiyun.entrypoints.jobs.runtime import JobRuntime

__all__ = ["worker"]

_LOOK = 20.0  # seconds between two looks at the clock for the scheduled duties' next slot
_log = logging.getLogger("daiyun.worker")


def worker(
    threads: Annotated[
        int, typer.Option("--threads", min=1, max=64, help="Jobs run at once in this process.")
    ] = 2,
    schedule: Annotated[
        bool,
        typer.Option(
            "--schedule/--no-schedule",
            help="Submit the scheduled duties once an hour (once however many workers do).",
        ),
    ] = True,
) -> None:
    """Run background jobs (imports, drafts, reconciliations, scheduled duties) from the
    broker named by DAIYUN_BROKER_URL, until stopped (SIGTERM or Ctrl-C finish the jobs under
    way; a killed worker's jobs are handed to another after the heartbeat timeout)."""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    with common.open_daiyun() as application:
        url = application.settings.broker_url
        if not url:
            common.bad_input(
                "DAIYUN_BROKER_URL is not set (e.g. redis://127.0.0.1:6379/0): without a broker "
                "the web app and the commands run their jobs in their own process"
            )
        runtime = JobRuntime(application)
        stop = threading.Event()
        for each in (signal.SIGTERM, signal.SIGINT):
            signal.signal(each, lambda _signal, _frame: stop.set())
        working = runtime.queue.work(threads)
        common.err.print(f"daiyun worker: {threads} thread(s) on {_shown(url)}", markup=False)
        try:
            _tick_until(stop, runtime, schedule)
        finally:
            common.err.print("daiyun worker: finishing the jobs under way", markup=False)
            working.stop()
            runtime.close()


def _tick_until(stop: threading.Event, runtime: JobRuntime, schedule: bool) -> None:
    last = None
    while True:
        key = duties_key(datetime.now(UTC))
        if schedule and key != last:
            try:
                submitted = runtime.tick()
                last = key
                if submitted is not None:
                    _log.info("scheduled duties submitted: job %s (%s)", submitted.id, key)
            except Exception:  # the database out of reach: tried again at the next look
                _log.exception("could not submit the scheduled duties of %s", key)
        if stop.wait(_LOOK):
            return


def _shown(url: str) -> str:
    """The broker's URL without its password."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    user = f"{parts.username}:***@" if parts.username else ":***@"
    port = f":{parts.port}" if parts.port else ""
    return urlunsplit((parts.scheme, f"{user}{host}{port}", parts.path, parts.query, ""))
