"""`daiyun jobs …`: a background job's state, progress and result; a month's draft or a store's
reconciliation as a background job; and `daiyun orders import --background` (issue 22)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from daiyun.domain.jobs import Job, JobState
from daiyun.entrypoints.cli import common
from daiyun.entrypoints.cli.common import JsonOption
from daiyun.entrypoints.jobs.runtime import FileOnDisk, JobRuntime
from daiyun.services.jobs.submitting import NotQueued
from daiyun.services.jobs.views import job_document
from daiyun.services.orders.uploads import check_may_import

__all__ = ["jobs_app", "submit_import_in_background"]

jobs_app = typer.Typer(help="Background jobs: show one, or submit a draft or a reconciliation.")

_POLL = 0.2  # seconds between two looks at a job this process runs itself


def _utc_now() -> datetime:
    return datetime.now(UTC)


@jobs_app.command("show")
def jobs_show(
    job_id: Annotated[str, typer.Argument(help="The job's id, as submitting it printed.")],
    as_json: JsonOption = False,
) -> None:
    """A job's state (queued, running, done, failed), progress and result."""
    with common.open_daiyun() as application:
        job = JobRuntime(application).show(job_id)
    common.emit(as_json, job_document(job), lambda: _human(job))


@jobs_app.command("draft")
def jobs_draft(
    contract: Annotated[str, typer.Option("--contract", help="The contract's code.")],
    month: Annotated[str, typer.Option("--month", help="The month, YYYY-MM.")],
    at: common.AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """Draft a contract's month on a worker, as `daiyun statement draft` does; print the id."""
    chosen = common.parse_month(month)
    with common.open_daiyun() as application:
        runtime = JobRuntime(application, _at(at), run_clock=_utc_now)
        try:
            job = _queued(lambda: runtime.submit_draft(contract, chosen, actor=common.actor()))
            _wait_if_here(runtime, job)
        finally:
            runtime.close()
    _print_id(job, as_json)


@jobs_app.command("reconcile")
def jobs_reconcile(
    store: Annotated[str, typer.Option("--store", help="The store's code.")],
    month: Annotated[str, typer.Option("--month", help="The month, YYYY-MM (Beijing time).")],
    as_json: JsonOption = False,
) -> None:
    """Reconcile a store's month on a worker, as `daiyun reconcile` does (R-X1); print the id."""
    chosen = common.parse_month(month)
    with common.open_daiyun() as application:
        runtime = JobRuntime(application)
        try:
            job = _queued(
                lambda: runtime.submit_reconciliation(common.console_user(), store, chosen)
            )
            _wait_if_here(runtime, job)
        finally:
            runtime.close()
    _print_id(job, as_json)


def submit_import_in_background(
    files: Sequence[Path],
    *,
    store: str,
    as_of: datetime | None,
    skip_invalid: bool,
    at: datetime,
    as_json: bool,
) -> None:
    """`daiyun orders import --background`: keep the files with a new import job for a worker
    (they travel in the database: the worker may be on another machine); print its id."""
    missing = [str(path) for path in files if not path.is_file()]
    if missing:
        common.bad_input(f"no such file: {', '.join(missing)}")
    with common.open_daiyun() as application:
        found = check_may_import(application.unit_of_work(), common.console_user(), store)
        if as_of is None and not any(
            application.order_files.export_time_in_name(path.name) for path in files
        ):
            as_of = at  # as the foreground import: a name without an export time → now
            common.err.print(
                f"snapshot time {as_of.isoformat()}: the file names carry no export time "
                "(give --as-of to say when the file was exported)",
                soft_wrap=True,
            )
        runtime = JobRuntime(application, lambda: at, run_clock=_utc_now)
        try:
            job = _queued(
                lambda: runtime.submit_import(
                    found,
                    [FileOnDisk(path) for path in files],
                    skip_invalid=skip_invalid,
                    as_of=as_of,
                    actor=common.actor(),
                )
            )
            _wait_if_here(runtime, job)
        finally:
            runtime.close()
    _print_id(job, as_json)


def _queued(submit: Callable[[], Job]) -> Job:
    """The job submitted; exit 1 saying so when the broker cannot be reached."""
    try:
        return submit()
    except NotQueued as error:
        common.fail(common.EXIT_REFUSED, str(error))


def _at(at: str | None) -> Callable[[], datetime]:
    moment = common.moment(at)
    return lambda: moment


def _wait_if_here(runtime: JobRuntime, job: Job) -> None:
    """Without a broker this process runs the job itself: it waits for it before it exits."""
    if runtime.broker_url:
        return
    common.err.print(
        "no broker (DAIYUN_BROKER_URL is not set): the job runs in this process / "
        "未设置 DAIYUN_BROKER_URL：任务在本进程中运行",
        soft_wrap=True,
    )
    while True:
        shown = runtime.show(job.id)
        if shown.state not in (JobState.QUEUED, JobState.RUNNING):
            return
        time.sleep(_POLL)


def _print_id(job: Job, as_json: bool) -> None:
    common.emit(as_json, {"job": job.id}, lambda: typer.echo(job.id))


def _human(job: Job) -> None:
    console = common.err
    progress = f"{job.done:,}" + (f" of {job.total:,}" if job.total else "")
    console.print(
        f"job {job.id} ({job.kind.value}): {job.state.value}, {job.percent}% ({progress}); "
        f"attempt {job.attempts}; submitted {job.submitted_at.isoformat()} by {job.submitted_by}",
        soft_wrap=True,
        markup=False,
    )
    if job.error:
        console.print(f"error: {job.error}", soft_wrap=True, markup=False)
    if job.result is not None:
        summary = ", ".join(
            f"{key}: {value}"
            for key, value in job.result.items()
            if isinstance(value, str | int | bool) or value is None
        )
        console.print(f"result: {summary or '(see --json)'}", soft_wrap=True, markup=False)
