"""`daiyun stock`, `daiyun shipping`, `daiyun return`: the brand's consigned stock (R-F1), the
shipping SLA (R-F2, R-F6), returns and exchanges (R-F5). interfaces.md, "Fulfilment and
after-sales", fixes `stock import`, `shipping breaches` and `return request`."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.fulfilment import ShippingMonth
from daiyun.domain.fulfilment.misshipments import MisShipment, MisShipmentReport
from daiyun.domain.fulfilment.returns import ReturnKind, ReturnRecord, ReturnRequest
from daiyun.domain.fulfilment.stock import StockPosition, StockReceipt
from daiyun.domain.fulfilment.stockouts import Stockout
from daiyun.entrypoints.cli import common
from daiyun.entrypoints.cli.common import AtOption, JsonOption

__all__ = [
    "misship_app",
    "misshipment_document",
    "return_app",
    "return_document",
    "shipping_app",
    "stock_app",
    "stockout_document",
]

stock_app = typer.Typer(help="The brand's consigned stock (R-F1).", no_args_is_help=True)
shipping_app = typer.Typer(
    help="Shipping within the contract's hours (R-F2).", no_args_is_help=True
)
return_app = typer.Typer(help="Buyers' returns and exchanges (R-F5).", no_args_is_help=True)
misship_app = typer.Typer(help="Wrong or extra items buyers report (R-F4).", no_args_is_help=True)

BrandOption = Annotated[str, typer.Option("--brand", help="The brand's code.")]
StoreOption = Annotated[str, typer.Option("--store", help="The store's code.")]
_SHOWN_PROBLEMS = 100


def _iso(moment: datetime | None) -> str | None:
    """A moment as ISO 8601 in Beijing time, as interfaces.md writes them."""
    return None if moment is None else moment.astimezone(SHANGHAI).isoformat()


def _day(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


# — stock (R-F1) —


@stock_app.command("import")
def stock_import(
    file: Annotated[Path, typer.Argument(help="CSV (UTF-8 or GBK) or XLSX with a header row.")],
    brand: BrandOption,
    at: Annotated[
        str | None,
        typer.Option("--at", help="The moment the list is as of (ISO 8601; default: now)."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """The brand's list of saleable goods with quantities, as of --at; all or nothing."""
    from daiyun.services.fulfilment.stock import import_stock_list

    as_of = common.moment(at)
    if not file.is_file():
        common.bad_input(f"no such file / 文件不存在: {file}")
    with common.open_daiyun() as application:
        source = application.stock_files.read(file)
        outcome = import_stock_list(
            application.fulfilment_unit_of_work(), brand_code=brand, source=source,
            as_of=as_of, at=common.moment(None), actor=common.actor(),
        )  # fmt: skip
    if outcome.problems:
        for problem in outcome.problems[:_SHOWN_PROBLEMS]:
            common.err.print(str(problem), soft_wrap=True, highlight=False, markup=False)
        count = len(outcome.problems)
        more = f" (first {_SHOWN_PROBLEMS} shown)" if count > _SHOWN_PROBLEMS else ""
        common.bad_input(f"{file}: {count} problem(s){more}; nothing was imported / 未导入")
    document = {
        "brand": outcome.brand, "as_of": _iso(outcome.as_of), "file": file.name,
        "skus": outcome.skus, "rows": outcome.rows, "units": outcome.units,
        "stored": outcome.stored, "unchanged": outcome.unchanged,
    }  # fmt: skip
    said = "the same list was stored already / 此清单已导入过" if outcome.unchanged else "stored"
    common.emit(
        as_json,
        document,
        lambda: common.err.print(
            f"{brand}: stock list as of {_iso(outcome.as_of)}, {outcome.skus} SKU(s), "
            f"{outcome.units} units — {said}",
            highlight=False,
            markup=False,
        ),
    )


@stock_app.command("receive")
def stock_receive(
    brand: BrandOption,
    sku: Annotated[str, typer.Option("--sku", help="The SKU's code (商家编码).")],
    quantity: Annotated[int, typer.Option("--quantity", help="Units received.")],
    on: Annotated[str, typer.Option("--on", help="The day received, YYYY-MM-DD (Beijing).")],
    warehouse: Annotated[str, typer.Option("--warehouse", help="The warehouse (仓库).")] = "",
    reference: Annotated[
        str, typer.Option("--reference", help="The delivery's reference, to tell two apart.")
    ] = "",
    as_json: JsonOption = False,
) -> None:
    """Goods the brand received against a replenishment list (R-F1)."""
    from daiyun.services.fulfilment.stock import receive_stock

    day = common.parse_day("--on", on)
    receipt = StockReceipt(brand, sku, warehouse.strip(), quantity, day, reference.strip())
    with common.open_daiyun() as application:
        recorded = receive_stock(
            application.fulfilment_unit_of_work(), receipt=receipt, at=common.moment(None),
            actor=common.actor(),
        )  # fmt: skip
    document = {
        "brand": brand, "sku": sku, "warehouse": receipt.warehouse, "quantity": quantity,
        "received_on": day.isoformat(), "reference": receipt.reference, "recorded": recorded,
    }  # fmt: skip
    said = "recorded" if recorded else "recorded already (the same receipt) / 已登记过"
    common.emit(
        as_json,
        document,
        lambda: common.err.print(
            f"{brand} {sku}: {quantity} received on {day.isoformat()} — {said}",
            highlight=False,
            markup=False,
        ),
    )


def _position(position: StockPosition, names: dict[str, str]) -> dict[str, Any]:
    return {
        "sku": position.sku,
        "name": names.get(position.sku),
        "listed": position.listed,
        "received": position.received,
        "sold": position.sold,
        "returned": position.returned,
        "on_hand": position.on_hand,
        "sold_last_30_days": position.sold_recently,
        "days_of_cover": position.days_of_cover,
        "warehouses": [
            {
                "warehouse": each.warehouse,
                "listed": each.listed,
                "received": each.received,
                "returned": each.returned,
                "stocked": each.stocked,
            }
            for each in position.warehouses
        ],
    }


@stock_app.command("show")
def stock_show(brand: BrandOption, at: AtOption = None, as_json: JsonOption = False) -> None:
    """Each SKU on hand as of --at, with days of cover (R-F1)."""
    from daiyun.services.fulfilment.stock import stock_report

    moment = common.moment(at)
    with common.open_daiyun() as application:
        report = stock_report(
            application.fulfilment_unit_of_work(read_only=True), brand_code=brand, at=moment
        )
    document = {
        "brand": brand,
        "at": _iso(moment),
        "list_as_of": _iso(report.list_header.as_of),
        "list_file": report.list_header.file_name,
        "skus": [_position(position, report.names) for position in report.positions],
    }

    def human() -> None:
        table = Table(title=f"{brand} stock as of {_iso(moment)} / 库存")
        for column in ("SKU", "listed", "received", "sold", "returned", "on hand", "cover"):
            table.add_column(column, justify="left" if column == "SKU" else "right")
        for p in report.positions:
            cover = "—" if p.days_of_cover is None else str(p.days_of_cover)
            table.add_row(
                p.sku, str(p.listed), str(p.received), str(p.sold), str(p.returned),
                str(p.on_hand), cover,
            )  # fmt: skip
        common.err.print(table)

    common.emit(as_json, document, human)


@stock_app.command("replenishment")
def stock_replenishment(
    brand: BrandOption,
    xlsx: Annotated[Path, typer.Option("--xlsx", help="Write the list to this XLSX file.")],
    at: AtOption = None,
    days: Annotated[
        int, typer.Option("--days", help="Days of sales to cover at the last 30 days' pace.")
    ] = 30,
    as_json: JsonOption = False,
) -> None:
    """The replenishment list the agency sends the brand, as XLSX (R-F1)."""
    from daiyun.services.fulfilment.stock import replenishment

    moment = common.moment(at)
    with common.open_daiyun() as application:
        try:
            sheet = replenishment(
                application.fulfilment_unit_of_work(read_only=True), application.stock_files,
                brand_code=brand, at=moment, cover_days=days, path=xlsx,
            )  # fmt: skip
        except OSError as error:
            common.bad_input(f"--xlsx {xlsx}: {error.strerror or error} / 无法写入文件")
    document = {
        "brand": brand,
        "at": _iso(moment),
        "list_as_of": _iso(sheet.list_as_of),
        "cover_days": sheet.cover_days,
        "xlsx": str(xlsx),
        "skus": [
            {"sku": p.sku, "name": name or None, "on_hand": p.on_hand,
             "sold_last_30_days": p.sold_recently, "days_of_cover": p.days_of_cover,
             "units_to_send": units}
            for p, name, units in sheet.rows
        ],
    }  # fmt: skip
    common.emit(
        as_json,
        document,
        lambda: common.err.print(
            f"wrote {xlsx}: {len(sheet.rows)} SKU(s) to replenish / 已写入补货单",
            highlight=False,
            markup=False,
        ),
    )


def stockout_document(each: Stockout, on: date) -> dict[str, Any]:
    """A stockout as the command line and the pages write it (R-F3)."""
    return {
        "store": each.store,
        "sku": each.sku,
        "started_at": _iso(each.started_at),
        "started_on": each.started_on.isoformat(),
        "notice_by": each.duties.notice_by.isoformat(),
        "replenish_by": each.duties.replenish_by.isoformat(),
        "state": each.state(on).value,
        "deadline": each.deadline(on).isoformat(),
        "ended_at": _iso(each.ended_at),
        "done_at": _iso(each.done_at),
        "done_by": each.done_by,
        "done_note": each.done_note,
    }


@stock_app.command("stockouts")
def stock_stockouts(brand: BrandOption, at: AtOption = None, as_json: JsonOption = False) -> None:
    """Check the brand's listings on sale for SKUs at zero as of --at (R-F3): start a
    stockout for each new one, end those back in stock, and list the open ones with the
    brand's notice and replenishment days, and the task once those have passed."""
    from daiyun.services.fulfilment.stockouts import check_stockouts

    moment = common.moment(at)
    with common.open_daiyun() as application:
        check = check_stockouts(application.fulfilment_unit_of_work(), brand_code=brand, at=moment)
    document = {
        "brand": brand,
        "at": _iso(moment),
        "started": check.started,
        "ended": check.ended,
        "stockouts": [stockout_document(each, check.on) for each in check.stockouts],
    }

    def human() -> None:
        table = Table(title=f"{brand} stockouts as of {_iso(moment)} / 缺货")
        for column in ("store", "SKU", "since", "notice by", "replenish by", "state"):
            table.add_column(column)
        for each in check.stockouts:
            table.add_row(
                each.store, each.sku, each.started_on.isoformat(),
                each.duties.notice_by.isoformat(), each.duties.replenish_by.isoformat(),
                each.state(check.on).value,
            )  # fmt: skip
        common.err.print(table)
        common.err.print(f"started {check.started}, ended {check.ended}", highlight=False)

    common.emit(as_json, document, human)


@stock_app.command("stockout-done")
def stock_stockout_done(
    brand: BrandOption,
    sku: Annotated[str, typer.Option("--sku", help="The SKU's code (商家编码).")],
    note: Annotated[
        str,
        typer.Option("--note", help="What was done: taken off sale, supply information corrected."),
    ],
    store: Annotated[
        str | None, typer.Option("--store", help="Only this store's listing (default: every one).")
    ] = None,
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """The task past the replenishment days done (R-F3); refused (exit 1) before then."""
    from daiyun.services.fulfilment.stockouts import stockout_done

    moment = common.moment(at)
    with common.open_daiyun() as application:
        done = stockout_done(
            application.fulfilment_unit_of_work(), brand_code=brand, sku_code=sku,
            store_code=store, note=note, at=moment, actor=common.actor(),
        )  # fmt: skip
    on = moment.astimezone(SHANGHAI).date()
    document = {"brand": brand, "sku": sku, "done": [stockout_document(e, on) for e in done]}
    common.emit(
        as_json,
        document,
        lambda: common.err.print(
            f"{brand} {sku}: {len(done)} stockout task(s) done / 缺货任务已完成",
            highlight=False,
            markup=False,
        ),
    )


# — shipping (R-F2, R-F6) —


def _judged(store: str, month: str, at: str | None) -> ShippingMonth:
    from daiyun.services.fulfilment.shipping import shipping_month

    chosen = common.parse_month(month)
    moment = common.moment(at)
    with common.open_daiyun() as application:
        return shipping_month(
            application.fulfilment_unit_of_work(read_only=True), common.console_user(),
            store_code=store, month=chosen, as_of=moment,
        )  # fmt: skip


MonthOption = Annotated[str, typer.Option("--month", help="The month paid in, YYYY-MM.")]


@shipping_app.command("breaches")
def shipping_breaches(
    store: StoreOption, month: MonthOption, at: AtOption = None, as_json: JsonOption = False
) -> None:
    """Orders paid in the month that shipped later than the SLA, or are still unshipped past
    it as of --at (R-F2); digital goods have no SLA (R-F6)."""
    judged = _judged(store, month, at)
    document = {
        "store": judged.store,
        "month": str(judged.month),
        "breaches": [
            {
                "order_no": late.order_no,
                "paid_at": _iso(late.paid_at),
                "ship_by": _iso(late.ship_by),
                "shipped_at": _iso(late.shipped_at),
                "hours_late": late.hours_late,
                "open": late.shipped_at is None,
            }
            for late in judged.breaches
        ],
    }

    def human() -> None:
        table = Table(title=f"{store} {judged.month}: shipped late / 发货超时")
        for column in ("order", "paid", "ship by", "shipped", "hours late"):
            table.add_column(column)
        for late in judged.breaches:
            shipped = "open / 未发货" if late.shipped_at is None else _iso(late.shipped_at)
            table.add_row(
                late.order_no, _iso(late.paid_at), _iso(late.ship_by), shipped,
                str(late.hours_late),
            )  # fmt: skip
        common.err.print(table)

    common.emit(as_json, document, human)


@shipping_app.command("on-time")
def shipping_on_time(
    store: StoreOption, month: MonthOption, at: AtOption = None, as_json: JsonOption = False
) -> None:
    """The month's on-time rate: of the orders judged as of --at, those shipped in time."""
    judged = _judged(store, month, at)
    rate = judged.on_time_rate
    document = {
        "store": judged.store, "month": str(judged.month), "as_of": _iso(judged.as_of),
        "sla_hours": judged.sla_hours, "orders": judged.orders, "digital": judged.digital,
        "pending": judged.pending, "unknown": judged.unknown, "judged": judged.judged,
        "on_time": judged.on_time, "late": judged.late,
        "on_time_rate": None if rate is None else str(rate),
    }  # fmt: skip
    shown = "—" if rate is None else f"{rate * 100:.2f}%"
    common.emit(
        as_json,
        document,
        lambda: common.err.print(
            f"{store} {judged.month}: {judged.on_time} of {judged.judged} on time ({shown}); "
            f"{judged.pending} within their hours, {judged.digital} digital (no SLA) / 准时率",
            highlight=False,
            markup=False,
        ),
    )


# — returns and exchanges (R-F5) —


def return_document(record: ReturnRecord) -> dict[str, Any]:
    """A request as interfaces.md's `return request --json` gives it, and what became of it."""
    request, decision = record.request, record.decision
    return {
        "status": decision.decision.value,
        "window_ends": _day(decision.window_ends),
        "window_days": decision.window_days,
        "id": record.id,
        "store": request.store,
        "order_no": request.order_no,
        "line": request.line_no,
        "kind": request.kind.value,
        "reason": request.reason,
        "received_on": request.received_on.isoformat(),
        "requested_on": request.requested_on.isoformat(),
        "decided_at": _iso(record.decided_at),
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
            "refunded_at": _iso(record.refunded_at),
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
                each.decision.decision.value, _day(each.decision.window_ends) or "—",
            )  # fmt: skip
        common.err.print(table)

    common.emit(as_json, document, human)


# — mis-shipments (R-F4) —


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
        "recorded_at": _iso(record.recorded_at),
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
                _iso(each.recorded_at) or "", r.store, r.order_no, str(r.line_no),
                r.ordered_sku, r.sent_sku, str(len(each.attachments)),
            )  # fmt: skip
        common.err.print(table)

    common.emit(as_json, document, human)
