"""`daiyun stock`: the brand's consigned stock (R-F1) and its stockouts (R-F3).
interfaces.md, "Fulfilment and after-sales", fixes `stock import`."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.fulfilment.stock import StockPosition, StockReceipt
from daiyun.domain.fulfilment.stockouts import Stockout
from daiyun.entrypoints.cli import common
from daiyun.entrypoints.cli.common import AtOption, JsonOption
from daiyun.entrypoints.cli.fulfilment_common import BrandOption, iso
from daiyun.entrypoints.cli.stock_losses import loss_app

__all__ = ["stock_app", "stockout_document"]

stock_app = typer.Typer(help="The brand's consigned stock (R-F1).", no_args_is_help=True)
# R-F7: `daiyun stock loss record|list`, goods lost or damaged in the operator's custody.
stock_app.add_typer(loss_app, name="loss")
_SHOWN_PROBLEMS = 100


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
        "brand": outcome.brand, "as_of": iso(outcome.as_of), "file": file.name,
        "skus": outcome.skus, "rows": outcome.rows, "units": outcome.units,
        "stored": outcome.stored, "unchanged": outcome.unchanged,
    }  # fmt: skip
    said = "the same list was stored already / 此清单已导入过" if outcome.unchanged else "stored"
    common.emit(
        as_json,
        document,
        lambda: common.err.print(
            f"{brand}: stock list as of {iso(outcome.as_of)}, {outcome.skus} SKU(s), "
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
        "lost": position.lost,
        "on_hand": position.on_hand,
        "sold_last_30_days": position.sold_recently,
        "days_of_cover": position.days_of_cover,
        "warehouses": [
            {
                "warehouse": each.warehouse,
                "listed": each.listed,
                "received": each.received,
                "returned": each.returned,
                "lost": each.lost,
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
        "at": iso(moment),
        "list_as_of": iso(report.list_header.as_of),
        "list_file": report.list_header.file_name,
        "skus": [_position(position, report.names) for position in report.positions],
    }

    def human() -> None:
        table = Table(title=f"{brand} stock as of {iso(moment)} / 库存")
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
        "at": iso(moment),
        "list_as_of": iso(sheet.list_as_of),
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
        "started_at": iso(each.started_at),
        "started_on": each.started_on.isoformat(),
        "notice_by": each.duties.notice_by.isoformat(),
        "replenish_by": each.duties.replenish_by.isoformat(),
        "state": each.state(on).value,
        "deadline": each.deadline(on).isoformat(),
        "ended_at": iso(each.ended_at),
        "done_at": iso(each.done_at),
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
        "at": iso(moment),
        "started": check.started,
        "ended": check.ended,
        "stockouts": [stockout_document(each, check.on) for each in check.stockouts],
    }

    def human() -> None:
        table = Table(title=f"{brand} stockouts as of {iso(moment)} / 缺货")
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
