"""Sold lines under an approved promotion are no violation; brand-funded ones settle at it."""

from __future__ import annotations

from dataclasses import replace

from daiyun.domain.contracts import Party
from daiyun.domain.money import Money
from daiyun.domain.pricing import PriceCheck
from daiyun.domain.promotions import (
    PromotionPlan,
    PromotionStatus,
    WrittenApproval,
    apply_promotions,
    approve,
)
from daiyun.domain.settlement import SettlementLine
from tests.builders import beijing
from tests.unit.promotions.test_promotion_plans import terms
from tests.unit.settlement.settlement_builders import sale


def below_guide(paid: str, actual: str = "159.00", store: str = "chando-tmall") -> SettlementLine:
    """1 × CH-CREAM-50 (guide 199.00) sold for `actual`, paid at `paid` Beijing time."""
    line = sale(actual=actual, guide="199.00", price_check=PriceCheck.BELOW_GUIDE)
    return replace(line, store=store, paid_at=beijing(paid))


def approved_plan(funded_by: Party) -> list[tuple[PromotionPlan, WrittenApproval | None]]:
    """双11 at 159.00 for CH-CREAM-50, approved."""
    plan = PromotionPlan("DOUBLE11", "chando", 1, terms(funded_by=funded_by))
    return [
        approve(plan.change_status(PromotionStatus.SUBMITTED), "li.na", beijing("2026-11-05 10:00"))
    ]


def test_a_brand_funded_sale_in_the_window_settles_at_the_promotion_price() -> None:
    [line] = apply_promotions([below_guide("2026-11-11 10:00")], approved_plan(Party.BRAND))
    assert (line.price_check, line.promotion_price) == (PriceCheck.IN_PROMOTION, Money(15900))
    assert line.settlement_unit_price == Money(15900)  # R-S2


def test_an_operator_funded_sale_is_no_violation_but_settles_at_guide() -> None:
    [line] = apply_promotions([below_guide("2026-11-11 10:00")], approved_plan(Party.OPERATOR))
    assert (line.price_check, line.promotion_price) == (PriceCheck.IN_PROMOTION, None)
    assert line.settlement_unit_price == Money(19900)


def test_outside_the_window_below_its_price_or_in_another_store_the_line_stays_a_violation() -> (
    None
):
    plans = approved_plan(Party.BRAND)
    lines = [
        below_guide("2026-11-12 00:00"),  # the window's end is excluded
        below_guide("2026-11-11 10:00", actual="158.99"),  # below the approved price
        below_guide("2026-11-11 10:00", store="chando-taobao"),
    ]
    assert [line.price_check for line in apply_promotions(lines, plans)] == [
        PriceCheck.BELOW_GUIDE
    ] * 3


def test_without_an_approval_nothing_changes() -> None:
    plan = PromotionPlan("DOUBLE11", "chando", 1, terms()).change_status(PromotionStatus.SUBMITTED)
    line = below_guide("2026-11-11 10:00")
    assert apply_promotions([line], [(plan, None)]) == [line]
