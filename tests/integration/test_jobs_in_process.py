"""Background jobs without a broker (issue 22): `daiyun orders import --background`, `daiyun
jobs show`, a draft and a reconciliation as jobs, the scheduled duties once a slot, a job's
failure kept with it, and a transient failure retried — on SQLite and PostgreSQL.

Without DAIYUN_BROKER_URL the command runs its job in its own process (the embedded default),
through the same Dramatiq actor, runner and database records as a worker would."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from daiyun.bootstrap import Daiyun
from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.jobs import JobKind, JobState
from daiyun.entrypoints.jobs.runtime import JobRuntime
from daiyun.services.jobs.running import Handler, JobRun, Outcome
from tests.builders import daiyun_order_row, write_daiyun_orders
from tests.integration.cli_runner import run_daiyun
from tests.integration.snapshots import row_counts

AS_OF = "2026-10-05T10:00:00+08:00"


def _orders(folder: Path, count: int, name: str = "orders.csv", **values: str) -> Path:
    """`count` paid orders of one line each, 2 × ¥139.00."""
    rows = [daiyun_order_row(f"{5000 + n}", **values) for n in range(count)]
    return write_daiyun_orders(folder / name, rows)


def _background(url: str, file: Path, *options: str) -> dict[str, Any]:
    result = run_daiyun(
        url, "orders", "import", "--background", "--json",
        "--store", "chando-tmall", "--as-of", AS_OF, *options, str(file),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = result.json()
    return document


def _show(url: str, job_id: str) -> dict[str, Any]:
    result = run_daiyun(url, "jobs", "show", job_id, "--json")
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = result.json()
    return document


def test_a_background_import_without_a_broker_runs_here_and_jobs_show_tells_its_result(
    chando_store: str, tmp_path: Path, daiyun_app: Daiyun
) -> None:
    submitted = _background(chando_store, _orders(tmp_path, 3))
    assert list(submitted) == ["job"]
    shown = _show(chando_store, submitted["job"])
    assert shown["state"] == "done" and shown["kind"] == "orders.import"
    # 3 orders read of the file's 3 data rows: 100 % once done.
    assert shown["progress"] == {"done": 3, "total": 3, "percent": 100}
    summary = shown["result"]
    assert summary["stored"] is True and summary["orders"] == {
        "new": 3,
        "updated": 0,
        "unchanged": 0,
    }
    assert shown["attempts"] == 1 and shown["error"] is None
    counts = row_counts(daiyun_app)
    assert counts["sales_order"] == 3 and counts["job_file"] == 0  # the files go once done


def test_the_same_file_again_in_the_background_stores_nothing_twice(
    chando_store: str, tmp_path: Path, daiyun_app: Daiyun
) -> None:
    file = _orders(tmp_path, 2)
    first = _show(chando_store, _background(chando_store, file)["job"])
    again = _show(chando_store, _background(chando_store, file)["job"])
    assert first["result"]["orders"] == {"new": 2, "updated": 0, "unchanged": 0}
    assert again["result"]["orders"] == {"new": 0, "updated": 0, "unchanged": 2}
    assert again["result"]["files"][0]["repeated"] is True
    assert row_counts(daiyun_app)["sales_order"] == 2


def test_an_import_of_a_bad_file_ends_done_storing_nothing_and_lists_its_problems(
    chando_store: str, tmp_path: Path, daiyun_app: Daiyun
) -> None:
    rows = [daiyun_order_row("6001", sku="NO-SUCH-SKU")]
    file = write_daiyun_orders(tmp_path / "bad.csv", rows)
    shown = _show(chando_store, _background(chando_store, file)["job"])
    assert shown["state"] == "done"
    assert shown["result"]["stored"] is False and shown["result"]["error_count"] == 1
    assert row_counts(daiyun_app)["sales_order"] == 0


def test_a_background_import_into_an_unknown_store_is_bad_input_and_keeps_no_job(
    chando_store: str, tmp_path: Path, daiyun_app: Daiyun
) -> None:
    result = run_daiyun(
        chando_store, "orders", "import", "--background",
        "--store", "no-such-store", str(_orders(tmp_path, 1)),
    )  # fmt: skip
    assert result.exit_code == 2 and "no store with code 'no-such-store'" in result.stderr
    assert row_counts(daiyun_app)["job"] == 0


def test_jobs_show_of_an_unknown_id_is_bad_input(chando_store: str) -> None:
    result = run_daiyun(chando_store, "jobs", "show", "nope")
    assert result.exit_code == 2 and "no job 'nope'" in result.stderr


def test_a_draft_and_a_reconciliation_run_as_jobs_as_their_commands_do(
    chando_store: str, tmp_path: Path
) -> None:
    # One order completed 2026-10-08: 2 × ¥139.00 = ¥278.00 of October's sales.
    completed = {"status": "completed", "shipped_at": "2026-10-06 09:00:00"}
    _background(chando_store, _orders(tmp_path, 1, completed_at="2026-10-08 09:00:00", **completed))
    drafted = run_daiyun(
        chando_store, "jobs", "draft", "--contract", "CHANDO-2026", "--month", "2026-10",
        "--at", "2026-11-02T10:00:00+08:00", "--json",
    )  # fmt: skip
    assert drafted.exit_code == 0, drafted.stderr
    draft = _show(chando_store, drafted.json()["job"])
    foreground = run_daiyun(
        chando_store, "statement", "show", "--contract", "CHANDO-2026", "--month", "2026-10",
        "--json",
    )  # fmt: skip
    assert draft["state"] == "done", draft
    assert draft["result"]["changed"] is True
    # The job's result is the Statement JSON the command gives, and 278.00 the month's sales.
    assert {k: v for k, v in draft["result"].items() if k != "changed"} == foreground.json()
    assert draft["result"]["sales_amount"] == "278.00"
    reconciled = run_daiyun(
        chando_store, "jobs", "reconcile", "--store", "chando-tmall", "--month", "2026-10",
        "--json",
    )  # fmt: skip
    assert reconciled.exit_code == 0, reconciled.stderr
    job = _show(chando_store, reconciled.json()["job"])
    direct = run_daiyun(
        chando_store, "reconcile", "--store", "chando-tmall", "--month", "2026-10", "--json"
    )
    assert job["state"] == "done"
    assert {k: v for k, v in job["result"].items() if k != "difference_count"} == direct.json()


class _Flaky:
    """A handler failing as the database does when out of reach, `times` times, then done."""

    def __init__(self, times: int, error: Exception) -> None:
        self.left = times
        self.error = error
        self.finished_jobs: list[str] = []

    def __call__(self, run: JobRun) -> Outcome:
        if self.left:
            self.left -= 1
            raise self.error
        return Outcome(JobState.DONE, {"ran": run.job.attempts})

    def finished(self, job: Any) -> None:
        self.finished_jobs.append(job.id)


def _runtime_with(daiyun_app: Daiyun, kind: JobKind, handler: Handler) -> JobRuntime:
    runtime = JobRuntime(daiyun_app)
    handlers = dict(runtime.runner._handlers)
    handlers[kind] = handler
    runtime.runner._handlers = handlers
    return runtime


def test_a_transient_failure_is_tried_again_after_a_pause_and_then_done(
    chando_store: str, daiyun_app: Daiyun
) -> None:
    from sqlalchemy.exc import OperationalError

    lost = OperationalError("SELECT 1", {}, Exception("server closed the connection"))
    flaky = _Flaky(1, lost)
    runtime = _runtime_with(daiyun_app, JobKind.DUTIES, flaky)
    try:
        job = runtime.tick()
        assert job is not None
        shown = _wait(runtime, job.id)
    finally:
        runtime.close()
    # The first attempt failed (transient), the second (after ~2 s) did the work.
    assert shown.state is JobState.DONE and shown.attempts == 2
    assert shown.result == {"ran": 2} and shown.error is None


def test_bad_input_fails_the_job_at_once_with_its_error_kept(
    chando_store: str, daiyun_app: Daiyun
) -> None:
    flaky = _Flaky(1, ValueError("row 2: not a number"))
    runtime = _runtime_with(daiyun_app, JobKind.DUTIES, flaky)
    try:
        job = runtime.tick()
        assert job is not None
        shown = _wait(runtime, job.id)
    finally:
        runtime.close()
    assert shown.state is JobState.FAILED and shown.attempts == 1
    assert shown.error == "ValueError: row 2: not a number"
    assert flaky.finished_jobs == [job.id]


def test_the_scheduled_duties_are_submitted_once_a_slot_however_many_tick(
    chando_store: str, daiyun_app: Daiyun
) -> None:
    # 10:05 and 10:55 Beijing time are one hourly slot; 11:00 the next.
    moments = iter(
        datetime(2026, 11, 20, hour, minute, tzinfo=SHANGHAI)
        for hour, minute in ((10, 5), (10, 55), (11, 0))
    )
    now = [next(moments)]
    runtime = JobRuntime(daiyun_app, lambda: now[0])
    try:
        first = runtime.tick()
        now[0] = next(moments)
        second = runtime.tick()
        now[0] = next(moments)
        third = runtime.tick()
        assert first is not None and second is None and third is not None
        shown = _wait(runtime, first.id)
    finally:
        runtime.close()
    assert shown.state is JobState.DONE
    assert shown.result is not None and shown.result["as_of"] == "2026-11-20"
    assert row_counts(daiyun_app)["job"] == 2


def _wait(runtime: JobRuntime, job_id: str) -> Any:
    import time

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        shown = runtime.show(job_id)
        if shown.state not in (JobState.QUEUED, JobState.RUNNING):
            return shown
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} did not finish in 60 s")


def test_a_background_import_with_the_broker_out_of_reach_exits_1_its_job_kept_failed(
    chando_store: str, tmp_path: Path, daiyun_app: Daiyun
) -> None:
    from typer.testing import CliRunner

    from daiyun.entrypoints.cli.main import app as cli_app

    nowhere = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    env = {"DAIYUN_DATABASE_URL": chando_store, "DAIYUN_BROKER_URL": nowhere}
    args = ["orders", "import", "--background", "--store", "chando-tmall", "--as-of", AS_OF]
    result = CliRunner().invoke(cli_app, [*args, str(_orders(tmp_path, 2))], env=env)
    assert result.exit_code == 1, (result.stderr, result.exception)
    assert "the job queue could not be reached, so job" in result.stderr
    with daiyun_app.job_unit_of_work() as uow:
        (job,) = uow.jobs.recent(kind=None, limit=5)
    assert job.state is JobState.FAILED and job.error is not None
    assert job.error.startswith("not queued: ConnectionError")
    counts = row_counts(daiyun_app)
    assert counts["sales_order"] == 0 and counts["job_file"] == 0
