"""`daiyun adspend record|show`: advertising spend against its budget band (R-B6)."""

from __future__ import annotations

from typing import Annotated

import typer

from daiyun.domain.advertising import AdBudget
from daiyun.entrypoints.cli import common
from daiyun.entrypoints.cli.common import AtOption, JsonOption
from daiyun.services.advertising.ad_spend import ad_budget_of, record_ad_spend

__all__ = ["adspend_app"]

adspend_app = typer.Typer(help="Advertising spend against its budget (R-B6).", no_args_is_help=True)


def _budget_json(store: str, budget: AdBudget) -> dict[str, object]:
    return {
        "store": store,
        "month": str(budget.month),
        "sales": budget.sales.yuan_text(),
        "budget_floor": budget.floor.yuan_text(),
        "budget_ceiling": budget.ceiling.yuan_text(),
        "spent": budget.spent.yuan_text(),
        "remaining": budget.remaining.yuan_text(),
        "standing": budget.standing.value,
        "channels": {c.channel: c.amount.yuan_text() for c in budget.channels},
    }


StoreOption = Annotated[str, typer.Option("--store", help="The store's code.")]
MonthOption = Annotated[str, typer.Option("--month", help="The month, YYYY-MM.")]


@adspend_app.command("record")
def adspend_record(
    store: StoreOption, month: MonthOption,
    channel: Annotated[str, typer.Option("--channel", help="e.g. 直通车, 万相台.")],
    amount: Annotated[str, typer.Option("--amount", help="Yuan.")],
    at: AtOption = None, as_json: JsonOption = False,
) -> None:  # fmt: skip
    """The month's spend on a channel; entered again, it replaces the amount."""
    chosen, money = common.parse_month(month), common.parse_money("--amount", amount)
    with common.open_daiyun() as application:
        budget = record_ad_spend(
            application.unit_of_work(), store_code=store, month=chosen, channel=channel,
            amount=money, at=common.moment(at), actor=common.actor(),
        )  # fmt: skip
    common.emit(as_json, _budget_json(store, budget), lambda: _print_budget(store, budget))


@adspend_app.command("show")
def adspend_show(store: StoreOption, month: MonthOption, as_json: JsonOption = False) -> None:
    """The month's ad budget band (a share of sales) against the spend entered."""
    with common.open_daiyun() as application:
        budget = ad_budget_of(
            application.unit_of_work(), store_code=store, month=common.parse_month(month)
        )
    common.emit(as_json, _budget_json(store, budget), lambda: _print_budget(store, budget))


def _print_budget(store: str, budget: AdBudget) -> None:
    common.err.print(
        f"{store} {budget.month}: sales {budget.sales}, budget {budget.floor}–{budget.ceiling},"
        f" spent {budget.spent} ({budget.standing.value})"
    )
    for channel in budget.channels:
        common.err.print(f"  {channel.channel}: {channel.amount}")
