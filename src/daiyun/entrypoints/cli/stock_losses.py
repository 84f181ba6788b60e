"""`daiyun stock loss`: goods of the brand lost or damaged in the operator's custody (R-F7),
charged to the operator at the guide price and owed to the brand on the month's model A
statement (保管期间货损/丢失)."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from daiyun.domain.fulfilment.custody import CustodyLoss, LossKind, losses_total
from daiyun.entrypoints.cli import common
from daiyun.entrypoints.cli.common import JsonOption
from daiyun.entrypoints.cli.fulfilment_common import BrandOption, iso

__all__ = ["loss_app", "loss_document"]

loss_app = typer.Typer(
    help="Goods lost or damaged in the operator's custody (R-F7).", no_args_is_help=True
)


def loss_document(loss: CustodyLoss) -> dict[str, Any]:
    """A custody loss as the command line writes it: money as yuan text."""
    return {
        "brand": loss.brand,
        "contract": loss.contract,
        "month": str(loss.month),
        "sku": loss.sku,
        "warehouse": loss.warehouse,
        "quantity": loss.quantity,
        "kind": loss.kind.value,
        "occurred_at": iso(loss.occurred_at),
        "what": loss.what,
        "guide_price": loss.guide_price.yuan_text(),
        "amount": loss.amount.yuan_text(),
        "recorded_at": iso(loss.recorded_at),
        "recorded_by": loss.recorded_by,
    }


@loss_app.command("record")
def loss_record(
    brand: BrandOption,
    sku: Annotated[str, typer.Option("--sku", help="The SKU's code (商家编码).")],
    quantity: Annotated[int, typer.Option("--quantity", help="Units lost or damaged.")],
    kind: Annotated[LossKind, typer.Option("--kind", help="lost (丢失) or damaged (货损).")],
    at: Annotated[str, typer.Option("--at", help="When it happened (ISO 8601, with its zone).")],
    what: Annotated[str, typer.Option("--what", help="What happened.")],
    warehouse: Annotated[str, typer.Option("--warehouse", help="The warehouse (仓库).")] = "",
    as_json: JsonOption = False,
) -> None:
    """Record goods of the brand lost or damaged in the operator's custody: charged to the
    operator at the guide price in force at --at, owed to the brand on the model A statement
    of that month (R-F7), and taken off the stock. Exit 1 when refused (no guide price then,
    a future moment, no model A contract in force), 2 for bad input."""
    from daiyun.services.fulfilment.custody import record_custody_loss

    if quantity <= 0:
        common.bad_input(f"--quantity {quantity}: the units lost or damaged, above zero")
    if not what.strip():
        common.bad_input("--what: say what happened / 请说明经过")
    occurred_at = common.parse_time("--at", at)
    with common.open_daiyun() as application:
        answer = record_custody_loss(
            application.fulfilment_unit_of_work(), brand_code=brand, sku_code=sku,
            warehouse=warehouse, quantity=quantity, kind=kind, occurred_at=occurred_at,
            what=what, at=common.moment(None), actor=common.actor(),
        )  # fmt: skip
    loss = answer.loss
    document = loss_document(loss) | {"recorded": answer.new}
    said = "recorded" if answer.new else "recorded already (the same loss) / 已登记过"
    common.emit(
        as_json,
        document,
        lambda: common.err.print(
            f"{brand} {sku}: {loss.quantity} {loss.kind.value} at {iso(loss.occurred_at)}, "
            f"{loss.amount.yuan_text()} owed to the brand on statement {loss.contract} "
            f"{loss.month} — {said} / 保管期间货损/丢失",
            highlight=False,
            markup=False,
        ),
    )


@loss_app.command("list")
def loss_list(
    brand: BrandOption,
    month: Annotated[
        str | None, typer.Option("--month", help="Only the losses of this month, YYYY-MM.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """The brand's custody losses, oldest first, with what each owes the brand (R-F7)."""
    from daiyun.services.fulfilment.custody import list_custody_losses

    chosen = None if month is None else common.parse_month(month)
    with common.open_daiyun() as application:
        found = list_custody_losses(
            application.fulfilment_unit_of_work(read_only=True), brand_code=brand, month=chosen
        )
    document = {
        "brand": brand,
        "month": month,
        "losses": [loss_document(each) for each in found],
        "total": losses_total(found).yuan_text(),
    }

    def human() -> None:
        table = Table(title=f"{brand} custody losses / 保管期间货损/丢失")
        for column in ("when", "SKU", "warehouse", "kind", "units", "guide price", "amount"):
            table.add_column(column, justify="right" if column in {"units", "amount"} else "left")
        for each in found:
            table.add_row(
                iso(each.occurred_at) or "", each.sku, each.warehouse or "—", each.kind.value,
                str(each.quantity), each.guide_price.yuan_text(), each.amount.yuan_text(),
            )  # fmt: skip
        common.err.print(table)
        common.err.print(f"total {document['total']}", highlight=False, markup=False)

    common.emit(as_json, document, human)
