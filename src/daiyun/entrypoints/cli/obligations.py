"""`daiyun obligations list`: dated duties of the contracts (R-O1), model A's statements and
model B's fee bills, service fee and deposit."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer
from rich.table import Table

from daiyun.domain.calendar import business_date, first_unknown_year
from daiyun.domain.obligations import Obligation, ObligationStatus
from daiyun.entrypoints.cli import common
from daiyun.entrypoints.cli.common import JsonOption
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
    as_json: JsonOption = False,
) -> None:
    """Every dated duty with party, due date, status (open, met, missed) and consequence."""
    day = (
        common.parse_day("--as-of", as_of)
        if as_of is not None
        else business_date(common.moment(None))
    )
    with common.open_daiyun() as application:
        found = list_obligations(application.unit_of_work(), as_of=day, brand_code=brand)
        # Every other area's: model B's bills, the goods', the reports', the contract's life.
        found += gather_obligations(application.duty_sources(), as_of=day, brand_code=brand)
    found.sort(key=obligation_order)
    document = {"as_of": day.isoformat(), "obligations": [o.to_json() for o in found]}
    common.emit(as_json, document, lambda: _print_obligations(found, day))
    _warn_of_unknown_year(day)


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
