"""Runs of ids the foreign-key check of a bulk write reasons with (adapters/db/bulk_keys).

A child naming an id within a run whose every id was found written names a parent, so the runs
must say exactly which ids they hold: never one more.
"""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from daiyun.adapters.db.bulk_keys import _merged, _runs_not_in, _runs_of

ids = st.sets(st.integers(1, 200), min_size=1, max_size=60)


def _held(runs: list[tuple[int, int]]) -> set[int]:
    return {value for low, high in runs for value in range(low, high + 1)}


def test_runs_by_hand() -> None:
    assert _runs_of([7, 1, 3, 2]) == [(1, 3), (7, 7)]
    assert _merged([(5, 9), (1, 3), (4, 4), (12, 13)]) == [(1, 9), (12, 13)]
    # 1..20 less what 4..6 and 10..25 cover: 1..3 and 7..9
    assert _runs_not_in((1, 20), [(4, 6), (10, 25)]) == [(1, 3), (7, 9)]


@given(ids)
def test_runs_of_hold_exactly_the_ids(values: set[int]) -> None:
    runs = _runs_of(sorted(values, reverse=True))
    assert _held(runs) == values
    assert all(low <= high for low, high in runs)
    assert all(a[1] + 1 < b[0] for a, b in pairwise(runs))  # apart


@given(st.lists(ids, min_size=1, max_size=4))
def test_merged_runs_hold_what_the_runs_held_apart_and_in_order(groups: list[set[int]]) -> None:
    runs = [run for group in groups for run in _runs_of(sorted(group))]
    merged = _merged(runs)
    assert _held(merged) == set().union(*groups)
    assert all(a[1] + 1 < b[0] for a, b in pairwise(merged))


@given(st.integers(1, 200), st.integers(0, 50), ids)
def test_the_parts_not_covered_are_the_run_less_what_is_known(
    low: int, width: int, known_ids: set[int]
) -> None:
    run, known = (low, low + width), _runs_of(sorted(known_ids))
    parts = _runs_not_in(run, known)
    assert _held(parts) == _held([run]) - known_ids
    assert all(a[1] < b[0] for a, b in pairwise(parts))
