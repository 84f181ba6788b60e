"""The page of a brand's guide prices: the SKUs with the price in force, and the upload form.

An upload is all or nothing: a file with problems lists every one (row, column) inline and
changes nothing; an accepted one says what changed and how many listings to reprice (R-P5).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Request, UploadFile
from fastapi.responses import HTMLResponse

from daiyun.entrypoints.api.auth import Now, Principal, Uow, current_principal, daiyun_of
from daiyun.entrypoints.api.uploads import read_small_upload
from daiyun.entrypoints.web.rendering import render
from daiyun.services.errors import Refused
from daiyun.services.pricing.guide_prices import (
    brand_guide_prices,
    edit_guide_prices,
    require_guide_price_editor,
)

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
Signed = Annotated[Principal, Depends(current_principal)]


def _page(
    request: Request,
    principal: Principal,
    uow: Uow,
    brand: str,
    now: datetime,
    extra: dict[str, Any],
    status_code: int = 200,
) -> HTMLResponse:
    found = brand_guide_prices(uow, principal.user, brand, now)
    context = {"found": found, "outcome": None, "message": None, "problems": (), **extra}
    return render(request, "guide_prices.html", principal, context, status_code=status_code)


@router.get("/brands/{brand}/guide-prices", response_class=HTMLResponse)
def guide_prices(
    request: Request, brand: str, principal: Signed, uow: Uow, now: Now
) -> HTMLResponse:
    return _page(request, principal, uow, brand, now, {})


@router.post("/brands/{brand}/guide-prices", response_class=HTMLResponse)
def guide_prices_upload(
    request: Request,
    brand: str,
    principal: Signed,
    uow: Uow,
    now: Now,
    file: Annotated[UploadFile, File()],
) -> HTMLResponse:
    require_guide_price_editor(principal.user, brand)
    content = read_small_upload(file, "guide price")
    reader = daiyun_of(request).catalog_files
    entries, problems = reader.read_upload(file.filename or "", content)
    if problems:
        extra = {"message": f"{len(problems)}", "problems": problems}
        return _page(request, principal, uow, brand, now, extra, status_code=422)
    try:
        outcome = edit_guide_prices(uow, principal.user, brand_code=brand, entries=entries, at=now)
    except Refused as refused:
        return _page(request, principal, uow, brand, now, {"message": str(refused)}, 409)
    return _page(request, principal, uow, brand, now, {"outcome": outcome})
