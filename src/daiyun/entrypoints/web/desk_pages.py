"""The dashboard (operator console or brand portal), imports with a live progress bar,
obligations and the audit log."""

from __future__ import annotations

from contextlib import suppress
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from daiyun.domain.calendar import business_date, first_unknown_year
from daiyun.domain.orders.search import OrderFilter, Page
from daiyun.domain.permissions import Permission, can
from daiyun.entrypoints.api.auth import Now, Principal, Uow, current_principal
from daiyun.entrypoints.web.rendering import render
from daiyun.services import oversight
from daiyun.services.accounts import user_admin
from daiyun.services.contracts.overview import agency_overview
from daiyun.services.orders.views import search_orders

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
