"""`daiyun account show`: a brand's ledger and balances."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from daiyun.entrypoints.cli import common
from daiyun.entrypoints.cli.common import JsonOption
from daiyun.services.settlement.ledger import BrandAccount, brand_account

__all__ = ["account_app"]

account_app = typer.Typer(help="A brand's ledger and balances.", no_args_is_help=True)


@account_app.command("show")
def account_show(
    brand: Annotated[str, typer.Option("--brand", help="The brand's code.")],
    as_json: JsonOption = False,
) -> None:
    """The brand's ledger entries and balances; what the operator owes the brand now."""
    with common.open_daiyun() as application:
        account = brand_account(application.unit_of_work(), brand)
    common.emit(as_json, account.to_json(), lambda: _print_account(account))


def _print_account(account: BrandAccount) -> None:
    common.err.print(f"brand {account.brand}: owed to the brand {account.owed_to_brand.display()}")
    balances = Table(title="balances (debit +, credit −)")
    balances.add_column("account")
    balances.add_column("balance", justify="right")
    for name, amount in account.balances.items():
        balances.add_row(f"{name.value} {name.label_zh}", amount.display())
    common.err.print(balances)
    entries = Table(title="entries")
    for column in ("booked", "kind", "memo", "postings"):
        entries.add_column(column)
    for entry in account.entries:
        postings = ", ".join(f"{p.account.value} {p.amount.display()}" for p in entry.postings)
        entries.add_row(entry.booked_on.isoformat(), entry.kind.value, entry.memo, postings)
    common.err.print(entries)
