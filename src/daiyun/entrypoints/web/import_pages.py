"""Imports by upload: the form, the history, and a job's live progress.

Several files go in one upload, or a ZIP of them: a Taobao export is an order file and its item
file, imported together as `daiyun orders import` takes them. An upload with orders paid before
the store went live is held until its uploader imports it anyway or cancels it. The history
lists imports that stored nothing beside those that stored, each linking to its results.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.orders.search import ImportRecord, Page
from daiyun.domain.permissions import Permission, can
from daiyun.entrypoints.api.auth import Principal, Uow, current_principal
from daiyun.entrypoints.api.oversight import follow_import, import_jobs, start_import
from daiyun.entrypoints.api.schemas import NO_NUL
from daiyun.entrypoints.import_jobs import ImportJob
from daiyun.entrypoints.web.rendering import done, error_page, render
from daiyun.services.contracts import brand_views
from daiyun.services.errors import NotFound
from daiyun.services.orders.uploads import (
    FailedImport,
    check_may_import,
    failed_import,
    failed_imports,
)
from daiyun.services.orders.views import list_imports

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
Signed = Annotated[Principal, Depends(current_principal)]
_PAGE = 50
_UPLOAD_LIMIT = 200 * 1024 * 1024  # bytes, all the files of one upload together
_TOO_LARGE = "the files are larger than 200 MB together: export fewer days at a time"


@dataclass(frozen=True)
class HistoryRow:
    """One line of the history: the files of one import, stored or not, and where it leads."""

    at: datetime
    store_code: str
    files: tuple[str, ...]
    actor: str
    stored: bool
    orders_new: int
    orders_updated: int
    rejected_rows: int
    link: str | None  # its job page (its summary); none for files imported by the command


@router.get("/imports", response_class=HTMLResponse)
def imports(request: Request, principal: Signed, uow: Uow, page: int = 1) -> HTMLResponse:
    number = max(1, min(page, 1_000_000))
    found, total = list_imports(uow, principal.user, None, Page(number, _PAGE))
    failed = failed_imports(uow, principal.user)
    stores = []
    if can(principal.user, Permission.IMPORT_ORDERS, principal.user.brand_code):
        stores = brand_views.list_stores(uow, principal.user)
    last = number * _PAGE >= total
    context = {
        "rows": _history(request, found, failed, first=number == 1, last=last),
        "failed_count": len(failed),
        "total": total,
        "stores": stores,
        "page": number,
        "pages": max(1, -(-total // _PAGE)),
    }
    return render(request, "imports.html", principal, context)


def _history(
    request: Request,
    found: list[ImportRecord],
    failed: list[FailedImport],
    *,
    first: bool,
    last: bool,
) -> list[HistoryRow]:
    """This page's imported files, those of one import (a Taobao pair) on one row, and the
    imports that stored nothing from the same stretch of time, newest first."""
    rows: list[HistoryRow] = []
    jobs = import_jobs(request).of_files([(each.store_code, each.sha256) for each in found])
    for record in found:
        earlier = rows[-1] if rows else None
        if earlier is not None and (earlier.at, earlier.store_code, earlier.actor) == (
            record.imported_at,
            record.store_code,
            record.actor,
        ):
            rows[-1] = replace(earlier, files=(*earlier.files, record.name))
            continue
        job_id = jobs.get((record.store_code, record.sha256))
        rows.append(
            HistoryRow(
                at=record.imported_at,
                store_code=record.store_code,
                files=(record.name,),
                actor=record.actor,
                stored=True,
                orders_new=record.orders_new,
                orders_updated=record.orders_updated,
                rejected_rows=record.rejected_rows,
                link=None if job_id is None else f"/imports/jobs/{job_id}",
            )
        )
    newest = None if first or not found else found[0].imported_at
    oldest = None if last or not found else found[-1].imported_at
    for each in failed:
        if (newest is not None and each.at > newest) or (oldest is not None and each.at <= oldest):
            continue
        if not found and not first:
            continue  # a page past the end
        rows.append(
            HistoryRow(
                at=each.at,
                store_code=each.store_code,
                files=each.files,
                actor=each.actor,
                stored=False,
                orders_new=0,
                orders_updated=0,
                rejected_rows=each.error_count,
                link=f"/imports/jobs/{each.job_id}",
            )
        )
    return sorted(rows, key=lambda row: row.at, reverse=True)


@router.post("/imports")
async def import_upload(
    request: Request,
    principal: Signed,
    uow: Uow,
    store: Annotated[str, Form(max_length=60, pattern=NO_NUL)],
    file: Annotated[list[UploadFile], File()],
    skip_invalid: Annotated[bool, Form()] = False,
    as_of: Annotated[str, Form(max_length=20, pattern=NO_NUL)] = "",
) -> Response:
    if sum(each.size or 0 for each in file) > _UPLOAD_LIMIT:
        return error_page(request, 413, _TOO_LARGE)
    moment = None
    with suppress(ValueError):
        moment = datetime.fromisoformat(as_of).replace(tzinfo=SHANGHAI) if as_of else None
    job = await start_import(
        request,
        uow,
        principal.user,
        store,
        file,
        skip_invalid=skip_invalid,
        as_of=moment,
        check_go_live=True,
    )
    return RedirectResponse(f"/imports/jobs/{job.id}", status_code=303)


@router.get("/imports/jobs/{job_id}", response_class=HTMLResponse)
def import_job(request: Request, job_id: str, principal: Signed, uow: Uow) -> HTMLResponse:
    """The job's page; an import that stored nothing before jobs were kept in the database
    (issue 22) is still shown from the history, with its problems."""
    try:
        shown = follow_import(request, principal.user, job_id).to_json()
    except NotFound:
        shown = _recorded(failed_import(uow, principal.user, job_id))
    early = shown.get("before_go_live")
    if early is not None:  # its moments for the page to show in Beijing time
        early = {
            **early,
            "earliest": datetime.fromisoformat(early["earliest"]),
            "latest": datetime.fromisoformat(early["latest"]),
        }
    return render(request, "import_job.html", principal, {"job": shown, "early": early})


def _recorded(failed: FailedImport) -> dict[str, Any]:
    """A failed import from the history, shaped as its job was."""
    return {
        "id": failed.job_id,
        "store": failed.store_code,
        "file": " + ".join(failed.files),
        "files": list(failed.files),
        "started_by": failed.actor,
        "state": failed.state,
        "percent": 100,
        "done": 0,
        "finished_at": failed.at.isoformat(),
        "error": failed.error,
        "summary": failed.summary,
        "before_go_live": None,
    }


async def _held_job(request: Request, principal: Principal, uow: Uow, job_id: str) -> ImportJob:
    """An import job, to those who may import into its store."""
    job = follow_import(request, principal.user, job_id)
    await run_in_threadpool(check_may_import, uow, principal.user, job.store)
    return job


@router.post("/imports/jobs/{job_id}/go-ahead")
async def import_anyway(request: Request, job_id: str, principal: Signed, uow: Uow) -> Response:
    """Import a held upload, its orders before the store's go-live included."""
    job = await _held_job(request, principal, uow, job_id)
    if not await run_in_threadpool(import_jobs(request).go_ahead, job):
        return RedirectResponse(f"/imports/jobs/{job.id}", status_code=303)
    return done(f"/imports/jobs/{job.id}", "import_anyway")


@router.post("/imports/jobs/{job_id}/cancel")
async def import_cancel(request: Request, job_id: str, principal: Signed, uow: Uow) -> Response:
    """Drop a held upload: nothing of it is stored."""
    job = await _held_job(request, principal, uow, job_id)
    if not await run_in_threadpool(import_jobs(request).cancel, job):
        return RedirectResponse(f"/imports/jobs/{job.id}", status_code=303)
    return done("/imports", "import_cancelled", job.name)
