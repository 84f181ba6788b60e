"""`daiyun statement draft|issue|confirm|dispute|show`: monthly model A statements (R-S1…R-S9)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from daiyun.entrypoints.cli import common
from daiyun.entrypoints.cli.common import AtOption, JsonOption
from daiyun.entrypoints.cli.statement_output import print_statement
from daiyun.services.errors import Refused
from daiyun.services.settlement.statement_answers import (
    DISPUTE_NEEDS_REASON,
    confirm_statement,
    dispute_statement,
)
from daiyun.services.settlement.statements import (
    DRAFT_AGAIN,
    draft_month,
    issue_statement,
    show_statement,
)

__all__ = ["statement_app"]

statement_app = typer.Typer(help="Monthly model A statements.", no_args_is_help=True)

ContractOption = Annotated[str, typer.Option("--contract", help="The contract's code.")]
MonthOption = Annotated[str, typer.Option("--month", help="The month, YYYY-MM.")]
ByOption = Annotated[str, typer.Option("--by", help="The brand user's login.")]
ReasonOption = Annotated[str | None, typer.Option("--reason", help="Why (kept in the audit).")]


# The use cases word what to do for every interface; the CLI names its own command and option.
_CLI_HINTS = (
    (DISPUTE_NEEDS_REASON, "a dispute must say why: give --reason"),
    (DRAFT_AGAIN, "run `daiyun statement draft` again and review it"),
)


@contextmanager
def _cli_words() -> Iterator[None]:
    """A refusal that says what to do, said with the CLI's command or option (exit 1 still)."""
    try:
        yield
    except Refused as error:
        message = str(error)
        for said, on_the_cli in _CLI_HINTS:
            if message.endswith(said):
                raise Refused(message.removesuffix(said) + on_the_cli) from error
        raise


@statement_app.command("draft")
def statement_draft(
    contract: ContractOption, month: MonthOption, at: AtOption = None, as_json: JsonOption = False
) -> None:
    """Compute the month from the stored orders and keep it as the draft (re-runnable)."""
    chosen = common.parse_month(month)
    with common.open_daiyun() as application:
        outcome = draft_month(
            application.unit_of_work(),
            contract_code=contract,
            month=chosen,
            at=common.moment(at),
            actor=common.actor(),
        )
    said = "drafted" if outcome.changed else "draft unchanged: the same figures as stored"
    print_statement(outcome.view, as_json, said)


@statement_app.command("issue")
def statement_issue(
    contract: ContractOption, month: MonthOption, at: AtOption = None, as_json: JsonOption = False
) -> None:
    """Freeze the draft as the next version and deliver it to the brand."""
    chosen = common.parse_month(month)
    with common.open_daiyun() as application, _cli_words():
        outcome = issue_statement(
            application.unit_of_work(),
            contract_code=contract,
            month=chosen,
            at=common.moment(at),
            actor=common.actor(),
        )
    late = f" — late: due by {outcome.view.issue_by}" if outcome.issued_late else ""
    print_statement(outcome.view, as_json, f"issued, received {outcome.received_on}{late}")


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
    chosen = common.parse_month(month)
    with common.open_daiyun() as application:
        view = confirm_statement(
            application.unit_of_work(),
            contract_code=contract,
            month=chosen,
            by=by,
            at=common.moment(at),
            reason=reason,
        )
    print_statement(view, as_json, f"confirmed by {by}")


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
    chosen = common.parse_month(month)
    with common.open_daiyun() as application, _cli_words():
        view = dispute_statement(
            application.unit_of_work(),
            contract_code=contract,
            month=chosen,
            by=by,
            at=common.moment(at),
            reason=reason,
        )
    print_statement(view, as_json, f"disputed by {by}: draft and issue the next version")


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
    from daiyun.entrypoints.statement_files import write_statement_files

    chosen = common.parse_month(month)
    moment = common.moment(at)
    with common.open_daiyun() as application:
        view = show_statement(
            application.unit_of_work(),
            contract_code=contract,
            month=chosen,
            at=moment,
            version=version,
        )
        written = write_statement_files(application, view, xlsx=xlsx, pdf=pdf)
    print_statement(view, as_json, f"statement {view.contract} {view.month}")
    for path in written:
        common.err.print(f"wrote {path}")
