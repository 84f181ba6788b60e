"""unchanged_orders finds, over whole columns, exactly the orders decide() leaves UNCHANGED (R-S1).

Each example is a batch of snapshot orders (as the column reader gives them) and, for some of
them, a stored order made from the snapshot's own state with fields moved back, forward or
blanked at random (and lines dropped or added): the orders decide() says nothing moves, and
the lines it counts for them, must be what unchanged_orders says.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from typing import Any

import numpy as np
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from daiyun.domain.money import Money, Rate
from daiyun.domain.orders.changes import StoredOrder, decide
from daiyun.domain.orders.column_changes import StoredRows, unchanged_orders
from daiyun.domain.orders.columns import (
    CHECKS,
    NO_PRICE,
    NO_TIME,
    STATUSES,
    OrderColumns,
    StoredColumns,
    microseconds,
    records_of,
    stored_columns,
)
from daiyun.domain.orders.records import OrderStatus
from daiyun.domain.orders.snapshot import buyer_key, line_states_of, order_state_of
from daiyun.domain.orders.state import Change, LineState, OrderState
from daiyun.domain.pricing import GuidePrice, PriceCheck, Sku

BEIJING = timezone(timedelta(hours=8))
SECRET, PLATFORM, CAP = b"key", "tmall", Rate.of("0.10")
START = datetime(2026, 11, 1, tzinfo=BEIJING)
CATALOGUE = {
    code: Sku("brand", code, code, "面霜", "physical", (GuidePrice(START, Money(price)),))
    for code, price in (("A", 10_000), ("B", 5_000))
}
MOMENTS = st.integers(min_value=0, max_value=10 * 24).map(lambda h: START + timedelta(hours=h))
TEXTS = st.sampled_from([None, "", "浙江省", "杭州市", "tb_buyer"])


@st.composite
def batches(draw: st.DrawFn) -> OrderColumns:
    """One to three orders of one to three lines each, as the column reader gives them."""
    orders = draw(st.integers(min_value=1, max_value=3))
    lines = [draw(st.integers(min_value=1, max_value=3)) for _ in range(orders)]
    line_order = np.repeat(np.arange(orders), lines).astype(np.int64)
    count = int(sum(lines))

    def times(n: int) -> np.ndarray:
        return np.array(
            [draw(st.one_of(st.just(NO_TIME), MOMENTS.map(microseconds))) for _ in range(n)],
            np.int64,
        )

    def amounts(n: int, top: int = 100_000) -> np.ndarray:
        return np.array([draw(st.integers(min_value=0, max_value=top)) for _ in range(n)], np.int64)

    def statuses(n: int, blank: bool) -> np.ndarray:
        low = -1 if blank else 0
        picks = [draw(st.integers(min_value=low, max_value=len(STATUSES) - 1)) for _ in range(n)]
        return np.array(picks, np.int64)

    return OrderColumns(
        order_file="o.csv",
        item_file="i.csv",
        as_of=draw(MOMENTS),
        order_no=[f"N{k}" for k in range(orders)],
        order_row=np.arange(orders, dtype=np.int64) + 2,
        status=statuses(orders, blank=False),
        created_at=times(orders),
        paid_at=times(orders),
        total=amounts(orders),
        paid=amounts(orders),
        goods_amount=amounts(orders),
        shipping=amounts(orders, 2_000),
        buyer_id=[draw(TEXTS) for _ in range(orders)],
        province=[draw(TEXTS) for _ in range(orders)],
        city=[draw(TEXTS) for _ in range(orders)],
        line_order=line_order,
        line_row=np.arange(count, dtype=np.int64) + 2,
        sku_code=[draw(st.sampled_from(["A", "B"])) for _ in range(count)],
        title=["t"] * count,
        unit_price=amounts(count, 20_000),
        units=np.array([draw(st.integers(min_value=1, max_value=3)) for _ in range(count)]),
        line_status=statuses(count, blank=True),
    )


class _Moves:
    """How a stored order differs from the snapshot: not at all, in one field, or in any."""

    def __init__(self, draw: st.DrawFn, fields: tuple[str, ...], mode: str | None = None) -> None:
        self._draw = draw
        self._mode = mode or draw(st.sampled_from(["same", "one", "any"]), label="how it differs")
        self._field = (
            draw(st.sampled_from(fields), label="which field") if self._mode == "one" else None
        )

    def __call__(self, name: str, value: object, others: st.SearchStrategy[object]) -> object:
        if self._mode == "same" or (self._mode == "one" and name != self._field):
            return value
        if self._mode == "any" and self._draw(st.integers(min_value=0, max_value=3)):
            return value
        return self._draw(others, label=name)


_ORDER_FIELDS = ("status", "as_of", "created_at", "paid_at", "shipped_at", "completed_at",
                 "closed_at", "total", "paid", "shipping", "refund", "buyer_key", "province",
                 "city")  # fmt: skip
_LINE_FIELDS = ("unit_price", "line_amount", "guide_price", "price_check", "status",
                "completed_at", "refund_units", "refund_amount")  # fmt: skip
_MONEY = st.integers(min_value=0, max_value=100_000).map(Money)
_TIME_OR_NONE = st.one_of(st.none(), MOMENTS)


def _stored_order(draw: st.DrawFn, state: OrderState, mode: str) -> OrderState:
    moved = _Moves(draw, _ORDER_FIELDS, mode)
    others: dict[str, st.SearchStrategy[object]] = {
        "status": st.sampled_from(STATUSES), "as_of": MOMENTS, "total": _MONEY,
        "paid": _MONEY, "shipping": _MONEY, "refund": _MONEY, "buyer_key": TEXTS,
        "province": TEXTS, "city": TEXTS,
    }  # fmt: skip
    return replace(
        state,
        **{
            name: moved(name, getattr(state, name), others.get(name, _TIME_OR_NONE))
            for name in _ORDER_FIELDS
        },
    )


def _stored_line(draw: st.DrawFn, line: LineState, mode: str | None) -> LineState:
    moved = _Moves(draw, _LINE_FIELDS, mode)
    others: dict[str, st.SearchStrategy[object]] = {
        "unit_price": _MONEY, "line_amount": _MONEY,
        "guide_price": st.one_of(st.none(), _MONEY), "price_check": st.sampled_from(CHECKS),
        "status": st.sampled_from(STATUSES), "completed_at": _TIME_OR_NONE,
        "refund_units": st.integers(min_value=0, max_value=3), "refund_amount": _MONEY,
    }  # fmt: skip
    return replace(
        line, **{name: moved(name, getattr(line, name), others[name]) for name in _LINE_FIELDS}
    )


def _rows(stored: list[StoredOrder]) -> StoredRows:
    """The stored orders as read_stored_rows gives them."""

    def time(value: datetime | None) -> int:
        return NO_TIME if value is None else microseconds(value)

    def ints(values: list[int]) -> np.ndarray:
        return np.array(values, np.int64).reshape(len(values))

    states = [order.state for order in stored]
    lines = [(k, line) for k, order in enumerate(stored) for line in order.lines.values()]
    return StoredRows(
        order_no=[s.order_no for s in states],
        status=ints([STATUSES.index(s.status) for s in states]),
        as_of=ints([time(s.as_of) for s in states]),
        created_at=ints([time(s.created_at) for s in states]),
        paid_at=ints([time(s.paid_at) for s in states]),
        completed_at=ints([time(s.completed_at) for s in states]),
        closed_at=ints([time(s.closed_at) for s in states]),
        total=ints([s.total.fen for s in states]),
        paid=ints([s.paid.fen for s in states]),
        shipping=ints([s.shipping.fen for s in states]),
        refund=ints([s.refund.fen for s in states]),
        buyer_key=[s.buyer_key for s in states],
        province=[s.province for s in states],
        city=[s.city for s in states],
        line_order=ints([k for k, _ in lines]),
        line_no=ints([line.line_no for _, line in lines]),
        line_status=ints([STATUSES.index(line.status) for _, line in lines]),
        unit_price=ints([line.unit_price.fen for _, line in lines]),
        line_amount=ints([line.line_amount.fen for _, line in lines]),
        guide_price=ints(
            [NO_PRICE if x.guide_price is None else x.guide_price.fen for _, x in lines]
        ),
        price_check=ints([CHECKS.index(line.price_check) for _, line in lines]),
        line_completed_at=ints([time(line.completed_at) for _, line in lines]),
        refund_units=ints([line.refund_units for _, line in lines]),
        refund_amount=ints([line.refund_amount.fen for _, line in lines]),
    )


@settings(max_examples=1000, deadline=None)
@given(batch=batches(), data=st.data())
def test_the_orders_found_unchanged_are_those_decide_leaves_unchanged(
    batch: OrderColumns, data: st.DataObject
) -> None:
    fresh = stored_columns(batch, CATALOGUE, CAP, SECRET, PLATFORM)
    stored: list[StoredOrder] = []
    expected_orders, expected_lines = [], 0
    for record in records_of(batch):
        state = order_state_of(record, buyer_key(SECRET, PLATFORM, record.buyer_id))
        lines = line_states_of(record, CATALOGUE, CAP)
        if not data.draw(st.booleans(), label=f"{record.order_no} stored"):
            expected_orders.append(False)  # new: never unchanged
            continue
        # One field of the order differs (its lines as the snapshot has them), or one field of
        # one line (the order as the snapshot has it), or any of them, lines dropped or added.
        mode = data.draw(st.sampled_from(["order field", "line field", "any"]), label="mode")
        focus = data.draw(st.sampled_from(lines), label="line") if mode == "line field" else None
        kept = {
            line.line_no: _stored_line(
                data.draw, line, "any" if mode == "any" else "one" if line is focus else "same"
            )
            for line in lines
            if mode != "any" or data.draw(st.integers(min_value=0, max_value=5), label="kept")
        }
        if mode == "any" and data.draw(st.booleans(), label="a stored line the snapshot lacks"):
            extra = replace(lines[0], line_no=len(lines) + 1)
            kept[extra.line_no] = extra
        order_mode = {"order field": "one", "line field": "same"}.get(mode, "any")
        order = StoredOrder(_stored_order(data.draw, state, order_mode), kept)
        stored.append(order)
        write = decide(order, state, lines, None)
        unchanged = write.order_change is Change.UNCHANGED
        expected_orders.append(unchanged)
        expected_lines += len(write.line_changes) if unchanged else 0
        event("stored, unchanged" if unchanged else "stored, moved")

    found = unchanged_orders(batch, fresh, _rows(stored))

    assert found.orders.tolist() == expected_orders
    assert found.lines == expected_lines


def _one_order(
    status: OrderStatus = OrderStatus.PAID,
    line_status: OrderStatus | None = None,
    created: bool = True,
) -> tuple[OrderColumns, StoredColumns, OrderState, LineState]:
    """Order N0 of 11-03 with one line of SKU A, paid 11-01 at its guide price 100.00, as
    columns, as new rows, and as decide() sees the snapshot."""
    batch = OrderColumns(
        order_file="o.csv", item_file="i.csv", as_of=START + timedelta(days=2), order_no=["N0"],
        order_row=np.array([2]), status=np.array([STATUSES.index(status)]),
        created_at=np.array([microseconds(START) if created else NO_TIME]),
        paid_at=np.array([microseconds(START)]), total=np.array([10_000]),
        paid=np.array([10_000]), goods_amount=np.array([10_000]), shipping=np.array([0]),
        buyer_id=["b"], province=["浙江省"], city=["杭州市"], line_order=np.array([0]),
        line_row=np.array([2]), sku_code=["A"], title=["t"], unit_price=np.array([10_000]),
        units=np.array([1]),
        line_status=np.array([-1 if line_status is None else STATUSES.index(line_status)]),
    )  # fmt: skip
    (record,) = records_of(batch)
    (line,) = line_states_of(record, CATALOGUE, CAP)
    return (
        batch,
        stored_columns(batch, CATALOGUE, CAP, SECRET, PLATFORM),
        order_state_of(record, buyer_key(SECRET, PLATFORM, "b")),
        line,
    )


def test_a_snapshot_of_what_is_stored_changes_nothing_and_an_older_one_neither() -> None:
    """Worked by hand: order N0 stored exactly as the snapshot shows it is unchanged (1 line
    counted); stored from a later snapshot (11-05, after this one of 11-03) it is unchanged
    whatever the snapshot says, and decide() counts its stored lines (2)."""
    batch, fresh, state, line = _one_order()
    found = unchanged_orders(batch, fresh, _rows([StoredOrder(state, {1: line})]))
    assert (found.orders.tolist(), found.lines) == ([True], 1)
    later = StoredOrder(
        replace(state, as_of=START + timedelta(days=4), status=OrderStatus.UNPAID),
        {1: line, 2: replace(line, line_no=2)},
    )
    found = unchanged_orders(batch, fresh, _rows([later]))
    assert (found.orders.tolist(), found.lines) == ([True], 2)


S, P, C, X = OrderStatus.SHIPPED, OrderStatus.PAID, OrderStatus.COMPLETED, OrderStatus.CLOSED


@pytest.mark.parametrize(
    ("snapshot", "stored_order", "stored_line"),
    [
        # what the snapshot shows, and how the stored order differs: each alone moves it
        (dict(status=S), dict(status=P), dict(status=P)),  # the order's status, and its line's
        (dict(status=P, line_status=S), {}, dict(status=P)),  # the line's status alone
        (dict(), dict(created_at=None), {}),  # a creation time where there was none
        (dict(), dict(paid_at=None), {}),  # a payment time where there was none
        (dict(status=C), dict(status=C, completed_at=None), dict(status=C)),  # completed at
        (dict(status=X), dict(status=X, closed_at=None), dict(status=X)),  # closed at
        (dict(status=C), dict(status=C), dict(status=C, completed_at=None)),  # the line's
        (dict(), dict(total=Money(9_000)), {}),  # the amounts are the newest snapshot's
        (dict(), dict(paid=Money(9_000)), {}),
        (dict(), dict(shipping=Money(500)), {}),
        (dict(), dict(buyer_key=None), {}),  # a buyer, province, city where there was none
        (dict(), dict(province=""), {}),
        (dict(), dict(city=None), {}),
        # first seen unpaid, a line takes the snapshot's price (R-P1)
        (dict(), {}, dict(price_check=PriceCheck.NOT_PAID, unit_price=Money(9_000))),
        # a line closed after payment: its units refunded (R-S9)
        (dict(status=P, line_status=X), {}, dict(status=X, refund_units=0)),
        (dict(), {}, dict(line_no=2)),  # the snapshot's line 1 is not stored: a new line
    ],
)
def test_each_way_a_stored_order_moves_is_found(
    snapshot: dict[str, Any], stored_order: dict[str, Any], stored_line: dict[str, Any]
) -> None:
    batch, fresh, state, line = _one_order(**snapshot)
    kept = replace(line, **stored_line)
    stored = StoredOrder(replace(state, **stored_order), {kept.line_no: kept})
    assert decide(stored, state, (line,), None).order_change is Change.UPDATED
    assert unchanged_orders(batch, fresh, _rows([stored])).orders.tolist() == [False]
