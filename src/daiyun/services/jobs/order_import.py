"""The order import job: the files a page or `daiyun orders import --background` gave, imported
into the store on a worker, exactly once by natural keys (a run again after a worker's death
stores nothing twice: it finds every order it stored, all or nothing, already there).

A page's import first reads its files for orders paid before the store went live
(services/orders/go_live.py): finding any, it is held — nothing stored — until its uploader
answers. An import that stores nothing is kept for the history of imports with what went wrong
(services/orders/uploads.py).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from daiyun.domain.jobs import Job, JobState
from daiyun.domain.orders.shown import shown_text
from daiyun.services.jobs.running import JobRun, Outcome
from daiyun.services.orders.go_live import orders_before_go_live
from daiyun.services.orders.importing import import_orders
from daiyun.services.orders.ports import OrderFiles
from daiyun.services.orders.uploads import FailedImport, record_failed_import
from daiyun.services.unit_of_work import UnitOfWorkFactory

__all__ = ["JOB_PROBLEMS", "OrderImportJob"]

# Issue 16, point 6: a job's record is sent again on every poll of its progress bar, so it
# keeps the problems the page shows (import_progress.js lists 50), each value cut short, and
# the count of all of them; the whole list is the foreground command's and its rejects file's.
JOB_PROBLEMS = 50


class OrderImportJob:
    """Runs an order import job (JobKind.ORDER_IMPORT)."""

    def __init__(
        self,
        unit_of_work: UnitOfWorkFactory,
        order_files: OrderFiles,
        *,
        buyer_secret: bytes,
    ) -> None:
        self._uow = unit_of_work
        self._files = order_files
        self._secret = buyer_secret

    def __call__(self, run: JobRun) -> Outcome:
        """Refuse files that could not be kept, hold for orders before the go-live, or import."""
        params = run.job.params
        if params["problems"]:
            return Outcome(JobState.DONE, _refused(params["problems"]))
        as_of = None if params["as_of"] is None else datetime.fromisoformat(params["as_of"])
        source = self._files.read(run.paths, as_of=as_of)
        if params["check_go_live"]:
            early = orders_before_go_live(self._uow(), params["store"], source, run.progress)
            if early is not None:
                return Outcome(JobState.HELD, {"before_go_live": early.as_document()})
            source = self._files.read(run.paths, as_of=as_of)
        summary = import_orders(
            self._uow(),
            store_code=params["store"],
            source=source,
            skip_invalid=params["skip_invalid"],
            buyer_secret=self._secret,
            at=run.job.submitted_at,
            actor=run.job.submitted_by,
            progress=run.progress,
        )
        orders = summary.orders
        stored = tuple(str(f["sha256"]) for f in summary.files) if summary.stored else ()
        return Outcome(
            JobState.DONE,
            small_summary(summary.as_document(problem_cap=JOB_PROBLEMS)),
            order_files=(params["store"], stored),
            done=orders.new + orders.updated + orders.unchanged,
        )

    def finished(self, job: Job) -> None:
        """An import that stored nothing goes into the history of imports, with its problems."""
        summary = job.result
        if job.state is JobState.DONE and (summary is None or summary.get("stored")):
            return
        failed = FailedImport(
            job_id=job.id,
            store_code=str(job.params["store"]),
            brand_code=job.brand_code or "",
            files=tuple(job.params["names"]),
            at=job.finished_at or job.submitted_at,
            actor=job.submitted_by,
            state="finished" if job.state is JobState.DONE else "failed",
            error=job.error,
            summary=None if summary is None or job.state is not JobState.DONE else dict(summary),
        )
        record_failed_import(self._uow(), failed)


def small_summary(document: dict[str, Any]) -> dict[str, Any]:
    """The summary with each problem's value shortened as messages show it (shown_text)."""
    errors = [{**error, "value": shown_text(str(error["value"]))} for error in document["errors"]]
    return {**document, "errors": errors}


def _refused(problems: list[dict[str, Any]]) -> dict[str, Any]:
    """Files that could not be kept: nothing is read, the problems are the summary's."""
    return {
        "files": [],
        "as_of": None,
        "orders": {"new": 0, "updated": 0, "unchanged": 0},
        "lines": {"new": 0, "updated": 0, "unchanged": 0},
        "price_violations": 0,
        "errors": problems[:JOB_PROBLEMS],
        "error_count": len(problems),
        "stored": False,
    }
