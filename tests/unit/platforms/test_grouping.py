"""Rows of one order come together while a file streams, whatever order the file has them in.

Real exports keep an order's rows together and list orders alike in both files of a pair: then
an order is given as soon as it is complete and almost nothing is held. Any other order of rows
gives the same orders, holding more.
"""

from __future__ import annotations

from collections.abc import Iterator

from hypothesis import given
from hypothesis import strategies as st

from daiyun.adapters.platforms.grouping import (
    Pairing,
    Row,
    orders_of_rows,
    pair_by_order_no,
    scattered_orders,
)


def rows_of(order_nos: list[str]) -> list[Row]:
    """One row per order number, numbered from 2 as under a header."""
    return [(number, [order_no, f"cell {number}"]) for number, order_no in enumerate(order_nos, 2)]


def grouped(rows: list[Row]) -> list[tuple[str, list[int]]]:
    """The groups of orders_of_rows, each as its order number and row numbers."""
    scattered = scattered_orders(rows, 0, file_bytes=0)
    return [
        (order_no, [number for number, _ in group])
        for order_no, group in orders_of_rows(rows, 0, scattered)
    ]


def test_rows_that_are_together_are_given_as_soon_as_the_next_order_starts() -> None:
    rows = rows_of(["A", "A", "B", "C", "C"])
    read: list[int] = []

    def numbered() -> Iterator[Row]:
        for row in rows:
            read.append(row[0])
            yield row

    groups = orders_of_rows(numbered(), 0, scattered={})

    assert (next(groups), read) == (("A", rows[:2]), [2, 3, 4])
    assert (next(groups), read) == (("B", rows[2:3]), [2, 3, 4, 5])
    assert scattered_orders(rows, 0, file_bytes=0) == {}


def test_an_order_whose_rows_are_apart_is_held_until_its_last_row() -> None:
    rows = rows_of(["A", "B", "A", "C", "B"])

    assert scattered_orders(rows, 0, file_bytes=0) == {"A": 4, "B": 6}
    assert grouped(rows) == [("A", [2, 4]), ("C", [5]), ("B", [3, 6])]


@given(st.lists(st.sampled_from("ABCDEFG"), max_size=40))
def test_any_order_of_rows_gives_each_order_once_with_all_its_rows_in_file_order(
    order_nos: list[str],
) -> None:
    groups = grouped(rows_of(order_nos))

    assert sorted(order_no for order_no, _ in groups) == sorted(set(order_nos))
    for order_no, numbers in groups:
        assert numbers == [n for n, o in enumerate(order_nos, 2) if o == order_no]


@given(st.lists(st.integers(min_value=0, max_value=10**6), unique=True, max_size=300))
def test_a_chance_collision_in_the_filter_only_holds_an_order_to_where_it_ends(
    numbers: list[int],
) -> None:
    # With the smallest filter, hundreds of orders collide; every group is still whole.
    order_nos = [str(number) for number in numbers for _ in (1, 2)]
    rows = rows_of(order_nos)

    assert grouped(rows) == [
        (order_no, [n for n, o in enumerate(order_nos, 2) if o == order_no])
        for order_no in dict.fromkeys(order_nos)
    ]


def test_co_ordered_streams_are_paired_one_by_one_holding_nothing() -> None:
    consumed = {"orders": 0, "lines": 0}

    def stream(kind: str, order_nos: str) -> Iterator[tuple[str, str]]:
        for order_no in order_nos:
            consumed[kind] += 1
            yield order_no, f"{kind} {order_no}"

    pairs = pair_by_order_no(stream("orders", "ABC"), stream("lines", "ABC"))

    assert next(pairs) == Pairing("A", "orders A", "lines A")
    assert consumed == {"orders": 1, "lines": 1}
    assert next(pairs) == Pairing("B", "orders B", "lines B")
    assert consumed == {"orders": 2, "lines": 2}


@given(st.permutations("ABCDEF"), st.permutations("ABCDEF"))
def test_streams_in_any_order_are_paired_alike(orders: list[str], lines: list[str]) -> None:
    pairs = pair_by_order_no(
        iter([(order_no, f"order {order_no}") for order_no in orders]),
        iter([(order_no, f"lines {order_no}") for order_no in lines]),
    )

    assert sorted(pairs, key=lambda pair: pair.order_no) == [
        Pairing(order_no, f"order {order_no}", f"lines {order_no}") for order_no in "ABCDEF"
    ]


def test_unmatched_orders_and_lines_and_a_repeated_order_come_last() -> None:
    pairs = list(
        pair_by_order_no(
            iter([("A", "order A"), ("B", "order B"), ("A", "order A again")]),
            iter([("A", "lines A"), ("C", "lines C")]),
        )
    )

    assert pairs == [
        Pairing("A", "order A", "lines A"),
        Pairing("B", "order B", None),
        Pairing("A", "order A again", None),
        Pairing("C", None, "lines C"),
    ]
