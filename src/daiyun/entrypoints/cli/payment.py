"""`daiyun payment record|penalty|excuse`: remittances of confirmed statements, their late
penalties, and delay the brand caused (R-S6, R-S7)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from daiyun.domain.money import Money
from daiyun.entrypoints.cli import common
from daiyun.entrypoints.cli.common import AtOption, JsonOption
from daiyun.entrypoints.cli.statement_output import print_statement
from daiyun.services.settlement.excused_delays import excuse_delay
from daiyun.services.settlement.payments import record_payment
from daiyun.services.settlement.penalty_payments import record_penalty_payment

__all__ = ["payment_app"]

payment_app = typer.Typer(
    help="Remittances of confirmed statements, their late penalties, and delay the brand caused.",
    no_args_is_help=True,
)
ContractOption = Annotated[str, typer.Option("--contract", help="The contract's code.")]
MonthOption = Annotated[str, typer.Option("--month", help="The month, YYYY-MM.")]
ReasonOption = Annotated[str | None, typer.Option("--reason", help="Why (kept in the audit).")]


@payment_app.command("record")
def payment_record(
    contract: ContractOption,
    month: MonthOption,
    amount: Annotated[str, typer.Option("--amount", help="Yuan, e.g. 1234.56.")],
    paid_on: Annotated[str, typer.Option("--paid-on", help="The day paid, YYYY-MM-DD.")],
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """Record a remittance of a confirmed statement (partial allowed)."""
    chosen = common.parse_month(month)
    money, day = _money_and_day(amount, paid_on)
    with common.open_daiyun() as application:
        outcome = record_payment(
            application.unit_of_work(),
            contract_code=contract,
            month=chosen,
            amount=money,
            paid_on=day,
            at=common.moment(at),
            actor=common.actor(),
        )
    print_statement(outcome.view, as_json, f"payment of {money.yuan_text()} on {day} recorded")


def _money_and_day(amount: str, paid_on: str) -> tuple[Money, date]:
    """--amount in yuan and --paid-on as a day; bad input exits as the other commands do."""
    return common.parse_money("--amount", amount), common.parse_day("--paid-on", paid_on)


@payment_app.command("penalty")
def payment_penalty(
    contract: ContractOption,
    month: MonthOption,
    amount: Annotated[str, typer.Option("--amount", help="Yuan, e.g. 123.45.")],
    paid_on: Annotated[str, typer.Option("--paid-on", help="The day paid, YYYY-MM-DD.")],
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """Pay the brand the late penalty posted when a statement was paid in full (R-S7;
    partial allowed)."""
    chosen = common.parse_month(month)
    money, day = _money_and_day(amount, paid_on)
    with common.open_daiyun() as application:
        outcome = record_penalty_payment(
            application.unit_of_work(),
            contract_code=contract,
            month=chosen,
            amount=money,
            paid_on=day,
            at=common.moment(at),
            actor=common.actor(),
        )
    owed = outcome.before.owed - money
    print_statement(
        outcome.view,
        as_json,
        f"late penalty payment of {money.yuan_text()} on {day} recorded: "
        f"{owed.yuan_text()} still owed of {outcome.before.posted.yuan_text()}",
    )


@payment_app.command("excuse")
def payment_excuse(
    contract: ContractOption,
    month: MonthOption,
    first_day: Annotated[
        str, typer.Option("--from", help="The first day the brand caused, YYYY-MM-DD.")
    ],
    last_day: Annotated[
        str, typer.Option("--to", help="The last day the brand caused (included), YYYY-MM-DD.")
    ],
    reason: Annotated[str, typer.Option("--reason", help="How the brand caused the delay.")],
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """Record days the brand caused the delay of payment: no late penalty on them (R-S7)."""
    chosen = common.parse_month(month)
    days = [common.parse_day("--from", first_day), common.parse_day("--to", last_day)]
    with common.open_daiyun() as application:
        outcome = excuse_delay(
            application.unit_of_work(),
            contract_code=contract,
            month=chosen,
            first_day=days[0],
            last_day=days[1],
            reason=reason,
            at=common.moment(at),
            actor=common.actor(),
        )
    delay, view = outcome.delay, outcome.view
    print_statement(
        view,
        as_json,
        f"excused {delay} ({delay.days} day(s)): the brand caused the delay; penalty accrued "
        f"{outcome.penalty_before.yuan_text()} → {view.penalty_accrued.yuan_text()}",
    )
