"""`daiyun listing set-price|tasks|violations`: listing prices against guide price and cap
(R-P2, R-P3, R-P5)."""

from __future__ import annotations

from typing import Annotated

import typer

from daiyun.domain.pricing import RepricingTask
from daiyun.domain.promotions import PriceViolation
from daiyun.entrypoints.cli import common
from daiyun.entrypoints.cli.common import AtOption, JsonOption
from daiyun.services.pricing.listings import (
    open_repricing_tasks,
    price_violations,
    set_listing_price,
)

__all__ = ["listing_app"]

listing_app = typer.Typer(help="Listings and their prices (R-P2, R-P3).", no_args_is_help=True)


@listing_app.command("set-price")
def listing_set_price(
    store: Annotated[str, typer.Option("--store", help="The store's code.")],
    sku: Annotated[str, typer.Option("--sku", help="The SKU's seller code.")],
    price: Annotated[str, typer.Option("--price", help="Yuan, e.g. 199.00.")],
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """Set a listing's price; refused (exit 1) below the guide price or above the cap."""
    amount = common.parse_money("--price", price)
    with common.open_daiyun() as application:
        done = set_listing_price(
            application.unit_of_work(),
            store_code=store,
            sku_code=sku,
            price=amount,
            at=common.moment(at),
            actor=common.actor(),
        )
    document = {
        "store": store,
        "sku": sku,
        "price": amount.yuan_text(),
        "previous": None if done.previous is None else done.previous.yuan_text(),
        "guide_price": done.guide_price.yuan_text(),
        "promotion": None
        if done.allowance is None
        else {"code": done.allowance.plan_code, "version": done.allowance.version},
        "tasks_resolved": done.tasks_resolved,
    }
    common.emit(
        as_json,
        document,
        lambda: common.err.print(
            f"{store} {sku}: {amount} (guide {done.guide_price})"
            + (f", allowed by promotion {done.allowance.plan_code}" if done.allowance else "")
        ),
    )


@listing_app.command("tasks")
def listing_tasks(
    brand: Annotated[str | None, typer.Option("--brand", help="Only this brand.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Listings a guide-price change left out of bounds, with their deadlines (R-P5)."""
    with common.open_daiyun() as application:
        tasks = open_repricing_tasks(application.unit_of_work(), brand_code=brand)
    document = {
        "tasks": [
            {
                "store": t.store,
                "sku": t.sku,
                "rule": t.rule,
                "listing_price": t.listing_price.yuan_text(),
                "guide_price": t.guide_price.yuan_text(),
                "highest_price": t.highest_price.yuan_text(),
                "due_on": t.due_on.isoformat(),
                "message": t.message,
            }
            for t in tasks
        ]
    }
    common.emit(as_json, document, lambda: _print_tasks(tasks))


def _print_tasks(tasks: list[RepricingTask]) -> None:
    if not tasks:
        common.err.print("no listing waits for repricing")
    for task in tasks:
        common.err.print(task.message, soft_wrap=True)


@listing_app.command("violations")
def listing_violations(
    month: Annotated[str, typer.Option("--month", help="The month paid, YYYY-MM.")],
    store: Annotated[str | None, typer.Option("--store", help="Only this store.")] = None,
    brand: Annotated[str | None, typer.Option("--brand", help="Only this brand.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Sold lines that broke the floor or the cap with no approved promotion (R-P5)."""
    chosen = common.parse_month(month)
    with common.open_daiyun() as application:
        found = price_violations(
            application.unit_of_work(), month=chosen, brand_code=brand, store_code=store
        )
    document = {
        "month": str(chosen),
        "violations": [
            {
                "store": v.store,
                "order_no": v.order_no,
                "line_no": v.line_no,
                "sku": v.sku,
                "units": v.units,
                "actual_amount": v.actual_amount.yuan_text(),
                "guide_price": v.guide_price.yuan_text(),
                "rule": v.rule,
                "gap": v.gap.yuan_text(),
                "paid_at": v.paid_at.isoformat(),
            }
            for v in found
        ],
    }
    common.emit(as_json, document, lambda: _print_violations(found))


def _print_violations(found: list[PriceViolation]) -> None:
    if not found:
        common.err.print("no price violations")
    for v in found:
        what = "below the guide price by" if v.rule == "R-P2" else "above the cap by"
        common.err.print(
            f"{v.store} order {v.order_no} line {v.line_no} {v.sku}: {v.units} × for "
            f"{v.actual_amount}, {what} {v.gap} ({v.rule})"
        )
