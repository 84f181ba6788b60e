"""Notifications and the obligations' month calendar (issue 21 point 7, R-O1).

/notifications lists the signed-in user's own notifications (a brand user's only of their own
brand, R-D2), newest first, each marked read by a POST (or all at once); /notifications/count
gives the layout's bell its number as plain text (fetched by notifications.js, so that no page
pays a query for it). /obligations/calendar?month=YYYY-MM shows a month, Monday first, the PRC
holidays and worked weekends (调休) marked, each day's duties coloured by status and linked to
the list of that day's (/obligations?from=D&to=D)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse

from daiyun.domain.calendar import Month, business_date
from daiyun.entrypoints.api.auth import Now, Principal, Uow, current_principal, daiyun_of
from daiyun.entrypoints.web.i18n import language_of, translator
from daiyun.entrypoints.web.notification_texts import NOTIFICATION_TEXTS
from daiyun.entrypoints.web.rendering import done, render
from daiyun.services import oversight
from daiyun.services.errors import NotFound
from daiyun.services.notifications import inbox
from daiyun.services.notifications.ports import NotificationUnitOfWork
from daiyun.services.obligation_calendar import obligations_calendar

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
Signed = Annotated[Principal, Depends(current_principal)]
_FIRST_YEAR, _LAST_YEAR = 1901, 2199  # months a calendar page shows (chinesecalendar's reach)


def notification_uow(request: Request) -> NotificationUnitOfWork:
    """A fresh unit of work that reaches the notifications: read only for GET and HEAD."""
    reading = request.method in {"GET", "HEAD"}
    return daiyun_of(request).notification_unit_of_work(read_only=reading)


Inbox = Annotated[NotificationUnitOfWork, Depends(notification_uow)]


@router.get("/notifications", response_class=HTMLResponse)
def notifications_page(
    request: Request, principal: Signed, uow: Inbox, unread: str | None = None
) -> HTMLResponse:
    """The user's own notifications, newest first; `unread=1` only the unread ones."""
    only_unread = unread == "1"
    found = inbox.notifications_of(uow, principal.user, unread_only=only_unread)
    names = translator(language_of(request))
    context = {
        "notifications": found,
        "duty": lambda kind: _duty_name(names, kind),
        "unread_only": only_unread,
        "unread": inbox.unread_count(uow, principal.user),
        "brand_names": oversight.brand_names(
            daiyun_of(request).read_unit_of_work(), principal.user
        ),
    }
    return render(request, "notifications.html", principal, context)


def _duty_name(t: Callable[..., str], kind: str) -> str:
    """A duty's name as the obligations page gives it; its code for one not named."""
    try:
        return t(f"kind_{kind}")
    except KeyError:
        return kind


@router.get("/notifications/count")
def notifications_count(principal: Signed, uow: Inbox) -> PlainTextResponse:
    """The bell's number: how many of the user's notifications are unread, as plain text."""
    return PlainTextResponse(str(inbox.unread_count(uow, principal.user)))


@router.get("/notifications/read")
@router.get("/notifications/{notification_id}/read")
def mark_read_address(principal: Signed) -> RedirectResponse:
    """A mark-read form's address opened (a reload, a bookmark): the list, nothing marked."""
    return RedirectResponse("/notifications", status_code=303)


@router.post("/notifications/{notification_id}/read")
def mark_one_read(
    principal: Signed, uow: Inbox, now: Now, notification_id: int
) -> RedirectResponse:
    """Mark one of the user's own notifications read; another's is not found (404, R-D2)."""
    changed = inbox.mark_read(uow, principal.user, notification_ids=[notification_id], at=now)
    return done("/notifications", "nt_read", changed)


@router.post("/notifications/read")
def mark_all_read(
    principal: Signed, uow: Inbox, now: Now, back: Annotated[str, Form(max_length=20)] = ""
) -> RedirectResponse:
    """Mark every one of the user's own notifications read."""
    changed = inbox.mark_read(uow, principal.user, notification_ids=None, at=now)
    return done(
        "/notifications?unread=1" if back == "unread" else "/notifications", "nt_read", changed
    )


def _month(text: str | None, today: date) -> Month:
    """The month asked for (YYYY-MM), or this one; a month out of reach is not found."""
    if not text:
        return Month.of(today)
    try:
        month = Month.parse(text.strip())
    except ValueError as error:
        raise NotFound(f"no calendar for month {text!r}: write it as YYYY-MM") from error
    if not _FIRST_YEAR <= month.year <= _LAST_YEAR:
        raise NotFound(f"no calendar for month {text!r}: years {_FIRST_YEAR}–{_LAST_YEAR} only")
    return month


def holiday_label(name: str | None, language: str) -> str:
    """A holiday's name in the reader's language (a recorded notice's name as written)."""
    if not name:
        return ""
    found = NOTIFICATION_TEXTS.get(f"nt_holiday_{name}")
    if found is None:
        return name
    return found[0] if language == "zh" else found[1]


@router.get("/obligations/calendar", response_class=HTMLResponse)
def obligations_calendar_page(
    request: Request,
    principal: Signed,
    uow: Uow,
    now: Now,
    month: str | None = None,
    brand: str | None = None,
) -> HTMLResponse:
    """R-O1: a month of duties, Monday first, holidays and worked weekends marked."""
    today = business_date(now)
    shown = _month(month, today)
    code = brand or None  # R-D2: another brand's, or none such, is not found (404)
    grid = obligations_calendar(
        uow, principal.user, month=shown, today=today, brand_code=code,
        duties=daiyun_of(request).duty_sources(), kept=daiyun_of(request).kept_obligations,
    )  # fmt: skip
    context = {
        "grid": grid,
        "month": shown,
        "previous": shown.previous(),
        "next": shown.next(),
        "today": today,
        "brand": code or "",
        "brand_names": oversight.brand_names(uow, principal.user),
        "duty": lambda kind: _duty_name(translator(language_of(request)), kind),
        "holiday": lambda name: holiday_label(name, language_of(request)),
    }
    return render(request, "obligation_calendar.html", principal, context)
