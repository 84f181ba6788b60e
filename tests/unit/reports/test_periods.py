"""Report periods and due days (issue 20, R-R1): ISO weeks Monday to Sunday in Beijing time,
months, years; due days from the contract's terms; on time on the due day, late the day after;
bad periods refused saying what was expected."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.contracts.terms import ContractTerms
from daiyun.domain.reports.periods import ReportKind, ReportPeriod, is_on_time, periods_between
from daiyun.domain.reports.segments import RfmCutoffs, rfm_segment

TERMS = ContractTerms()  # weekly 1 day, monthly 3 days, yearly the 10th (R-R1)


@pytest.mark.parametrize(
    ("kind", "text", "first", "last", "due"),
    [
        # 2026-W41: Monday 10-05 to Sunday 10-11; due the day after, 10-12.
        ("weekly", "2026-W41", date(2026, 10, 5), date(2026, 10, 11), date(2026, 10, 12)),
        # ISO week 1 of 2026 starts on Monday 2025-12-29.
        ("weekly", "2026-W01", date(2025, 12, 29), date(2026, 1, 4), date(2026, 1, 5)),
        # 2026 has 53 ISO weeks (it starts on a Thursday): W53 is 12-28 to 2027-01-03.
        ("weekly", "2026-W53", date(2026, 12, 28), date(2027, 1, 3), date(2027, 1, 4)),
        # October: 10-31 + 3 = 11-03; February 2028 (leap): 02-29 + 3 = 03-03.
        ("monthly", "2026-10", date(2026, 10, 1), date(2026, 10, 31), date(2026, 11, 3)),
        ("monthly", "2028-02", date(2028, 2, 1), date(2028, 2, 29), date(2028, 3, 3)),
        # A year: by the 10th of January after it.
        ("yearly", "2026", date(2026, 1, 1), date(2026, 12, 31), date(2027, 1, 10)),
    ],
)
def test_periods_and_their_due_days(
    kind: str, text: str, first: date, last: date, due: date
) -> None:
    period = ReportPeriod.parse(kind, text)
    assert (period.first_day, period.last_day, period.text) == (first, last, text)
    assert period.due_on(TERMS) == due
    assert period.span().start == datetime(first.year, first.month, first.day, tzinfo=SHANGHAI)


def test_the_due_days_follow_the_contracts_terms() -> None:
    terms = ContractTerms.from_texts(
        {"weekly_report_days": "2", "monthly_report_days": "5", "yearly_report_day": "20"}
    )
    assert ReportPeriod.parse("weekly", "2026-W41").due_on(terms) == date(2026, 10, 13)
    assert ReportPeriod.parse("monthly", "2026-10").due_on(terms) == date(2026, 11, 5)
    assert ReportPeriod.parse("yearly", "2026").due_on(terms) == date(2027, 1, 20)


def test_on_time_on_the_due_day_in_beijing_and_late_the_day_after() -> None:
    due = date(2026, 10, 12)
    # 23:59 on the due day in Beijing is 15:59 UTC: on time; 00:00 the next day is late.
    assert is_on_time(datetime(2026, 10, 12, 23, 59, tzinfo=SHANGHAI), due)
    assert not is_on_time(datetime(2026, 10, 13, 0, 0, tzinfo=SHANGHAI), due)


@pytest.mark.parametrize(
    ("kind", "text", "says"),
    [
        ("weekly", "2026-10", "is not a week"),
        ("weekly", "2025-W53", "has weeks 01–52"),
        ("weekly", "2026-W00", "has weeks 01–53"),
        ("monthly", "2026-13", "is not a month"),
        ("monthly", "2026-W41", "written like 2026-10"),
        ("yearly", "26", "written like 2026"),
        ("yearly", "0999", "the year must be 1900–9998"),
        ("daily", "2026", "not a kind of report"),
    ],
)
def test_bad_periods_are_refused_saying_what_was_expected(kind: str, text: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        ReportPeriod.parse(kind, text)


def test_previous_and_a_year_before() -> None:
    week = ReportPeriod.parse("weekly", "2026-W01")
    assert week.previous().text == "2025-W52"
    assert week.year_before().text == "2025-W01"
    # A week 53 a year before a year without one is compared with week 52.
    assert ReportPeriod.parse("weekly", "2026-W53").year_before().text == "2025-W52"
    assert ReportPeriod.parse("monthly", "2026-01").previous().text == "2025-12"
    assert ReportPeriod.parse("monthly", "2026-03").year_before().text == "2025-03"


@given(st.sampled_from(list(ReportKind)), st.dates(date(1950, 1, 1), date(2100, 12, 31)))
def test_every_day_is_in_exactly_one_period_of_each_kind(kind: ReportKind, day: date) -> None:
    period = ReportPeriod.containing(kind, day)
    assert period.first_day <= day <= period.last_day
    assert ReportPeriod.parse(kind, period.text) == period
    assert period.next().first_day == period.last_day.fromordinal(period.last_day.toordinal() + 1)
    around = periods_between(kind, period.first_day, period.last_day)
    assert around == [period]


def test_rfm_segments_by_recency_and_orders() -> None:
    end = datetime(2026, 11, 1, tzinfo=SHANGHAI)
    cutoffs = RfmCutoffs.before(end)
    assert rfm_segment(datetime(2026, 10, 20, tzinfo=SHANGHAI), 3, cutoffs) == "champions"
    assert rfm_segment(datetime(2026, 9, 1, tzinfo=SHANGHAI), 2, cutoffs) == "loyal"
    assert rfm_segment(datetime(2026, 10, 2, tzinfo=SHANGHAI), 1, cutoffs) == "new"
    # 10-01 00:30 is 31 days before 11-01 00:00: no longer within 30 days.
    assert rfm_segment(datetime(2026, 10, 1, 0, 30, tzinfo=SHANGHAI), 1, cutoffs) == "promising"
    assert rfm_segment(datetime(2026, 6, 1, tzinfo=SHANGHAI), 5, cutoffs) == "at_risk"
    assert rfm_segment(datetime(2026, 1, 1, tzinfo=SHANGHAI), 9, cutoffs) == "lost"
