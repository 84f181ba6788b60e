"""`daiyun report`: the reports a contract owes (R-R1, R-R2). interfaces.md, "Reports", fixes
`report make` and its JSON; `report run-due` makes every report due by a moment exactly once,
`report list` shows the reports made.

`--pdf PATH` writes the report with its charts as a PDF (adapters/exports/report_pdf.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from daiyun.domain.reports.document import ReportDocument
from daiyun.domain.reports.periods import ReportPeriod
from daiyun.entrypoints.cli import common
from daiyun.entrypoints.cli.common import AtOption, JsonOption

__all__ = ["report_app"]

report_app = typer.Typer(
    help="The reports a contract owes: weekly, monthly, yearly (R-R1).", no_args_is_help=True
)

ContractOption = Annotated[str, typer.Option("--contract", help="The contract's code.")]


@report_app.command("make")
def report_make(
    contract: ContractOption,
    kind: Annotated[str, typer.Option("--kind", help="weekly, monthly or yearly.")],
    period: Annotated[
        str, typer.Option("--period", help="2026-W41 (ISO week), 2026-10 or 2026 (Beijing).")
    ],
    at: AtOption = None,
    as_json: JsonOption = False,
    xlsx: Annotated[
        Path | None,
        typer.Option("--xlsx", help="Also write the data tables to this XLSX file."),
    ] = None,
    pdf: Annotated[
        Path | None,
        typer.Option("--pdf", help="Also write the report with its charts to this PDF file."),
    ] = None,
) -> None:
    """Make the report the contract owes for the period, recorded once with when it was made
    and whether on time; made before, the recorded one is shown (and said so)."""
    from daiyun.services.reports.making import make_report

    try:
        ReportPeriod.parse(kind, period)
    except ValueError as error:
        common.bad_input(f"--kind {kind} --period {period}: {error}")
    when = common.moment(at)
    if xlsx is not None and not xlsx.parent.is_dir():
        common.bad_input(f"--xlsx: no such folder / 文件夹不存在: {xlsx.parent}")
    if pdf is not None and not pdf.parent.is_dir():
        common.bad_input(f"--pdf: no such folder / 文件夹不存在: {pdf.parent}")
    with common.open_daiyun() as application:
        outcome = make_report(
            application.report_unit_of_work(), contract_code=contract, kind=kind,
            period=period, at=when, actor=common.actor(), files=application.report_files,
            xlsx=xlsx,
        )  # fmt: skip
        if pdf is not None:  # issue 20 point 3: the charts, from the recorded document
            pdf.write_bytes(application.report_files.pdf_bytes(outcome.document))
    document = outcome.document

    def human() -> None:
        said = (
            f"made before, at {document.made_at.isoformat()} / 此前已制作"
            if outcome.made_before
            else "made / 已制作"
        )
        _print_summary(document)
        common.err.print(said, highlight=False, markup=False)

    common.emit(as_json, outcome.to_json(), human)


def _print_summary(document: ReportDocument) -> None:
    sales, customers = document.sales, document.customers
    lines = [
        f"{document.contract} {document.kind.value} report {document.period} "
        f"({document.start.isoformat()} – {document.end.isoformat()}), due "
        f"{document.due.isoformat()}, {'on time' if document.on_time else 'LATE'}",
        f"sales: {sales.orders} orders, {sales.units} units, {sales.amount.display()} "
        "(shipping excluded)",
        f"refunds completed: {document.refunds.count}, {document.refunds.amount.display()}",
        f"buyers: {customers.buyers} ({customers.new} new, {customers.repeat} repeat)",
        *(f"  {row.key}: {row.units} units, {row.amount.display()}" for row in document.top_skus),
        "inventory: "
        + (
            f"{len(document.inventory.rows)} SKU(s)"
            if document.inventory.available
            else "no stock data / 暂无库存数据"
        ),
        document.browsing.note_en,
    ]
    for line in lines:
        common.err.print(line, highlight=False, markup=False)


@report_app.command("run-due")
def report_run_due(
    at: Annotated[str, typer.Option("--at", help="The moment (ISO 8601, Beijing if no offset).")],
    as_json: JsonOption = False,
) -> None:
    """Make every report due by --at that is not made yet, each exactly once (R-R1)."""
    from daiyun.services.reports.making import run_due

    when = common.parse_time("--at", at)
    with common.open_daiyun() as application:
        outcome = run_due(application.report_unit_of_work, at=when, actor=common.actor())

    def human() -> None:
        for record in outcome.made:
            common.err.print(
                f"made {record.contract} {record.kind.value} {record.period} (due "
                f"{record.due_on.isoformat()}, {'on time' if record.on_time else 'late'})",
                highlight=False,
                markup=False,
            )
        common.err.print(
            f"{len(outcome.made)} made, {outcome.already} made before",
            highlight=False,
            markup=False,
        )

    common.emit(as_json, outcome.to_json(), human)


@report_app.command("list")
def report_list(contract: ContractOption, as_json: JsonOption = False) -> None:
    """The contract's reports made: kind, period, due day, when made, on time."""
    from daiyun.services.reports.reading import list_reports

    with common.open_daiyun() as application:
        records = list_reports(
            application.report_unit_of_work(read_only=True), contract_code=contract
        )

    def human() -> None:
        for record in records:
            common.err.print(
                f"{record.kind.value:8} {record.period:9} due {record.due_on.isoformat()} "
                f"made {record.made_at.isoformat()} {'on time' if record.on_time else 'late'}",
                highlight=False,
                markup=False,
            )
        if not records:
            common.err.print("no report made yet / 尚未制作报告", highlight=False, markup=False)

    common.emit(
        as_json,
        {"contract": contract, "reports": [record.to_json() for record in records]},
        human,
    )
