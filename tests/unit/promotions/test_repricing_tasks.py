"""A brand's guide-price change reaches every listing it puts out of bounds (R-P5)."""

from __future__ import annotations

from datetime import date

from daiyun.domain.contracts import ContractTerms
from daiyun.domain.money import Money
from daiyun.domain.pricing import Listing, ListingStatus, RepricingTask, repricing_tasks
from tests.builders import beijing

TERMS = ContractTerms()  # cap 10%, reprice by the next working day


def yuan(text: str) -> Money:
    """Money from yuan text."""
    return Money.of_yuan(text)


def test_listings_below_the_new_floor_or_over_the_new_cap_get_tasks_due_next_working_day() -> None:
    # New guide 209.00 on Fri 2026-11-27 18:00 Beijing: cap 209.00 × 1.10 = 229.90.
    # Due the next working day after Fri 27 Nov: Mon 30 Nov.
    listings = [
        Listing("chando-tmall", "CH-CREAM-50", yuan("199.00")),  # below 209.00: R-P2
        Listing("chando-taobao", "CH-CREAM-50", yuan("229.90")),  # exactly the cap: fine
        Listing("chando-jd", "CH-CREAM-50", yuan("209.00")),  # exactly the guide: fine
        Listing("chando-tmall", "CH-TONER-100", yuan("99.00")),  # not repriced by the brand
        Listing("chando-dy", "CH-CREAM-50", yuan("150.00"), ListingStatus.OFF_SALE),
    ]
    tasks = repricing_tasks(
        listings, {"CH-CREAM-50": yuan("209.00")}, TERMS, changed_at=beijing("2026-11-27 18:00")
    )
    assert tasks == [
        RepricingTask(
            "chando-tmall",
            "CH-CREAM-50",
            yuan("199.00"),
            yuan("209.00"),
            yuan("229.90"),
            "R-P2",
            date(2026, 11, 30),
        )
    ]
    assert tasks[0].message == (
        "chando-tmall CH-CREAM-50: listing price ¥199.00 is below the new guide price ¥209.00;"
        " reprice between ¥209.00 and ¥229.90 by 2026-11-30"
    )


def test_a_guide_price_cut_puts_a_listing_over_the_cap() -> None:
    # New guide 100.00: cap 110.00; a listing at 120.00 is over it.
    tasks = repricing_tasks(
        [Listing("chando-tmall", "CH-CREAM-50", yuan("120.00"))],
        {"CH-CREAM-50": yuan("100.00")},
        TERMS,
        changed_at=beijing("2026-11-30 09:00"),
    )
    assert [(t.rule, t.highest_price, t.due_on) for t in tasks] == [
        ("R-P3", yuan("110.00"), date(2026, 12, 1))
    ]


def test_a_listing_at_an_approved_promotion_price_is_not_below_its_floor() -> None:
    tasks = repricing_tasks(
        [Listing("chando-tmall", "CH-CREAM-50", yuan("159.00"))],
        {"CH-CREAM-50": yuan("209.00")},
        TERMS,
        changed_at=beijing("2026-11-11 09:00"),
        promotion_prices={("chando-tmall", "CH-CREAM-50"): yuan("159.00")},
    )
    assert tasks == []


def test_a_change_late_before_national_day_is_due_after_the_holiday() -> None:
    # Wed 30 Sep 2026 23:30 Beijing: 1–7 Oct are holidays, the next working day is Thu 8 Oct.
    tasks = repricing_tasks(
        [Listing("chando-tmall", "CH-CREAM-50", yuan("100.00"))],
        {"CH-CREAM-50": yuan("120.00")},
        TERMS,
        changed_at=beijing("2026-09-30 23:30"),
    )
    assert tasks[0].due_on == date(2026, 10, 8)
