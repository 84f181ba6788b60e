"""One check for every listing price change: the floor (R-P2), the cap (R-P3), promotions (R-P4)."""

from __future__ import annotations

import re

import pytest

from daiyun.domain.money import Money, Rate
from daiyun.domain.pricing import (
    ListingPriceRefused,
    PromotionAllowance,
    check_listing_price,
    highest_price,
)

CAP = Rate.of("0.10")
GUIDE = Money.of_yuan("199.00")


def test_the_guide_price_and_exactly_the_cap_are_accepted() -> None:
    # R-P3: 199.00 × 1.10 = 218.90, the highest price within the cap.
    assert highest_price(GUIDE, CAP) == Money.of_yuan("218.90")
    check_listing_price(Money.of_yuan("199.00"), GUIDE, CAP)
    check_listing_price(Money.of_yuan("218.90"), GUIDE, CAP)


def test_the_highest_price_rounds_down_to_a_whole_fen() -> None:
    # 99.99 × 1.10 = 109.989 → 109.98; 109.99 would be above the cap.
    assert highest_price(Money.of_yuan("99.99"), CAP) == Money.of_yuan("109.98")
    with pytest.raises(ListingPriceRefused):
        check_listing_price(Money.of_yuan("109.99"), Money.of_yuan("99.99"), CAP)


def test_one_fen_above_the_cap_is_refused_naming_guide_cap_and_attempt() -> None:
    with pytest.raises(ListingPriceRefused) as refused:
        check_listing_price(Money.of_yuan("218.91"), GUIDE, CAP)
    assert refused.value.rule == "R-P3"
    assert str(refused.value) == (
        "R-P3: ¥218.91 is above the markup cap: guide price ¥199.00 + 10% allows at most ¥218.90"
    )


def test_one_fen_below_the_guide_is_refused_without_a_promotion() -> None:
    with pytest.raises(ListingPriceRefused) as refused:
        check_listing_price(Money.of_yuan("198.99"), GUIDE, CAP)
    assert str(refused.value) == (
        "R-P2: ¥198.99 is below the guide price ¥199.00 (cap ¥218.90) and no approved"
        " promotion covers this listing now"
    )


def test_an_approved_promotion_lowers_the_floor_to_its_price_only() -> None:
    allowance = PromotionAllowance("DOUBLE11", 2, Money.of_yuan("159.00"))
    check_listing_price(Money.of_yuan("159.00"), GUIDE, CAP, allowance)
    with pytest.raises(
        ListingPriceRefused, match=re.escape("approved in promotion DOUBLE11 version 2")
    ):
        check_listing_price(Money.of_yuan("158.99"), GUIDE, CAP, allowance)
    # The cap still holds inside a promotion.
    with pytest.raises(ListingPriceRefused, match="R-P3"):
        check_listing_price(Money.of_yuan("218.91"), GUIDE, CAP, allowance)


def test_a_sku_without_a_guide_price_cannot_be_priced() -> None:
    with pytest.raises(ListingPriceRefused, match=r"^R-P1: no guide price in force"):
        check_listing_price(Money.of_yuan("10.00"), None, CAP)
