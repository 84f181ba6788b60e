"""Use cases: submit a background job (an order import, a month's statement draft, a store's
month reconciliation, the scheduled duties), and answer an import held for orders before the
store's go-live.

The job and its files are stored first, in one transaction; only then is its message handed to
the queue, so a worker never receives a job that is not there. A message the broker refuses
ends the job failed, saying so.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from daiyun.domain.agency import Store, User
from daiyun.domain.calendar import Month
from daiyun.domain.jobs import Job, JobKind, JobState, duties_key
from daiyun.domain.permissions import Permission
from daiyun.services.errors import NotFound
from daiyun.services.jobs.ports import InputFile, JobQueue, JobUnitOfWork
from daiyun.services.jobs.running import error_text
from daiyun.services.scope import require_on_brand

__all__ = [
    "NotQueued",
    "acting_params",
    "cancel_held",
    "go_ahead",
    "submit_duties",
    "submit_order_import",
    "submit_reconciliation",
    "submit_statement_draft",
]


class NotQueued(Exception):
    """The broker could not be reached: the job is kept, failed, saying so; try again later."""


def submit_order_import(
    uow: JobUnitOfWork,
    queue: JobQueue,
    store: Store,
    files: Sequence[InputFile],
    *,
    skip_invalid: bool,
    as_of: datetime | None,
    actor: str,
    at: datetime,
    rows: int = 0,
    check_go_live: bool = False,
    problems: Sequence[Mapping[str, Any]] = (),
) -> Job:
    """Import the files into the store in the background (the caller checked the actor may,
    services/orders/uploads.py); `problems` are files that could not even be kept, which make
    the import store nothing. `rows` is the progress bar's end (0 when unknown)."""
    params = {
        "store": store.code,
        "names": [each.name for each in files] or [str(p["file"]) for p in problems],
        "skip_invalid": skip_invalid,
        "as_of": None if as_of is None else as_of.isoformat(),
        "check_go_live": check_go_live,
        "problems": [dict(problem) for problem in problems],
    }
    job = _new(JobKind.ORDER_IMPORT, params, store.brand_code, actor, at, total=rows)
    _submit(uow, queue, job, files)
    return job


def submit_statement_draft(
    uow: JobUnitOfWork,
    queue: JobQueue,
    *,
    contract_code: str,
    month: Month,
    actor: str,
    at: datetime,
) -> Job:
    """Draft the contract's month in the background (as `daiyun statement draft`)."""
    with uow:
        contract = uow.contracts.get(contract_code)
    if contract is None:
        raise NotFound(f"no contract with code {contract_code!r}")
    params = {"contract": contract.code, "month": str(month)}
    job = _new(JobKind.STATEMENT_DRAFT, params, contract.brand_code, actor, at)
    _submit(uow, queue, job, ())
    return job


def submit_reconciliation(
    uow: JobUnitOfWork,
    queue: JobQueue,
    *,
    acting: User,
    store_code: str,
    month: Month,
    at: datetime,
) -> Job:
    """Reconcile the store's month in the background, as `acting` (R-X1; R-D2 checked now and
    again when it runs)."""
    missing = f"no store with code {store_code!r}"
    with uow:
        store = uow.stores.get(store_code)
    if store is None:
        raise NotFound(missing)
    require_on_brand(acting, Permission.VIEW_STATEMENTS, store.brand_code, missing=missing)
    params = {"store": store.code, "month": str(month), "acting": acting_params(acting)}
    job = _new(JobKind.RECONCILIATION, params, store.brand_code, acting.login, at)
    _submit(uow, queue, job, ())
    return job


def submit_duties(uow: JobUnitOfWork, queue: JobQueue, *, at: datetime) -> Job | None:
    """The scheduled duties of the slot `at` falls in; None when another worker's tick
    submitted them already (one run a slot, by its natural key)."""
    job = _new(JobKind.DUTIES, {"as_of": at.isoformat()}, None, "scheduler", at)
    return job if _submit(uow, queue, job, (), natural_key=duties_key(at)) else None


def go_ahead(uow: JobUnitOfWork, queue: JobQueue, job_id: str, *, at: datetime) -> bool:
    """Import a held import's files after all, orders before the go-live included; False when
    the job is not held (answered already)."""
    with uow:
        job = uow.jobs.get(job_id, for_update=True)
        if job is None or job.state is not JobState.HELD:
            return False
        params = {**job.params, "check_go_live": False}
        uow.jobs.save(job.moved(JobState.QUEUED, at=at, params=params, result=None, attempts=0))
        uow.commit()
    _send(uow, queue, job.id, at)
    return True


def cancel_held(uow: JobUnitOfWork, job_id: str, *, at: datetime) -> bool:
    """Drop a held import's files unimported; False when the job is not held."""
    with uow:
        job = uow.jobs.get(job_id, for_update=True)
        if job is None or job.state is not JobState.HELD:
            return False
        uow.jobs.save(job.moved(JobState.CANCELLED, at=at))
        uow.jobs.drop_files(job.id)
        uow.commit()
    return True


def acting_params(user: User) -> dict[str, str | None]:
    """Who a job acts as, kept with it (R-D2 is checked again when it runs)."""
    return {
        "login": user.login,
        "name": user.display_name,
        "role": user.role.value,
        "brand": user.brand_code,
    }


def _new(
    kind: JobKind,
    params: Mapping[str, Any],
    brand_code: str | None,
    actor: str,
    at: datetime,
    *,
    total: int = 0,
) -> Job:
    return Job(
        id=secrets.token_hex(10),  # hex: an id never starts with "-" (an option on a command line)
        kind=kind,
        state=JobState.QUEUED,
        params=params,
        submitted_by=actor,
        submitted_at=at,
        brand_code=brand_code,
        total=total,
    )


def _submit(
    uow: JobUnitOfWork,
    queue: JobQueue,
    job: Job,
    files: Sequence[InputFile],
    *,
    natural_key: str | None = None,
) -> bool:
    """Store the job and its files, then send it; False when its natural key was taken."""
    with uow:
        if not uow.jobs.add(job, natural_key=natural_key):
            return False
        for position, each in enumerate(files):
            uow.jobs.add_file(job.id, position, each.name, each.parts())
        uow.commit()
    _send(uow, queue, job.id, job.submitted_at)
    return True


def _send(uow: JobUnitOfWork, queue: JobQueue, job_id: str, at: datetime) -> None:
    """Hand the stored job to the queue; if the broker refuses, the job fails saying why."""
    try:
        queue.send(job_id)
    except Exception as error:
        with uow:
            job = uow.jobs.get(job_id, for_update=True)
            if job is not None and job.state is JobState.QUEUED:
                uow.jobs.save(
                    job.moved(JobState.FAILED, at=at, error=f"not queued: {error_text(error)}")
                )
                uow.jobs.drop_files(job_id)
                uow.commit()
        raise NotQueued(
            f"the job queue could not be reached, so job {job_id} was not queued "
            f"({error_text(error)}): try again in a moment"
        ) from error
