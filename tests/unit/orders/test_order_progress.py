"""How a snapshot moves a stored order forward, never back (R-S1), and prices it (R-P1–P3)."""

from __future__ import annotations

from dataclasses import replace
from random import Random

from hypothesis import given
from hypothesis import strategies as st

from daiyun.domain.money import Money, Rate
from daiyun.domain.orders import OrderLineRecord, OrderRecord, OrderStatus
from daiyun.domain.orders.amounts import line_amounts
from daiyun.domain.orders.changes import StoredOrder, decide
from daiyun.domain.orders.snapshot import buyer_key, line_states_of, order_state_of
from daiyun.domain.orders.state import Change
from daiyun.domain.pricing import GuidePrice, PriceCheck, Sku, check_sold_price
from tests.builders import beijing

CAP = Rate.of("0.10")
CREAM = Sku(
    "chando",
    "CD-CREAM",
    "滋润霜",
    "面霜",
    "physical",
    (GuidePrice(beijing("2026-01-01 00:00"), Money(13900)),),
)
CATALOGUE = {"CD-CREAM": CREAM}


def _line(status: OrderStatus | None = None, **changes: object) -> OrderLineRecord:
    line = OrderLineRecord(1, "CD-CREAM", "滋润霜", 2, Money(13900), Money(27800), status)
    return replace(line, **changes)  # type: ignore[arg-type]


def _order(status: OrderStatus, as_of: str, **changes: object) -> OrderRecord:
    order = OrderRecord(
        order_no="1930679858170647",
        status=status,
        as_of=beijing(as_of),
        created_at=beijing("2026-10-05 09:00"),
        paid_at=beijing("2026-10-05 09:01"),
        shipped_at=None,
        completed_at=None,
        total=Money(27800),
        paid=Money(27800),
        goods_amount=Money(27800),
        shipping=Money(0),
        refund=Money(0),
        buyer_id="tb_buyer",
        province="浙江省",
        city="杭州市",
        lines=(_line(),),
    )
    return replace(order, **changes)  # type: ignore[arg-type]


def _apply(stored: StoredOrder | None, order: OrderRecord):  # type: ignore[no-untyped-def]
    state = order_state_of(order, buyer_key(b"k", "tmall", order.buyer_id))
    return decide(stored, state, line_states_of(order, CATALOGUE, CAP), order.source)


def test_a_first_snapshot_is_a_new_order_with_new_lines() -> None:
    write = _apply(None, _order(OrderStatus.PAID, "2026-10-05 10:00"))
    assert write.order_change is Change.NEW
    assert write.line_changes == {1: Change.NEW}
    line = write.result.lines[1]
    # R-P1: 2 × ¥139.00 paid at the guide price in force on 2026-10-05: within the floor.
    assert line.guide_price == Money(13900) and line.price_check is PriceCheck.WITHIN


def test_the_same_snapshot_again_changes_nothing() -> None:
    first = _apply(None, _order(OrderStatus.PAID, "2026-10-05 10:00"))
    again = _apply(first.result, _order(OrderStatus.PAID, "2026-10-05 10:00"))
    assert again.order_change is Change.UNCHANGED and again.result == first.result


def test_a_newer_snapshot_moves_the_order_forward_and_completion_takes_its_as_of_time() -> None:
    # R-S1: no 确认收货时间 in the file: completion is the as-of time of the snapshot showing it.
    first = _apply(None, _order(OrderStatus.SHIPPED, "2026-10-06 10:00"))
    done = _apply(
        first.result,
        _order(OrderStatus.COMPLETED, "2026-10-12 10:00", lines=(_line(OrderStatus.COMPLETED),)),
    )
    assert done.order_change is Change.UPDATED
    assert done.line_changes == {1: Change.UPDATED}
    assert done.result.state.completed_at == beijing("2026-10-12 10:00")
    assert done.result.lines[1].completed_at == beijing("2026-10-12 10:00")
    later = _apply(
        done.result,
        _order(OrderStatus.COMPLETED, "2026-10-20 10:00", lines=(_line(OrderStatus.COMPLETED),)),
    )
    # A later export still showing it completed does not move the completion time.
    assert later.order_change is Change.UNCHANGED
    assert later.result.state.completed_at == beijing("2026-10-12 10:00")


def test_an_older_snapshot_never_moves_an_order_back() -> None:
    newer = _apply(None, _order(OrderStatus.COMPLETED, "2026-10-12 10:00"))
    older = _apply(newer.result, _order(OrderStatus.PAID, "2026-10-05 10:00"))
    assert older.order_change is Change.UNCHANGED
    assert older.result.state.status is OrderStatus.COMPLETED


def test_a_status_never_goes_back_even_in_a_newer_snapshot() -> None:
    shipped = _apply(None, _order(OrderStatus.SHIPPED, "2026-10-06 10:00"))
    odd = _apply(shipped.result, _order(OrderStatus.PAID, "2026-10-07 10:00"))
    assert odd.result.state.status is OrderStatus.SHIPPED


def test_a_growing_refund_is_one_refund_event_of_the_difference() -> None:
    # R-S9: ¥20.00 money-only refund seen on 10-15, grown to ¥30.00 on 10-16: events of
    # 2,000 fen then 1,000 fen, keyed by the cumulative total.
    done = _apply(
        None,
        _order(OrderStatus.COMPLETED, "2026-10-12 10:00", lines=(_line(OrderStatus.COMPLETED),)),
    )
    first = _apply(
        done.result,
        _order(
            OrderStatus.COMPLETED,
            "2026-10-15 10:00",
            lines=(_line(OrderStatus.COMPLETED, refund_amount=Money(2000)),),
        ),
    )
    second = _apply(
        first.result,
        _order(
            OrderStatus.COMPLETED,
            "2026-10-16 10:00",
            lines=(_line(OrderStatus.COMPLETED, refund_amount=Money(3000)),),
        ),
    )
    assert [(e.amount, e.total) for e in first.refund_events] == [(Money(2000), Money(2000))]
    assert [(e.amount, e.total) for e in second.refund_events] == [(Money(1000), Money(3000))]
    assert second.refund_events[0].completed_at == beijing("2026-10-16 10:00")


def test_a_sale_below_guide_is_a_violation_and_at_exactly_the_cap_is_not() -> None:
    # Guide ¥139.00 × 2 = ¥278.00; cap 10%: at most ¥305.80 for the two units.
    assert check_sold_price(Money(27799), 2, Money(13900), CAP) is PriceCheck.BELOW_GUIDE
    assert check_sold_price(Money(27800), 2, Money(13900), CAP) is PriceCheck.WITHIN
    assert check_sold_price(Money(30580), 2, Money(13900), CAP) is PriceCheck.WITHIN
    assert check_sold_price(Money(30581), 2, Money(13900), CAP) is PriceCheck.ABOVE_CAP
    assert check_sold_price(Money(100), 1, None, CAP) is PriceCheck.NO_GUIDE_PRICE


def test_a_new_violating_line_is_counted_once() -> None:
    cheap = (_line(line_amount=Money(20000)),)
    first = _apply(None, _order(OrderStatus.PAID, "2026-10-05 10:00", lines=cheap))
    again = _apply(first.result, _order(OrderStatus.SHIPPED, "2026-10-06 10:00", lines=cheap))
    assert first.new_price_violations == 1 and again.new_price_violations == 0
    assert first.result.lines[1].price_check is PriceCheck.BELOW_GUIDE


def test_the_goods_amount_is_allocated_over_lines_by_listed_price_to_the_fen() -> None:
    # ¥90.00 paid for lines listed at ¥30.00 and ¥70.00 (a ¥10.00 order discount):
    # 9,000 × 3,000/10,000 = 2,700 and 9,000 × 7,000/10,000 = 6,300.
    two = (
        replace(_line(), line_amount=None, unit_price=Money(3000), units=1),
        replace(_line(), line_no=2, line_amount=None, unit_price=Money(7000), units=1),
    )
    assert line_amounts(
        _order(OrderStatus.PAID, "2026-10-05 10:00", lines=two, goods_amount=Money(9000))
    ) == (Money(2700), Money(6300))
    # ¥1.00 over three equal lines: 33.33… each; the spare fen goes to the first line.
    three = tuple(
        replace(_line(), line_no=n, line_amount=None, unit_price=Money(100), units=1)
        for n in (1, 2, 3)
    )
    assert line_amounts(
        _order(OrderStatus.PAID, "2026-10-05 10:00", lines=three, goods_amount=Money(100))
    ) == (Money(34), Money(33), Money(33))


def test_the_buyer_is_kept_only_as_a_keyed_hash() -> None:
    # R-D1: the same buyer hashes alike under one key, differently under another key.
    key = buyer_key(b"agency-secret", "tmall", "tb_buyer")
    assert key == buyer_key(b"agency-secret", "tmall", "tb_buyer")
    assert key != buyer_key(b"other-secret", "tmall", "tb_buyer")
    assert key is not None and "tb_buyer" not in key and len(key) == 32


_PATH = (OrderStatus.UNPAID, OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.COMPLETED)


@given(
    steps=st.integers(min_value=1, max_value=4),
    order=st.randoms(use_true_random=False),
    refunds=st.lists(st.integers(min_value=0, max_value=5000), min_size=4, max_size=4),
)
def test_any_import_order_of_snapshots_ends_where_the_newest_snapshot_is(
    steps: int, order: Random, refunds: list[int]
) -> None:
    # Snapshots along a real order's life, one day apart, refunds only growing.
    grown = sorted(refunds[:steps])
    snapshots = [
        _order(
            _PATH[i],
            f"2026-10-0{i + 1} 10:00",
            lines=(_line(_PATH[i], refund_amount=Money(grown[i])),),
        )
        for i in range(steps)
    ]
    shuffled = snapshots[:]
    order.shuffle(shuffled)
    stored = None
    for snapshot in shuffled:
        stored = _apply(stored, snapshot).result
    assert stored is not None
    assert stored.state.status is snapshots[-1].status
    assert stored.lines[1].refund_amount == Money(grown[steps - 1])
    # Importing everything again changes nothing: exactly once.
    for snapshot in snapshots:
        assert _apply(stored, snapshot).order_change is Change.UNCHANGED
