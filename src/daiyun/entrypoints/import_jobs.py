"""Order imports started from the web, as background jobs (issue 22): the uploaded files go
into the database with the job, a worker (or, without a broker, this server's own threads)
imports them, and the job's state and progress are read back from the database — by any web
process, after any restart.

An import started from a page first reads its files for orders paid before the store went live
(services/orders/go_live.py): finding any, it is held — nothing stored — until the person
says to import them anyway (go_ahead) or not (cancel). An import that stores nothing is kept
for the history of imports with what went wrong (services/orders/uploads.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from daiyun.bootstrap import Daiyun
from daiyun.domain.agency import Store
from daiyun.domain.jobs import Job, JobKind, JobState
from daiyun.entrypoints.import_uploads import KeptUpload, keep_uploads, safe_file_name
from daiyun.entrypoints.jobs.runtime import FileOnDisk, JobRuntime, data_rows
from daiyun.services.errors import NotFound

__all__ = ["ImportJob", "ImportJobs", "keep_upload", "safe_file_name"]

# The states the pages and GET /api/imports/jobs/{id} show: a job waiting for a worker is
# shown running at 0 %, a job done is finished (interfaces.md's import summary its result).
_SHOWN = {
    JobState.QUEUED: "running",
    JobState.RUNNING: "running",
    JobState.DONE: "finished",
    JobState.HELD: "held",
    JobState.FAILED: "failed",
    JobState.CANCELLED: "cancelled",
}


@dataclass(frozen=True)
class ImportJob:
    """One import started from the web, as its page shows it: where it stands and, once
    finished, its summary. `state` is running, finished or failed; an import started from a
    page may also be held (orders before the store's go-live found) or cancelled."""

    id: str
    store: str
    brand: str
    names: tuple[str, ...]
    started_by: str
    started_at: datetime
    state: str
    rows: int  # data rows in the files: the progress bar's end (0 when unknown, a workbook)
    done: int  # orders read so far
    percent: int
    finished_at: datetime | None
    error: str | None
    summary: dict[str, Any] | None
    early: dict[str, Any] | None  # the orders before go-live a held import found

    @classmethod
    def of(cls, job: Job) -> ImportJob:
        """The import job as its page shows it."""
        result = dict(job.result or {})
        held = job.state is JobState.HELD
        return cls(
            id=job.id,
            store=str(job.params["store"]),
            brand=job.brand_code or "",
            names=tuple(job.params["names"]),
            started_by=job.submitted_by,
            started_at=job.submitted_at,
            state=_SHOWN[job.state],
            rows=job.total,
            done=job.done,
            percent=job.percent,
            finished_at=job.finished_at if job.is_final or held else None,
            error=job.error if job.state is JobState.FAILED else None,
            summary=result if job.state is JobState.DONE else None,
            early=result.get("before_go_live") if held else None,
        )

    @property
    def name(self) -> str:
        """The file, or the files, as one text."""
        return " + ".join(self.names)

    def to_json(self) -> dict[str, Any]:
        """The job as GET /api/imports/jobs/{id} answers it (its keys; the pages' `files` and
        `before_go_live` besides); the summary as interfaces.md's."""
        return {
            "id": self.id,
            "store": self.store,
            "file": self.name,
            "files": list(self.names),
            "started_by": self.started_by,
            "started_at": self.started_at.isoformat(),
            "state": self.state,
            "rows": self.rows,
            "done": self.done,
            "percent": self.percent,
            "finished_at": None if self.finished_at is None else self.finished_at.isoformat(),
            "error": self.error,
            "summary": self.summary,
            "before_go_live": self.early,
        }


class ImportJobs:
    """The web's imports, kept as background jobs in the database."""

    def __init__(self, daiyun: Daiyun, clock: Callable[[], datetime]) -> None:
        self._daiyun = daiyun
        self._clock = clock
        self._runtime = JobRuntime(daiyun, clock)

    def get(self, job_id: str) -> ImportJob | None:
        """The import job, or None (R-D2 is the caller's: api/oversight.py follow_import)."""
        try:
            job = self._runtime.show(job_id)
        except NotFound:
            return None
        return ImportJob.of(job) if job.kind is JobKind.ORDER_IMPORT else None

    def of_files(self, files: Sequence[tuple[str, str]]) -> dict[tuple[str, str], str]:
        """The job that stored each (store, sha256) given, where one did."""
        return self._runtime.jobs_of_order_files(files)

    def start(
        self,
        store: Store,
        upload: KeptUpload,
        *,
        skip_invalid: bool,
        actor: str,
        as_of: datetime | None,
        check_go_live: bool = False,
    ) -> ImportJob:
        """Keep the uploaded files (which this now owns) with a new import job into the store,
        for a worker to run; `check_go_live` first looks for orders before the store's go-live.

        The snapshot time is `as_of` if given, else the export time in the files' names, else
        the moment of the upload (an export is no younger than its upload).
        """
        try:
            files = [FileOnDisk(path) for path in upload.paths]
            names = [each.name for each in files]
            if as_of is None and not any(
                self._daiyun.order_files.export_time_in_name(name) for name in names
            ):
                as_of = self._clock()
            job = self._runtime.submit_import(
                store,
                files,
                skip_invalid=skip_invalid,
                as_of=as_of,
                actor=actor,
                rows=data_rows(upload.paths),
                check_go_live=check_go_live,
                problems=upload.problems,
            )
        finally:
            upload.discard()  # the files are in the database with the job now
        return ImportJob.of(job)

    def go_ahead(self, job: ImportJob) -> bool:
        """Import a held job's files, orders before the go-live included; False if not held."""
        return self._runtime.go_ahead(job.id)

    def cancel(self, job: ImportJob) -> bool:
        """Drop a held job's files unimported; False if it is not held."""
        return self._runtime.cancel(job.id)

    def close(self) -> None:
        """Stop this server's own job threads, if it started them."""
        self._runtime.close()


def keep_upload(name: str, chunks: Callable[[], bytes]) -> KeptUpload:
    """One uploaded file kept in a folder of its own (a `.zip` unpacked); the job removes it."""
    return keep_uploads([(name, chunks)])
