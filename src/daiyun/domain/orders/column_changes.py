"""Which orders of a batch a snapshot moves nothing of, column by column (R-S1).

decide() (changes.py) takes a stored order and a snapshot one order at a time: an older
snapshot changes nothing; a newer one moves the order forward field by field
(advance_order, advance_line) and changes nothing when every field stays where it was. An
agency re-imports overlapping exports every day, and most of their orders are where the store
has them already. This finds those orders over whole columns, by the same field-by-field
conditions as advance_order and advance_line, so that only the others — new, or moved by this
snapshot — go one at a time. Tests prove the counts and rows equal decide()'s.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from daiyun.domain.orders.columns import (
    CHECKS,
    NO_TIME,
    STATUSES,
    Ints,
    OrderColumns,
    StoredColumns,
    microseconds,
)
from daiyun.domain.orders.state import status_rank
from daiyun.domain.pricing import PriceCheck

__all__ = ["StoredRows", "UnchangedOrders", "unchanged_orders"]

Texts = list[str | None]
_RANKS = np.array([status_rank(status) for status in STATUSES], np.int64)
_NOT_PAID = CHECKS.index(PriceCheck.NOT_PAID)


@dataclass(frozen=True, slots=True, eq=False)
class StoredRows:
    """What a store has of a batch's orders, column by column, as stored.

    Order columns: one entry per stored order. Line columns: one per stored line of those
    orders, `line_order` its order's index in the order columns. Statuses and price checks are
    indexes into STATUSES and CHECKS; times microseconds since 1970 UTC (NO_TIME: none); money
    fen (NO_PRICE: no guide price). The shipping time of an order and the refund time of a line
    are not here: the layouts read by columns show neither, so the stored ones always stay.
    """

    order_no: list[str]
    status: Ints
    as_of: Ints
    created_at: Ints
    paid_at: Ints
    completed_at: Ints
    closed_at: Ints
    total: Ints
    paid: Ints
    shipping: Ints
    refund: Ints
    buyer_key: Texts
    province: Texts
    city: Texts
    line_order: Ints
    line_no: Ints
    line_status: Ints
    unit_price: Ints
    line_amount: Ints
    guide_price: Ints
    price_check: Ints
    line_completed_at: Ints
    refund_units: Ints
    refund_amount: Ints


@dataclass(frozen=True, slots=True, eq=False)
class UnchangedOrders:
    """The batch's orders the snapshot changes nothing of, and the lines decide() counts for
    them as unchanged (each snapshot line; every stored line when the snapshot is older)."""

    orders: npt.NDArray[np.bool_]
    lines: int


def unchanged_orders(
    batch: OrderColumns, fresh: StoredColumns, stored: StoredRows
) -> UnchangedOrders:
    """decide()'s UNCHANGED, order by order of the batch, over whole columns.

    `fresh` is the batch as new rows (stored_columns): the snapshot's OrderState and LineState
    fields. An order not in `stored` is new, never unchanged.
    """
    count = len(batch.order_no)
    unchanged = np.zeros(count, bool)
    if not stored.order_no:
        return UnchangedOrders(unchanged, 0)
    position = {order_no: k for k, order_no in enumerate(batch.order_no)}
    at = np.array([position[order_no] for order_no in stored.order_no], np.int64)
    as_of = microseconds(batch.as_of)
    older = stored.as_of > as_of  # decide: an older snapshot changes nothing
    stored_lines = np.bincount(stored.line_order, minlength=len(at))
    still = _order_stays(batch, fresh, stored, at) & _lines_stay(batch, fresh, stored, at)
    unchanged[at] = older | still
    batch_lines = np.bincount(batch.line_order, minlength=count)[at]
    lines = int(np.where(older, stored_lines, np.where(still, batch_lines, 0)).sum())
    return UnchangedOrders(unchanged, lines)


def _kept(stored: Ints, incoming: Ints) -> npt.NDArray[np.bool_]:
    """`stored or incoming` is the stored time: one is known, or neither."""
    kept: npt.NDArray[np.bool_] = (stored != NO_TIME) | (incoming == NO_TIME)
    return kept


def _kept_text(stored: Texts, incoming: Texts) -> npt.NDArray[np.bool_]:
    """`stored or incoming` is the stored text (an empty text gives way, as `or` has it)."""
    return np.array([bool(s) or s == i for s, i in zip(stored, incoming, strict=True)], bool)


def _order_stays(
    batch: OrderColumns, fresh: StoredColumns, stored: StoredRows, at: Ints
) -> npt.NDArray[np.bool_]:
    """advance_order(stored, snapshot) == stored, for each stored order."""
    status = batch.status[at]
    stays = _RANKS[status] <= _RANKS[stored.status]  # a status only moves to a later one
    stays &= _kept(stored.created_at, batch.created_at[at])
    stays &= _kept(stored.paid_at, batch.paid_at[at])
    stays &= _kept(stored.completed_at, fresh.completed_at[at])
    stays &= _kept(stored.closed_at, fresh.closed_at[at])
    # The amounts are the newest snapshot's; refunds only grow (the layouts show none: 0).
    stays &= (stored.total == batch.total[at]) & (stored.paid == batch.paid[at])
    stays &= stored.shipping == batch.shipping[at]
    stays &= stored.refund >= 0
    picked = at.tolist()
    stays &= _kept_text(stored.buyer_key, [fresh.buyer_key[k] for k in picked])
    stays &= _kept_text(stored.province, [batch.province[k] for k in picked])
    stays &= _kept_text(stored.city, [batch.city[k] for k in picked])
    return stays


def _lines_stay(
    batch: OrderColumns, fresh: StoredColumns, stored: StoredRows, at: Ints
) -> npt.NDArray[np.bool_]:
    """Every line of the snapshot is stored and advance_line(stored, snapshot) == stored."""
    orders = len(at)
    if len(stored.line_no) == 0:
        return np.zeros(orders, bool)  # every snapshot line is new: each of its orders moves
    # Each snapshot line of a stored order, and the stored line of the same order and number.
    order_of_batch = np.full(len(batch.order_no), -1, np.int64)
    order_of_batch[at] = np.arange(orders)
    stored_order = order_of_batch[batch.line_order]
    of_stored = np.flatnonzero(stored_order >= 0)
    widest = int(max(stored.line_no.max(), fresh.line_no.max())) + 1
    stored_key = stored.line_order * widest + stored.line_no
    snapshot_key = stored_order[of_stored] * widest + fresh.line_no[of_stored]
    by_key = np.argsort(stored_key, kind="stable")
    found = np.minimum(np.searchsorted(stored_key, snapshot_key, sorter=by_key), len(by_key) - 1)
    match = by_key[found]
    present = stored_key[match] == snapshot_key
    line = of_stored
    stays = present.copy()
    stays &= _RANKS[fresh.line_status_index[line]] <= _RANKS[stored.line_status[match]]
    # First seen before payment, a line takes the snapshot's pricing (R-P1 once paid).
    repriced = stored.price_check[match] == _NOT_PAID
    same_price = (
        (stored.unit_price[match] == batch.unit_price[line])
        & (stored.line_amount[match] == fresh.line_amount[line])
        & (stored.guide_price[match] == fresh.guide_price[line])
        & (stored.price_check[match] == fresh.check_index[line])
    )
    stays &= ~repriced | same_price
    stays &= _kept(stored.line_completed_at[match], fresh.line_completed_at[line])
    # Refunds only grow; the layouts show no refund money of a line (0).
    stays &= stored.refund_units[match] >= fresh.refund_units[line]
    stays &= stored.refund_amount[match] >= 0
    # A snapshot line that is not stored, or moves, moves its order.
    moved = np.zeros(orders, bool)
    moved[stored_order[of_stored][~stays]] = True
    return ~moved
