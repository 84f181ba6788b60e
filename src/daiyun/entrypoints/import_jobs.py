"""Order imports started from the web: each runs in a background thread, its progress kept
in memory for the progress bar to poll (one server process; a restart forgets running ones,
whose all-or-nothing transaction then never commits).

An import started from a page first reads its files for orders paid before the store went live
(services/orders/go_live.py): finding any, it is held — nothing stored — until the person
says to import them anyway (go_ahead) or not (cancel). An import that stores nothing is kept
for the history of imports with what went wrong (services/orders/uploads.py).
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from daiyun.bootstrap import Daiyun
from daiyun.domain.agency import Store
from daiyun.domain.orders.shown import shown_text
from daiyun.entrypoints.import_uploads import KeptUpload, keep_uploads, safe_file_name
from daiyun.services.orders.go_live import orders_before_go_live
from daiyun.services.orders.importing import import_orders
from daiyun.services.orders.uploads import FailedImport, record_failed_import

__all__ = ["ImportJob", "ImportJobs", "keep_upload", "safe_file_name"]

_KEPT_JOBS = 200
# Issue 16, point 6: a job's record is sent again on every poll of its progress bar, so it
# keeps the problems the page shows (import_progress.js lists 50), each value cut short, and
# the count of all of them; the whole list is the CLI's (--json) and the rejects file's.
_JOB_PROBLEMS = 50
_LONGEST_ERROR = 1_000
# A Taobao export's item file has a row per line, not per order: it is not what the bar counts.
_ITEM_FILE = "exportorderdetaillist"


@dataclass
class ImportJob:
    """One import started from the web: where it stands and, once finished, its summary.

    `state` is running, finished or failed; an import started from a page may also be held
    (orders before the store's go-live found, waiting for an answer) or cancelled."""

    id: str
    store: str
    brand: str
    names: tuple[str, ...]
    started_by: str
    started_at: datetime
    rows: int  # data rows in the files: the progress bar's end (0 when unknown, a workbook)
    upload: KeptUpload = field(repr=False)
    skip_invalid: bool = False
    as_of: datetime | None = None
    check_go_live: bool = False
    done: int = 0  # orders read so far
    state: str = "running"
    summary: dict[str, Any] | None = None
    error: str | None = None
    early: dict[str, Any] | None = None  # the orders before go-live a held import found
    finished_at: datetime | None = None
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def name(self) -> str:
        """The file, or the files, as one text."""
        return " + ".join(self.names)

    @property
    def percent(self) -> int:
        """How far along, 0 to 100; 100 only once finished."""
        if self.state != "running":
            return 100
        if self.rows <= 0:
            return 0
        return min(99, self.done * 100 // self.rows)

    def to_json(self) -> dict[str, Any]:
        """The job as GET /api/imports/jobs/{id} answers it (its keys; the pages' `files` and
        `before_go_live` besides); the summary as interfaces.md's."""
        with self.lock:
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


def _data_rows(paths: list[Path]) -> int:
    rows = 0
    for path in paths:
        if path.suffix.lower() not in (".csv", ".txt") or _ITEM_FILE in path.name.lower():
            continue
        with path.open("rb") as stream:
            rows += max(0, sum(1 for _ in stream) - 1)
    return rows


class ImportJobs:
    """The imports of this server process, by id."""

    def __init__(self, daiyun: Daiyun, clock: Callable[[], datetime]) -> None:
        self._daiyun = daiyun
        self._clock = clock
        self._jobs: dict[str, ImportJob] = {}
        self._lock = threading.Lock()

    def get(self, job_id: str) -> ImportJob | None:
        """The job, or None."""
        with self._lock:
            return self._jobs.get(job_id)

    def of_file(self, store_code: str, sha256: str) -> ImportJob | None:
        """The latest job of this server that stored the file, if it still knows it."""
        with self._lock:
            jobs = list(self._jobs.values())
        for job in reversed(jobs):
            with job.lock:
                files = [] if job.summary is None else job.summary.get("files", [])
            if job.store == store_code and any(f.get("sha256") == sha256 for f in files):
                return job
        return None

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
        """Start importing the kept files (which this now owns) into the store, in the
        background; `check_go_live` first looks for orders before the store's go-live.

        The snapshot time is `as_of` if given, else the export time in the files' names, else
        the moment of the upload (an export is no younger than its upload).
        """
        names = tuple(path.name for path in upload.paths) or tuple(
            str(problem["file"]) for problem in upload.problems
        )
        job = ImportJob(
            id=secrets.token_urlsafe(12),
            store=store.code,
            brand=store.brand_code,
            names=names,
            started_by=actor,
            started_at=self._clock(),
            rows=_data_rows(upload.paths),
            upload=upload,
            skip_invalid=skip_invalid,
            as_of=as_of,
            check_go_live=check_go_live,
        )
        with self._lock:
            self._jobs[job.id] = job
            for old in list(self._jobs)[:-_KEPT_JOBS]:
                forgotten = self._jobs.pop(old)
                if forgotten.state == "held":  # never answered: its files go with it
                    forgotten.upload.discard()
        files = self._daiyun.order_files
        if as_of is None and not any(files.export_time_in_name(n) for n in job.names):
            job.as_of = job.started_at
        self._begin(job)
        return job

    def go_ahead(self, job: ImportJob) -> bool:
        """Import a held job's files, orders before the go-live included; False if not held."""
        with job.lock:
            if job.state != "held":
                return False
            job.state, job.check_go_live, job.done, job.finished_at = "running", False, 0, None
        self._begin(job)
        return True

    def cancel(self, job: ImportJob) -> bool:
        """Drop a held job's files unimported; False if it is not held."""
        with job.lock:
            if job.state != "held":
                return False
            job.state, job.finished_at = "cancelled", self._clock()
        job.upload.discard()
        return True

    def _begin(self, job: ImportJob) -> None:
        thread = threading.Thread(
            target=self._run, args=(job,), name=f"import-{job.id}", daemon=True
        )
        thread.start()

    def _run(self, job: ImportJob) -> None:
        """Check, import, or refuse; the job's state changes last, once a failed import is
        kept in the history (whoever sees it finished finds it there)."""

        def progress(done: int) -> None:
            with job.lock:
                job.done = done

        state = "failed"
        try:
            if job.upload.problems:
                state = self._refuse(job)
            elif job.check_go_live and self._held(job, progress):
                state = "held"
            else:
                state = self._import(job, progress)
        except Exception as error:  # a background job reports its failure, it cannot raise
            with job.lock:
                job.error = shown_text(f"{type(error).__name__}: {error}", _LONGEST_ERROR)
        finally:
            finished_at = self._clock()
            if state != "held":
                job.upload.discard()
                self._keep_if_failed(job, state, finished_at)
            with job.lock:
                job.state, job.finished_at = state, finished_at

    def _held(self, job: ImportJob, progress: Callable[[int], None]) -> bool:
        """True, the orders found kept, when the files have orders before the store's go-live."""
        source = self._daiyun.order_files.read(job.upload.paths, as_of=job.as_of)
        early = orders_before_go_live(self._daiyun.unit_of_work(), job.store, source, progress)
        with job.lock:
            if early is None:
                job.done = 0
                return False
            job.early = early.as_document()
            return True

    def _import(self, job: ImportJob, progress: Callable[[int], None]) -> str:
        summary = import_orders(
            self._daiyun.unit_of_work(),
            store_code=job.store,
            source=self._daiyun.order_files.read(job.upload.paths, as_of=job.as_of),
            skip_invalid=job.skip_invalid,
            buyer_secret=self._daiyun.settings.secret_key.encode(),
            at=self._clock(),
            actor=job.started_by,
            progress=progress,
        )
        orders = summary.orders
        with job.lock:
            job.summary = _small_summary(summary.as_document(problem_cap=_JOB_PROBLEMS))
            job.done = max(job.done, orders.new + orders.updated + orders.unchanged)
        return "finished"

    def _refuse(self, job: ImportJob) -> str:
        """Files that could not be kept: nothing is read, the problems are the summary's."""
        problems = job.upload.problems
        with job.lock:
            job.summary = {
                "files": [],
                "as_of": None,
                "orders": {"new": 0, "updated": 0, "unchanged": 0},
                "lines": {"new": 0, "updated": 0, "unchanged": 0},
                "price_violations": 0,
                "errors": problems[:_JOB_PROBLEMS],
                "error_count": len(problems),
                "stored": False,
            }
        return "finished"

    def _keep_if_failed(self, job: ImportJob, state: str, at: datetime) -> None:
        """An import that stored nothing goes into the history of imports, with its problems."""
        with job.lock:
            if state != "failed" and (job.summary is None or job.summary.get("stored")):
                return
            failed = FailedImport(
                job_id=job.id,
                store_code=job.store,
                brand_code=job.brand,
                files=job.names,
                at=at,
                actor=job.started_by,
                state=state,
                error=job.error,
                summary=job.summary if state == "finished" else None,
            )
        with suppress(Exception):  # the job's own page still says what went wrong
            record_failed_import(self._daiyun.unit_of_work(), failed)


def _small_summary(document: dict[str, Any]) -> dict[str, Any]:
    """The summary with each problem's value shortened as messages show it (shown_text)."""
    errors = [{**error, "value": shown_text(str(error["value"]))} for error in document["errors"]]
    return {**document, "errors": errors}


def keep_upload(name: str, chunks: Callable[[], bytes]) -> KeptUpload:
    """One uploaded file kept in a folder of its own (a `.zip` unpacked); the job removes it."""
    return keep_uploads([(name, chunks)])
