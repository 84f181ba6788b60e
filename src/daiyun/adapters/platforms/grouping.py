"""Rows of one order brought together while files stream, whatever order the files have them in.

Real exports keep an order's item rows next to each other and list orders in the same order in
both files of a pair, so an order is complete as soon as the next one starts, and only a few
orders are ever held. Files that are not like that are read just as right, holding more:

- `scattered_orders` reads the order numbers once beforehand and names the orders whose rows
  are not all together, with the row where each one's last row is, so that `orders_of_rows`
  holds those until then. The first read remembers order numbers as bits of a fixed-size
  filter: an order named by a chance collision of bits is merely held until its last row, which
  is where it would have ended anyway, so the answer never depends on luck.
- `pair_by_order_no` walks an order file and an item file side by side and holds an order (or
  its lines) only until its partner arrives.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from daiyun.adapters.platforms.cells import clean_cell

__all__ = ["Pairing", "Row", "orders_of_rows", "pair_by_order_no", "scattered_orders"]

Row = tuple[int, list[str]]  # a row's number as a spreadsheet shows it, and its cells

_Order = TypeVar("_Order")
_Lines = TypeVar("_Lines")

_FEWEST_FILTER_BITS = 1 << 16
_MOST_FILTER_BITS = 1 << 27  # 16 MiB: about 1% collisions at ten million orders


def scattered_orders(rows: Iterable[Row], order_no_at: int, file_bytes: int) -> dict[str, int]:
    """The orders whose rows are not all next to each other, each with the number of its last row.

    `order_no_at` is the order number's column. A few orders whose rows are together may be
    named too; holding them changes nothing.
    """
    bits = max(_FEWEST_FILTER_BITS, min(_MOST_FILTER_BITS, 1 << file_bytes.bit_length()))
    seen = bytearray(bits >> 3)
    mask = bits - 1
    scattered: dict[str, int] = {}
    current, current_cell, current_is_scattered = "", None, False
    last = 0
    for number, cells in rows:
        cell = cells[order_no_at] if order_no_at < len(cells) else ""
        if cell != current_cell:  # the same cell as the row before is the same order, cheaply
            current_cell = cell
            order_no = clean_cell(cell)
            if order_no != current:
                if current_is_scattered:
                    scattered[current] = last
                current = order_no
                bit = hash(order_no) & mask
                current_is_scattered = bool(seen[bit >> 3] & (1 << (bit & 7)))
                seen[bit >> 3] |= 1 << (bit & 7)
        last = number
    if current_is_scattered:
        scattered[current] = last
    return scattered


def orders_of_rows(
    rows: Iterable[Row], order_no_at: int, scattered: dict[str, int]
) -> Iterator[tuple[str, list[Row]]]:
    """Each order's rows together, in file order, as soon as its last row has been read.

    The order number is the cell in column `order_no_at`, cleaned (cells.clean_cell).
    """
    held: dict[str, list[Row]] = {}
    current: str | None = None
    current_cell: str | None = None
    group: list[Row] = []
    for row in rows:
        cells = row[1]
        cell = cells[order_no_at] if order_no_at < len(cells) else ""
        if cell != current_cell:
            current_cell = cell
            order_no = clean_cell(cell)
            if order_no != current:
                if current is not None and (whole := _whole(current, group, held, scattered)):
                    yield current, whole
                current, group = order_no, []
        group.append(row)
    if current is not None and (whole := _whole(current, group, held, scattered)):
        yield current, whole
    # Only a file changed between the two reads leaves rows held here; they are not lost.
    yield from held.items()


def _whole(
    order_no: str, group: list[Row], held: dict[str, list[Row]], scattered: dict[str, int]
) -> list[Row]:
    """All the order's rows if this group ends them; else none, and the group is held."""
    last = scattered.get(order_no)
    if last is not None and group[-1][0] < last:
        held.setdefault(order_no, []).extend(group)
        return []
    earlier = held.pop(order_no, None)
    return group if earlier is None else earlier + group


@dataclass(frozen=True, slots=True)
class Pairing(Generic[_Order, _Lines]):
    """An order and its lines, matched by order number; either is None when it has no partner."""

    order_no: str
    order: _Order | None
    lines: _Lines | None


def pair_by_order_no(
    orders: Iterator[tuple[str, _Order]], line_groups: Iterator[tuple[str, _Lines]]
) -> Iterator[Pairing[_Order, _Lines]]:
    """Match orders with their line groups, reading one of each in turn.

    An order number that comes twice from `orders` gives a second, unmatched pairing; so do
    orders without lines and lines without an order, once both streams are read.
    """
    waiting_orders: dict[str, _Order] = {}
    waiting_lines: dict[str, _Lines] = {}
    unmatched: list[Pairing[_Order, _Lines]] = []
    orders_left = lines_left = True
    while orders_left or lines_left:
        if orders_left:
            order = next(orders, None)
            orders_left = order is not None
            if order is not None:
                order_no, found = order
                if order_no in waiting_lines:
                    yield Pairing(order_no, found, waiting_lines.pop(order_no))
                elif order_no in waiting_orders:
                    unmatched.append(Pairing(order_no, found, None))
                else:
                    waiting_orders[order_no] = found
        if lines_left:
            group = next(line_groups, None)
            lines_left = group is not None
            if group is not None:
                order_no, lines = group
                if order_no in waiting_orders:
                    yield Pairing(order_no, waiting_orders.pop(order_no), lines)
                elif order_no in waiting_lines:
                    unmatched.append(Pairing(order_no, None, lines))
                else:
                    waiting_lines[order_no] = lines
    yield from unmatched
    yield from (Pairing(order_no, order, None) for order_no, order in waiting_orders.items())
    yield from (Pairing(order_no, None, lines) for order_no, lines in waiting_lines.items())
