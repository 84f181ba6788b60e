"""The dashboard (operator console or brand portal), imports with a live progress bar,
obligations and the audit log."""

from __future__ import annotations

from contextlib import suppress
from datetime import date
from enum import StrEnum
from typing import Annotated, TypeVar

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from daiyun.domain.calendar import business_date, first_unknown_year
from daiyun.domain.contracts import Party
from daiyun.domain.obligations import ObligationKind
from daiyun.domain.obligations.views import ObligationFilter, StatusChoice
from daiyun.domain.orders.search import OrderFilter, Page
from daiyun.domain.permissions import Permission, can
from daiyun.entrypoints.api.auth import Now, Principal, Uow, current_principal, daiyun_of
from daiyun.entrypoints.web.operations_pages import misshipment_notices
from daiyun.entrypoints.web.rendering import render
from daiyun.services import oversight
from daiyun.services.accounts import user_admin
from daiyun.services.calendar.holiday_notices import may_record_notices
from daiyun.services.contracts.overview import agency_overview
from daiyun.services.obligations.sources import DutySource
from daiyun.services.orders.views import search_orders

__all__ = ["home_page", "router"]

router = APIRouter(include_in_schema=False)
Signed = Annotated[Principal, Depends(current_principal)]


def _duties(request: Request) -> tuple[DutySource, ...]:
    """Every area's dated duties beside the statements', for the obligations these pages show
    (R-O1): model B's bills, the goods', the reports', the contract's life."""
    return daiyun_of(request).duty_sources()


def home_page(request: Request, principal: Principal, uow: Uow, now: Now) -> HTMLResponse:
    """The operator's console, or a brand user's portal: what needs doing today."""
    user = principal.user
    today = business_date(now)
    kept = daiyun_of(request).kept_obligations
    board = oversight.dashboard(uow, user, today=today, now=now, duties=_duties(request), kept=kept)
    if user.role.is_brand_role:
        names = oversight.brand_names(uow, user)
        orders, order_total = search_orders(uow, user, OrderFilter(), Page(1, 10))
        # Brand admins keep an eye on their people; brand finance does not (least privilege).
        users = (
            user_admin.list_users(uow, user)
            if can(user, Permission.MANAGE_USERS, user.brand_code)
            else []
        )
        context = {
            "board": board,
            "portal": oversight.portal(uow, user, today=today, kept=kept),
            # R-F4: the brand told of a mis-shipment at once, until one of its people saw it
            "misshipment_notices": misshipment_notices(request, principal),
            "orders": orders,
            "order_total": order_total,
            "users": users,
            "today": today,
            "brand_names": names,
        }
        return render(request, "portal.html", principal, context)
    overview = agency_overview(uow, user, kept=daiyun_of(request).kept_overviews)
    names = {each.brand.code: each.brand.name for each in overview.brands}
    context = {
        "overview": overview,
        "imports": board.imports[:5],
        "board": board,
        "today": today,
        "brand_names": names,
        # R-O1: next year's holiday notice not known yet while its deadlines draw near.
        "calendar_gap": first_unknown_year(today),
        "may_record_notices": may_record_notices(user),
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
    status: str | None = None,
    party: str | None = None,
    kind: str | None = None,
    only: str | None = None,  # the dashboard tiles' earlier links: a status
    page: int = 1,
    due_from: Annotated[str | None, Query(alias="from")] = None,  # issue 21: due days' range
    due_to: Annotated[str | None, Query(alias="to")] = None,
    rule: str | None = None,
) -> HTMLResponse:
    """R-O1: the obligations, 50 a page, by status, party, kind, brand, due days, rule and
    the day judged by."""
    day = business_date(now)
    with suppress(ValueError):
        day = date.fromisoformat(as_of) if as_of else day
    chosen = ObligationFilter(
        status=_choice(StatusChoice, status or only),
        party=_choice(Party, party),
        kind=_choice(ObligationKind, kind),
        due_from=_day(due_from),
        due_to=_day(due_to),
        rule=(rule or "").strip()[:20] or None,
    )
    names = oversight.brand_names(uow, principal.user)
    code = brand or None  # R-D2: another brand's, or none such, is not found (404)
    number = max(1, min(page, 100_000))
    found, total = oversight.find_obligations(
        uow, principal.user, as_of=day, brand_code=code, chosen=chosen, page=number,
        duties=_duties(request), kept=daiyun_of(request).kept_obligations,
    )  # fmt: skip
    pages = max(1, -(-total // oversight.OBLIGATION_PAGE))
    asked = {
        "as_of": day.isoformat() if as_of else None,
        "brand": code,
        "status": chosen.status and chosen.status.value,
        "party": chosen.party and chosen.party.value,
        "kind": chosen.kind and chosen.kind.value,
        "from": chosen.due_from and chosen.due_from.isoformat(),
        "to": chosen.due_to and chosen.due_to.isoformat(),
        "rule": chosen.rule,
    }
    context = {
        "obligations": found,
        "total": total,
        "page": number,
        "pages": pages,
        "query": {key: value for key, value in asked.items() if value},
        "as_of": day,
        "brand": code or "",
        "status": asked["status"] or "",
        "party": asked["party"] or "",
        "kind": asked["kind"] or "",
        "due_from": asked["from"] or "",
        "due_to": asked["to"] or "",
        "rule": asked["rule"] or "",
        "statuses": list(StatusChoice),
        "parties": list(Party),
        "kinds": list(ObligationKind),
        "brand_names": names,
    }
    return render(request, "obligations.html", principal, context)


@router.get("/audit", response_class=HTMLResponse)
def audit(
    request: Request,
    principal: Signed,
    uow: Uow,
    entity: str | None = None,
    brand: str | None = None,
    page: int = 1,
) -> HTMLResponse:
    """R-D3: who did what and when, 50 a page, each change written out."""
    names = oversight.brand_names(uow, principal.user)
    code = brand or None  # R-D2: another brand's, or none such, is not found (404)
    kind = entity if entity in _ENTITIES else None
    number = max(1, min(page, 200))
    found, more = oversight.audit_page(
        uow, principal.user, entity=kind, brand_code=code, page=number
    )
    asked = {"entity": kind, "brand": code}
    context = {
        "entries": found,
        "entity": kind or "",
        "brand": code or "",
        "entities": _ENTITIES,
        "brand_names": names,
        "page": number,
        "more": more,
        "query": {key: value for key, value in asked.items() if value},
    }
    return render(request, "audit.html", principal, context)


_E = TypeVar("_E", bound=StrEnum)


def _day(text: str | None) -> date | None:
    """The day typed (YYYY-MM-DD), or None for empty or not a day (a filter not applied)."""
    try:
        return date.fromisoformat(text.strip()) if text and text.strip() else None
    except ValueError:
        return None


def _choice(kind: type[_E], value: str | None) -> _E | None:
    """The member named `value`, or None for empty or unknown (a filter not applied)."""
    try:
        return kind(value) if value else None
    except ValueError:
        return None


# R-D3: what the audit log records changes of, as the services name them.
_ENTITIES = (
    "brand", "contract", "store", "user", "sku", "listing", "statement", "promotion",
    "holiday_notice",
)  # fmt: skip
