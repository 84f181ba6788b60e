"""`daiyun calendar add|list`: the State Council's holiday notices for years chinesecalendar
lacks, so that working-day deadlines in those years can be counted (R-O1)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from daiyun.domain.calendar import business_date
from daiyun.domain.holiday_notice import HolidayNotice, HolidayNoticeError, parse_holiday_notice
from daiyun.entrypoints.cli import common
from daiyun.entrypoints.cli.common import JsonOption
from daiyun.services.calendar.holiday_notices import (
    NoticeInUse,
    NoticeOutcome,
    NoticeStatus,
    list_holiday_notices,
    record_holiday_notice,
)

__all__ = ["calendar_app"]

calendar_app = typer.Typer(
    help="PRC working days: holiday notices for years chinesecalendar lacks.",
    no_args_is_help=True,
)


_SAID = {
    NoticeOutcome.RECORDED: "recorded",
    NoticeOutcome.UNCHANGED: "already recorded, the same: nothing changed",
    NoticeOutcome.REPLACED: "recorded in place of the earlier notice (kept in the audit log)",
}


@calendar_app.command("add")
def calendar_add(
    file: Annotated[Path, typer.Argument(help="A holiday notice file (TOML).")],
    replace: Annotated[
        bool,
        typer.Option("--replace", help="Correct the year's notice recorded before."),
    ] = False,
    at: Annotated[
        str | None,
        typer.Option("--at", help="The moment this happens (ISO 8601; default: now)."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Record a year's holiday notice: its days off and 调休 working days (R-O1)."""
    try:
        # utf-8-sig: a file saved by Windows Notepad starts with a byte-order mark.
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        common.bad_input(f"{file}: cannot read the file: {error}")
    try:
        notice = parse_holiday_notice(text, str(file))
    except HolidayNoticeError as error:
        common.bad_input(str(error))
    with common.open_daiyun() as application:
        outcome = record_holiday_notice(
            application.unit_of_work(),
            notice,
            at=common.moment(at),
            actor=common.actor(),
            replace=replace,
        )
    document = {"outcome": str(outcome), **notice.to_document()}
    common.emit(as_json, document, lambda: _print_recorded(notice, outcome))


@calendar_app.command("list")
def calendar_list(as_json: JsonOption = False) -> None:
    """The notices recorded, and which calendar decides each year."""
    with common.open_daiyun() as application:
        found = list_holiday_notices(application.unit_of_work())
    document = {"notices": [notice.to_json() for notice in found]}
    common.emit(as_json, document, lambda: _print_list(found))


def _print_recorded(notice: HolidayNotice, outcome: NoticeOutcome) -> None:
    common.err.print(f"holiday notice for {notice.year} {_SAID[outcome]}: {notice.source}")
    for holiday in notice.holidays:
        common.err.print(f"  {holiday}")


def _print_list(found: list[NoticeInUse]) -> None:
    if not found:
        common.err.print("no holiday notice recorded: chinesecalendar's years are used")
        return
    for item in found:
        notice, recorded = item.recorded.notice, item.recorded
        decides = "this notice decides the year"
        if item.status is NoticeStatus.SUPERSEDED:
            differ = ", ".join(day.isoformat() for day in item.disagreements)
            decides = "chinesecalendar decides the year now, " + (
                f"and disagrees on {len(item.disagreements)} day(s): {differ}"
                if differ
                else "and agrees on every day"
            )
        common.err.print(
            f"{notice.year}: {decides}; {notice.source}; {len(notice.days_off)} day(s) off, "
            f"{len(notice.working_days)} 调休 working day(s); recorded "
            f"{business_date(recorded.recorded_at).isoformat()} by {recorded.recorded_by}"
        )
