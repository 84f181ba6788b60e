"""The background jobs of one assembled daiyun: submit them, follow them, and run those the
broker delivers here (issue 22).

With DAIYUN_BROKER_URL set, jobs go through that broker to `daiyun worker` processes, on this
machine or others; without it, this process runs the jobs it submits on threads of its own
(the embedded default: `make run` needs no Redis). Either way the job's state, progress, result
and errors are in the database, so any process shows any job.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from functools import cached_property, partial
from pathlib import Path
from typing import Protocol

from daiyun.bootstrap import Daiyun
from daiyun.domain.agency import Store, User
from daiyun.domain.calendar import Month
from daiyun.domain.jobs import MAX_ATTEMPTS, Job, JobKind
from daiyun.entrypoints.reminding import run_reminders
from daiyun.services.jobs import submitting, views
from daiyun.services.jobs.month_work import ReconciliationJob, ScheduledDuties, StatementDraftJob
from daiyun.services.jobs.order_import import OrderImportJob
from daiyun.services.jobs.ports import JobUnitOfWork
from daiyun.services.jobs.running import Handler, JobRunner, RetryLater
from daiyun.services.reports.making import run_due

__all__ = ["Broker", "FileOnDisk", "JobRuntime", "Worker", "data_rows"]

_PART = 1024 * 1024  # bytes: a job's file is kept in parts of this size
# Deliveries of one message retried for a transient failure: the job's own attempts stop at
# MAX_ATTEMPTS (it then ends failed), but a failure before the job is even taken — the database
# busy past its timeout, out of reach — is retried, pausing up to 5 minutes, for over an hour.
_DELIVERIES = 4 * MAX_ATTEMPTS


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Worker(Protocol):
    """Worker threads consuming the broker's queue in this process."""

    def stop(self, timeout: float = ...) -> None: ...


class Broker(Protocol):
    """The jobs' queue as bootstrap makes it (adapters/jobs/broker.py)."""

    @property
    def in_process(self) -> bool: ...
    def send(self, job_id: str) -> None: ...
    def work(self, threads: int) -> Worker: ...
    def close(self) -> None: ...


# A Taobao export's item file has a row per line, not per order: it is not what the bar counts.
_ITEM_FILE = "exportorderdetaillist"


def data_rows(paths: Sequence[Path]) -> int:
    """Data rows in the CSV files (not the item file): a progress bar's end; 0 for workbooks."""
    rows = 0
    for path in paths:
        if path.suffix.lower() not in (".csv", ".txt") or _ITEM_FILE in path.name.lower():
            continue
        with path.open("rb") as stream:
            rows += max(0, sum(1 for _ in stream) - 1)
    return rows


class FileOnDisk:
    """A file given to a job, read part by part when the job is stored."""

    def __init__(self, path: Path, name: str | None = None) -> None:
        self.path = path
        self.name = name or path.name

    def parts(self) -> Iterator[bytes]:
        """The file's content, a MB at a time."""
        with self.path.open("rb") as stream:
            while part := stream.read(_PART):
                yield part


class JobRuntime:
    """Submit, follow and run background jobs for one application."""

    def __init__(
        self,
        application: Daiyun,
        clock: Callable[[], datetime] = _utc_now,
        *,
        run_clock: Callable[[], datetime] | None = None,
    ) -> None:
        """`clock` is the moment jobs are submitted at (an import's moment); `run_clock`, the
        moments they start and end at (default: the same clock)."""
        self._application = application
        self._clock = clock
        adapters = application.job_adapters
        handlers: dict[JobKind, Handler] = {
            JobKind.ORDER_IMPORT: OrderImportJob(
                application.unit_of_work,
                application.order_files,
                buyer_secret=application.settings.secret_key.encode(),
            ),
            JobKind.STATEMENT_DRAFT: StatementDraftJob(application.unit_of_work),
            JobKind.RECONCILIATION: ReconciliationJob(application.alipay_unit_of_work),
            JobKind.DUTIES: ScheduledDuties(
                application.read_unit_of_work,
                remind=partial(run_reminders, application),  # issue 21: R-O1's reminders
                # issue 20: every report due by the slot, each made once (R-R1)
                make_reports=lambda at: run_due(
                    application.report_unit_of_work, at=at, actor="scheduler"
                ).to_json(listed=200),
            ),
        }
        self.runner = JobRunner(
            application.job_unit_of_work,
            handlers,
            progress=adapters.progress,
            scratch=adapters.scratch,
            clock=run_clock or clock,
            is_transient=adapters.is_transient,
        )

    @property
    def broker_url(self) -> str | None:
        """The broker jobs go through; None when this process runs them itself."""
        return self._application.settings.broker_url

    @cached_property
    def queue(self) -> Broker:
        """The broker (made on first use: Dramatiq loads only for what needs it)."""
        is_transient = self._application.job_adapters.is_transient
        return self._application.job_adapters.queue(
            execute=self.runner.run,
            should_retry=lambda error: isinstance(error, RetryLater) or is_transient(error),
            max_retries=_DELIVERIES,
        )

    def submit_import(
        self,
        store: Store,
        files: Sequence[FileOnDisk],
        *,
        skip_invalid: bool,
        as_of: datetime | None,
        actor: str,
        rows: int | None = None,
        check_go_live: bool = False,
        problems: Sequence[dict[str, object]] = (),
    ) -> Job:
        """An order import job (the caller checked that `actor` may import into the store);
        `rows`, the progress bar's end, is counted in the files unless given."""
        if rows is None:
            rows = data_rows([each.path for each in files])
        return submitting.submit_order_import(
            self._application.job_unit_of_work(),
            self.queue,
            store,
            files,
            skip_invalid=skip_invalid,
            as_of=as_of,
            actor=actor,
            at=self._clock(),
            rows=rows,
            check_go_live=check_go_live,
            problems=problems,
        )

    def submit_draft(self, contract_code: str, month: Month, *, actor: str) -> Job:
        """A job drafting the contract's month."""
        return submitting.submit_statement_draft(
            self._application.job_unit_of_work(),
            self.queue,
            contract_code=contract_code,
            month=month,
            actor=actor,
            at=self._clock(),
        )

    def submit_reconciliation(self, acting: User, store_code: str, month: Month) -> Job:
        """A job reconciling the store's month, as `acting` (R-X1, R-D2)."""
        return submitting.submit_reconciliation(
            self._application.job_unit_of_work(),
            self.queue,
            acting=acting,
            store_code=store_code,
            month=month,
            at=self._clock(),
        )

    def tick(self) -> Job | None:
        """Submit the scheduled duties of the present slot, unless submitted already."""
        return submitting.submit_duties(
            self._application.job_unit_of_work(), self.queue, at=self._clock()
        )

    def go_ahead(self, job_id: str) -> bool:
        """Import a held import after all; False when it is not held."""
        return submitting.go_ahead(
            self._application.job_unit_of_work(), self.queue, job_id, at=self._clock()
        )

    def cancel(self, job_id: str) -> bool:
        """Drop a held import unimported; False when it is not held."""
        return submitting.cancel_held(
            self._application.job_unit_of_work(), job_id, at=self._clock()
        )

    def show(self, job_id: str) -> Job:
        """The job (NotFound if none), with the freshest progress this process knows."""
        return views.show_job(self._reading(), job_id, self._application.job_adapters.progress)

    def follow(self, acting: User, job_id: str, kind: JobKind | None = None) -> Job:
        """The job, to those who may see what it works on (R-D2); NotFound otherwise."""
        return views.follow_job(
            self._reading(),
            acting,
            job_id,
            self._application.job_adapters.progress,
            kind=kind,
        )

    def jobs_of_order_files(self, files: Sequence[tuple[str, str]]) -> dict[tuple[str, str], str]:
        """The import job that stored each (store, sha256), where one did."""
        return views.jobs_of_order_files(self._reading(), files)

    def _reading(self) -> JobUnitOfWork:
        """A unit of work that only reads: on SQLite a page polling a job's progress never
        waits for the import holding the write lock."""
        return self._application.job_unit_of_work(read_only=True)

    def close(self) -> None:
        """Stop this process's own worker threads, if it started them; let the broker go."""
        if "queue" in self.__dict__:
            self.queue.close()
