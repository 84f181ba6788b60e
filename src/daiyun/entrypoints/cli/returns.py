"""`daiyun return`: buyers' returns and exchanges (R-F5). interfaces.md, "Fulfilment and
after-sales", fixes `return request`."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from daiyun.domain.fulfilment.returns import ReturnKind, ReturnRecord, ReturnRequest
from daiyun.entrypoints.cli import common
from daiyun.entrypoints.cli.common import JsonOption
from daiyun.entrypoints.cli.fulfilment_common import StoreOption, day_text, iso

__all__ = ["return_app", "return_document"]

return_app = typer.Typer(help="Buyers' returns and exchanges (R-F5).", no_args_is_help=True)


def return_document(record: ReturnRecord) -> dict[str, Any]:
    """A request as interfaces.md's `return request --json` gives it, and what became of it."""
    request, decision = record.request, record.decision
    return {
        "status": decision.decision.value,
        "window_ends": day_text(decision.window_ends),
        "window_days": decision.window_days,
        "id": record.id,
        "store": request.store,
        "order_no": request.order_no,
        "line": request.line_no,
        "kind": request.kind.value,
        "reason": request.reason,
        "received_on": request.received_on.isoformat(),
        "requested_on": request.requested_on.isoformat(),
        "decided_at": iso(record.decided_at),
        "decided_by": record.decided_by,
        "goods_received": [
            {
                "line": goods.line_no,
                "sku": goods.sku,
                "units": goods.units,
                "restocked": goods.restocked,
                "warehouse": goods.warehouse,
                "received_on": goods.received_on.isoformat(),
            }
            for goods in record.goods
        ],
        "refund": {
            "units": record.refund_units,
            "amount": record.refund_amount.yuan_text(),
            "refunded_at": iso(record.refunded_at),
        },
    }


@return_app.command("request")
def return_request(
    store: StoreOption,
    order: Annotated[str, typer.Option("--order", help="The order number.")],
    kind: Annotated[ReturnKind, typer.Option("--kind", help="return or exchange.")],
    reason: Annotated[
        str, typer.Option("--reason", help="quality, or the buyer's reason in words.")
    ],
    received_on: Annotated[
        str, typer.Option("--received-on", help="The day the buyer received the goods.")
    ],
    requested_on: Annotated[str, typer.Option("--requested-on", help="The day the buyer asked.")],
    line: Annotated[
        int | None, typer.Option("--line", help="The order line (default: the whole order).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """A buyer's return or exchange request, accepted or refused by the contract's windows
    (R-F5); exit 1 when refused, naming the window's last day."""
    from daiyun.services.fulfilment.returns import refusal_message, request_return

    request = ReturnRequest(
        store=store, order_no=order, line_no=line, kind=kind, reason=reason,
        received_on=common.parse_day("--received-on", received_on),
        requested_on=common.parse_day("--requested-on", requested_on),
    )  # fmt: skip
    if line is not None and line < 1:
        common.bad_input(f"--line {line}: order lines are numbered from 1")
    with common.open_daiyun() as application:
        answer = request_return(
            application.fulfilment_unit_of_work(), common.console_user(), request=request,
            at=common.moment(None),
        )  # fmt: skip
    record = answer.record
    if as_json:
        common.emit(True, return_document(record), lambda: None)
    if not record.decision.accepted:
        common.fail(common.EXIT_REFUSED, refusal_message(record))
    if not as_json:
        ends = record.decision.window_ends
        window = "quality: no window" if ends is None else f"window ends {ends.isoformat()}"
        common.err.print(
            f"accepted: {kind.value} of order {order} ({window}) / 已受理",
            highlight=False,
            markup=False,
        )


@return_app.command("receive")
def return_receive(
    store: StoreOption,
    order: Annotated[str, typer.Option("--order", help="The order number.")],
    line: Annotated[int, typer.Option("--line", help="The order line.")],
    on: Annotated[str, typer.Option("--on", help="The day the goods came back, YYYY-MM-DD.")],
    units: Annotated[
        int | None, typer.Option("--units", help="Units back (default: the line's).")
    ] = None,
    warehouse: Annotated[str, typer.Option("--warehouse", help="The warehouse (仓库).")] = "",
    as_json: JsonOption = False,
) -> None:
    """The goods of an accepted return or exchange received back: a return's into the
    brand's stock (R-F5, R-F1)."""
    from daiyun.services.fulfilment.returns import receive_returned_goods

    day = common.parse_day("--on", on)
    with common.open_daiyun() as application:
        answer = receive_returned_goods(
            application.fulfilment_unit_of_work(), common.console_user(), store_code=store,
            order_no=order, line_no=line, received_on=day, units=units,
            warehouse=warehouse.strip(), at=common.moment(None),
        )  # fmt: skip
    document = {**return_document(answer.record), "recorded": answer.new}
    said = "recorded" if answer.new else "recorded already / 已登记过"
    common.emit(
        as_json,
        document,
        lambda: common.err.print(
            f"order {order} line {line}: goods back on {day.isoformat()} — {said}",
            highlight=False,
            markup=False,
        ),
    )


@return_app.command("list")
def return_list(
    store: Annotated[
        str | None, typer.Option("--store", help="Only this store's requests.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Return and exchange requests, newest first, with their decisions."""
    from daiyun.services.fulfilment.returns import list_returns

    with common.open_daiyun() as application:
        found, total = list_returns(
            application.fulfilment_unit_of_work(read_only=True), common.console_user(),
            store_code=store, limit=1000,
        )  # fmt: skip
    document = {"total": total, "requests": [return_document(each) for each in found]}

    def human() -> None:
        table = Table(title=f"returns and exchanges / 退换货 ({total})")
        for column in ("store", "order", "line", "kind", "reason", "asked", "status", "ends"):
            table.add_column(column)
        for each in found:
            r = each.request
            table.add_row(
                r.store, r.order_no, "all" if r.line_no is None else str(r.line_no),
                r.kind.value, r.reason, r.requested_on.isoformat(),
                each.decision.decision.value, day_text(each.decision.window_ends) or "—",
            )  # fmt: skip
        common.err.print(table)

    common.emit(as_json, document, human)
