"""Use cases: a job as `daiyun jobs show` and the pages show it, to those who may see it (R-D2),
and which import job stored a store's order file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from daiyun.domain.agency import User
from daiyun.domain.jobs import Job, JobKind, JobState
from daiyun.domain.permissions import Permission
from daiyun.services.errors import NotFound
from daiyun.services.jobs.ports import JobProgress, JobUnitOfWork
from daiyun.services.scope import require_on_brand

__all__ = ["follow_job", "job_document", "jobs_of_order_files", "recent_jobs", "show_job"]

# What following a job of each kind asks of its follower, on the job's brand (R-D2).
_TO_FOLLOW = {
    JobKind.ORDER_IMPORT: Permission.VIEW_ORDERS,
    JobKind.STATEMENT_DRAFT: Permission.VIEW_STATEMENTS,
    JobKind.RECONCILIATION: Permission.VIEW_STATEMENTS,
}


def show_job(uow: JobUnitOfWork, job_id: str, progress: JobProgress | None = None) -> Job:
    """The job as stored, its progress the freshest known here; NotFound if there is none."""
    with uow:
        job = uow.jobs.get(job_id)
    if job is None:
        raise NotFound(f"no job {job_id!r}")
    return _freshest(job, progress)


def follow_job(
    uow: JobUnitOfWork,
    acting: User,
    job_id: str,
    progress: JobProgress | None = None,
    *,
    kind: JobKind | None = None,
) -> Job:
    """The job, to those who may see what it works on (R-D2: another brand's job does not
    exist for a brand's people); of `kind` if given."""
    missing = f"no import {job_id!r}" if kind is JobKind.ORDER_IMPORT else f"no job {job_id!r}"
    with uow:
        job = uow.jobs.get(job_id)
    if job is None or (kind is not None and job.kind is not kind):
        raise NotFound(missing)
    permission = _TO_FOLLOW.get(job.kind)
    if permission is None or job.brand_code is None:
        if acting.role.is_brand_role:  # the agency's own jobs (the scheduled duties)
            raise NotFound(missing)
    else:
        require_on_brand(acting, permission, job.brand_code, missing=missing)
    return _freshest(job, progress)


def recent_jobs(uow: JobUnitOfWork, *, kind: JobKind | None = None, limit: int = 50) -> list[Job]:
    """The newest jobs first, for the console."""
    with uow:
        return uow.jobs.recent(kind=kind, limit=limit)


def jobs_of_order_files(
    uow: JobUnitOfWork, files: Sequence[tuple[str, str]]
) -> dict[tuple[str, str], str]:
    """The import job that stored each (store, sha256), where a job did."""
    if not files:
        return {}
    with uow:
        return uow.jobs.jobs_of_order_files(files)


def job_document(job: Job) -> dict[str, Any]:
    """The job as `daiyun jobs show --json` prints it (interfaces.md, "Background work")."""
    return {
        "job": job.id,
        "kind": job.kind.value,
        "state": job.state.value,
        "progress": {"done": job.done, "total": job.total, "percent": job.percent},
        "result": None if job.result is None else dict(job.result),
        "error": job.error,
        "attempts": job.attempts,
        "submitted_by": job.submitted_by,
        "submitted_at": job.submitted_at.isoformat(),
        "started_at": None if job.started_at is None else job.started_at.isoformat(),
        "finished_at": None if job.finished_at is None else job.finished_at.isoformat(),
    }


def _freshest(job: Job, progress: JobProgress | None) -> Job:
    """A running job with the progress this process saw last, when fresher than stored (a
    SQLite writer holds the database while it imports: its progress waits to be stored)."""
    if progress is None or job.state is not JobState.RUNNING:
        return job
    latest = progress.latest(job.id)
    if latest is None or latest <= job.done:
        return job
    return replace(job, done=latest)
