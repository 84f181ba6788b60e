"""`daiyun shipping`: the shipping SLA (R-F2, R-F6). interfaces.md, "Fulfilment and
after-sales", fixes `shipping breaches`."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from daiyun.domain.fulfilment import ShippingMonth
from daiyun.entrypoints.cli import common
from daiyun.entrypoints.cli.common import AtOption, JsonOption
from daiyun.entrypoints.cli.fulfilment_common import StoreOption, iso

__all__ = ["shipping_app"]

shipping_app = typer.Typer(
    help="Shipping within the contract's hours (R-F2).", no_args_is_help=True
)


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
                "paid_at": iso(late.paid_at),
                "ship_by": iso(late.ship_by),
                "shipped_at": iso(late.shipped_at),
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
            shipped = "open / 未发货" if late.shipped_at is None else iso(late.shipped_at)
            table.add_row(
                late.order_no, iso(late.paid_at), iso(late.ship_by), shipped,
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
        "store": judged.store, "month": str(judged.month), "as_of": iso(judged.as_of),
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
