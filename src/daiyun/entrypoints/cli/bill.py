"""`daiyun bill draft|issue|confirm|dispute|pay|show|list`, `daiyun service-fee list|pay` and
`daiyun deposit receive|refund|forfeit`: model B's money (issue 18, R-B1–R-B5)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from daiyun.domain.fee_bills.records import DepositEventKind
from daiyun.domain.settlement.records import Answer
from daiyun.entrypoints.cli import common
from daiyun.entrypoints.cli.common import AtOption, JsonOption
from daiyun.services.errors import Refused
from daiyun.services.fee_bills.bill_access import BillView
from daiyun.services.fee_bills.bills import (
    BILL_DISPUTE_NEEDS_REASON,
    answer_bill,
    draft_bill_month,
    issue_bill,
    list_bills,
    pay_bill,
    show_bill,
)
from daiyun.services.fee_bills.service_fee import (
    DepositView,
    ServiceFeeView,
    end_deposit,
    pay_instalment,
    receive_deposit,
    service_fee,
)

__all__ = ["bill_app", "deposit_app", "service_fee_app"]

bill_app = typer.Typer(
    help="Model B's monthly commission bills (the brand collects; R-B2, R-B3, R-B5).",
    no_args_is_help=True,
)
service_fee_app = typer.Typer(
    help="Model B's annual service fee and its instalments (R-B1).", no_args_is_help=True
)
deposit_app = typer.Typer(help="Model B's service deposit (R-B4).", no_args_is_help=True)

ContractOption = Annotated[str, typer.Option("--contract", help="The contract's code.")]
MonthOption = Annotated[str, typer.Option("--month", help="The month, YYYY-MM.")]
ByOption = Annotated[str, typer.Option("--by", help="The brand user's login.")]
ReasonOption = Annotated[str | None, typer.Option("--reason", help="Why (kept in the audit).")]
AmountOption = Annotated[str, typer.Option("--amount", help="Yuan, e.g. 1234.56.")]
PaidOnOption = Annotated[str, typer.Option("--paid-on", help="The day paid, YYYY-MM-DD.")]
OnOption = Annotated[str, typer.Option("--on", help="The day, YYYY-MM-DD.")]


@contextmanager
def _cli_words() -> Iterator[None]:
    """A refusal that says what to do, with the CLI's own option (exit 1 still)."""
    try:
        yield
    except Refused as error:
        message = str(error)
        if message == BILL_DISPUTE_NEEDS_REASON:
            raise Refused("a dispute must say why the fee bill is wrong: give --reason") from error
        raise


def print_bill(view: BillView, as_json: bool, headline: str) -> None:
    """The Bill JSON on stdout, or the figures for people on stderr."""
    common.emit(as_json, view.to_json(), lambda: _human(view, headline))


def _human(view: BillView, headline: str) -> None:
    console = common.err
    figures = view.figures
    receipts = view.record.bill.receipts
    console.print(headline, soft_wrap=True)
    console.print(
        f"{view.contract} {view.month} version {view.version}: {view.status.value} "
        f"(content {view.record.content_hash[:12]}…)"
    )
    rows = (
        ("trade income", receipts.trade_income),
        ("refunds paid out", -receipts.refunds_paid_out),
        ("receipts", figures.receipts),
        ("carried in", figures.carried_in),
        ("commission base", figures.commission_base),
        (f"commission × {view.commission_rate}", figures.commission),
        (f"VAT × {view.vat_rate}", figures.vat),
        ("amount due", view.amount_due),
        ("paid", view.paid),
        ("outstanding", view.outstanding),
    )
    for name, amount in rows:
        console.print(f"  {name:<22} {amount.yuan_text():>14}")
    if figures.carried_out.fen < 0:
        console.print(f"  refunds beyond receipts carried to next month: {figures.carried_out}")
    console.print(
        f"  issue by {figures.issue_by}, payment due {figures.payment_due}, termination "
        f"right from {figures.termination_right_from} if unpaid (R-B5)"
    )
    if view.termination_right:
        console.print(
            f"  {view.days_overdue} day(s) overdue: the operator may terminate the contract (R-B5)"
        )


@bill_app.command("draft")
def bill_draft(
    contract: ContractOption, month: MonthOption, at: AtOption = None, as_json: JsonOption = False
) -> None:
    """Compute month M's bill from the brand's Alipay lines and keep it as the draft."""
    chosen = common.parse_month(month)
    with common.open_daiyun() as application:
        outcome = draft_bill_month(
            application.fee_bill_unit_of_work(),
            contract_code=contract,
            month=chosen,
            at=common.moment(at),
            actor=common.actor(),
        )
    said = "drafted" if outcome.changed else "draft unchanged: the same figures as stored"
    print_bill(outcome.view, as_json, said)


@bill_app.command("issue")
def bill_issue(
    contract: ContractOption, month: MonthOption, at: AtOption = None, as_json: JsonOption = False
) -> None:
    """Freeze the draft as its version and show it to the brand in its portal."""
    chosen = common.parse_month(month)
    with common.open_daiyun() as application:
        view = issue_bill(
            application.fee_bill_unit_of_work(),
            contract_code=contract,
            month=chosen,
            at=common.moment(at),
            actor=common.actor(),
        )
    late = f" — late: due by {view.figures.issue_by}" if view.as_of > view.figures.issue_by else ""
    print_bill(view, as_json, f"issued on {view.as_of}{late}")


def _answer(
    contract: str, month: str, answer: Answer, by: str, reason: str | None, at: str | None
) -> BillView:
    chosen = common.parse_month(month)
    with common.open_daiyun() as application, _cli_words():
        return answer_bill(
            application.fee_bill_unit_of_work(),
            contract_code=contract,
            month=chosen,
            answer=answer,
            by=by,
            at=common.moment(at),
            reason=reason,
        )


@bill_app.command("confirm")
def bill_confirm(
    contract: ContractOption,
    month: MonthOption,
    by: ByOption,
    reason: ReasonOption = None,
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """The brand confirms the issued version."""
    view = _answer(contract, month, Answer.CONFIRM, by, reason, at)
    print_bill(view, as_json, f"confirmed by {by}")


@bill_app.command("dispute")
def bill_dispute(
    contract: ContractOption,
    month: MonthOption,
    by: ByOption,
    reason: ReasonOption = None,
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """The brand disputes the issued version, saying why; a new version follows."""
    view = _answer(contract, month, Answer.DISPUTE, by, reason, at)
    print_bill(view, as_json, f"disputed by {by}: draft and issue the next version")


@bill_app.command("pay")
def bill_pay(
    contract: ContractOption,
    month: MonthOption,
    amount: AmountOption,
    paid_on: PaidOnOption,
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """Record the brand's payment of a bill (partial allowed)."""
    chosen = common.parse_month(month)
    money = common.parse_money("--amount", amount)
    day = common.parse_day("--paid-on", paid_on)
    with common.open_daiyun() as application:
        view = pay_bill(
            application.fee_bill_unit_of_work(),
            contract_code=contract,
            month=chosen,
            amount=money,
            paid_on=day,
            at=common.moment(at),
            actor=common.actor(),
        )
    print_bill(view, as_json, f"payment of {money.yuan_text()} on {day} recorded")


@bill_app.command("show")
def bill_show(
    contract: ContractOption,
    month: MonthOption,
    version: Annotated[
        int | None, typer.Option("--version", help="The version (default: the latest).")
    ] = None,
    xlsx: Annotated[
        Path | None,
        typer.Option("--xlsx", help="Also write an XLSX file, with the VAT invoice request."),
    ] = None,
    pdf: Annotated[
        Path | None,
        typer.Option("--pdf", help="Also write a PDF file, with the VAT invoice request."),
    ] = None,
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """The bill's figures, dates, payments and status as of --at; files on request."""
    from daiyun.entrypoints.fee_bill_files import write_fee_bill_files

    chosen = common.parse_month(month)
    if xlsx is not None and xlsx == pdf:
        common.bad_input(f"--xlsx and --pdf name the same file, {xlsx}: give each its own")
    for option, path in (("--xlsx", xlsx), ("--pdf", pdf)):
        if path is not None and not path.parent.is_dir():
            common.bad_input(f"{option} {path}: the folder {path.parent} does not exist")
    with common.open_daiyun() as application:
        view = show_bill(
            application.fee_bill_unit_of_work(),
            contract_code=contract,
            month=chosen,
            at=common.moment(at),
            version=version,
        )
        try:
            written = write_fee_bill_files(application, view, xlsx=xlsx, pdf=pdf)
        except OSError as error:
            common.bad_input(f"cannot write the fee bill's files: {error}")
    print_bill(view, as_json, f"fee bill {view.contract} {view.month}")
    for path in written:
        common.err.print(f"wrote {path}")


@bill_app.command("list")
def bill_list(contract: ContractOption, at: AtOption = None, as_json: JsonOption = False) -> None:
    """Every month's bill of the contract, at its latest version."""
    with common.open_daiyun() as application:
        views = list_bills(
            application.fee_bill_unit_of_work(), contract_code=contract, at=common.moment(at)
        )

    def human() -> None:
        for view in views:
            common.err.print(
                f"{view.month}  v{view.version}  {view.status.value:<10} due "
                f"{view.amount_due.yuan_text():>12}  paid {view.paid.yuan_text():>12}  "
                f"by {view.figures.payment_due}"
            )

    common.emit(as_json, {"contract": contract, "bills": [v.to_json() for v in views]}, human)


def _print_fees(view: ServiceFeeView, as_json: bool) -> None:
    def human() -> None:
        console = common.err
        console.print(
            f"{view.contract}: annual service fee {view.annual_fee.yuan_text()} before VAT "
            f"(VAT {view.vat_rate}), effective {view.effective_on}"
        )
        if not view.instalments:
            console.print("  no annual service fee agreed (0.00): no instalments (R-B1)")
        for each in view.instalments:
            console.print(
                f"  {each.instalment.number}. {each.amount_due.yuan_text():>12} with VAT, due "
                f"{each.instalment.due_on}, paid {each.paid.yuan_text()}: {each.status}"
            )
        deposit = view.deposit
        console.print(f"  deposit {deposit.agreed.yuan_text()}: {deposit.state}")

    common.emit(as_json, view.to_json(), human)


@service_fee_app.command("list")
def service_fee_list(
    contract: ContractOption, at: AtOption = None, as_json: JsonOption = False
) -> None:
    """The annual service fee's instalments: amount, due date, paid, status; and the deposit."""
    with common.open_daiyun() as application:
        view = service_fee(
            application.fee_bill_unit_of_work(), contract_code=contract, at=common.moment(at)
        )
    _print_fees(view, as_json)


@service_fee_app.command("pay")
def service_fee_pay(
    contract: ContractOption,
    instalment: Annotated[int, typer.Option("--instalment", help="The instalment: 1 or 2.")],
    amount: AmountOption,
    paid_on: PaidOnOption,
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """Record the brand's payment of an instalment, with its VAT (partial allowed)."""
    money = common.parse_money("--amount", amount)
    day = common.parse_day("--paid-on", paid_on)
    moment = common.moment(at)
    with common.open_daiyun() as application:
        pay_instalment(
            application.fee_bill_unit_of_work(),
            contract_code=contract,
            number=instalment,
            amount=money,
            paid_on=day,
            at=moment,
            actor=common.actor(),
        )
        view = service_fee(application.fee_bill_unit_of_work(), contract_code=contract, at=moment)
    common.err.print(f"payment of {money.yuan_text()} on {day} recorded")
    _print_fees(view, as_json)


def _print_deposit(view: DepositView, as_json: bool, headline: str) -> None:
    common.emit(as_json, view.to_json(), lambda: common.err.print(f"{headline}: {view.state}"))


@deposit_app.command("receive")
def deposit_receive(
    contract: ContractOption, on: OnOption, at: AtOption = None, as_json: JsonOption = False
) -> None:
    """The brand's service deposit arrived (the amount the contract agrees)."""
    day = common.parse_day("--on", on)
    with common.open_daiyun() as application:
        view = receive_deposit(
            application.fee_bill_unit_of_work(),
            contract_code=contract,
            received_on=day,
            at=common.moment(at),
            actor=common.actor(),
        )
    _print_deposit(view, as_json, f"deposit {view.agreed.yuan_text()} received on {day}")


def _end(
    contract: str, kind: DepositEventKind, on: str, reason: str | None, at: str | None
) -> DepositView:
    day = common.parse_day("--on", on)
    with common.open_daiyun() as application:
        return end_deposit(
            application.fee_bill_unit_of_work(),
            contract_code=contract,
            kind=kind,
            on=day,
            reason=reason,
            at=common.moment(at),
            actor=common.actor(),
        )


@deposit_app.command("refund")
def deposit_refund(
    contract: ContractOption,
    on: OnOption,
    reason: ReasonOption = None,
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """The held deposit paid back to the brand."""
    view = _end(contract, DepositEventKind.REFUNDED, on, reason, at)
    _print_deposit(view, as_json, "deposit refunded")


@deposit_app.command("forfeit")
def deposit_forfeit(
    contract: ContractOption,
    on: OnOption,
    reason: ReasonOption = None,
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """The deposit forfeited on the brand's breach or unilateral termination (give --reason)."""
    view = _end(contract, DepositEventKind.FORFEITED, on, reason, at)
    _print_deposit(view, as_json, "deposit forfeited")
