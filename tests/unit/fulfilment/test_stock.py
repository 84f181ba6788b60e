"""R-F1: on hand, days of cover and what to replenish, from the counts — by hand and as a
property."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from daiyun.domain.fulfilment.stock import (
    StockCount,
    days_of_cover,
    first_day_after,
    replenishment_quantity,
    stock_positions,
)
from tests.builders import beijing


def test_a_sku_worked_by_hand() -> None:
    # Listed 100 in 杭州仓 and 20 unnamed; received 50 in 杭州仓; 90 sold; 3 returned to 杭州仓.
    # On hand = 120 + 50 − 90 + 3 = 83. Sold 60 in the last 30 days: 2 a day → 41 days (41.5).
    [position] = stock_positions(
        listed=[StockCount("CD-CREAM-50", "杭州仓", 100), StockCount("CD-CREAM-50", "", 20)],
        received=[StockCount("CD-CREAM-50", "杭州仓", 50)],
        returned=[StockCount("CD-CREAM-50", "杭州仓", 3)],
        sold={"CD-CREAM-50": 90},
        sold_recently={"CD-CREAM-50": 60},
    )
    assert (position.listed, position.received, position.sold, position.returned) == (
        120, 50, 90, 3,
    )  # fmt: skip
    assert position.on_hand == 83
    assert position.days_of_cover == 41
    # Per warehouse: what was put there (sales are not told by warehouse); unnamed first.
    assert [(each.warehouse, each.stocked) for each in position.warehouses] == [
        ("", 20),
        ("杭州仓", 153),
    ]


def test_a_sku_sold_without_being_listed_shows_below_zero() -> None:
    [position] = stock_positions(
        listed=[], received=[], returned=[], sold={"X": 3}, sold_recently={"X": 3}
    )
    assert (position.on_hand, position.days_of_cover, position.warehouses) == (-3, 0, ())


def test_days_of_cover() -> None:
    assert days_of_cover(83, 60) == 41  # 83 ÷ (60 ÷ 30) = 41.5, rounded down
    assert days_of_cover(10, 0) is None  # no sales: no pace to measure
    assert days_of_cover(0, 5) == 0
    assert days_of_cover(-4, 5) == 0


def test_replenishment_aims_for_days_of_cover_at_the_recent_pace() -> None:
    # 60 sold in 30 days = 2 a day; 30 days of cover = 60 units; 83 on hand: nothing to send.
    assert replenishment_quantity(83, 60, 30) == 0
    # 45 days: 90 needed, 83 on hand → 7.
    assert replenishment_quantity(83, 60, 45) == 7
    # 7 sold in 30 days, 10 days of cover: ⌈7 × 10 ÷ 30⌉ = ⌈2.33⌉ = 3; 1 on hand → 2.
    assert replenishment_quantity(1, 7, 10) == 2
    # Oversold by 4 with no recent sales: the shortfall is made good.
    assert replenishment_quantity(-4, 0, 30) == 4


def test_receipts_and_returns_count_from_the_day_after_the_lists_day() -> None:
    # A list as of 23:30 on 10-10 Beijing (15:30 UTC): receipts from 10-11 count after it.
    assert first_day_after(beijing("2026-10-10 23:30")).isoformat() == "2026-10-11"
    assert first_day_after(beijing("2026-10-11 00:00")).isoformat() == "2026-10-12"


_SKUS = st.sampled_from(["A", "B", "C"])
_PLACES = st.sampled_from(["", "杭州仓", "广州仓"])
_COUNTS = st.lists(st.builds(StockCount, _SKUS, _PLACES, st.integers(0, 500)), max_size=8)


@given(
    listed=_COUNTS,
    received=_COUNTS,
    returned=_COUNTS,
    sold=st.dictionaries(_SKUS, st.integers(0, 900)),
)
def test_on_hand_is_list_plus_receipts_minus_sold_plus_returned(
    listed: list[StockCount],
    received: list[StockCount],
    returned: list[StockCount],
    sold: dict[str, int],
) -> None:
    positions = stock_positions(
        listed=listed, received=received, returned=returned, sold=sold, sold_recently={}
    )

    def total(counts: list[StockCount]) -> Counter[str]:
        found: Counter[str] = Counter()
        for count in counts:
            found[count.sku] += count.units
        return found

    for position in positions:
        sku = position.sku
        expected = (
            total(listed)[sku] + total(received)[sku] - sold.get(sku, 0) + total(returned)[sku]
        )
        assert position.on_hand == expected
        assert sum(each.stocked for each in position.warehouses) == expected + sold.get(sku, 0)
    # Every SKU with a count or a sale has its position, and no other.
    named = {c.sku for c in [*listed, *received, *returned]} | {s for s, n in sold.items() if n}
    assert {position.sku for position in positions} == named
