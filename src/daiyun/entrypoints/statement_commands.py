"""`daiyun statement draft|issue|confirm|dispute|show`, `daiyun payment record|penalty|excuse`."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from daiyun.domain.calendar import Month
from daiyun.domain.money import Money
from daiyun.services.settlement.excused_delays import excuse_delay
from daiyun.services.settlement.payments import record_payment
from daiyun.services.settlement.penalty_payments import record_penalty_payment
from daiyun.services.settlement.statement_access import StatementView
from daiyun.services.settlement.statement_answers import confirm_statement, dispute_statement
from daiyun.services.settlement.statements import (
    draft_month,
    issue_statement,
    show_statement,
)

__all__ = ["payment_app", "statement_app"]

statement_app = typer.Typer(help="Monthly model A statements.", no_args_is_help=True)
payment_app = typer.Typer(
    help="Remittances of confirmed statements, their late penalties, and delay the brand caused.",
    no_args_is_help=True,
)

ContractOption = Annotated[str, typer.Option("--contract", help="The contract's code.")]
MonthOption = Annotated[str, typer.Option("--month", help="The month, YYYY-MM.")]
ByOption = Annotated[str, typer.Option("--by", help="The brand user's login.")]
ReasonOption = Annotated[str | None, typer.Option("--reason", help="Why (kept in the audit).")]
AtOption = Annotated[
    str | None, typer.Option("--at", help="The moment this happens (ISO 8601; default: now).")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout.")]


def _month(text: str) -> Month:
    from daiyun.entrypoints import cli

    try:
        return Month.parse(text)
    except ValueError as error:
        cli._fail(cli.EXIT_BAD_INPUT, f"--month: {error}")


def _print(view: StatementView, as_json: bool, headline: str) -> None:
    """The Statement JSON on stdout, or the figures for people on stderr."""
    from daiyun.entrypoints import cli

    document = view.to_json()
    cli._emit(as_json, document, lambda: _human(view, headline))
    if as_json:
        for reason in view.empty_reasons:
            cli.err.print(f"empty month: {reason}", soft_wrap=True)


def _human(view: StatementView, headline: str) -> None:
    from daiyun.entrypoints import cli

    console = cli.err
    console.print(headline, soft_wrap=True)
    figures = view.figures
    console.print(
        f"{view.contract} {view.month} version {view.version}: {view.status.value} "
        f"(content {view.content_hash[:12]}…)"
    )
    for name, value in figures.to_json().items():
        console.print(f"  {name:<20} {value:>14}")
    console.print(
        f"  issue by {view.issue_by}, confirm by {view.confirm_by or '—'}, "
        f"payment due {view.payment_due or '—'}"
    )
    excused = f", {view.days_excused} more excused" if view.days_excused else ""
    console.print(
        f"  paid {view.paid.yuan_text()}, outstanding {view.outstanding.yuan_text()}, "
        f"penalty accrued {view.penalty_accrued.yuan_text()} "
        f"({view.days_late} day(s) late{excused})"
    )
    if view.penalty is not None:
        console.print(
            f"  late penalty posted {view.penalty.posted.yuan_text()}, paid to the brand "
            f"{view.penalty.paid.yuan_text()}, owed {view.penalty.owed.yuan_text()} (R-S7)"
        )
    if view.termination_right:
        console.print("  more than the allowed days late: the brand may terminate (R-S7)")
    for delay in view.excused_delays:
        console.print(
            f"  delay the brand caused {delay} ({delay.days} day(s), no penalty, R-S7): "
            f"{delay.reason} — recorded by {delay.recorded_by}",
            soft_wrap=True,
            markup=False,
        )
    for reason in view.empty_reasons:
        console.print(f"  empty month: {reason}", soft_wrap=True)


@statement_app.command("draft")
def statement_draft(
    contract: ContractOption, month: MonthOption, at: AtOption = None, as_json: JsonOption = False
) -> None:
    """Compute the month from the stored orders and keep it as the draft (re-runnable)."""
    from daiyun.entrypoints import cli

    chosen = _month(month)
    with cli._daiyun() as application:
        outcome = draft_month(
            application.unit_of_work(),
            contract_code=contract,
            month=chosen,
            at=cli._moment(at),
            actor=cli._actor(),
        )
    said = "drafted" if outcome.changed else "draft unchanged: the same figures as stored"
    _print(outcome.view, as_json, said)


@statement_app.command("issue")
def statement_issue(
    contract: ContractOption, month: MonthOption, at: AtOption = None, as_json: JsonOption = False
) -> None:
    """Freeze the draft as the next version and deliver it to the brand."""
    from daiyun.entrypoints import cli

    chosen = _month(month)
    with cli._daiyun() as application:
        outcome = issue_statement(
            application.unit_of_work(),
            contract_code=contract,
            month=chosen,
            at=cli._moment(at),
            actor=cli._actor(),
        )
    late = f" — late: due by {outcome.view.issue_by}" if outcome.issued_late else ""
    _print(outcome.view, as_json, f"issued, received {outcome.received_on}{late}")


@statement_app.command("confirm")
def statement_confirm(
    contract: ContractOption,
    month: MonthOption,
    by: ByOption,
    reason: ReasonOption = None,
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """The brand confirms the issued version; payment falls due."""
    from daiyun.entrypoints import cli

    chosen = _month(month)
    with cli._daiyun() as application:
        view = confirm_statement(
            application.unit_of_work(),
            contract_code=contract,
            month=chosen,
            by=by,
            at=cli._moment(at),
            reason=reason,
        )
    _print(view, as_json, f"confirmed by {by}")


@statement_app.command("dispute")
def statement_dispute(
    contract: ContractOption,
    month: MonthOption,
    by: ByOption,
    reason: ReasonOption = None,
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """The brand disputes the issued version, saying why; a new version follows."""
    from daiyun.entrypoints import cli

    chosen = _month(month)
    with cli._daiyun() as application:
        view = dispute_statement(
            application.unit_of_work(),
            contract_code=contract,
            month=chosen,
            by=by,
            at=cli._moment(at),
            reason=reason,
        )
    _print(view, as_json, f"disputed by {by}: draft and issue the next version")


@statement_app.command("show")
def statement_show(
    contract: ContractOption,
    month: MonthOption,
    version: Annotated[
        int | None, typer.Option("--version", help="The version (default: the latest).")
    ] = None,
    xlsx: Annotated[Path | None, typer.Option("--xlsx", help="Also write an XLSX file.")] = None,
    pdf: Annotated[Path | None, typer.Option("--pdf", help="Also write a PDF file.")] = None,
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """Figures, due dates, status and the penalty accrued as of --at; files on request."""
    from daiyun.entrypoints import cli
    from daiyun.entrypoints.statement_files import write_statement_files

    chosen = _month(month)
    moment = cli._moment(at)
    with cli._daiyun() as application:
        view = show_statement(
            application.unit_of_work(),
            contract_code=contract,
            month=chosen,
            at=moment,
            version=version,
        )
        written = write_statement_files(application, view, xlsx=xlsx, pdf=pdf)
    _print(view, as_json, f"statement {view.contract} {view.month}")
    for path in written:
        cli.err.print(f"wrote {path}")


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
    from daiyun.entrypoints import cli

    chosen = _month(month)
    money, day = _money_and_day(amount, paid_on)
    with cli._daiyun() as application:
        outcome = record_payment(
            application.unit_of_work(),
            contract_code=contract,
            month=chosen,
            amount=money,
            paid_on=day,
            at=cli._moment(at),
            actor=cli._actor(),
        )
    _print(outcome.view, as_json, f"payment of {money.yuan_text()} on {day} recorded")


def _money_and_day(amount: str, paid_on: str) -> tuple[Money, date]:
    """--amount in yuan and --paid-on as a day; bad input exits as the other commands do."""
    from daiyun.entrypoints import cli

    try:
        money = Money.of_yuan(amount)
    except ValueError as error:
        cli._fail(cli.EXIT_BAD_INPUT, f"--amount: {error}")
    try:
        day = date.fromisoformat(paid_on)
    except ValueError:
        cli._fail(cli.EXIT_BAD_INPUT, f"--paid-on {paid_on!r} is not a day (YYYY-MM-DD)")
    return money, day


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
    from daiyun.entrypoints import cli

    chosen = _month(month)
    money, day = _money_and_day(amount, paid_on)
    with cli._daiyun() as application:
        outcome = record_penalty_payment(
            application.unit_of_work(),
            contract_code=contract,
            month=chosen,
            amount=money,
            paid_on=day,
            at=cli._moment(at),
            actor=cli._actor(),
        )
    owed = outcome.before.owed - money
    _print(
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
    from daiyun.entrypoints import cli

    chosen = _month(month)
    days = []
    for option, text in (("--from", first_day), ("--to", last_day)):
        try:
            days.append(date.fromisoformat(text))
        except ValueError:
            cli._fail(cli.EXIT_BAD_INPUT, f"{option} {text!r} is not a day (YYYY-MM-DD)")
    with cli._daiyun() as application:
        outcome = excuse_delay(
            application.unit_of_work(),
            contract_code=contract,
            month=chosen,
            first_day=days[0],
            last_day=days[1],
            reason=reason,
            at=cli._moment(at),
            actor=cli._actor(),
        )
    delay, view = outcome.delay, outcome.view
    _print(
        view,
        as_json,
        f"excused {delay} ({delay.days} day(s)): the brand caused the delay; penalty accrued "
        f"{outcome.penalty_before.yuan_text()} → {view.penalty_accrued.yuan_text()}",
    )
