"""The dashboard (operator console or brand portal), imports with a live progress bar,
obligations and the audit log."""

from __future__ import annotations

from contextlib import suppress
from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from daiyun.domain.calendar import SHANGHAI, business_date, first_unknown_year
from daiyun.domain.orders.search import OrderFilter, Page
from daiyun.domain.permissions import Permission, can
from daiyun.entrypoints.api.auth import Now, Principal, Uow, current_principal
from daiyun.entrypoints.api.oversight import follow_import, start_import
from daiyun.entrypoints.api.schemas import NO_NUL
from daiyun.entrypoints.web.rendering import render
from daiyun.services import oversight
from daiyun.services.accounts import user_admin
from daiyun.services.contracts import brand_views
from daiyun.services.contracts.overview import agency_overview
from daiyun.services.orders.views import list_imports, search_orders

__all__ = ["home_page", "router"]

router = APIRouter(include_in_schema=False)
Signed = Annotated[Principal, Depends(current_principal)]


def home_page(request: Request, principal: Principal, uow: Uow, now: Now) -> HTMLResponse:
    """The operator's console, or a brand user's portal: what needs doing today."""
    user = principal.user
    today = business_date(now)
    board = oversight.dashboard(uow, user, today=today, now=now)
    if user.role.is_brand_role:
        orders, order_total = search_orders(uow, user, OrderFilter(), Page(1, 10))
        users = (
            user_admin.list_users(uow, user)
            if can(user, Permission.MANAGE_USERS, user.brand_code)
            else []
        )
        obligations = oversight.obligations_of(uow, user, as_of=today)
        context = {
            "board": board,
            "orders": orders,
            "order_total": order_total,
            "users": users,
            "obligations": obligations,
            "today": today,
        }
        return render(request, "portal.html", principal, context)
    overview = agency_overview(uow, user)
    context = {
        "overview": overview,
        "imports": board.imports[:5],
        "board": board,
        "today": today,
        # R-O1: next year's holiday notice not known yet while its deadlines draw near.
        "calendar_gap": first_unknown_year(today),
    }
    return render(request, "home.html", principal, context)


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


@router.get("/obligations", response_class=HTMLResponse)
def obligations(
    request: Request,
    principal: Signed,
    uow: Uow,
    now: Now,
    as_of: str | None = None,
    brand: str | None = None,
    only: str | None = None,
) -> HTMLResponse:
    day = business_date(now)
    with suppress(ValueError):
        day = date.fromisoformat(as_of) if as_of else day
    found = oversight.obligations_of(uow, principal.user, as_of=day, brand_code=brand or None)
    # The dashboard's tiles link here: exactly the obligations each tile counts.
    if only == "due_today":
        found = [each for each in found if each.is_due_on(day)]
    elif only == "overdue":
        found = [each for each in found if each.is_overdue]
    else:
        only = None
    context = {"obligations": found, "as_of": day, "brand": brand or "", "only": only}
    return render(request, "obligations.html", principal, context)


@router.get("/audit", response_class=HTMLResponse)
def audit(
    request: Request,
    principal: Signed,
    uow: Uow,
    entity: str | None = None,
    brand: str | None = None,
) -> HTMLResponse:
    found = oversight.audit_log(
        uow, principal.user, entity=entity or None, brand_code=brand or None, limit=200
    )
    context = {
        "entries": found,
        "entity": entity or "",
        "brand": brand or "",
        "entities": _ENTITIES,
    }
    return render(request, "audit.html", principal, context)


# R-D3: what the audit log records changes of, as the services name them.
_ENTITIES = (
    "brand", "contract", "store", "user", "sku", "listing", "statement", "promotion",
    "holiday_notice",
)  # fmt: skip
