"""R-F2: shipping within 72 hours of payment; late orders with their hours late."""

from __future__ import annotations

import pytest

from daiyun.domain.fulfilment import late_shipment
from tests.builders import beijing

PAID = beijing("2026-11-11 00:30")  # ship by 2026-11-14 00:30 Beijing time


@pytest.mark.parametrize(
    ("shipped", "as_of", "hours"),
    [
        ("2026-11-14 00:30", "2026-11-20 00:00", None),  # exactly on time
        ("2026-11-14 00:31", "2026-11-20 00:00", 1),  # a minute late counts as an hour
        ("2026-11-15 02:30", "2026-11-20 00:00", 26),  # 26 hours after the 72
        (None, "2026-11-14 00:30", None),  # unshipped, but not yet late
        (None, "2026-11-14 10:00", 10),  # unshipped 9.5 hours after → 10
        ("2026-11-16 00:00", "2026-11-15 00:30", 24),  # shipped later than as_of: not yet
    ],
)
def test_late_by_whole_hours_after_the_72(
    shipped: str | None, as_of: str, hours: int | None
) -> None:
    found = late_shipment(
        "chando-tmall", "1001", PAID, beijing(shipped) if shipped else None,
        sla_hours=72, as_of=beijing(as_of),
    )  # fmt: skip
    assert (None if found is None else found.hours_late) == hours
    if found is not None:
        assert found.ship_by == beijing("2026-11-14 00:30")
