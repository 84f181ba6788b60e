"""Imports by upload: the form, the history, and a job's live progress."""

from __future__ import annotations

from contextlib import suppress
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.orders.search import Page
from daiyun.domain.permissions import Permission, can
from daiyun.entrypoints.api.auth import Principal, Uow, current_principal
from daiyun.entrypoints.api.oversight import follow_import, start_import
from daiyun.entrypoints.api.schemas import NO_NUL
from daiyun.entrypoints.web.rendering import render
from daiyun.services.contracts import brand_views
from daiyun.services.orders.views import list_imports

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
Signed = Annotated[Principal, Depends(current_principal)]


@router.get("/imports", response_class=HTMLResponse)
def imports(request: Request, principal: Signed, uow: Uow, page: int = 1) -> HTMLResponse:
    number = max(1, min(page, 1_000_000))
    found, total = list_imports(uow, principal.user, None, Page(number, 50))
    stores = []
    if can(principal.user, Permission.IMPORT_ORDERS, principal.user.brand_code):
        stores = brand_views.list_stores(uow, principal.user)
    context = {
        "imports": found,
        "total": total,
        "stores": stores,
        "page": number,
        "pages": max(1, -(-total // 50)),
    }
    return render(request, "imports.html", principal, context)


@router.post("/imports")
async def import_upload(
    request: Request,
    principal: Signed,
    uow: Uow,
    store: Annotated[str, Form(max_length=60, pattern=NO_NUL)],
    file: Annotated[UploadFile, File()],
    skip_invalid: Annotated[bool, Form()] = False,
    as_of: Annotated[str, Form(max_length=20, pattern=NO_NUL)] = "",
) -> Response:
    moment = None
    with suppress(ValueError):
        moment = datetime.fromisoformat(as_of).replace(tzinfo=SHANGHAI) if as_of else None
    job = await start_import(
        request, uow, principal.user, store, file, skip_invalid=skip_invalid, as_of=moment
    )
    return RedirectResponse(f"/imports/jobs/{job.id}", status_code=303)


@router.get("/imports/jobs/{job_id}", response_class=HTMLResponse)
def import_job(request: Request, job_id: str, principal: Signed) -> HTMLResponse:
    job = follow_import(request, principal.user, job_id)
    return render(request, "import_job.html", principal, {"job": job.to_json()})
