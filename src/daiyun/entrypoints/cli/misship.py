"""`daiyun misship`: wrong or extra items buyers report (R-F4)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from daiyun.domain.fulfilment.misshipments import MisShipment, MisShipmentReport
from daiyun.entrypoints.cli import common
from daiyun.entrypoints.cli.common import AtOption, JsonOption
from daiyun.entrypoints.cli.fulfilment_common import BrandOption, StoreOption, iso

__all__ = ["misship_app", "misshipment_document"]

misship_app = typer.Typer(help="Wrong or extra items buyers report (R-F4).", no_args_is_help=True)


def misshipment_document(record: MisShipment) -> dict[str, Any]:
    report = record.report
    return {
        "id": record.id,
        "brand": record.brand,
        "store": report.store,
        "order_no": report.order_no,
        "line_no": report.line_no,
        "ordered_sku": report.ordered_sku,
        "sent_sku": report.sent_sku,
        "report": report.report,
        "attachments": [
            {"file_name": each.file_name, "sha256": each.sha256, "size": each.size}
            for each in record.attachments
        ],
        "recorded_at": iso(record.recorded_at),
        "recorded_by": record.recorded_by,
    }


@misship_app.command("record")
def misship_record(
    store: StoreOption,
    order: Annotated[str, typer.Option("--order", help="The order number.")],
    line: Annotated[int, typer.Option("--line", help="The order line.")],
    ordered: Annotated[str, typer.Option("--ordered", help="The SKU ordered.")],
    sent: Annotated[str, typer.Option("--sent", help="The SKU sent instead, or besides.")],
    report: Annotated[str, typer.Option("--report", help="What the buyer reported.")],
    attach: Annotated[
        list[Path] | None,
        typer.Option("--attach", help="A file that shows it (photo, chat); repeat for more."),
    ] = None,
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """Record a wrong or extra item a buyer reported; the brand sees it at once in its
    portal (R-F4). Attachments are kept under the data directory."""
    from daiyun.services.fulfilment.misshipments import record_misshipment

    files: list[tuple[str, bytes]] = []
    for path in attach or []:
        try:
            files.append((path.name, path.read_bytes()))
        except OSError as error:
            common.bad_input(f"--attach {path}: {error.strerror or error} / 无法读取文件")
    wanted = MisShipmentReport(store, order, line, ordered, sent, report)
    with common.open_daiyun() as application:
        answer = record_misshipment(
            application.fulfilment_unit_of_work(),
            application.attachment_files,
            report=wanted, attachments=files, at=common.moment(at), actor=common.actor(),
        )  # fmt: skip
    document = misshipment_document(answer.record) | {"new": answer.new}
    said = "recorded" if answer.new else "recorded already (the same) / 已登记过"
    common.emit(
        as_json,
        document,
        lambda: common.err.print(
            f"{store} {order} line {line}: {ordered} ordered, {sent} sent — {said}",
            highlight=False,
            markup=False,
        ),
    )


@misship_app.command("list")
def misship_list(brand: BrandOption, as_json: JsonOption = False) -> None:
    """The brand's mis-shipments, newest first (R-F4)."""
    from daiyun.services.fulfilment.misshipments import list_misshipments

    with common.open_daiyun() as application:
        found = list_misshipments(
            application.fulfilment_unit_of_work(read_only=True), brand_codes=[brand]
        )
    document = {"brand": brand, "misshipments": [misshipment_document(each) for each in found]}

    def human() -> None:
        table = Table(title=f"{brand} mis-shipments / 错发漏发")
        for column in ("recorded", "store", "order", "line", "ordered", "sent", "files"):
            table.add_column(column)
        for each in found:
            r = each.report
            table.add_row(
                iso(each.recorded_at) or "", r.store, r.order_no, str(r.line_no),
                r.ordered_sku, r.sent_sku, str(len(each.attachments)),
            )  # fmt: skip
        common.err.print(table)

    common.emit(as_json, document, human)
