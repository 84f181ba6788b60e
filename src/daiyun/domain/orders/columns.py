"""One batch of a snapshot's orders column by column, and the per-line rules over whole columns.

The same rules as amounts.py, snapshot.py and changes.py, written over numpy arrays for imports
of hundreds of thousands of lines: largest-remainder allocation (R-S4), the guide price in
force when paid (R-P1), the floor and the cap (R-P2, R-P3), completion and refunds before
completion (R-S1, R-S9). `records_of` turns a batch back into the records the readers give,
for the one-order-at-a-time path; tests prove both paths store the same rows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from fractions import Fraction

import numpy as np
import numpy.typing as npt

from daiyun.domain.money import Money, Rate
from daiyun.domain.orders.records import OrderLineRecord, OrderRecord, OrderStatus, SourceRow
from daiyun.domain.pricing import PriceCheck, Sku

__all__ = [
    "CHECKS",
    "NO_PRICE",
    "NO_TIME",
    "STATUSES",
    "Ints",
    "OrderColumns",
    "OutsidePattern",
    "StoredColumns",
    "allocate_by_order",
    "buyer_keys",
    "guide_prices_at",
    "microseconds",
    "moment",
    "price_checks",
    "records_of",
    "stored_columns",
]

Ints = npt.NDArray[np.int64]
# An absent time in a column of microseconds since 1970-01-01 UTC; an absent guide price.
NO_TIME = np.iinfo(np.int64).min
NO_PRICE = -1
# Statuses and price checks in columns are their index in these tuples; -1 is none.
STATUSES: tuple[OrderStatus, ...] = tuple(OrderStatus)
CHECKS: tuple[PriceCheck, ...] = tuple(PriceCheck)
_COMPLETED = STATUSES.index(OrderStatus.COMPLETED)
_CLOSED = STATUSES.index(OrderStatus.CLOSED)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_LARGEST_EXACT = 2**62  # products stay below this: int64 arithmetic is exact


class OutsidePattern(Exception):
    """Files, or a batch, that only the one-order-at-a-time path takes (its message says why)."""


def microseconds(moment_: datetime) -> int:
    """An aware moment as whole microseconds since 1970-01-01 UTC."""
    return (moment_ - _EPOCH) // timedelta(microseconds=1)


def moment(value: int, zone: datetime | None = None) -> datetime | None:
    """The moment of a column's microseconds (None for NO_TIME), in `zone`'s time zone."""
    if value == NO_TIME:
        return None
    found = _EPOCH + timedelta(microseconds=int(value))
    return found if zone is None else found.astimezone(zone.tzinfo)


@dataclass(frozen=True, slots=True, eq=False)
class OrderColumns:
    """A batch of one export's orders and their lines, as read, in file order.

    Order columns have one entry per order; line columns one per line, lines grouped by order
    in the orders' sequence (`line_order` is each line's order index, never decreasing).
    Statuses are indexes into STATUSES (-1: the line gives none); times are microseconds since
    1970 UTC (NO_TIME: none); money is fen.
    """

    order_file: str
    item_file: str
    as_of: datetime
    order_no: list[str]
    order_row: Ints
    status: Ints
    created_at: Ints
    paid_at: Ints
    total: Ints
    paid: Ints
    goods_amount: Ints
    shipping: Ints
    buyer_id: list[str | None]
    province: list[str | None]
    city: list[str | None]
    line_order: Ints
    line_row: Ints
    sku_code: list[str | None]
    title: list[str | None]
    unit_price: Ints
    units: Ints
    line_status: Ints


@dataclass(frozen=True, slots=True, eq=False)
class StoredColumns:
    """What a batch of new orders stores: orders, lines and refunds, column by column."""

    orders: OrderColumns
    status: list[str]
    completed_at: Ints
    closed_at: Ints
    buyer_key: list[str | None]
    line_no: Ints
    line_status: list[str]
    line_amount: Ints
    guide_price: Ints
    price_check: list[str]
    line_completed_at: Ints
    refund_units: Ints
    refund_lines: Ints  # the lines refunded before completion (R-S9), by index
    price_violations: int
    line_status_index: Ints  # line_status and price_check as indexes into STATUSES, CHECKS
    check_index: Ints


def allocate_by_order(goods: Ints, weights: Ints, line_order: Ints) -> Ints:
    """Each order's goods amount split over its lines by weight, largest remainder (R-S4).

    As money.allocate: shares add up to the order's amount; remainder fen go to the largest
    fractional parts, ties to the earlier line; all-zero weights split equally.
    """
    count = len(line_order)
    if count == 0:
        return np.zeros(0, np.int64)
    starts = np.flatnonzero(np.r_[True, line_order[1:] != line_order[:-1]])
    group = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, count]))
    total = goods[line_order[starts]]
    weight_sum = np.add.reduceat(weights, starts)
    weights = np.where(weight_sum[group] == 0, 1, weights)
    weight_sum = np.add.reduceat(weights, starts)
    if int(weights.max()) * max(int(total.max()), 1) >= _LARGEST_EXACT:
        raise OverflowError("amounts too large to allocate in 64-bit integers")
    shares, remainders = np.divmod(total[group] * weights, weight_sum[group])
    left_over = total - np.add.reduceat(shares, starts)
    # Within each order: largest remainder first, ties to the earlier line.
    by_remainder = np.lexsort((np.arange(count), -remainders, group))
    rank = np.empty(count, np.int64)
    rank[by_remainder] = np.arange(count) - starts[group[by_remainder]]
    allocated: Ints = shares + (rank < left_over[group])
    return allocated


def guide_prices_at(
    sku_codes: Sequence[str | None], paid_at: Ints, catalogue: Mapping[str, Sku]
) -> Ints:
    """R-P1: each line's guide price in force when its order was paid (NO_PRICE: none)."""
    codes = sorted({code for code in sku_codes if code is not None and code in catalogue})
    index = {code: i for i, code in enumerate(codes)}
    line_sku = np.array([index.get(code or "", -1) for code in sku_codes], np.int64)
    # One table of every SKU's history, sorted by (SKU, effective time); a line's price is the
    # last entry of its SKU at or before its payment.
    history = [
        (i, microseconds(price.effective_from), price.price.fen)
        for i, code in enumerate(codes)
        for price in catalogue[code].guide_prices
    ]
    found = np.full(len(sku_codes), NO_PRICE, np.int64)
    if not history:
        return found
    table = np.array(sorted(history), np.int64)
    # Times as ranks among all times in play, so that (SKU, time) fits one int64 key.
    _, ranks = np.unique(np.r_[table[:, 1], paid_at], return_inverse=True)
    table_keys = (table[:, 0] << 32) + ranks[: len(table)]
    line_keys = (line_sku << 32) + ranks[len(table) :]
    position = np.searchsorted(table_keys, line_keys, side="right") - 1
    valid = (line_sku >= 0) & (paid_at != NO_TIME) & (position >= 0)
    safe = np.where(valid, position, 0)
    valid &= table[safe, 0] == line_sku
    found[valid] = table[safe[valid], 2]
    return found


def price_checks(
    line_amount: Ints, units: Ints, guide_price: Ints, paid: npt.NDArray[np.bool_], cap: Rate
) -> Ints:
    """R-P2/R-P3 for every line: index into CHECKS, as check_sold_price decides one line."""
    fraction = Fraction(cap.value)
    numerator, denominator = fraction.numerator, fraction.denominator
    at_guide = guide_price * units
    largest = max(int(np.abs(line_amount).max(initial=0)), int(np.abs(at_guide).max(initial=0)))
    if largest * (abs(numerator) + denominator) >= _LARGEST_EXACT:
        raise OverflowError("amounts too large to check in 64-bit integers")
    checks = np.full(len(units), CHECKS.index(PriceCheck.WITHIN), np.int64)
    above = line_amount * denominator > at_guide * (denominator + numerator)
    checks[above] = CHECKS.index(PriceCheck.ABOVE_CAP)
    checks[line_amount < at_guide] = CHECKS.index(PriceCheck.BELOW_GUIDE)
    checks[guide_price == NO_PRICE] = CHECKS.index(PriceCheck.NO_GUIDE_PRICE)
    checks[~paid] = CHECKS.index(PriceCheck.NOT_PAID)
    return checks


def stored_columns(
    orders: OrderColumns,
    catalogue: Mapping[str, Sku],
    markup_cap: Rate,
    buyer_secret: bytes,
    platform: str,
) -> StoredColumns:
    """The rows a batch of new orders stores, as decide() makes them one order at a time."""
    as_of = microseconds(orders.as_of)
    line_order = orders.line_order
    # Line numbers: 1, 2, … within each order, in file order.
    starts = np.flatnonzero(np.r_[True, line_order[1:] != line_order[:-1]])
    counts = np.diff(np.r_[starts, len(line_order)])
    line_no = np.arange(len(line_order)) - np.repeat(starts, counts) + 1
    line_amount = allocate_by_order(
        orders.goods_amount, orders.unit_price * orders.units, line_order
    )
    paid_at = orders.paid_at[line_order]
    paid = paid_at != NO_TIME
    guide = guide_prices_at(orders.sku_code, paid_at, catalogue)
    checks = price_checks(line_amount, orders.units, guide, paid, markup_cap)
    # A line's status is its own, else its order's.
    line_status = np.where(orders.line_status >= 0, orders.line_status, orders.status[line_order])
    # R-S1: completed (and closed) as of the snapshot that shows it; the 2016 layouts give no
    # completion time of their own.
    completed = np.where(orders.status == _COMPLETED, as_of, NO_TIME)
    closed = np.where(orders.status == _CLOSED, as_of, NO_TIME)
    line_completed = np.where(line_status == _COMPLETED, as_of, NO_TIME)
    # R-S9: a closed line of a paid order was refunded before completion, all its units.
    refunded = (line_status == _CLOSED) & paid
    keys = buyer_keys(buyer_secret, platform, orders.buyer_id)
    violation = np.isin(checks, [CHECKS.index(c) for c in CHECKS if c.is_violation])
    return StoredColumns(
        orders=orders,
        status=_names(orders.status, STATUSES),
        completed_at=completed,
        closed_at=closed,
        buyer_key=[keys[buyer] for buyer in orders.buyer_id],
        line_no=line_no,
        line_status=_names(line_status, STATUSES),
        line_amount=line_amount,
        guide_price=guide,
        price_check=_names(checks, CHECKS),
        line_completed_at=line_completed,
        refund_units=np.where(refunded, orders.units, 0),
        refund_lines=np.flatnonzero(refunded),
        price_violations=int(violation.sum()),
        line_status_index=line_status,
        check_index=checks,
    )


def buyer_keys(
    secret: bytes, platform: str, buyer_ids: Sequence[str | None]
) -> dict[str | None, str | None]:
    """R-D1: snapshot.buyer_key of each distinct buyer, HMAC-SHA256 with its key pads hashed once.

    HMAC(K, m) = H((K ^ opad) + H((K ^ ipad) + m)) (RFC 2104): the hashes of the pads, and of
    the "platform:" prefix, are copied for each buyer instead of being worked out again.
    """
    block = hashlib.sha256().block_size
    key = (hashlib.sha256(secret).digest() if len(secret) > block else secret).ljust(block, b"\0")
    inner = hashlib.sha256(bytes(byte ^ 0x36 for byte in key) + f"{platform}:".encode())
    outer = hashlib.sha256(bytes(byte ^ 0x5C for byte in key))
    keys: dict[str | None, str | None] = {None: None, "": None}
    for buyer in buyer_ids:
        if buyer not in keys:
            inner_digest = inner.copy()
            inner_digest.update(buyer.encode())  # type: ignore[union-attr]  # None is in keys
            digest = outer.copy()
            digest.update(inner_digest.digest())
            keys[buyer] = digest.hexdigest()[:32]
    return keys


def _names(indexes: Ints, values: Sequence[OrderStatus] | Sequence[PriceCheck]) -> list[str]:
    names = np.array([value.value for value in values], dtype=object)
    listed: list[str] = names[indexes].tolist()
    return listed


def records_of(orders: OrderColumns, only: Ints | None = None) -> list[OrderRecord]:
    """The batch as the reference readers give it: one OrderRecord per order, with its lines;
    with `only`, the orders of those indexes (in that sequence) alone."""
    zone = orders.as_of
    chosen = np.arange(len(orders.order_no)) if only is None else only
    wanted = np.zeros(len(orders.order_no), bool)
    wanted[chosen] = True
    lines: list[list[OrderLineRecord]] = [[] for _ in orders.order_no]
    for i, at in enumerate(orders.line_order.tolist()):
        if not wanted[at]:
            continue
        status_index = int(orders.line_status[i])
        order_status = STATUSES[int(orders.status[at])]
        status = STATUSES[status_index] if status_index >= 0 else order_status
        units = int(orders.units[i])
        refunded = status is OrderStatus.CLOSED and orders.paid_at[at] != NO_TIME
        lines[at].append(
            OrderLineRecord(
                line_no=len(lines[at]) + 1,
                sku_code=orders.sku_code[i],
                title=orders.title[i],
                units=units,
                unit_price=Money(int(orders.unit_price[i])),
                line_amount=None,
                status=status,
                refund_units=units if refunded else 0,
                source=SourceRow(orders.item_file, int(orders.line_row[i])),
            )
        )
    return [
        OrderRecord(
            order_no=orders.order_no[k],
            status=STATUSES[int(orders.status[k])],
            as_of=orders.as_of,
            created_at=moment(int(orders.created_at[k]), zone),
            paid_at=moment(int(orders.paid_at[k]), zone),
            shipped_at=None,
            completed_at=None,
            total=Money(int(orders.total[k])),
            paid=Money(int(orders.paid[k])),
            goods_amount=Money(int(orders.goods_amount[k])),
            shipping=Money(int(orders.shipping[k])),
            refund=Money(0),
            buyer_id=orders.buyer_id[k],
            province=orders.province[k],
            city=orders.city[k],
            lines=tuple(lines[k]),
            source=SourceRow(orders.order_file, int(orders.order_row[k])),
        )
        for k in chosen.tolist()
    ]
