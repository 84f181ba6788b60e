"""`daiyun listing …`, `daiyun promotion …` and `daiyun adspend …` (issue 6)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, NoReturn

import typer

from daiyun.domain.advertising import AdBudget
from daiyun.domain.calendar import Month, Period
from daiyun.domain.contracts import Party
from daiyun.domain.money import Money, Rate
from daiyun.domain.pricing import RepricingTask
from daiyun.domain.promotions import PriceViolation, PromotionPlan, PromotionTerms, WrittenApproval
from daiyun.services.advertising.ad_spend import ad_budget_of, record_ad_spend
from daiyun.services.pricing.listings import (
    open_repricing_tasks,
    price_violations,
    set_listing_price,
)
from daiyun.services.promotions.plans import (
    approve_promotion,
    draft_promotion,
    reject_promotion,
    submit_promotion,
)

__all__ = ["adspend_app", "listing_app", "promotion_app"]

listing_app = typer.Typer(help="Listings and their prices (R-P2, R-P3).", no_args_is_help=True)
promotion_app = typer.Typer(help="Promotion plans and approvals (R-P4).", no_args_is_help=True)
adspend_app = typer.Typer(help="Advertising spend against its budget (R-B6).", no_args_is_help=True)

JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout.")]
AtOption = Annotated[
    str | None, typer.Option("--at", help="The moment this happens (ISO 8601; default: now).")
]
BrandOption = Annotated[str, typer.Option("--brand", help="The brand's code.")]
CodeOption = Annotated[str, typer.Option("--code", help="The promotion's code, e.g. DOUBLE11.")]
ByOption = Annotated[str, typer.Option("--by", help="The acting user's login.")]
VersionOption = Annotated[int, typer.Option("--version", help="The version you read.")]


def _bad(message: str) -> NoReturn:
    from daiyun.entrypoints import cli

    cli._fail(cli.EXIT_BAD_INPUT, message)


def _money(option: str, text: str) -> Money:
    try:
        return Money.of_yuan(text)
    except ValueError as error:
        _bad(f"{option}: {error}")


def _time(option: str, text: str) -> datetime:
    from daiyun.domain.calendar import SHANGHAI

    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        _bad(f"{option} {text!r} is not an ISO 8601 time")
    # Without an offset a time is Beijing time, as everywhere in daiyun.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=SHANGHAI)


@listing_app.command("set-price")
def listing_set_price(
    store: Annotated[str, typer.Option("--store", help="The store's code.")],
    sku: Annotated[str, typer.Option("--sku", help="The SKU's seller code.")],
    price: Annotated[str, typer.Option("--price", help="Yuan, e.g. 199.00.")],
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """Set a listing's price; refused (exit 1) below the guide price or above the cap."""
    from daiyun.entrypoints import cli

    amount = _money("--price", price)
    with cli._daiyun() as application:
        done = set_listing_price(
            application.unit_of_work(),
            store_code=store,
            sku_code=sku,
            price=amount,
            at=cli._moment(at),
            actor=cli._actor(),
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
    cli._emit(
        as_json,
        document,
        lambda: cli.err.print(
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
    from daiyun.entrypoints import cli

    with cli._daiyun() as application:
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
    cli._emit(as_json, document, lambda: _print_tasks(tasks))


def _print_tasks(tasks: list[RepricingTask]) -> None:
    from daiyun.entrypoints import cli

    if not tasks:
        cli.err.print("no listing waits for repricing")
    for task in tasks:
        cli.err.print(task.message, soft_wrap=True)


@listing_app.command("violations")
def listing_violations(
    month: Annotated[str, typer.Option("--month", help="The month paid, YYYY-MM.")],
    store: Annotated[str | None, typer.Option("--store", help="Only this store.")] = None,
    brand: Annotated[str | None, typer.Option("--brand", help="Only this brand.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Sold lines that broke the floor or the cap with no approved promotion (R-P5)."""
    from daiyun.entrypoints import cli

    chosen = _month(month)
    with cli._daiyun() as application:
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
    cli._emit(as_json, document, lambda: _print_violations(found))


def _print_violations(found: list[PriceViolation]) -> None:
    from daiyun.entrypoints import cli

    if not found:
        cli.err.print("no price violations")
    for v in found:
        what = "below the guide price by" if v.rule == "R-P2" else "above the cap by"
        cli.err.print(
            f"{v.store} order {v.order_no} line {v.line_no} {v.sku}: {v.units} × for "
            f"{v.actual_amount}, {what} {v.gap} ({v.rule})"
        )


def _plan_json(plan: PromotionPlan) -> dict[str, object]:
    return {
        "brand": plan.brand,
        "code": plan.code,
        "version": plan.version,
        "status": plan.status.value,
        "fingerprint": plan.terms.fingerprint(),
        "terms": plan.terms.document(),
    }


def _answer_json(answer: WrittenApproval) -> dict[str, object]:
    return {
        "code": answer.plan_code,
        "version": answer.version,
        "approved": answer.approved,
        "fingerprint": answer.fingerprint,
        "by": answer.by,
        "at": answer.at.isoformat(),
        "reason": answer.reason,
    }


def _terms(
    name: str,
    stores: list[str],
    prices: list[str],
    discount: str | None,
    skus: list[str],
    start: str,
    end: str,
    budget: str,
    funded_by: str,
) -> PromotionTerms:
    parsed: dict[str, Money] = {}
    for item in prices:
        sku, separator, amount = item.partition("=")
        if not separator or not sku.strip():
            _bad(f"--price {item!r}: write SKU=PRICE, e.g. CD-CREAM-50=159.00")
        parsed[sku.strip()] = _money(f"--price {sku}", amount)
    try:
        return PromotionTerms(
            name=name,
            stores=frozenset(stores),
            window=Period(_time("--start", start), _time("--end", end)),
            budget=_money("--budget", budget),
            funded_by=Party(funded_by),
            prices=parsed,
            discount=None if discount is None else Rate.of(discount),
            skus=frozenset(skus),
        )
    except ValueError as error:
        _bad(str(error))


@promotion_app.command("draft")
def promotion_draft(
    brand: BrandOption,
    code: CodeOption,
    name: Annotated[str, typer.Option("--name", help="What the promotion is called.")],
    store: Annotated[list[str], typer.Option("--store", help="A store (repeat for more).")],
    start: Annotated[str, typer.Option("--start", help="Window start, Beijing time.")],
    end: Annotated[str, typer.Option("--end", help="Window end (excluded), Beijing time.")],
    budget: Annotated[str, typer.Option("--budget", help="Yuan.")],
    funded_by: Annotated[str, typer.Option("--funded-by", help="brand or operator.")],
    by: ByOption,
    price: Annotated[
        list[str] | None, typer.Option("--price", help="SKU=PRICE (repeat for more).")
    ] = None,
    discount: Annotated[str | None, typer.Option("--discount", help="e.g. 15%.")] = None,
    sku: Annotated[
        list[str] | None, typer.Option("--sku", help="A SKU the discount applies to.")
    ] = None,
    at: AtOption = None,
    as_json: JsonOption = False,
) -> None:
    """Draft a plan, or the next version of it (a new version needs a new approval)."""
    from daiyun.entrypoints import cli

    terms = _terms(name, store, price or [], discount, sku or [], start, end, budget, funded_by)
    with cli._daiyun() as application:
        plan = draft_promotion(
            application.unit_of_work(),
            brand_code=brand,
            code=code,
            terms=terms,
            by=by,
            at=cli._moment(at),
        )
    cli._emit(as_json, _plan_json(plan), lambda: _say(plan, "drafted"))


def _say(plan: PromotionPlan, what: str) -> None:
    from daiyun.entrypoints import cli

    cli.err.print(f"promotion {plan.brand}/{plan.code} version {plan.version} {what}")


@promotion_app.command("submit")
def promotion_submit(
    brand: BrandOption, code: CodeOption, by: ByOption, at: AtOption = None,
    as_json: JsonOption = False,
) -> None:  # fmt: skip
    """Send the current version to the brand for its written approval."""
    from daiyun.entrypoints import cli

    with cli._daiyun() as application:
        plan = submit_promotion(
            application.unit_of_work(), brand_code=brand, code=code, by=by, at=cli._moment(at)
        )
    cli._emit(as_json, _plan_json(plan), lambda: _say(plan, "submitted"))


@promotion_app.command("approve")
def promotion_approve(
    brand: BrandOption, code: CodeOption, version: VersionOption, by: ByOption,
    at: AtOption = None, as_json: JsonOption = False,
) -> None:  # fmt: skip
    """The brand's written approval of exactly this version (R-C7)."""
    from daiyun.entrypoints import cli

    with cli._daiyun() as application:
        answer = approve_promotion(
            application.unit_of_work(), brand_code=brand, code=code, version=version, by=by,
            at=cli._moment(at),
        )  # fmt: skip
    cli._emit(as_json, _answer_json(answer), lambda: cli.err.print(f"{code} v{version} approved"))


@promotion_app.command("reject")
def promotion_reject(
    brand: BrandOption, code: CodeOption, version: VersionOption, by: ByOption,
    reason: Annotated[str, typer.Option("--reason", help="Why (kept with the record).")],
    at: AtOption = None, as_json: JsonOption = False,
) -> None:  # fmt: skip
    """The brand's written rejection of this version, with its reason."""
    from daiyun.entrypoints import cli

    with cli._daiyun() as application:
        answer = reject_promotion(
            application.unit_of_work(), brand_code=brand, code=code, version=version, by=by,
            at=cli._moment(at), reason=reason,
        )  # fmt: skip
    cli._emit(as_json, _answer_json(answer), lambda: cli.err.print(f"{code} v{version} rejected"))


def _budget_json(store: str, budget: AdBudget) -> dict[str, object]:
    return {
        "store": store,
        "month": str(budget.month),
        "sales": budget.sales.yuan_text(),
        "budget_floor": budget.floor.yuan_text(),
        "budget_ceiling": budget.ceiling.yuan_text(),
        "spent": budget.spent.yuan_text(),
        "remaining": budget.remaining.yuan_text(),
        "standing": budget.standing.value,
        "channels": {c.channel: c.amount.yuan_text() for c in budget.channels},
    }


def _month(text: str) -> Month:
    try:
        return Month.parse(text)
    except ValueError as error:
        _bad(f"--month: {error}")


StoreOption = Annotated[str, typer.Option("--store", help="The store's code.")]
MonthOption = Annotated[str, typer.Option("--month", help="The month, YYYY-MM.")]


@adspend_app.command("record")
def adspend_record(
    store: StoreOption, month: MonthOption,
    channel: Annotated[str, typer.Option("--channel", help="e.g. 直通车, 万相台.")],
    amount: Annotated[str, typer.Option("--amount", help="Yuan.")],
    at: AtOption = None, as_json: JsonOption = False,
) -> None:  # fmt: skip
    """The month's spend on a channel; entered again, it replaces the amount."""
    from daiyun.entrypoints import cli

    chosen, money = _month(month), _money("--amount", amount)
    with cli._daiyun() as application:
        budget = record_ad_spend(
            application.unit_of_work(), store_code=store, month=chosen, channel=channel,
            amount=money, at=cli._moment(at), actor=cli._actor(),
        )  # fmt: skip
    cli._emit(as_json, _budget_json(store, budget), lambda: _print_budget(store, budget))


@adspend_app.command("show")
def adspend_show(store: StoreOption, month: MonthOption, as_json: JsonOption = False) -> None:
    """The month's ad budget band (a share of sales) against the spend entered."""
    from daiyun.entrypoints import cli

    with cli._daiyun() as application:
        budget = ad_budget_of(application.unit_of_work(), store_code=store, month=_month(month))
    cli._emit(as_json, _budget_json(store, budget), lambda: _print_budget(store, budget))


def _print_budget(store: str, budget: AdBudget) -> None:
    from daiyun.entrypoints import cli

    cli.err.print(
        f"{store} {budget.month}: sales {budget.sales}, budget {budget.floor}–{budget.ceiling},"
        f" spent {budget.spent} ({budget.standing.value})"
    )
    for channel in budget.channels:
        cli.err.print(f"  {channel.channel}: {channel.amount}")
