"""/api/obligations, /api/brands/{code}/account, /api/audit, and imports started by upload."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from starlette.concurrency import run_in_threadpool

from daiyun.domain.calendar import SHANGHAI, business_date
from daiyun.domain.contracts import Party
from daiyun.domain.obligations import ObligationKind
from daiyun.domain.obligations.views import ObligationFilter, StatusChoice
from daiyun.entrypoints.api.auth import Acting, App, Now, Uow
from daiyun.entrypoints.api.errors import ERROR_RESPONSES
from daiyun.entrypoints.api.schemas import NO_NUL
from daiyun.entrypoints.api.statement_schemas import (
    AuditEntryPublic,
    ImportJobPublic,
    ObligationPublic,
)
from daiyun.entrypoints.import_jobs import ImportJob, ImportJobs
from daiyun.entrypoints.import_uploads import keep_uploads
from daiyun.services import oversight
from daiyun.services.errors import NotFound
from daiyun.services.jobs.submitting import NotQueued
from daiyun.services.orders.uploads import check_may_follow, check_may_import

__all__ = ["follow_import", "router", "start_import"]

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)
BrandCode = Annotated[str | None, Query(max_length=40, description="only this brand")]
_UPLOAD_LIMIT = 200 * 1024 * 1024  # bytes: larger order exports go through the CLI
_CHUNK = 1024 * 1024


@router.get("/obligations", response_model=list[ObligationPublic], tags=["obligations"])
def obligations(
    uow: Uow,
    app: App,
    acting: Acting,
    now: Now,
    as_of: Annotated[
        date | None,
        # The duties count every month from a contract's start to the day: a day in year 1
        # has no month before it, and one centuries ahead only makes the list slow.
        Query(description="default: today (Beijing)", ge=date(1900, 1, 1), le=date(2199, 12, 31)),
    ] = None,
    brand: BrandCode = None,
    # Issue 21 point 7's filters, as `daiyun obligations list` and the page /obligations take
    # them (domain/obligations/views.py ObligationFilter): each narrows the list, none changes it.
    status: Annotated[
        StatusChoice | None,
        Query(
            description="only: open (not yet due, or due today), due_today, overdue (missed and "
            "not done), missed (done late or not done) or met — judged as of `as_of`"
        ),
    ] = None,
    party: Annotated[Party | None, Query(description="only this party's duties")] = None,
    kind: Annotated[
        ObligationKind | None, Query(description="only this kind, e.g. issue_statement")
    ] = None,
    due_from: Annotated[
        date | None, Query(alias="from", description="only those due on this day or later")
    ] = None,
    due_to: Annotated[
        date | None,
        Query(alias="to", description="only those due on this day or earlier (not before `from`)"),
    ] = None,
    rule: Annotated[
        str | None,
        Query(max_length=20, description="only those citing this rule, e.g. R-S6 (any case)"),
    ] = None,
) -> list[ObligationPublic]:
    """Every dated duty as of a day: open, met or missed (R-O1) — model A's statements, model
    B's bills, service fee instalments and deposit refund, the goods', the reports' and the
    contract's life — narrowed by status, party, kind, due days and rule as the command line's
    `daiyun obligations list` does; `to` before `from` is 422."""
    if due_from is not None and due_to is not None and due_to < due_from:
        raise RequestValidationError(
            [{"loc": ("query", "to"), "msg": f"to {due_to} is before from {due_from}",
              "type": "value_error"}]
        )  # fmt: skip
    chosen = ObligationFilter(
        status=status, party=party, kind=kind, due_from=due_from, due_to=due_to,
        rule=rule.strip() if rule and rule.strip() else None,
    )  # fmt: skip
    day = as_of or business_date(now)
    found = oversight.obligations_of(
        uow,
        acting,
        as_of=day,
        brand_code=brand,
        duties=app.duty_sources(),
        kept=app.kept_obligations,
    )
    return [ObligationPublic.of(each) for each in chosen.choose(found, day)]


@router.get("/brands/{code}/account", tags=["ledger"])
def account(code: str, uow: Uow, acting: Acting) -> dict[str, Any]:
    """The brand's ledger: entries as posted and the balances derived from them."""
    return oversight.account_of(uow, acting, code).to_json()


@router.get("/audit", response_model=list[AuditEntryPublic], tags=["audit"])
def audit(
    uow: Uow,
    acting: Acting,
    entity: Annotated[str | None, Query(max_length=40, description="e.g. statement")] = None,
    entity_key: Annotated[str | None, Query(max_length=100)] = None,
    brand: BrandCode = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[AuditEntryPublic]:
    """R-D3: who did what, when, before and after; newest first. Read-only by design."""
    found = oversight.audit_log(
        uow, acting, entity=entity, entity_key=entity_key, brand_code=brand, limit=limit
    )
    return [AuditEntryPublic.of(entry) for entry in found]


def import_jobs(request: Request) -> ImportJobs:
    """The imports by upload, as background jobs (issue 22)."""
    jobs: ImportJobs = request.app.state.import_jobs
    return jobs


async def start_import(
    request: Request,
    uow: Uow,
    acting: Acting,
    store: str,
    upload: UploadFile | Sequence[UploadFile],
    *,
    skip_invalid: bool,
    as_of: datetime | None,
    check_go_live: bool = False,
) -> ImportJob:
    """Check, keep the uploaded files (a ZIP unpacked), and submit their import as a
    background job; `check_go_live` (the pages') first holds an import with orders before the
    store's go-live until its uploader answers."""
    uploads: list[UploadFile] = list(upload) if isinstance(upload, Sequence) else [upload]
    found = await run_in_threadpool(check_may_import, uow, acting, store)
    if sum(each.size or 0 for each in uploads) > _UPLOAD_LIMIT:
        raise HTTPException(413, "the file is larger than 200 MB: use `daiyun orders import`")
    kept = await run_in_threadpool(
        keep_uploads,
        [(each.filename or "upload.csv", _chunks_of(each)) for each in uploads],
    )
    # The files go into the database with the job (issue 22): off the event loop.
    submit = partial(
        import_jobs(request).start,
        found,
        kept,
        skip_invalid=skip_invalid,
        actor=acting.login,
        as_of=as_of if as_of is None or as_of.tzinfo else as_of.replace(tzinfo=SHANGHAI),
        check_go_live=check_go_live,
    )
    try:
        return await run_in_threadpool(submit)
    except NotQueued as error:  # the broker out of reach: the job is kept, failed
        raise HTTPException(503, str(error)) from error


def _chunks_of(upload: UploadFile) -> Callable[[], bytes]:
    return lambda: upload.file.read(_CHUNK)


def follow_import(request: Request, acting: Acting, job_id: str) -> ImportJob:
    """The job, to those who may see its store's orders (R-D2)."""
    job = import_jobs(request).get(job_id)
    if job is None:
        raise NotFound(f"no import {job_id!r}")
    check_may_follow(acting, job.brand, job_id)
    return job


@router.post("/imports", response_model=ImportJobPublic, status_code=202, tags=["orders"])
async def upload_import(
    request: Request,
    uow: Uow,
    acting: Acting,
    store: Annotated[str, Form(max_length=60, pattern=NO_NUL)],
    file: Annotated[UploadFile, File(description="an order file (interfaces.md formats)")],
    skip_invalid: Annotated[bool, Form()] = False,
    as_of: Annotated[
        datetime | None,
        Form(description="the snapshot time; default: the file name's, else the upload's"),
    ] = None,
) -> ImportJobPublic:
    """Upload an order file: its import starts in the background; follow it by its id."""
    job = await start_import(
        request, uow, acting, store, file, skip_invalid=skip_invalid, as_of=as_of
    )
    return ImportJobPublic.model_validate(job.to_json())


@router.get("/imports/jobs/{job_id}", response_model=ImportJobPublic, tags=["orders"])
def import_progress(job_id: str, request: Request, acting: Acting) -> ImportJobPublic:
    """Where an upload's import stands; once finished, its summary (interfaces.md)."""
    return ImportJobPublic.model_validate(follow_import(request, acting, job_id).to_json())
