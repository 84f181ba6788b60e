"""A statement as the statement and payment commands print it: the Statement JSON, or its
figures for people."""

from __future__ import annotations

from daiyun.entrypoints.cli import common
from daiyun.services.settlement.statement_access import StatementView

__all__ = ["print_statement"]


def print_statement(view: StatementView, as_json: bool, headline: str) -> None:
    """The Statement JSON on stdout, or the figures for people on stderr."""
    document = view.to_json()
    common.emit(as_json, document, lambda: _human(view, headline))
    if as_json:
        for reason in view.empty_reasons:
            common.err.print(f"empty month: {reason}", soft_wrap=True)


def _human(view: StatementView, headline: str) -> None:
    console = common.err
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
