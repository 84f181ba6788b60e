"""Orders before their store's go-live (issue 15, point 2): the comparison the web's import
makes before storing anything. A go-live is a Beijing day: an order paid at 00:00 that day is
on time; one paid at 23:59 the day before, or in 2020, is early."""

from __future__ import annotations

from datetime import UTC, date

import numpy as np

from daiyun.domain.orders.columns import NO_TIME, microseconds
from daiyun.domain.orders.go_live import EarlyOrderTally, go_live_of
from tests.builders import beijing

GO_LIVE = date(2026, 2, 1)


def test_a_store_without_a_go_live_day_went_live_with_its_contract() -> None:
    assert go_live_of(GO_LIVE, date(2026, 1, 5)) == GO_LIVE
    assert go_live_of(None, date(2026, 1, 5)) == date(2026, 1, 5)


def test_orders_paid_before_the_go_live_day_are_counted_from_the_earliest_to_the_latest() -> None:
    tally = EarlyOrderTally(GO_LIVE)
    tally.see(beijing("2020-02-29 23:30"), beijing("2020-02-29 23:00"))
    tally.see(beijing("2026-01-31 23:59"), None)  # a minute before midnight, Beijing time
    tally.see(beijing("2026-02-01 00:00"), None)  # the go-live's first moment: on time
    tally.see(None, beijing("2020-02-01 09:59"))  # never paid: its creation counts
    tally.see(None, None)  # nothing to go by
    found = tally.found()
    assert found is not None
    assert (found.go_live_on, found.count) == (GO_LIVE, 3)
    assert (found.earliest, found.latest) == (
        beijing("2020-02-01 09:59"),
        beijing("2026-01-31 23:59"),
    )
    # 2026-01-31 16:00 UTC is 2026-02-01 00:00 in Beijing: on time, whatever the zone given.
    on_time = EarlyOrderTally(GO_LIVE)
    on_time.see(beijing("2026-02-01 00:00").astimezone(UTC), None)
    assert on_time.found() is None


def test_columns_count_as_the_orders_one_by_one_do() -> None:
    moments = [
        (beijing("2020-02-29 23:30"), beijing("2020-02-29 23:00")),
        (beijing("2026-02-01 00:00"), beijing("2026-01-31 22:00")),
        (None, beijing("2020-02-01 09:59")),
        (beijing("2026-01-31 23:59"), None),
        (None, None),
    ]
    one_by_one = EarlyOrderTally(GO_LIVE)
    for paid, created in moments:
        one_by_one.see(paid, created)
    by_columns = EarlyOrderTally(GO_LIVE)
    for batch in (moments[:2], moments[2:]):
        paid_column = np.array([NO_TIME if p is None else microseconds(p) for p, _ in batch])
        created_column = np.array([NO_TIME if c is None else microseconds(c) for _, c in batch])
        by_columns.see_columns(paid_column, created_column, NO_TIME, beijing("2026-11-05 10:00"))
    found = by_columns.found()
    assert found == one_by_one.found()
    assert found is not None and found.count == 3
