"""`daiyun promotion draft|submit|approve|reject`: promotion plans and the brand's written
approval (R-P4)."""

from __future__ import annotations

from typing import Annotated

import typer

from daiyun.domain.calendar import Period
from daiyun.domain.contracts import Party
from daiyun.domain.money import Money, Rate
from daiyun.domain.promotions import PromotionPlan, PromotionTerms, WrittenApproval
from daiyun.entrypoints.cli import common
from daiyun.entrypoints.cli.common import AtOption, JsonOption
from daiyun.services.promotions.plans import (
    approve_promotion,
    draft_promotion,
    reject_promotion,
    submit_promotion,
)

__all__ = ["promotion_app"]

promotion_app = typer.Typer(help="Promotion plans and approvals (R-P4).", no_args_is_help=True)

BrandOption = Annotated[str, typer.Option("--brand", help="The brand's code.")]
CodeOption = Annotated[str, typer.Option("--code", help="The promotion's code, e.g. DOUBLE11.")]
ByOption = Annotated[str, typer.Option("--by", help="The acting user's login.")]
VersionOption = Annotated[int, typer.Option("--version", help="The version you read.")]


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
            common.bad_input(f"--price {item!r}: write SKU=PRICE, e.g. CD-CREAM-50=159.00")
        parsed[sku.strip()] = common.parse_money(f"--price {sku}", amount)
    try:
        return PromotionTerms(
            name=name,
            stores=frozenset(stores),
            window=Period(common.parse_time("--start", start), common.parse_time("--end", end)),
            budget=common.parse_money("--budget", budget),
            funded_by=Party(funded_by),
            prices=parsed,
            discount=None if discount is None else Rate.of(discount),
            skus=frozenset(skus),
        )
    except ValueError as error:
        common.bad_input(str(error))


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
    terms = _terms(name, store, price or [], discount, sku or [], start, end, budget, funded_by)
    with common.open_daiyun() as application:
        plan = draft_promotion(
            application.unit_of_work(),
            brand_code=brand,
            code=code,
            terms=terms,
            by=by,
            at=common.moment(at),
        )
    common.emit(as_json, _plan_json(plan), lambda: _say(plan, "drafted"))


def _say(plan: PromotionPlan, what: str) -> None:
    common.err.print(f"promotion {plan.brand}/{plan.code} version {plan.version} {what}")


@promotion_app.command("submit")
def promotion_submit(
    brand: BrandOption, code: CodeOption, by: ByOption, at: AtOption = None,
    as_json: JsonOption = False,
) -> None:  # fmt: skip
    """Send the current version to the brand for its written approval."""
    with common.open_daiyun() as application:
        plan = submit_promotion(
            application.unit_of_work(), brand_code=brand, code=code, by=by, at=common.moment(at)
        )
    common.emit(as_json, _plan_json(plan), lambda: _say(plan, "submitted"))


@promotion_app.command("approve")
def promotion_approve(
    brand: BrandOption, code: CodeOption, version: VersionOption, by: ByOption,
    at: AtOption = None, as_json: JsonOption = False,
) -> None:  # fmt: skip
    """The brand's written approval of exactly this version (R-C7)."""
    with common.open_daiyun() as application:
        answer = approve_promotion(
            application.unit_of_work(), brand_code=brand, code=code, version=version, by=by,
            at=common.moment(at),
        )  # fmt: skip
    common.emit(
        as_json, _answer_json(answer), lambda: common.err.print(f"{code} v{version} approved")
    )


@promotion_app.command("reject")
def promotion_reject(
    brand: BrandOption, code: CodeOption, version: VersionOption, by: ByOption,
    reason: Annotated[str, typer.Option("--reason", help="Why (kept with the record).")],
    at: AtOption = None, as_json: JsonOption = False,
) -> None:  # fmt: skip
    """The brand's written rejection of this version, with its reason."""
    with common.open_daiyun() as application:
        answer = reject_promotion(
            application.unit_of_work(), brand_code=brand, code=code, version=version, by=by,
            at=common.moment(at), reason=reason,
        )  # fmt: skip
    common.emit(
        as_json, _answer_json(answer), lambda: common.err.print(f"{code} v{version} rejected")
    )
