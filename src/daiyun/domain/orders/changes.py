"""What one snapshot of an order changes in what is stored: new, updated or unchanged."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from daiyun.domain.money import Money
from daiyun.domain.orders.records import SourceRow
from daiyun.domain.orders.state import (
    Change,
    LineState,
    OrderState,
    advance_line,
    advance_order,
)
from daiyun.domain.pricing import PriceCheck

_VIOLATIONS = frozenset({PriceCheck.BELOW_GUIDE, PriceCheck.ABOVE_CAP})

__all__ = ["OrderWrite", "RefundEvent", "StoredOrder", "combine", "decide"]


@dataclass(frozen=True, slots=True)
class StoredOrder:
    """An order and its lines (by line number) as stored."""

    state: OrderState
    lines: dict[int, LineState]


@dataclass(frozen=True, slots=True)
class RefundEvent:
    """Refund money (and units) that a snapshot shows for the first time (R-S9).

    `line_no` None is an order-level refund of a report without lines. `total` is the
    cumulative refund after this event: with the line it is the event's natural key.
    """

    line_no: int | None
    units: int
    amount: Money
    total: Money
    reason: str | None
    completed_at: datetime


@dataclass
class OrderWrite:
    """What to write for one order: its new state, and what changed line by line."""

    order_no: str
    order_change: Change
    result: StoredOrder
    line_changes: dict[int, Change]
    source: SourceRow | None
    refund_events: list[RefundEvent] = field(default_factory=list)
    new_price_violations: int = 0


def decide(
    stored: StoredOrder | None,
    state: OrderState,
    lines: tuple[LineState, ...],
    source: SourceRow | None,
) -> OrderWrite:
    """Move the stored order forward by this snapshot; an older one changes nothing."""
    if stored is None:
        fresh = StoredOrder(state, {line.line_no: line for line in lines})
        write = OrderWrite(
            state.order_no, Change.NEW, fresh, {line.line_no: Change.NEW for line in lines}, source
        )
        _note_lines(write, {}, lines, state.as_of)
        _note_order_refund(write, None, state)
        return write
    if state.as_of < stored.state.as_of:
        return OrderWrite(
            state.order_no,
            Change.UNCHANGED,
            stored,
            dict.fromkeys(stored.lines, Change.UNCHANGED),
            source,
        )
    new_state = advance_order(stored.state, state)
    new_lines = dict(stored.lines)
    changes: dict[int, Change] = {}
    for line in lines:
        before = stored.lines.get(line.line_no)
        after = line if before is None else advance_line(before, line)
        new_lines[line.line_no] = after
        if before is None:
            changes[line.line_no] = Change.NEW
        else:
            changes[line.line_no] = Change.UNCHANGED if after == before else Change.UPDATED
    moved = new_state != stored.state or any(c is not Change.UNCHANGED for c in changes.values())
    if moved and new_state.as_of != state.as_of:
        new_state = replace(new_state, as_of=state.as_of)
    write = OrderWrite(
        state.order_no,
        Change.UPDATED if moved else Change.UNCHANGED,
        StoredOrder(new_state, new_lines),
        changes,
        source,
    )
    _note_lines(write, stored.lines, tuple(new_lines[n] for n in changes), state.as_of)
    _note_order_refund(write, stored.state, new_state)
    return write


def combine(earlier: OrderWrite, later: OrderWrite) -> OrderWrite:
    """Two snapshots of one order in one batch, as one write of the later result."""
    line_numbers = earlier.line_changes.keys() | later.line_changes.keys()
    return OrderWrite(
        later.order_no,
        _stronger(earlier.order_change, later.order_change),
        later.result,
        {
            n: _stronger(
                earlier.line_changes.get(n, Change.UNCHANGED),
                later.line_changes.get(n, Change.UNCHANGED),
            )
            for n in sorted(line_numbers)
        },
        later.source or earlier.source,
        earlier.refund_events + later.refund_events,
        earlier.new_price_violations + later.new_price_violations,
    )


def _stronger(first: Change, second: Change) -> Change:
    for change in (Change.NEW, Change.UPDATED):
        if change in (first, second):
            return change
    return Change.UNCHANGED


def _note_lines(
    write: OrderWrite,
    before: dict[int, LineState],
    after: tuple[LineState, ...],
    as_of: datetime,
) -> None:
    # Whole fen and plain sets here: this runs for every imported line.
    for line in after:
        old = before.get(line.line_no)
        if line.price_check in _VIOLATIONS and (old is None or old.price_check not in _VIOLATIONS):
            write.new_price_violations += 1
        old_fen = old.refund_amount.fen if old is not None else 0
        old_units = old.refund_units if old is not None else 0
        if line.refund_amount.fen > old_fen or line.refund_units > old_units:
            write.refund_events.append(
                RefundEvent(
                    line_no=line.line_no,
                    units=line.refund_units - old_units,
                    amount=Money(line.refund_amount.fen - old_fen),
                    total=line.refund_amount,
                    reason=line.refund_reason,
                    # R-S1: the refund's own completion time, else the snapshot's as-of time.
                    completed_at=line.refunded_at or as_of,
                )
            )


def _note_order_refund(write: OrderWrite, before: OrderState | None, after: OrderState) -> None:
    if after.has_sku_lines:
        return
    old = before.refund if before is not None else Money(0)
    if after.refund > old:
        write.refund_events.append(
            RefundEvent(None, 0, after.refund - old, after.refund, None, after.as_of)
        )
