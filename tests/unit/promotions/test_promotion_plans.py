"""Promotions take effect only with the brand's written approval of that version (R-P4, R-C7)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from daiyun.domain.calendar import Period
from daiyun.domain.contracts import Party
from daiyun.domain.money import Money, Rate
from daiyun.domain.pricing import ListingPriceRefused, check_listing_price
from daiyun.domain.promotions import (
    IllegalPromotionMove,
    PromotionPlan,
    PromotionStatus,
    PromotionTerms,
    WrittenApproval,
    allowance_at,
    approve,
    reject,
)
from tests.builders import beijing

GUIDE = Money.of_yuan("199.00")
CAP = Rate.of("0.10")
# Double 11 in Beijing time: [2026-11-11 00:00, 2026-11-12 00:00).
WINDOW = Period(beijing("2026-11-11 00:00"), beijing("2026-11-12 00:00"))


def terms(**changes: object) -> PromotionTerms:
    """双11 at 159.00 for CH-CREAM-50 in the Tmall store, brand-funded, budget 20,000.00."""
    base = PromotionTerms(
        name="双11 面霜直降",
        stores=frozenset({"chando-tmall"}),
        window=WINDOW,
        budget=Money.of_yuan("20000.00"),
        funded_by=Party.BRAND,
        prices={"CH-CREAM-50": Money.of_yuan("159.00")},
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def approved(plan: PromotionPlan) -> tuple[PromotionPlan, WrittenApproval]:
    """Submit and approve `plan` as the brand's finance manager."""
    return approve(
        plan.change_status(PromotionStatus.SUBMITTED), "li.na", beijing("2026-11-05 10:00")
    )


def test_an_approved_plan_allows_its_price_from_the_first_to_the_last_moment_of_its_window() -> (
    None
):
    plan, approval = approved(PromotionPlan("DOUBLE11", "chando", 1, terms()))
    at_start = beijing("2026-11-11 00:00")
    last_moment = beijing("2026-11-12 00:00") - timedelta(microseconds=1)
    for at in (at_start, last_moment):
        found = allowance_at([(plan, approval)], "chando-tmall", "CH-CREAM-50", GUIDE, at)
        assert found is not None and found.price == Money.of_yuan("159.00")
    # Half-open: the window's end, and a minute before its start, allow nothing.
    for at in (beijing("2026-11-12 00:00"), beijing("2026-11-10 23:59")):
        assert allowance_at([(plan, approval)], "chando-tmall", "CH-CREAM-50", GUIDE, at) is None


def test_a_submitted_but_unapproved_plan_allows_nothing() -> None:
    plan = PromotionPlan("DOUBLE11", "chando", 1, terms()).change_status(PromotionStatus.SUBMITTED)
    at = beijing("2026-11-11 12:00")
    assert allowance_at([(plan, None)], "chando-tmall", "CH-CREAM-50", GUIDE, at) is None


def test_approval_of_version_1_does_not_cover_an_edited_version_2() -> None:
    plan, approval = approved(PromotionPlan("DOUBLE11", "chando", 1, terms()))
    edited = plan.edited(terms(prices={"CH-CREAM-50": Money.of_yuan("149.00")}))
    assert (edited.version, edited.status) == (2, PromotionStatus.DRAFT)
    assert not approval.covers(edited)
    # Even forced to "approved" without its own record, version 2 allows nothing.
    forged = replace(edited, status=PromotionStatus.APPROVED)
    at = beijing("2026-11-11 12:00")
    assert allowance_at([(forged, approval)], "chando-tmall", "CH-CREAM-50", GUIDE, at) is None


def test_other_stores_and_skus_are_not_covered() -> None:
    plan, approval = approved(PromotionPlan("DOUBLE11", "chando", 1, terms()))
    at = beijing("2026-11-11 12:00")
    assert allowance_at([(plan, approval)], "chando-taobao", "CH-CREAM-50", GUIDE, at) is None
    assert allowance_at([(plan, approval)], "chando-tmall", "CH-TONER-100", GUIDE, at) is None


def test_a_discount_plan_prices_at_guide_less_the_discount_rounded_half_up_once() -> None:
    # 199.00 × (1 − 0.15) = 169.15; 99.99 × 0.85 = 84.9915 → 84.99.
    discount = terms(prices={}, discount=Rate.of("15%"), skus=frozenset({"CH-CREAM-50"}))
    assert discount.price_for("CH-CREAM-50", GUIDE) == Money.of_yuan("169.15")
    assert discount.price_for("CH-CREAM-50", Money.of_yuan("99.99")) == Money.of_yuan("84.99")


def test_illegal_moves_are_refused_naming_the_status() -> None:
    draft = PromotionPlan("DOUBLE11", "chando", 1, terms())
    with pytest.raises(IllegalPromotionMove, match="version 1 is draft: it cannot become approved"):
        approve(draft, "li.na", beijing("2026-11-05 10:00"))
    plan, _ = approved(draft)
    with pytest.raises(IllegalPromotionMove, match="is approved: it cannot become approved"):
        approve(plan, "li.na", beijing("2026-11-05 10:01"))
    submitted = draft.change_status(PromotionStatus.SUBMITTED)
    with pytest.raises(IllegalPromotionMove, match=re.escape("give a reason")):
        reject(submitted, "li.na", beijing("2026-11-05 10:00"), "  ")


def test_a_rejection_is_a_record_that_covers_nothing() -> None:
    submitted = PromotionPlan("DOUBLE11", "chando", 1, terms()).change_status(
        PromotionStatus.SUBMITTED
    )
    plan, record = reject(submitted, "li.na", beijing("2026-11-05 10:00"), "预算过高")
    assert plan.status is PromotionStatus.REJECTED
    assert (record.approved, record.reason, record.version) == (False, "预算过高", 1)
    assert not record.covers(plan)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": " "}, "needs a name"),
        ({"stores": frozenset()}, "at least one store"),
        ({"discount": Rate.of("0.1")}, "either SKU prices or one discount"),
        ({"prices": {"CH-CREAM-50": Money(0)}}, "above zero"),
        ({"prices": {}, "discount": Rate.of("1"), "skus": frozenset({"X"})}, "between 0% and 100%"),
    ],
)
def test_malformed_terms_are_refused(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        terms(**changes)


# The property: whatever guide-price changes, plan edits, approvals and listing edits happen,
# no listing price is ever accepted below the guide price in force unless an approved version
# covers that moment — checked against an oracle written from the rules, not from the code.
HOURS = st.integers(min_value=0, max_value=96)  # hours after 2026-11-09 00:00 Beijing
START = beijing("2026-11-09 00:00")
Step = tuple[str, int, int, str]  # action, hour, yuan (or a fen offset for a listing), base


@st.composite
def histories(draw: st.DrawFn) -> list[Step]:
    """Steps in time order; listing prices land a few fen around the guide, cap or promotion."""
    step = st.tuples(
        st.sampled_from(["guide", "edit", "approve", "list", "list", "list"]),
        st.integers(40, 80) | HOURS,  # the window is hours 48–72
        st.integers(150, 210),
        st.sampled_from(["guide", "cap", "promotion"]),
    )
    steps = draw(st.lists(step, min_size=5, max_size=40))
    return sorted(steps, key=lambda step: step[1])


@settings(max_examples=300)
@given(histories())
def test_no_listing_price_below_the_guide_outside_an_approved_window(steps: list[Step]) -> None:
    guide = GUIDE
    plan = PromotionPlan("DOUBLE11", "chando", 1, terms())
    approval: WrittenApproval | None = None
    approved_versions: dict[int, Money] = {}  # oracle: version → its approved price
    for action, hour, number, base in steps:
        at = START + timedelta(hours=hour)
        if action == "guide":
            guide = Money(number * 100)
        elif action == "edit":
            plan = plan.edited(terms(prices={"CH-CREAM-50": Money(number * 100)}))
        elif action == "approve" and plan.status is PromotionStatus.DRAFT:
            plan, approval = approve(plan.change_status(PromotionStatus.SUBMITTED), "li.na", at)
            approved_versions[plan.version] = plan.terms.prices["CH-CREAM-50"]
        elif action == "list":
            around = {
                "guide": guide.fen,
                "cap": guide.fen * 110 // 100,
                "promotion": plan.terms.prices["CH-CREAM-50"].fen,
            }[base]
            price = Money(around + number % 5 - 2)  # −2 … +2 fen around it
            allowance = allowance_at([(plan, approval)], "chando-tmall", "CH-CREAM-50", guide, at)
            try:
                check_listing_price(price, guide, CAP, allowance)
                accepted = True
            except ListingPriceRefused:
                accepted = False
            # Oracle, from R-P2/R-P3/R-P4/R-C7 directly.
            in_window = WINDOW.start <= at < WINDOW.end
            promo = approved_versions.get(plan.version) if in_window else None
            floor = min(guide, promo) if promo is not None else guide
            within_cap = price.fen * 100 <= guide.fen * 110
            assert accepted == (floor <= price and within_cap)
            if accepted and price < guide:
                assert promo is not None and price >= promo
