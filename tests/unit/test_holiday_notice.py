"""R-O1: a year's PRC working days from the State Council's notice the agency recorded, for a
year the installed chinesecalendar does not know (it knows 2004–2026).

The notice used for 2027 is tests.builders.NOTICE_2027, made up for the tests: 元旦 Fri 01-01 …
Sun 01-03 off; 春节 Sat 02-06 … Sun 02-14 off, Sat 02-20 worked.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import pytest

from daiyun.domain.calendar import (
    CalendarUnknown,
    first_unknown_year,
    is_working_day,
    library_knows,
    recorded_notice,
    use_notice_source,
    working_day_after,
    working_days_between,
)
from daiyun.domain.holiday_notice import (
    Holiday,
    HolidayNotice,
    HolidayNoticeError,
    parse_holiday_notice,
)
from tests.builders import NOTICE_2027

EXAMPLE_2026 = (
    Path(__file__).resolve().parents[2] / "docs" / "examples" / "holiday-notice-2026.toml"
)


def made_up_2027() -> HolidayNotice:
    return parse_holiday_notice(NOTICE_2027, "2027.toml")


def every_day(year: int) -> list[date]:
    first = date(year, 1, 1)
    return [first + timedelta(days=n) for n in range((date(year + 1, 1, 1) - first).days)]


# --- a notice's days --------------------------------------------------------------------------


def test_the_2026_notice_written_as_a_notice_file_gives_chinesecalendars_every_day() -> None:
    """The example file (国办发明电〔2025〕7号) against the library that carries the same notice:
    all 365 days of 2026 agree, so the model (spans off, weekend days worked, the rest by
    weekday) is the notice's."""
    notice = parse_holiday_notice(EXAMPLE_2026.read_text(encoding="utf-8"), str(EXAMPLE_2026))
    assert [h.name for h in notice.holidays] == [
        "元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节",
    ]  # fmt: skip
    # 3 + 9 + 3 + 5 + 3 + 3 + 7 = 33 days off; 1 + 2 + 1 + 2 = 6 weekend days worked
    assert len(notice.days_off) == 33
    assert len(notice.working_days) == 6
    differ = [
        day
        for day in every_day(2026)
        if notice.is_working_day(day) != chinese_calendar.is_workday(day)
    ]
    assert differ == []


def test_a_made_up_2027_notice_sets_its_days() -> None:
    notice = made_up_2027()
    assert notice.is_working_day(date(2027, 1, 1)) is False  # Fri, 元旦
    assert notice.is_working_day(date(2027, 1, 4)) is True  # Mon
    assert notice.is_working_day(date(2027, 2, 8)) is False  # Mon, 春节
    assert notice.is_working_day(date(2027, 2, 20)) is True  # Sat worked (调休)
    assert notice.is_working_day(date(2027, 2, 21)) is False  # Sun
    assert notice.working_days == {date(2027, 2, 20): "春节"}
    with pytest.raises(ValueError, match="not a day of 2027"):
        notice.is_working_day(date(2026, 12, 31))


def test_dates_may_be_toml_dates_or_text_and_working_days_any_order() -> None:
    as_text = NOTICE_2027.replace("2027-01-01", '"2027-01-01"').replace(
        "working_days = [2027-02-20]", 'working_days = ["2027-02-20"]'
    )
    assert parse_holiday_notice(as_text, "x.toml") == made_up_2027()
    holidays = made_up_2027().holidays
    assert HolidayNotice(2027, "s", holidays[::-1]) == HolidayNotice(2027, "s", holidays)


# --- a notice that cannot be right is refused, saying where --------------------------------


def spring(**changed: object) -> Holiday:
    values: dict[str, object] = {
        "name": "春节", "first_day": date(2027, 2, 6), "last_day": date(2027, 2, 14),
        "working_days": (date(2027, 2, 20),),
    }  # fmt: skip
    values.update(changed)
    return Holiday(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("holidays", "message"),
    [
        ((spring(working_days=(date(2027, 2, 17),)),), "2027-02-17 is a Wednesday"),
        ((spring(working_days=(date(2027, 2, 13),)),), "2027-02-13 is both worked and off"),
        ((spring(last_day=date(2027, 2, 1)),), "last day off 2027-02-01 is before"),
        ((spring(first_day=date(2026, 12, 31)),), "2026-12-31 is not in 2027"),
        ((spring(last_day=date(2027, 10, 3)),), "more than 31 days off"),
        ((spring(), spring(name="元宵", working_days=())), "2027-02-06 is already off for 春节"),
        ((spring(), spring()), "春节 is named twice"),
        ((spring(name=" "),), "a holiday has no name"),
        ((spring(name="节" * 41),), "at most 40 characters"),
        ((), "it names no holiday"),
    ],
    ids=[
        "weekday-worked", "worked-and-off", "backwards", "other-year", "too-long", "overlap",
        "twice", "no-name", "long-name", "none",
    ],
)  # fmt: skip
def test_a_notice_that_cannot_be_right_is_refused_saying_why(
    holidays: tuple[Holiday, ...], message: str
) -> None:
    with pytest.raises(HolidayNoticeError, match=message) as raised:
        HolidayNotice(2027, "a source", holidays)
    assert str(raised.value).startswith("the holiday notice for 2027: ")


def test_a_notice_needs_its_source() -> None:
    with pytest.raises(HolidayNoticeError, match="the source is missing"):
        HolidayNotice(2027, "  ", (spring(),))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("year = ", "notice.toml: not a TOML file"),
        ('source = "s"\n[[holiday]]\nname = "a"', "the file lacks year"),
        ("yaer = 1\n" + NOTICE_2027, "the file has yaer, which a notice file has not"),
        (NOTICE_2027.replace("year = 2027", 'year = "2027"'), "year = '2027' is not a year"),
        (NOTICE_2027.replace("last_day = 2027-01-03", "last_dya = 2027-01-03"),
         r"holiday 1 \(元旦\): it lacks last_day; it has last_dya"),
        (NOTICE_2027.replace("2027-02-14", '"2027-02-30"'),
         r"holiday 2 \(春节\): last_day = '2027-02-30' is not a day"),
        (NOTICE_2027.replace("[2027-02-20]", "2027-02-20"),
         r"holiday 2 \(春节\): working_days must be a list"),
        (NOTICE_2027.replace("[2027-02-20]", "[2027-02-18]"),
         "notice.toml: the holiday notice for 2027: 春节: working day 2027-02-18 is a Thursday"),
        ('year = 2027\nsource = "s"\nholiday = 3', "holiday must be tables"),
    ],
    ids=[
        "toml", "missing-key", "unknown-key", "year-text", "holiday-key", "bad-day",
        "working-days-not-list", "checked-whole", "holiday-not-table",
    ],
)  # fmt: skip
def test_a_notice_file_with_a_mistake_is_refused_naming_the_file_and_the_holiday(
    text: str, message: str
) -> None:
    with pytest.raises(HolidayNoticeError, match=message) as raised:
        parse_holiday_notice(text, "notice.toml")
    assert str(raised.value).startswith("notice.toml: ")


# --- the calendar takes a recorded notice for a year chinesecalendar lacks -------------------


class CountingSource:
    """A notice source that counts how often it is read (the database, in daiyun)."""

    def __init__(self, *notices: HolidayNotice) -> None:
        self.notices = list(notices)
        self.reads = 0

    def __call__(self) -> list[HolidayNotice]:
        self.reads += 1
        return list(self.notices)


def test_without_a_recorded_notice_2027_is_unknown_and_the_error_says_how_to_fix_it() -> None:
    with pytest.raises(CalendarUnknown, match="2027-01-04 is not known") as raised:
        is_working_day(date(2027, 1, 4))
    assert "record the State Council's holiday notice for 2027" in str(raised.value)
    # A page shows it too: the command line adds its own `daiyun calendar add` (issue 15).
    assert "daiyun calendar" not in str(raised.value)
    source = CountingSource()
    use_notice_source(source)
    with pytest.raises(CalendarUnknown, match="no notice for 2027 is recorded"):
        is_working_day(date(2027, 1, 4))
    assert source.reads == 1


def test_a_recorded_notice_counts_working_days_into_its_year() -> None:
    """R-S6: a statement received Mon 2026-12-28 is confirmed by the 5th working day after:
    Tue 12-29 (1), Wed 12-30 (2), Thu 12-31 (3), 2027-01-01 … 01-03 off (元旦, recorded),
    Mon 01-04 (4), Tue 01-05 (5). The 2026 days come from chinesecalendar, the 2027 ones from
    the notice."""
    source = CountingSource(made_up_2027())
    use_notice_source(source)
    assert working_day_after(date(2026, 12, 28), 5) == date(2027, 1, 5)
    # 春节: Fri 02-05 (1), 02-06 … 02-14 off, Mon 02-15 (2)
    assert working_day_after(date(2027, 2, 4), 2) == date(2027, 2, 15)
    # (02-14, 02-21]: Mon 15 … Fri 19 (5) and Sat 20 worked (6); Sun 21 not
    assert working_days_between(date(2027, 2, 14), date(2027, 2, 21)) == 6
    assert source.reads == 1  # read once, when 2027 was first met


def test_a_year_chinesecalendar_knows_never_asks_the_source() -> None:
    source = CountingSource()
    use_notice_source(source)
    # 2026: 261 weekdays (365 days less 52 Saturdays and 52 Sundays); 19 of them off (元旦 2,
    # 春节 6, 清明 1, 劳动 3, 端午 1, 中秋 1, 国庆 5); 6 weekend days worked: 261 - 19 + 6 = 248
    assert [is_working_day(day) for day in every_day(2026)].count(True) == 248
    assert source.reads == 0
    assert library_knows(2026) and not library_knows(2027)


def test_a_notice_recorded_after_a_miss_is_found_without_a_restart() -> None:
    source = CountingSource()
    use_notice_source(source)
    with pytest.raises(CalendarUnknown):
        is_working_day(date(2027, 1, 4))
    source.notices.append(made_up_2027())  # recorded meanwhile, by another process
    assert is_working_day(date(2027, 1, 4)) is True
    assert recorded_notice(2027) == made_up_2027()
    assert source.reads == 2


def test_forgetting_the_source_forgets_the_notices_read_from_it() -> None:
    use_notice_source(CountingSource(made_up_2027()))
    assert is_working_day(date(2027, 1, 4)) is True
    use_notice_source(None)
    with pytest.raises(CalendarUnknown):
        is_working_day(date(2027, 1, 4))


# --- warning ahead: the first year without its notice within six weeks ----------------------


def test_the_next_unknown_year_is_named_six_weeks_ahead_and_not_once_recorded() -> None:
    """2026-11-16 + 45 days = 2026-12-31: still 2026, known. 2026-11-17 + 45 = 2027-01-01:
    2027 is unknown until its notice is recorded."""
    source = CountingSource()
    use_notice_source(source)
    assert first_unknown_year(date(2026, 11, 16)) is None
    assert first_unknown_year(date(2026, 11, 17)) == 2027
    assert first_unknown_year(date(2026, 6, 1), days=300) == 2027
    source.notices.append(made_up_2027())
    assert first_unknown_year(date(2026, 11, 17)) is None
    assert first_unknown_year(date(2027, 12, 1)) == 2028
