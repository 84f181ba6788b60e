"""Order imports started from the web: each runs in a background thread, its progress kept
in memory for the progress bar to poll (one server process; a restart forgets running ones,
whose all-or-nothing transaction then never commits)."""

from __future__ import annotations

import secrets
import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from daiyun.bootstrap import Daiyun
from daiyun.domain.agency import Store
from daiyun.domain.orders.shown import shown_text
from daiyun.services.orders.importing import import_orders

__all__ = ["ImportJob", "ImportJobs", "keep_upload", "safe_file_name"]

_KEPT_JOBS = 200
# Issue 16, point 6: a job's record is sent again on every poll of its progress bar, so it
# keeps the problems the page shows (import_progress.js lists 50), each value cut short, and
# the count of all of them; the whole list is the CLI's (--json) and the rejects file's.
_JOB_PROBLEMS = 50
_LONGEST_ERROR = 1_000


def safe_file_name(name: str) -> str:
    """The uploaded file's own name without any folder; the readers read formats from it."""
    base = Path(name.replace("\\", "/")).name.strip() or "upload.csv"
    return "".join(ch for ch in base if ch.isprintable() and ch not in '/:*?"<>|')[:120]


@dataclass
class ImportJob:
    """One import started from the web: where it stands and, once finished, its summary."""

    id: str
    store: str
    brand: str
    name: str
    started_by: str
    started_at: datetime
    rows: int  # data rows in the file: the progress bar's end (0 when unknown, a workbook)
    done: int = 0  # orders read so far
    state: str = "running"  # running, finished, failed
    summary: dict[str, Any] | None = None
    error: str | None = None
    finished_at: datetime | None = None
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def percent(self) -> int:
        """How far along, 0 to 100; 100 only once finished."""
        if self.state != "running":
            return 100
        if self.rows <= 0:
            return 0
        return min(99, self.done * 100 // self.rows)

    def to_json(self) -> dict[str, Any]:
        """The job as GET /api/imports/jobs/{id} answers it; the summary as interfaces.md's."""
        with self.lock:
            return {
                "id": self.id,
                "store": self.store,
                "file": self.name,
                "started_by": self.started_by,
                "started_at": self.started_at.isoformat(),
                "state": self.state,
                "rows": self.rows,
                "done": self.done,
                "percent": self.percent,
                "finished_at": None if self.finished_at is None else self.finished_at.isoformat(),
                "error": self.error,
                "summary": self.summary,
            }


def _data_rows(path: Path) -> int:
    if path.suffix.lower() not in (".csv", ".txt"):
        return 0
    with path.open("rb") as stream:
        return max(0, sum(1 for _ in stream) - 1)


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

    def start(
        self,
        store: Store,
        upload: Path,
        *,
        name: str,
        skip_invalid: bool,
        actor: str,
        as_of: datetime | None,
    ) -> ImportJob:
        """Start importing `upload` (a file this now owns) into the store in the background.

        The snapshot time is `as_of` if given, else the export time in the file's name, else
        the moment of the upload (an export is no younger than its upload).
        """
        job = ImportJob(
            id=secrets.token_urlsafe(12),
            store=store.code,
            brand=store.brand_code,
            name=name,
            started_by=actor,
            started_at=self._clock(),
            rows=_data_rows(upload),
        )
        with self._lock:
            self._jobs[job.id] = job
            for old in list(self._jobs)[:-_KEPT_JOBS]:
                del self._jobs[old]
        if as_of is None and self._daiyun.order_files.export_time_in_name(name) is None:
            as_of = job.started_at
        thread = threading.Thread(
            target=self._run,
            args=(job, upload, skip_invalid, as_of),
            name=f"import-{job.id}",
            daemon=True,
        )
        thread.start()
        return job

    def _run(
        self, job: ImportJob, upload: Path, skip_invalid: bool, as_of: datetime | None
    ) -> None:
        def progress(done: int) -> None:
            with job.lock:
                job.done = done

        try:
            summary = import_orders(
                self._daiyun.unit_of_work(),
                store_code=job.store,
                source=self._daiyun.order_files.read([upload], as_of=as_of),
                skip_invalid=skip_invalid,
                buyer_secret=self._daiyun.settings.secret_key.encode(),
                at=self._clock(),
                actor=job.started_by,
                progress=progress,
            )
            orders = summary.orders
            with job.lock:
                job.summary = _small_summary(summary.as_document(problem_cap=_JOB_PROBLEMS))
                job.done = max(job.done, orders.new + orders.updated + orders.unchanged)
                job.state = "finished"
        except Exception as error:  # a background job reports its failure, it cannot raise
            with job.lock:
                job.error = shown_text(f"{type(error).__name__}: {error}", _LONGEST_ERROR)
                job.state = "failed"
        finally:
            with job.lock:
                job.finished_at = self._clock()
            shutil.rmtree(upload.parent, ignore_errors=True)


def _small_summary(document: dict[str, Any]) -> dict[str, Any]:
    """The summary with each problem's value shortened as messages show it (shown_text)."""
    errors = [{**error, "value": shown_text(str(error["value"]))} for error in document["errors"]]
    return {**document, "errors": errors}


def keep_upload(name: str, chunks: Callable[[], bytes]) -> Path:
    """Write an uploaded file into a folder of its own; the job removes the folder."""
    folder = Path(tempfile.mkdtemp(prefix="daiyun-upload-"))
    path = folder / safe_file_name(name)
    with path.open("wb") as out:
        while chunk := chunks():
            out.write(chunk)
    return path
