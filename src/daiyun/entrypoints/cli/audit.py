"""`daiyun audit verify`: check that the audit log's hash chain holds from its first record to
its last, and name the first broken link when it does not (R-D3)."""

from __future__ import annotations

from typing import Any

import typer

from daiyun.domain.audit_chain import BrokenLink, ChainVerdict
from daiyun.domain.calendar import SHANGHAI
from daiyun.entrypoints.cli import common
from daiyun.entrypoints.cli.common import EXIT_REFUSED, JsonOption
from daiyun.services.audit import verify_audit_log

__all__ = ["audit_app"]

audit_app = typer.Typer(help="The audit log (R-D3): check its hash chain.", no_args_is_help=True)


@audit_app.command("verify")
def audit_verify(as_json: JsonOption = False) -> None:
    """Check every audit record's hash and its link to the one before; exit 1 at a break."""
    with common.open_daiyun() as application:
        verdict = verify_audit_log(application.unit_of_work())
    common.emit(as_json, _document(verdict), lambda: _print_intact(verdict))
    if verdict.broken is not None:
        # The JSON above says the same; the exit code and the message on stderr tell a script.
        common.fail(EXIT_REFUSED, _broken_text(verdict, verdict.broken))


def _print_intact(verdict: ChainVerdict) -> None:
    if verdict.is_intact:
        common.err.print(
            f"audit log intact: {verdict.intact_records} record(s) chained, "
            f"last hash {verdict.last_hash}"
        )


def _document(verdict: ChainVerdict) -> dict[str, Any]:
    document: dict[str, Any] = {
        "intact": verdict.is_intact,
        "records": verdict.intact_records,
        "last_sequence": verdict.last_sequence,
        "last_hash": verdict.last_hash,
    }
    if verdict.broken is not None:
        link = verdict.broken
        document["broken"] = {
            "id": link.record.id,
            "sequence": link.record.sequence,
            "at": link.record.at.astimezone(SHANGHAI).isoformat(),
            "actor": link.record.actor,
            "action": link.record.action,
            "entity": link.record.entity,
            "entity_key": link.record.entity_key,
            "problem": str(link.problem),
            "expected": link.expected,
            "found": link.found,
            "message": link.message,
        }
    return document


def _broken_text(verdict: ChainVerdict, link: BrokenLink) -> str:
    record = link.record
    return (
        f"audit log broken at record id {record.id} "
        f"({record.at.astimezone(SHANGHAI).isoformat()}, {record.action} "
        f"{record.entity} {record.entity_key} by {record.actor}): {link.message}; "
        f"{link.problem} expected {link.expected}, found {link.found}. "
        f"The {verdict.intact_records} record(s) before it hold."
    )
