"""`daiyun obligations list`: every area's dated duties (R-O1) — model A's statements, model
B's fee bills, service fee and deposit, and whatever `Daiyun.duty_sources()` adds — filtered by
party, status, due days, kind and rule; `daiyun obligations remind`: their reminders (issue 21
point 7), in the app and by email."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any, TypeVar

import typer
from rich.table import Table

from daiyun.domain.calendar import business_date, first_unknown_year
from daiyun.domain.contracts import Party
from daiyun.domain.obligations import Obligation, ObligationKind, ObligationStatus
from daiyun.domain.obligations.views import ObligationFilter, StatusChoice
from daiyun.entrypoints.cli import common
from daiyun.entrypoints.cli.common import JsonOption
from daiyun.entrypoints.reminding import run_reminders
from daiyun.services.obligations.sources import gather_obligations, obligation_order
from daiyun.services.obligations.statement_duties import list_obligations

__all__ = ["obligations_app"]

obligations_app = typer.Typer(help="Dated duties of the contracts (R-O1).", no_args_is_help=True)


_STATUS_STYLE = {
    ObligationStatus.OPEN: "yellow",
    ObligationStatus.MET: "green",
    ObligationStatus.MISSED: "bold red",
}


@obligations_app.command("list")
def obligations_list(
    brand: Annotated[str | None, typer.Option("--brand", help="Only this brand.")] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="The day to judge by, YYYY-MM-DD (default: today)."),
    ] = None,
    party: Annotated[
        str | None, typer.Option("--party", help="Only this party's: brand or operator.")
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status", help="Only: open, due_today, overdue, missed (late or not done) or met."
        ),
    ] = None,
    due_from: Annotated[
        str | None, typer.Option("--from", help="Only those due on this day or later.")
    ] = None,
    due_to: Annotated[
        str | None, typer.Option("--to", help="Only those due on this day or earlier.")
    ] = None,
    kind: Annotated[
        str | None, typer.Option("--kind", help="Only this kind, e.g. issue_statement.")
    ] = None,
    rule: Annotated[
        str | None, typer.Option("--rule", help="Only those of this rule, e.g. R-S6.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Every dated duty with party, due date, status (open, met, missed) and consequence."""
    day = (
        common.parse_day("--as-of", as_of)
        if as_of is not None
        else business_date(common.moment(None))
    )
    chosen = ObligationFilter(
        status=_member(StatusChoice, "--status", status),
        party=_member(Party, "--party", party),
        kind=_member(ObligationKind, "--kind", kind),
        due_from=None if due_from is None else common.parse_day("--from", due_from),
        due_to=None if due_to is None else common.parse_day("--to", due_to),
        rule=rule.strip() if rule and rule.strip() else None,
    )
    if chosen.due_from and chosen.due_to and chosen.due_to < chosen.due_from:
        common.bad_input(f"--to {chosen.due_to} is before --from {chosen.due_from}")
    with common.open_daiyun() as application:
        found = list_obligations(application.unit_of_work(), as_of=day, brand_code=brand)
        # Every other area's: model B's bills, the goods', the reports', the contract's life.
        found += gather_obligations(application.duty_sources(), as_of=day, brand_code=brand)
    found.sort(key=obligation_order)
    found = chosen.choose(found, day)
    document = {"as_of": day.isoformat(), "obligations": [o.to_json() for o in found]}
    common.emit(as_json, document, lambda: _print_obligations(found, day))
    _warn_of_unknown_year(day)


_E = TypeVar("_E", bound=StrEnum)


def _member(kind: type[_E], option: str, value: str | None) -> _E | None:
    """The member named `value` (None when not given); bad input naming the choices else."""
    if value is None:
        return None
    try:
        return kind(value.strip())
    except ValueError:
        choices = ", ".join(member.value for member in kind)
        common.bad_input(f"{option} {value!r} is not one of: {choices}")


@obligations_app.command("remind")
def obligations_remind(
    at: Annotated[
        str | None,
        typer.Option("--at", help="The moment to remind as of, ISO 8601 (default: now)."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Send the reminders due (R-O1): DAIYUN_REMINDER_DAYS days before a duty's due day, on
    the day and once missed, to the people who handle it — in the app, and by email when
    DAIYUN_SMTP_HOST is set. Each once per duty, person and reminder, however often run."""
    moment = common.moment(at)
    with common.open_daiyun() as application:
        document = run_reminders(application, moment)
    common.emit(as_json, document, lambda: _print_reminders(document))


def _print_reminders(document: dict[str, Any]) -> None:
    common.err.print(
        f"reminders as of {document['as_of']}: {document['reminders_recorded']} new "
        f"({document['reminders_due']} due, of {document['obligations']} obligations)",
        soft_wrap=True,
    )
    if document["email"]:
        common.err.print(
            f"emails: {document['emails_sent']} sent, {document['emails_failed']} failed "
            f"(tried again on the next run), {document['emails_given_up']} given up",
            soft_wrap=True,
        )
        for error in document["email_errors"]:
            common.err.print(f"  {error}", markup=False, soft_wrap=True)
    else:
        common.err.print("email: off (DAIYUN_SMTP_HOST not set)")


def _warn_of_unknown_year(day: date) -> None:
    """R-O1: say so when a year without its holiday notice is near (stderr, JSON or not)."""
    year = first_unknown_year(day)
    if year is not None:
        common.err.print(
            f"[bold yellow]warning:[/] the PRC holiday notice for {year} is not recorded and "
            f"chinesecalendar does not know {year}: deadlines in working days that fall in "
            f"{year} cannot be counted; record the notice with `daiyun calendar add`",
            markup=True,
            soft_wrap=True,
        )


def _print_obligations(found: list[Obligation], day: date) -> None:
    table = Table(title=f"obligations as of {day}")
    for column in ("due", "party", "duty", "subject", "status", "done", "if missed"):
        table.add_column(column)
    for o in found:
        style = _STATUS_STYLE[o.status]
        table.add_row(
            o.due_on.isoformat(),
            o.party.value,
            o.kind.value.replace("_", " "),
            o.subject,
            f"[{style}]{o.status.value}[/]",
            o.done_on.isoformat() if o.done_on else "—",
            f"{o.consequence} ({o.rule})",
        )
    common.err.print(table)
