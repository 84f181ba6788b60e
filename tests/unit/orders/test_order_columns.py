"""The per-line rules over whole columns give what the one-order-at-a-time rules give.

R-S4 (largest-remainder allocation), R-P1 (guide price in force when paid), R-P2/R-P3 (floor and
cap) and R-D1 (buyer key), each compared with the reference function on generated inputs.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from daiyun.domain.money import Money, Rate, allocate
from daiyun.domain.orders.columns import (
    CHECKS,
    NO_PRICE,
    NO_TIME,
    allocate_by_order,
    buyer_keys,
    guide_prices_at,
    microseconds,
    price_checks,
)
from daiyun.domain.orders.snapshot import buyer_key
from daiyun.domain.pricing import GuidePrice, PriceCheck, Sku, check_sold_price

ORDERS = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=10**9),  # goods amount, fen
        st.lists(st.integers(min_value=0, max_value=10**7), min_size=1, max_size=6),  # weights
    ),
    min_size=1,
    max_size=12,
)


@given(orders=ORDERS)
def test_columns_are_allocated_as_allocate_splits_each_order(
    orders: list[tuple[int, list[int]]],
) -> None:
    goods = np.array([total for total, _ in orders], np.int64)
    weights = np.array([w for _, ws in orders for w in ws], np.int64)
    line_order = np.array([k for k, (_, ws) in enumerate(orders) for _ in ws], np.int64)

    shares = allocate_by_order(goods, weights, line_order).tolist()

    expected = [s.fen for total, ws in orders for s in allocate(Money(total), ws)]
    assert shares == expected


def test_ties_go_to_the_earlier_line_and_zero_weights_split_equally() -> None:
    # R-S4 worked by hand: 100.00 over 1:1:1 is 33.34, 33.33, 33.33; 0.05 over 0:0 is 0.03, 0.02.
    shares = allocate_by_order(
        np.array([10000, 5], np.int64),
        np.array([1, 1, 1, 0, 0], np.int64),
        np.array([0, 0, 0, 1, 1], np.int64),
    )
    assert shares.tolist() == [3334, 3333, 3333, 3, 2]


START = datetime(2026, 1, 1, tzinfo=UTC)
MOMENTS = st.integers(min_value=0, max_value=400 * 24 * 3600).map(
    lambda s: START + timedelta(seconds=s)
)


@st.composite
def catalogues(draw: st.DrawFn) -> dict[str, Sku]:
    codes = draw(st.lists(st.sampled_from(["A", "B", "C", "D"]), unique=True, max_size=4))
    catalogue = {}
    for code in codes:
        moments = draw(st.lists(MOMENTS, unique=True, max_size=4))
        prices = tuple(
            GuidePrice(m, Money(draw(st.integers(min_value=1, max_value=10**6)))) for m in moments
        )
        catalogue[code] = Sku("brand", code, code, "面霜", "physical", prices)
    return catalogue


@given(
    catalogue=catalogues(),
    lines=st.lists(
        st.tuples(st.sampled_from(["A", "B", "C", "D", "E"]), st.none() | MOMENTS), max_size=20
    ),
)
def test_each_line_gets_the_guide_price_in_force_when_paid(
    catalogue: dict[str, Sku], lines: list[tuple[str, datetime | None]]
) -> None:
    paid_at = np.array([NO_TIME if m is None else microseconds(m) for _, m in lines], np.int64)

    found = guide_prices_at([code for code, _ in lines], paid_at, catalogue).tolist()

    expected = []
    for code, moment in lines:
        price = catalogue[code].guide_price_at(moment) if code in catalogue and moment else None
        expected.append(NO_PRICE if price is None else price.fen)
    assert found == expected


def test_a_payment_at_the_moment_a_price_takes_effect_gets_that_price() -> None:
    rise = START + timedelta(days=300)
    sku = Sku("b", "A", "A", "面霜", "physical", (GuidePrice(START, Money(13900)),
                                                  GuidePrice(rise, Money(14900))))  # fmt: skip
    paid = np.array([microseconds(rise - timedelta(microseconds=1)), microseconds(rise)])
    assert guide_prices_at(["A", "A"], paid, {"A": sku}).tolist() == [13900, 14900]


@given(
    lines=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=10**9),  # line amount
            st.integers(min_value=1, max_value=50),  # units
            st.none() | st.integers(min_value=1, max_value=10**7),  # guide price
            st.booleans(),  # paid
        ),
        max_size=20,
    ),
    cap=st.sampled_from(["0", "0.10", "0.05", "0.333", "1.5"]),
)
def test_each_line_is_checked_as_check_sold_price_checks_it(
    lines: list[tuple[int, int, int | None, bool]], cap: str
) -> None:
    checks = price_checks(
        np.array([amount for amount, _, _, _ in lines], np.int64),
        np.array([units for _, units, _, _ in lines], np.int64),
        np.array([NO_PRICE if g is None else g for _, _, g, _ in lines], np.int64),
        np.array([paid for _, _, _, paid in lines], np.bool_),
        Rate.of(cap),
    )
    expected = [
        check_sold_price(Money(a), u, None if g is None else Money(g), Rate.of(cap))
        if paid
        else PriceCheck.NOT_PAID
        for a, u, g, paid in lines
    ]
    assert [CHECKS[c] for c in checks.tolist()] == expected


@given(
    buyers=st.lists(st.none() | st.text(max_size=12), max_size=10), secret=st.binary(max_size=100)
)
def test_buyer_keys_are_the_keyed_hash_of_each_buyer(
    buyers: list[str | None], secret: bytes
) -> None:
    keys = buyer_keys(secret, "tmall", buyers)

    assert [keys[b] for b in buyers] == [buyer_key(secret, "tmall", b) for b in buyers]
