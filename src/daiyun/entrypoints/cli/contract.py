"""`daiyun contract load`: a brand, its contract, terms and stores from a contract file; and the
contract's life (issue 21): `show`, `object`, `end`, `breach-notice`, `cured`, `exit-done`."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Annotated

import typer

from daiyun.domain.calendar import business_date
from daiyun.domain.contracts import Party, parse_contract_file
from daiyun.domain.contracts.lifecycle import EndCause
from daiyun.domain.contracts.termination import ExitDutyKind
from daiyun.entrypoints.cli import common
from daiyun.entrypoints.cli.common import AtOption, JsonOption
from daiyun.services.contracts.lifecycle import (
    close_exit_duty,
    end_contract,
    object_to_renewal,
    record_breach_notice,
    record_cure,
)
from daiyun.services.contracts.lifecycle_view import ContractLifeView, contract_life
from daiyun.services.contracts.loading import load_contract

__all__ = ["contract_app"]

contract_app = typer.Typer(help="Contracts with brands.", no_args_is_help=True)


@contract_app.command("load")
def contract_load(
    file: Annotated[Path, typer.Argument(help="A contract file (TOML).")],
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """Create or update a brand, its contract and its stores from a contract file."""
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        common.bad_input(f"{file}: cannot read the file: {error}")
    with common.open_daiyun() as application:
        contract_file = parse_contract_file(text, str(file))
        outcome = load_contract(
            application.unit_of_work(), contract_file, at=common.moment(at), actor=common.actor()
        )
    document = {
        "brand": outcome.brand,
        "contract": outcome.contract,
        "changed": outcome.changed,
        "brand_created": outcome.brand_created,
        "contract_created": outcome.contract_created,
        "contract_updated": outcome.contract_updated,
        "stores_created": outcome.stores_created,
        "stores_updated": outcome.stores_updated,
    }
    common.emit(
        as_json,
        document,
        lambda: common.err.print(
            f"contract {outcome.contract} for brand {outcome.brand}: "
            + ("loaded" if outcome.changed else "already up to date, nothing changed")
        ),
    )


# — issue 21: the contract's life (R-C5, R-C6, R-C8) —

ContractOption = Annotated[str, typer.Option("--contract", help="The contract's code.")]
OnOption = Annotated[str, typer.Option("--on", help="The day (YYYY-MM-DD).")]
ByOption = Annotated[str, typer.Option("--by", help="Which party: operator or brand.")]


def _party(text: str) -> Party:
    try:
        return Party(text)
    except ValueError:
        common.bad_input(f"--by {text!r} is not a party; write operator or brand")


def _life_lines(view: ContractLifeView) -> None:
    course, out = view.course, common.err.print
    current = course.current
    out(
        f"contract {view.contract.code} (brand {view.contract.brand_code}, model "
        f"{view.contract.model.value}) as of {view.as_of}"
    )
    out(f"  term {current.number}: {current.first_day} – {current.last_day}")
    for term in course.renewals:
        out(f"  renewal {term.number - 1} (term {term.number}): {term.first_day} – {term.last_day}")
    if course.next_notice is not None:
        out(f"  next notice deadline: {course.next_notice.notice_by} (R-C5)")
    for each in course.objections:
        out(f"  objection by the {each.by.value} on {each.objected_on} (term {each.term})")
    if course.ends_on is not None:
        out(f"  ends on {course.ends_on} ({course.end_cause.value if course.end_cause else ''})")
    for right in view.rights:
        out(f"  termination right: {right.key}, the {right.holder.value}'s, from {right.arose_on}")
    for notice in view.notices:
        cured = f"cured {notice.cured_on}" if notice.cured_on else "not cured"
        out(
            f"  breach notice {notice.id} by the {notice.by.value}: "
            f"cure by {notice.cure_by}, {cured}"
        )
    for duty in view.exit_duties:
        done = f"done {duty.done_on}" if duty.done_on else "open"
        out(f"  exit duty {duty.kind.value}: due {duty.due_on}, {done}")
    terms = view.contract.terms
    until = view.confidentiality_until
    out(
        f"  confidentiality (R-C8): damages {terms.confidentiality_damages.yuan_text()}, until "
        + (str(until) if until else f"{terms.confidentiality_years} years after the end")
    )


@contract_app.command("show")
def contract_show(
    contract: ContractOption,
    on: Annotated[str | None, typer.Option("--on", help="As of this day (default: today).")] = None,
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """The contract's term, renewals, next notice deadline, objections, end, exit duties and
    confidentiality (R-C5, R-C6, R-C8)."""
    day = business_date(common.moment(at)) if on is None else common.parse_day("--on", on)
    with common.open_daiyun() as application:
        view = contract_life(
            application.lifecycle_unit_of_work(read_only=True),
            common.console_user(),
            contract_code=contract,
            as_of=day,
        )
    common.emit(as_json, view.to_json(), lambda: _life_lines(view))


@contract_app.command("object")
def contract_object(
    contract: ContractOption,
    by: ByOption,
    on: OnOption,
    reason: Annotated[str | None, typer.Option("--reason", help="Why, as written.")] = None,
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """Record a party's written objection to renewal (R-C5); refused after the notice
    deadline, naming it. The contract then ends at the end of its term."""
    party, day = _party(by), common.parse_day("--on", on)
    with common.open_daiyun() as application:
        objection = object_to_renewal(
            application.lifecycle_unit_of_work(),
            acting=common.console_user(), contract_code=contract, by=party, on=day,
            reason=reason, at=common.moment(at), actor=common.actor(),
        )  # fmt: skip
    document = {
        "contract": contract,
        "term": objection.term,
        "by": objection.by.value,
        "on": objection.objected_on.isoformat(),
        "reason": objection.reason,
    }
    common.emit(
        as_json,
        document,
        lambda: common.err.print(
            f"contract {contract}: the {party.value}'s objection to the renewal of term "
            f"{objection.term} recorded ({day})"
        ),
    )


@contract_app.command("end")
def contract_end(
    contract: ContractOption,
    on: OnOption,
    cause: Annotated[str, typer.Option("--cause", help="agreement, expiry or termination (R-C6).")],
    reason: Annotated[str | None, typer.Option("--reason", help="Why, as written.")] = None,
    right: Annotated[
        str | None,
        typer.Option("--right", help="The termination right used (default: the earliest)."),
    ] = None,
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """The contract ends on that day (its last day); its exit duties start (R-C6)."""
    try:
        end_cause = EndCause(cause)
    except ValueError:
        common.bad_input(
            f"--cause {cause!r} is not a cause; write agreement, expiry or termination"
        )
    day = common.parse_day("--on", on)
    if right is not None and end_cause is not EndCause.TERMINATION:
        common.bad_input(
            "--right names the right a termination uses; give it with --cause termination"
        )
    with common.open_daiyun() as application:
        end = end_contract(
            application.lifecycle_unit_of_work(),
            acting=common.console_user(), contract_code=contract, on=day, cause=end_cause,
            reason=reason, right=right, at=common.moment(at), actor=common.actor(),
        )  # fmt: skip
        view = contract_life(
            application.lifecycle_unit_of_work(read_only=True),
            common.console_user(), contract_code=contract, as_of=day,
        )  # fmt: skip
    document = {
        "contract": contract,
        "on": end.last_day.isoformat(),
        "cause": end.cause.value,
        "right": end.right,
        "reason": end.reason,
        "exit_duties": view.to_json()["exit_duties"],
    }
    common.emit(
        as_json,
        document,
        lambda: common.err.print(
            f"contract {contract} ends on {day} ({end_cause.value}"
            + (f", {end.right}" if end.right else "")
            + f"); exit duties due {day + timedelta(days=view.contract.terms.exit_days)}"
        ),
    )


@contract_app.command("breach-notice")
def contract_breach_notice(
    contract: ContractOption,
    by: ByOption,
    on: OnOption,
    what: Annotated[str, typer.Option("--what", help="The material breach, as written.")],
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """Record a written notice of a material breach and its cure deadline (R-C6)."""
    party, day = _party(by), common.parse_day("--on", on)
    with common.open_daiyun() as application:
        answer = record_breach_notice(
            application.lifecycle_unit_of_work(),
            acting=common.console_user(), contract_code=contract, by=party, on=day, what=what,
            at=common.moment(at), actor=common.actor(),
        )  # fmt: skip
    notice = answer.notice
    document = {
        "id": notice.id,
        "contract": contract,
        "by": notice.by.value,
        "on": notice.notified_on.isoformat(),
        "what": notice.what,
        "cure_by": notice.cure_by.isoformat(),
        "new": answer.new,
    }
    common.emit(
        as_json,
        document,
        lambda: common.err.print(
            f"breach notice {notice.id} on contract {contract}: to be cured by {notice.cure_by}"
            + ("" if answer.new else " (recorded already)")
        ),
    )


@contract_app.command("cured")
def contract_cured(
    notice: Annotated[int, typer.Option("--notice", help="The breach notice's number.")],
    on: OnOption,
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """Record that the breach of a notice was cured on that day (R-C6)."""
    day = common.parse_day("--on", on)
    with common.open_daiyun() as application:
        cured = record_cure(
            application.lifecycle_unit_of_work(),
            acting=common.console_user(), notice_id=notice, on=day, at=common.moment(at),
            actor=common.actor(),
        )  # fmt: skip
    in_time = day <= cured.cure_by
    document = {"id": cured.id, "cured_on": day.isoformat(), "cure_by": cured.cure_by.isoformat()}
    common.emit(
        as_json,
        document | {"in_time": in_time},
        lambda: common.err.print(
            f"breach notice {notice}: cured on {day}"
            + ("" if in_time else f", after its deadline {cured.cure_by}")
        ),
    )


@contract_app.command("exit-done")
def contract_exit_done(
    contract: ContractOption,
    duty: Annotated[
        str,
        typer.Option(
            "--duty",
            help="remove_marks, return_goods, final_statement, final_bill or "
            "hand_back_credentials.",
        ),
    ],
    on: OnOption,
    evidence: Annotated[
        Path | None, typer.Option("--evidence", help="A file that shows it was done.")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="What was done, as written.")] = None,
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """Close an exit duty with its evidence, a file or a note (R-C6)."""
    try:
        kind = ExitDutyKind(duty)
    except ValueError:
        kinds = ", ".join(each.value for each in ExitDutyKind)
        common.bad_input(f"--duty {duty!r} is not an exit duty; write one of {kinds}")
    day = common.parse_day("--on", on)
    content: tuple[str, bytes] | None = None
    if evidence is not None:
        try:
            content = (evidence.name, evidence.read_bytes())
        except OSError as error:
            common.bad_input(f"--evidence {evidence}: {error.strerror or error}")
    with common.open_daiyun() as application:
        record = close_exit_duty(
            application.lifecycle_unit_of_work(), application.attachment_files,
            acting=common.console_user(), contract_code=contract, duty=kind, on=day, note=note,
            evidence=content, at=common.moment(at), actor=common.actor(),
        )  # fmt: skip
    document = {
        "contract": contract,
        "duty": record.duty.value,
        "done_on": record.done_on.isoformat(),
        "note": record.note,
        "file": record.file_name,
        "sha256": record.sha256,
    }
    common.emit(
        as_json,
        document,
        lambda: common.err.print(f"contract {contract}: exit duty {kind.value} done on {day}"),
    )
