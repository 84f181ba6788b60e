"""`daiyun obligations list` and `daiyun account show`: dated duties and the brand's ledger."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer
from rich.table import Table

from daiyun.domain.calendar import business_date, first_unknown_year
from daiyun.domain.obligations import Obligation, ObligationStatus
from daiyun.services.ledger.postings import BrandAccount, brand_account
from daiyun.services.obligations.statement_duties import list_obligations

__all__ = ["account_app", "obligations_app"]

obligations_app = typer.Typer(help="Dated duties of the contracts (R-O1).", no_args_is_help=True)
account_app = typer.Typer(help="A brand's ledger and balances.", no_args_is_help=True)

JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout.")]

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
    from daiyun.entrypoints import cli

    day = _day(as_of) if as_of is not None else business_date(cli._moment(None))
    with cli._daiyun() as application:
        found = list_obligations(application.unit_of_work(), as_of=day, brand_code=brand)
    document = {"as_of": day.isoformat(), "obligations": [o.to_json() for o in found]}
    cli._emit(as_json, document, lambda: _print_obligations(found, day))
    _warn_of_unknown_year(day)


def _warn_of_unknown_year(day: date) -> None:
    """R-O1: say so when a year without its holiday notice is near (stderr, JSON or not)."""
    from daiyun.entrypoints import cli

    year = first_unknown_year(day)
    if year is not None:
        cli.err.print(
            f"[bold yellow]warning:[/] the PRC holiday notice for {year} is not recorded and "
            f"chinesecalendar does not know {year}: deadlines in working days that fall in "
            f"{year} cannot be counted; record the notice with `daiyun calendar add`",
            markup=True,
            soft_wrap=True,
        )


def _day(text: str) -> date:
    from daiyun.entrypoints import cli

    try:
        return date.fromisoformat(text)
    except ValueError:
        cli._fail(cli.EXIT_BAD_INPUT, f"--as-of {text!r} is not a day (YYYY-MM-DD)")


def _print_obligations(found: list[Obligation], day: date) -> None:
    from daiyun.entrypoints import cli

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
    cli.err.print(table)


@account_app.command("show")
def account_show(
    brand: Annotated[str, typer.Option("--brand", help="The brand's code.")],
    as_json: JsonOption = False,
) -> None:
    """The brand's ledger entries and balances; what the operator owes the brand now."""
    from daiyun.entrypoints import cli

    with cli._daiyun() as application:
        account = brand_account(application.unit_of_work(), brand)
    cli._emit(as_json, account.to_json(), lambda: _print_account(account))


def _print_account(account: BrandAccount) -> None:
    from daiyun.entrypoints import cli

    cli.err.print(f"brand {account.brand}: owed to the brand {account.owed_to_brand.display()}")
    balances = Table(title="balances (debit +, credit −)")
    balances.add_column("account")
    balances.add_column("balance", justify="right")
    for name, amount in account.balances.items():
        balances.add_row(f"{name.value} {name.label_zh}", amount.display())
    cli.err.print(balances)
    entries = Table(title="entries")
    for column in ("booked", "kind", "memo", "postings"):
        entries.add_column(column)
    for entry in account.entries:
        postings = ", ".join(f"{p.account.value} {p.amount.display()}" for p in entry.postings)
        entries.add_row(entry.booked_on.isoformat(), entry.kind.value, entry.memo, postings)
    cli.err.print(entries)
