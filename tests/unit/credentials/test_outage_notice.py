"""R-B8 in the domain: an outage is noticed when it lasted more than the contract's hours."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.credentials import OutageReport, needs_notice, outage_problem

START = datetime(2026, 11, 2, 10, 0, tzinfo=SHANGHAI)


def _report(minutes: int, what: str = "ERP 接口中断") -> OutageReport:
    return OutageReport("chando", START, START + timedelta(minutes=minutes), what)


@pytest.mark.parametrize(
    ("minutes", "hours", "noticed"),
    [
        (120, 2, False),  # 10:00 -> 12:00 is exactly 2 h: not "more than 2 hours"
        (121, 2, True),  # 10:00 -> 12:01
        (119, 2, False),
        (241, 4, True),  # a contract with 4 hours: 4 h 1 min
        (240, 4, False),
        (1, 0, True),  # 0 hours: every outage
    ],
)
def test_more_than_the_hours_is_noticed(minutes: int, hours: int, noticed: bool) -> None:
    assert needs_notice(_report(minutes), hours) is noticed


def test_a_second_over_is_over() -> None:
    report = OutageReport("chando", START, START + timedelta(hours=2, seconds=1), "x")
    assert needs_notice(report, 2)


@given(st.integers(min_value=1, max_value=10_000), st.integers(min_value=0, max_value=100))
def test_noticed_exactly_when_longer_than_the_hours(minutes: int, hours: int) -> None:
    assert needs_notice(_report(minutes), hours) is (minutes > hours * 60)


def test_bad_reports_say_what_is_wrong() -> None:
    assert outage_problem(_report(0)) is not None and "is not after --from" in str(
        outage_problem(_report(0))
    )
    assert outage_problem(_report(-5)) is not None
    assert outage_problem(_report(10, what="  ")) == (
        "--what is 1 to 500 characters saying what was down"
    )
    naive = OutageReport(
        "chando", START.replace(tzinfo=None), (START + timedelta(hours=1)).replace(tzinfo=None), "x"
    )
    assert outage_problem(naive) == "an outage's start and end are moments with a time zone"
    assert outage_problem(_report(10)) is None
