"""A listing-price file (store,sku,price) is read into rows and problems, never an exception."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from daiyun.adapters.price_file import read_price_file
from daiyun.domain.money import Money


def test_a_carriage_return_ends_a_line_as_excel_on_a_mac_writes_it() -> None:
    # Schemathesis sent b"\r0" to POST /api/listings/prices and got a 500 (csv.Error).
    rows, problems = read_price_file(b"store,sku,price\rchando-tmall,CD-CREAM-50,145.00\r")
    assert problems == []
    assert [(r.row, r.store, r.sku, r.price) for r in rows] == [
        (2, "chando-tmall", "CD-CREAM-50", Money(14500))
    ]


def test_a_lone_carriage_return_is_an_empty_file_without_its_header() -> None:
    rows, problems = read_price_file(b"\r0")
    assert rows == []
    assert [p.row for p in problems] == [1]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_give_rows_and_problems_never_an_exception(data: bytes) -> None:
    rows, problems = read_price_file(data)
    assert all(row.row >= 2 for row in rows)
    assert all(problem.row >= 1 for problem in problems)
