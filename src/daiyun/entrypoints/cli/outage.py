"""`daiyun outage record|list`: service outages (issue 21, R-B8). One that lasted more than
the contract's `outage_notice_hours` is noticed to the brand at once (on its portal's
/outages page)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import typer

from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.credentials import Outage, OutageReport
from daiyun.entrypoints.cli import common
from daiyun.entrypoints.cli.common import AtOption, JsonOption
from daiyun.services.credentials.outages import list_outages, record_outage

__all__ = ["outage_app"]

outage_app = typer.Typer(
    help="Service outages; over the contract's hours the brand is noticed (R-B8).",
    no_args_is_help=True,
)


def outage_json(outage: Outage) -> dict[str, Any]:
    report = outage.report
    return {
        "id": outage.id,
        "brand": report.brand,
        "from": _iso(report.started_at),
        "to": _iso(report.ended_at),
        "minutes": outage.minutes,
        "what": report.what,
        "notice_hours": outage.notice_hours,
        "noticed": outage.noticed_at is not None,
        "noticed_at": None if outage.noticed_at is None else _iso(outage.noticed_at),
        "recorded_at": _iso(outage.recorded_at),
        "recorded_by": outage.recorded_by,
    }


def _iso(moment: datetime) -> str:
    """A moment in Beijing time, ISO 8601."""
    return moment.astimezone(SHANGHAI).isoformat()


@outage_app.command("record")
def record(
    brand: Annotated[str, typer.Option("--brand", help="The brand's code.")],
    start: Annotated[str, typer.Option("--from", help="When it began (ISO 8601).")],
    end: Annotated[str, typer.Option("--to", help="When it ended (ISO 8601).")],
    what: Annotated[str, typer.Option("--what", help="What was down.")],
    by: Annotated[str | None, typer.Option("--by", help="Act as this user.")] = None,
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """Log an outage; the brand is noticed when it lasted more than the contract's hours."""
    report = OutageReport(
        brand, common.parse_time("--from", start), common.parse_time("--to", end), what
    )
    when = common.moment(at)
    with common.open_daiyun() as application:
        answer = record_outage(
            application.credential_unit_of_work(),
            user=common.console_user() if by is None else by, report=report, at=when,
        )  # fmt: skip
    outage = answer.outage

    def human() -> None:
        told = "brand noticed" if outage.noticed_at else "within the hours: not noticed"
        again = "" if answer.new else " (recorded before)"
        typer.echo(
            f"outage {outage.id} of {brand}: {outage.minutes} min, over "
            f"{outage.notice_hours} h? {told}{again}"
        )

    common.emit(as_json, outage_json(outage) | {"new": answer.new}, human)


@outage_app.command("list")
def list_command(
    brand: Annotated[str | None, typer.Option("--brand", help="Only this brand's.")] = None,
    as_json: JsonOption = False,
) -> None:
    """The outages, newest first, and whether each brand was noticed."""
    with common.open_daiyun() as application:
        found = list_outages(
            application.credential_unit_of_work(read_only=True), user=common.console_user(),
            brand_codes=None if brand is None else [brand],
        )  # fmt: skip

    def human() -> None:
        for each in found:
            told = "noticed" if each.noticed_at else "-"
            typer.echo(
                f"{each.id}\t{each.report.brand}\t{_iso(each.report.started_at)}\t"
                f"{each.minutes} min\t{told}\t{each.report.what}"
            )

    common.emit(as_json, {"outages": [outage_json(each) for each in found]}, human)
