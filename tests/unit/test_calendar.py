"""PRC working days and Beijing-time months, as R-S6 and R-O1 count them.

Holiday facts come from the State Council notices (国务院办公厅关于…部分节假日安排的通知) for 2025
and 2026, checked against the installed chinesecalendar 1.11 data:

- 春节 2025: off Tue 01-28 … Tue 02-04; work Sun 01-26 and Sat 02-08.
- 国庆 2025: off Wed 10-01 … Wed 10-08; work Sun 09-28 and Sat 10-11.
- 春节 2026: off Sun 02-15 … Mon 02-23; work Sat 02-14 and Sat 02-28.
- 国庆 2026: off Thu 10-01 … Wed 10-07; work Sun 09-20 and Sat 10-10.
  (中秋 2026 is off Fri 09-25 … Sun 09-27.)
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from daiyun.domain.calendar import (
    SHANGHAI,
    CalendarUnknown,
    Month,
    Period,
    business_date,
    is_working_day,
    notice_source,
    start_of_day,
    use_notice_source,
    working_day_after,
    working_days_between,
)

# A naive moment, as a file without a time zone would give it; made from text on purpose so
# that no code here constructs one (DTZ). Every function below must refuse it.
NAIVE = datetime.fromisoformat("2026-10-31T23:59:59")

# --- is_working_day: holidays and 调休 (R-O1) ----------------------------------------------

OFF = [
    # 春节 2025, Tue 01-28 … Tue 02-04
    *(date(2025, 1, 28) + timedelta(days=offset) for offset in range(8)),
    # 国庆 2025, Wed 10-01 … Wed 10-08 (weekdays 10-06 Mon, 10-07 Tue, 10-08 Wed included)
    *(date(2025, 10, 1) + timedelta(days=offset) for offset in range(8)),
    # 春节 2026, Sun 02-15 … Mon 02-23
    *(date(2026, 2, 15) + timedelta(days=offset) for offset in range(9)),
    # 国庆 2026, Thu 10-01 … Wed 10-07
    *(date(2026, 10, 1) + timedelta(days=offset) for offset in range(7)),
]

ADJUSTED_WORKDAYS = [
    date(2025, 1, 26),  # Sunday before 春节 2025
    date(2025, 2, 8),  # Saturday after 春节 2025
    date(2025, 9, 28),  # Sunday before 国庆 2025
    date(2025, 10, 11),  # Saturday after 国庆 2025
    date(2026, 2, 14),  # Saturday before 春节 2026
    date(2026, 2, 28),  # Saturday after 春节 2026
    date(2026, 9, 20),  # Sunday before 国庆 2026
    date(2026, 10, 10),  # Saturday after 国庆 2026
]


@pytest.mark.parametrize("day", OFF, ids=str)
def test_a_public_holiday_is_not_a_working_day(day: date) -> None:
    """R-O1: the State Council's holidays are days off, weekday or not."""
    assert is_working_day(day) is False


@pytest.mark.parametrize("day", ADJUSTED_WORKDAYS, ids=str)
def test_an_adjusted_weekend_workday_is_a_working_day(day: date) -> None:
    """R-O1: a 调休 Saturday or Sunday counts as a working day."""
    assert day.weekday() >= 5
    assert is_working_day(day) is True


def test_ordinary_weekdays_work_and_ordinary_weekends_rest() -> None:
    """R-O1: outside the notices, Monday–Friday work and Saturday–Sunday rest."""
    assert is_working_day(date(2026, 10, 9)) is True  # Friday after 国庆 2026
    assert is_working_day(date(2026, 10, 11)) is False  # Sunday after the 10-10 workday
    assert is_working_day(date(2025, 10, 12)) is False  # Sunday after the 10-11 workday


def test_the_holiday_facts_above_match_the_installed_package() -> None:
    """The hand-written notice dates are the ones chinesecalendar ships."""
    assert all(day in chinese_calendar.holidays for day in OFF)
    assert all(day in chinese_calendar.workdays for day in ADJUSTED_WORKDAYS)


# --- working_day_after: "the N-th working day strictly after D" (R-S6, R-O1) --------------


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        # Fri 2025-01-24: Sun 01-26 (1, 调休), Mon 01-27 (2), 01-28…02-04 off,
        # Wed 02-05 (3), Thu 02-06 (4), Fri 02-07 (5).
        (date(2025, 1, 24), date(2025, 2, 7)),
        # Mon 2025-01-27: Wed 02-05 (1), Thu (2), Fri 02-07 (3), Sat 02-08 (4, 调休), Mon 02-10 (5).
        (date(2025, 1, 27), date(2025, 2, 10)),
        # Tue 2025-09-30: 10-01…10-08 off, Thu 10-09 (1), Fri 10-10 (2), Sat 10-11 (3, 调休),
        # Mon 10-13 (4), Tue 10-14 (5).
        (date(2025, 9, 30), date(2025, 10, 14)),
        # Fri 2025-09-26: Sun 09-28 (1, 调休), Mon 09-29 (2), Tue 09-30 (3), 10-01…10-08 off,
        # Thu 10-09 (4), Fri 10-10 (5).
        (date(2025, 9, 26), date(2025, 10, 10)),
        # Fri 2026-02-13: Sat 02-14 (1, 调休), 02-15…02-23 off, Tue 02-24 (2), Wed (3),
        # Thu (4), Fri 02-27 (5).
        (date(2026, 2, 13), date(2026, 2, 27)),
        # Sat 2026-02-14: Tue 02-24 (1), Wed (2), Thu (3), Fri (4), Sat 02-28 (5, 调休).
        (date(2026, 2, 14), date(2026, 2, 28)),
        # Wed 2026-09-30: 10-01…10-07 off, Thu 10-08 (1), Fri 10-09 (2), Sat 10-10 (3, 调休),
        # Sun 10-11 off, Mon 10-12 (4), Tue 10-13 (5).
        (date(2026, 9, 30), date(2026, 10, 13)),
    ],
    ids=str,
)
def test_a_statement_received_before_a_holiday_is_confirmed_by_the_5th_working_day_after(
    received: date, expected: date
) -> None:
    """R-S6: the brand confirms by the 5th working day after receipt, holidays skipped."""
    assert working_day_after(received, 5) == expected


def test_the_first_working_day_after_a_friday_is_the_next_monday() -> None:
    """R-O1: strictly after — the day itself never counts."""
    assert working_day_after(date(2026, 3, 6), 1) == date(2026, 3, 9)
    assert working_day_after(date(2026, 3, 9), 1) == date(2026, 3, 10)


@pytest.mark.parametrize("n", [0, -1, True], ids=repr)
def test_working_day_after_refuses_fewer_than_one_working_day(n: int) -> None:
    with pytest.raises(ValueError, match="n must be a whole number of working days, 1 or more"):
        working_day_after(date(2026, 9, 30), n)


# --- working_days_between: the half-open range (start, end] -------------------------------


def test_working_days_between_counts_after_start_up_to_and_including_end() -> None:
    """(start, end]: 2026-09-30 → 10-13 holds 10-08, 10-09, 10-10 (调休), 10-12, 10-13."""
    assert working_days_between(date(2026, 9, 30), date(2026, 10, 13)) == 5


def test_working_days_between_skips_a_whole_spring_festival() -> None:
    """(2026-02-13, 2026-02-28] holds 02-14 (调休), 02-24, 02-25, 02-26, 02-27, 02-28 (调休)."""
    assert working_days_between(date(2026, 2, 13), date(2026, 2, 28)) == 6


def test_working_days_between_a_day_and_itself_is_zero() -> None:
    assert working_days_between(date(2026, 10, 9), date(2026, 10, 9)) == 0


def test_working_days_between_refuses_an_end_before_its_start() -> None:
    with pytest.raises(ValueError, match="end 2026-10-01 is before start 2026-10-02"):
        working_days_between(date(2026, 10, 2), date(2026, 10, 1))


@given(
    day=st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 11, 30)),
    n=st.integers(min_value=1, max_value=20),
)
def test_the_nth_working_day_after_has_exactly_n_minus_1_working_days_before_it(
    day: date, n: int
) -> None:
    """R-O1, for any known date: a working day, strictly after, n-1 working days in between."""
    result = working_day_after(day, n)

    assert result > day
    assert chinese_calendar.is_workday(result)
    between = range(1, (result - day).days)
    assert sum(chinese_calendar.is_workday(day + timedelta(days=i)) for i in between) == n - 1
    assert working_days_between(day, result) == n


# --- dates the package does not know: never guessed ----------------------------------------


@pytest.mark.parametrize("day", [date(2027, 1, 4), date(2003, 12, 31)], ids=str)
def test_a_date_outside_the_known_years_raises_calendar_unknown_naming_it(day: date) -> None:
    """R-O1: a year without a State Council notice is an error, not a guess."""
    with pytest.raises(CalendarUnknown, match=f"{day.isoformat()} is not known") as raised:
        is_working_day(day)
    assert "2004–2026" in str(raised.value)
    assert isinstance(raised.value, ValueError)


def test_counting_past_the_last_known_year_raises_instead_of_guessing() -> None:
    """Thu 2026-12-31 is the 1st working day after 12-30; the 2nd would need 2027's notice."""
    assert working_day_after(date(2026, 12, 30), 1) == date(2026, 12, 31)
    with pytest.raises(CalendarUnknown, match="2027-01-01"):
        working_day_after(date(2026, 12, 30), 2)


def test_a_datetime_is_refused_where_a_calendar_day_is_meant() -> None:
    """Which day a moment falls on depends on the zone: take its business_date() first."""
    with pytest.raises(TypeError, match="business_date"):
        is_working_day(datetime(2026, 10, 9, 12, tzinfo=SHANGHAI))


# --- Beijing-time dates and month boundaries -----------------------------------------------


def test_the_last_second_of_october_in_beijing_belongs_to_october() -> None:
    moment = datetime(2026, 10, 31, 23, 59, 59, tzinfo=SHANGHAI)

    assert Month.containing(moment) == Month(2026, 10)
    assert Month(2026, 10).period().contains(moment)


def test_midnight_on_the_first_of_november_in_beijing_belongs_to_november() -> None:
    moment = datetime(2026, 11, 1, tzinfo=SHANGHAI)

    assert Month.containing(moment) == Month(2026, 11)
    assert not Month(2026, 10).period().contains(moment)
    assert Month(2026, 11).period().contains(moment)


def test_four_pm_utc_on_october_31st_is_already_november_1st_in_beijing() -> None:
    """16:00Z + 8 h = 00:00 Beijing on 11-01; one second earlier is still 10-31."""
    assert business_date(datetime(2026, 10, 31, 16, tzinfo=UTC)) == date(2026, 11, 1)
    assert business_date(datetime(2026, 10, 31, 15, 59, 59, tzinfo=UTC)) == date(2026, 10, 31)
    assert Month.containing(datetime(2026, 10, 31, 16, tzinfo=UTC)) == Month(2026, 11)


def test_a_month_runs_from_beijing_midnight_on_the_1st_to_the_next_1st() -> None:
    period = Month(2026, 10).period()

    assert period == Period(
        datetime(2026, 10, 1, tzinfo=SHANGHAI), datetime(2026, 11, 1, tzinfo=SHANGHAI)
    )
    assert period.start == datetime(2026, 9, 30, 16, tzinfo=UTC)


def test_start_of_day_is_beijing_midnight() -> None:
    assert start_of_day(date(2026, 10, 1)) == datetime(2026, 9, 30, 16, tzinfo=UTC)
    assert start_of_day(date(2026, 10, 1)).utcoffset() == timedelta(hours=8)


def test_naive_datetimes_are_refused() -> None:
    """Convention 2: time is aware; a naive moment has no business date."""
    period = Month(2026, 10).period()
    with pytest.raises(ValueError, match="naive datetime 2026-10-31T23:59:59"):
        business_date(NAIVE)
    with pytest.raises(ValueError, match="naive datetime"):
        Month.containing(NAIVE)
    with pytest.raises(ValueError, match="naive datetime"):
        period.contains(NAIVE)
    with pytest.raises(ValueError, match="naive datetime"):
        Period(NAIVE, period.end)


def test_a_period_must_end_after_it_starts() -> None:
    moment = datetime(2026, 10, 1, tzinfo=SHANGHAI)
    with pytest.raises(ValueError, match="not after"):
        Period(moment, moment)


# --- Month ----------------------------------------------------------------------------------


def test_a_month_reads_and_writes_as_yyyy_mm() -> None:
    assert Month.parse("2026-10") == Month(2026, 10)
    assert str(Month(2026, 1)) == "2026-01"


@pytest.mark.parametrize("text", ["26-10", "2026-1", "2026/10", "", "2026-10 ", "2026-10\n"])
def test_month_parse_refuses_text_that_is_not_yyyy_mm(text: str) -> None:
    with pytest.raises(ValueError, match="is not a month; write it as YYYY-MM"):
        Month.parse(text)


@pytest.mark.parametrize("text", ["2026-13", "2026-00"])
def test_month_parse_refuses_a_month_number_outside_1_to_12(text: str) -> None:
    with pytest.raises(ValueError, match="is not between 01 and 12"):
        Month.parse(text)


def test_months_know_their_days_and_neighbours() -> None:
    assert Month(2024, 2).last_day == date(2024, 2, 29)  # leap year
    assert Month(2026, 2).last_day == date(2026, 2, 28)
    assert Month(2026, 12).last_day == date(2026, 12, 31)
    assert Month(2026, 10).first_day == date(2026, 10, 1)
    assert Month(2026, 12).next() == Month(2027, 1)
    assert Month(2026, 1).previous() == Month(2025, 12)
    assert Month(2025, 12) < Month(2026, 1) < Month(2026, 2)
    assert Month.of(date(2026, 10, 31)) == Month(2026, 10)


def test_the_10th_and_15th_of_the_next_month_are_the_statement_dates() -> None:
    """R-S6: for 2026-09, issue by 10-10 and pay no earlier than 10-15."""
    following = Month.parse("2026-09").next()
    assert following.day(10) == date(2026, 10, 10)
    assert following.day(15) == date(2026, 10, 15)


@pytest.mark.parametrize("n", [0, 29])
def test_month_day_refuses_a_day_the_month_does_not_have(n: int) -> None:
    with pytest.raises(ValueError, match=f"2026-02 has no day {n}; it has days 1–28"):
        Month(2026, 2).day(n)


MONTHS = st.builds(Month, st.integers(min_value=1902, max_value=2100), st.integers(1, 12))
ZONES = [UTC, SHANGHAI, timezone(timedelta(hours=-10)), timezone(timedelta(hours=14))]
MOMENTS = st.builds(
    lambda seconds, zone: (
        datetime(2000, 1, 1, tzinfo=UTC) + timedelta(seconds=seconds)
    ).astimezone(zone),
    st.integers(min_value=-(10**9), max_value=4 * 10**9),
    st.sampled_from(ZONES),
)


@given(month=MONTHS)
def test_month_periods_tile_time_with_no_gap_and_no_overlap(month: Month) -> None:
    period = month.period()

    assert period.start < period.end
    assert period.end == month.next().period().start
    assert Month.containing(period.start) == month
    assert Month.containing(period.end - timedelta(microseconds=1)) == month


@given(moment=MOMENTS)
def test_every_moment_lies_in_exactly_the_month_containing_it(moment: datetime) -> None:
    month = Month.containing(moment)

    assert month.period().contains(moment)
    assert not month.previous().period().contains(moment)
    assert not month.next().period().contains(moment)
    assert month == Month.of(business_date(moment))


# --- the working days worked out once per year (issue 22) ----------------------------------


def test_every_day_chinesecalendar_knows_is_a_working_day_exactly_when_it_says() -> None:
    # R-O1: is_working_day reads each year's working days, worked out once from the package;
    # every day of every year it carries (2004–2026: 8,401 days) gives the package's answer.
    day, checked = date(2004, 1, 1), 0
    while day <= date(2026, 12, 31):
        assert is_working_day(day) is chinese_calendar.is_workday(day), day
        day, checked = day + timedelta(days=1), checked + 1
    assert checked == 8_401  # 23 years × 365 + 6 leap days (2004, 2008, …, 2024)


def test_a_year_chinesecalendar_does_not_know_is_still_unknown_after_asking_twice() -> None:
    # Kept per year, the answer "not known" stays an error, never a guess (R-O1): with no
    # recorded notices, 2027 (which chinesecalendar 1.11 lacks) is refused each time.
    earlier = notice_source()
    use_notice_source(None)
    try:
        for _ in range(2):
            with pytest.raises(CalendarUnknown, match="2027"):
                is_working_day(date(2027, 3, 1))
    finally:
        use_notice_source(earlier)
