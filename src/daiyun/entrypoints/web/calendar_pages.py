"""The working-day calendar on the web (R-O1): the holiday notices recorded, which year lacks
one, and — for an administrator — uploading the State Council's notice file, the same TOML
file `calendar add` takes on the command line."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from daiyun.domain.calendar import business_date, first_unknown_year
from daiyun.domain.holiday_notice import HolidayNoticeError, parse_holiday_notice
from daiyun.entrypoints.api.auth import Now, Principal, Uow, current_principal
from daiyun.entrypoints.web.i18n import language_of, speaker, translator
from daiyun.entrypoints.web.refusal_texts import template_of
from daiyun.entrypoints.web.rendering import done, render
from daiyun.services.calendar.holiday_notices import (
    DifferentNotice,
    NoticeOutcome,
    list_holiday_notices,
    may_record_notices,
    record_holiday_notice_as,
    require_may_record,
)
from daiyun.services.errors import Refused

__all__ = ["notice_problems", "router"]

router = APIRouter(include_in_schema=False)
Signed = Annotated[Principal, Depends(current_principal)]

# What a notice file looks like (docs/examples/holiday-notice-2026.toml is a whole one).
_EXAMPLE = """year = 2027
source = "国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕…号）"

[[holiday]]
name = "春节"
first_day = 2027-02-06     # the first day off
last_day = 2027-02-14      # the last day off, included
working_days = [2027-02-20]  # 调休: weekend days worked instead
"""

# A notice file is a page of text: a few kilobytes. Anything much larger is not one.
_LARGEST_FILE = 64 * 1024


def _page(
    request: Request,
    principal: Principal,
    uow: Uow,
    now: Now,
    problems: list[str] | None = None,
    *,
    status_code: int = 200,
) -> HTMLResponse:
    context = {
        "notices": list_holiday_notices(uow),
        "gap": first_unknown_year(business_date(now)),
        "may_record": may_record_notices(principal.user),
        "problems": problems or [],
        "example": _EXAMPLE,
    }
    return render(request, "calendar.html", principal, context, status_code=status_code)


@router.get("/calendar", response_class=HTMLResponse)
def calendar_page(request: Request, principal: Signed, uow: Uow, now: Now) -> HTMLResponse:
    return _page(request, principal, uow, now)


@router.post("/calendar")
async def calendar_upload(
    request: Request,
    principal: Signed,
    uow: Uow,
    now: Now,
    file: Annotated[UploadFile, File()],
    replace: Annotated[bool, Form()] = False,
) -> Response:
    """R-O1: record the notice an administrator uploads; its problems on the page, if any."""
    require_may_record(principal.user)  # 403 before the file is read
    language = language_of(request)
    t, say = translator(language), speaker(language)
    name = file.filename or "notice.toml"
    content = await file.read(_LARGEST_FILE + 1)
    try:
        if len(content) > _LARGEST_FILE:
            raise ValueError
        # utf-8-sig: a file saved by Windows Notepad starts with a byte-order mark.
        text = content.decode("utf-8-sig")
    except (UnicodeDecodeError, ValueError):
        problem = t("calendar_not_a_notice_file", name, _LARGEST_FILE // 1024)
        return _page(request, principal, uow, now, [problem], status_code=422)
    try:
        notice = parse_holiday_notice(text, name)
    except HolidayNoticeError as error:
        problems = [t("calendar_file_problem", name, say(part)) for part in notice_problems(
            str(error), name
        )]  # fmt: skip
        return _page(request, principal, uow, now, problems, status_code=422)
    try:
        outcome = record_holiday_notice_as(uow, principal.user, notice, at=now, replace=replace)
    except DifferentNotice as refused:
        earlier = refused.earlier
        problem = t(
            "calendar_differs",
            refused.year,
            earlier.notice.source,
            earlier.recorded_by,
            business_date(earlier.recorded_at).isoformat(),
            say(refused.difference),
        )
        return _page(request, principal, uow, now, [problem], status_code=409)
    except Refused as refused:
        return _page(request, principal, uow, now, [say(str(refused))], status_code=409)
    key = {
        NoticeOutcome.RECORDED: "notice_recorded",
        NoticeOutcome.UNCHANGED: "notice_unchanged",
        NoticeOutcome.REPLACED: "notice_replaced",
    }[outcome]
    return done("/calendar", key, notice.year, len(notice.days_off), len(notice.working_days))


def notice_problems(message: str, file_name: str) -> list[str]:
    """A notice file's refusal as its separate problems, each a message the pages translate:
    without the file's name in front, the notice's problems (joined by '; ') one by one."""
    message = message.removeprefix(f"{file_name}: ")
    head, joined = _split_notice_head(message)
    if head is None:
        return [message]
    return _group(joined.split("; "), template_of)


def _split_notice_head(message: str) -> tuple[str | None, str]:
    prefix = "the holiday notice for "
    if not message.startswith(prefix) or ": " not in message:
        return None, message
    head, _, rest = message.partition(": ")
    return head, rest


def _group(parts: list[str], known: Callable[[str], object | None]) -> list[str]:
    """Join neighbouring parts until each is a message with a template (a problem may itself
    hold '; '); what is left over is kept whole as the last one."""
    problems: list[str] = []
    current = ""
    for part in parts:
        current = f"{current}; {part}" if current else part
        if known(current) is not None:
            problems.append(current)
            current = ""
    if current:
        problems.append(current)
    return problems
