"""`daiyun reconcile`: a store's month of orders, Alipay lines and platform fees matched,
every difference with its cause (R-X1, R-S5)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from daiyun.domain.money import Money
from daiyun.entrypoints.cli import common
from daiyun.entrypoints.cli.common import JsonOption
from daiyun.entrypoints.reconciliation_file import CAUSE_NAMES, differences_xlsx
from daiyun.services.reconciliation.reconcile import StoreMonth, reconcile_store_month

__all__ = ["reconcile"]

_SHOWN = 200


def reconcile(
    store: Annotated[str, typer.Option("--store", help="The store's code.")],
    month: Annotated[str, typer.Option("--month", help="The month, YYYY-MM (Beijing time).")],
    as_json: JsonOption = False,
    xlsx: Annotated[
        Path | None, typer.Option("--xlsx", help="Write the differences to this XLSX file.")
    ] = None,
) -> None:
    """Match a store's month: completed orders ↔ Alipay lines ↔ platform fees (R-X1)."""
    chosen = common.parse_month(month)
    with common.open_daiyun() as application:
        found = reconcile_store_month(
            application.alipay_unit_of_work(),
            acting=common.console_user(),
            store_code=store,
            month=chosen,
        )
    if xlsx is not None:
        try:
            xlsx.write_bytes(differences_xlsx(found))
        except OSError as error:
            common.bad_input(f"--xlsx {xlsx}: {error.strerror} / 无法写入文件")
        common.err.print(f"wrote {xlsx} / 已写入 {xlsx}", highlight=False, markup=False)
    common.emit(as_json, found.as_document(), lambda: _human(found))


def _human(found: StoreMonth) -> None:
    console = common.err
    result = found.result
    console.print(
        f"[bold]{found.store} {result.month}[/]: {result.orders_completed} order(s) completed, "
        f"{result.matched} matched / 完成订单 {result.orders_completed} 笔，"
        f"已匹配 {result.matched} 笔"
    )
    figures = Table(title="money in / 收款对账", show_header=True)
    figures.add_column("")
    figures.add_column("expected / 应得", justify="right")
    figures.add_column("Alipay / 支付宝", justify="right")
    for label, expected, actual in (
        ("income / 到账", result.expected_income, result.alipay_income),
        ("technical service fee / 技术服务费", result.expected_fees, result.alipay_fees),
        ("refunds paid out / 退款", result.expected_refunds, result.alipay_refunds),
    ):
        figures.add_row(label, expected.yuan_text(), _marked(expected, actual))
    console.print(figures)
    console.print(
        f"fees given back / 退回费用 {result.fees_returned.yuan_text()}; other charges, not "
        f"compared / 其他扣费（未比对） {result.other_charges.yuan_text()}",
        highlight=False,
    )
    if not result.differences:
        console.print("[green]no differences / 无差异[/]")
        return
    counts = ", ".join(
        f"{CAUSE_NAMES[cause][1].lower()} / {CAUSE_NAMES[cause][0]} {count}"
        for cause, count in result.counts.items()
        if count
    )
    console.print(f"[bold red]{len(result.differences)} difference(s) / 差异[/]: {counts}")
    table = Table(show_header=True)
    table.add_column("cause / 原因")
    table.add_column("order / 订单号")
    for column in ("expected / 应得", "actual / 实际", "difference / 差额"):
        table.add_column(column, justify="right")
    for difference in result.differences[:_SHOWN]:
        chinese, english = CAUSE_NAMES[difference.cause.value]
        table.add_row(
            f"{english} / {chinese}",
            difference.order_no or "—",
            difference.expected.yuan_text(),
            difference.actual.yuan_text(),
            difference.difference.yuan_text(),
        )
    console.print(table)
    if len(result.differences) > _SHOWN:
        more = len(result.differences) - _SHOWN
        console.print(f"… and {more} more (see --xlsx) / 另有 {more} 条（见 --xlsx）")


def _marked(expected: Money, actual: Money) -> str:
    text = actual.yuan_text()
    return text if actual == expected else f"[yellow]{text}[/]"
