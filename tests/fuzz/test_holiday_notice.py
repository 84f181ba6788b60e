"""Fuzzing the holiday notice reader (issue 16, point 14): whatever the text,
parse_holiday_notice gives a HolidayNotice whose days can be counted, or raises
HolidayNoticeError naming the mistake, nothing else.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daiyun.domain.holiday_notice import HolidayNotice, HolidayNoticeError, parse_holiday_notice
from tests.fuzz.inputs import ENCODINGS, edited_document, encoded, mutated_text, toml_text
from tests.fuzz.profiles import fuzzing

pytestmark = pytest.mark.fuzz

EXAMPLE = (Path(__file__).parents[2] / "docs" / "examples" / "holiday-notice-2026.toml").read_text(
    encoding="utf-8"
)
TOKENS = ("[[holiday]]", "]", "=", '"', "year = 10000", "year = 0", "9999-12-31", "0001-01-01")


def parse(text: str) -> None:
    """Parse the text; a notice must give its days, a refusal must be a HolidayNoticeError."""
    try:
        notice = parse_holiday_notice(text, "notice.toml")
    except HolidayNoticeError as error:
        refusal = str(error)
    else:
        refusal = None
    if refusal is not None:
        assert refusal.startswith("notice.toml: ")
        return
    assert isinstance(notice, HolidayNotice)
    assert all(day.year == notice.year for day in notice.days_off)
    assert all(day.year == notice.year for day in notice.working_days)
    assert notice.to_document()["year"] == notice.year


@fuzzing()
@given(text=mutated_text(EXAMPLE, TOKENS))
def test_a_mutated_notice_is_read_or_refused_with_its_mistake(text: str) -> None:
    parse(text)


@fuzzing()
@given(document=edited_document(tomllib.loads(EXAMPLE)))
def test_a_notice_of_random_values_is_read_or_refused_with_its_mistake(
    document: dict[str, object],
) -> None:
    parse(toml_text(document))


@fuzzing()
@given(
    data=st.one_of(
        st.binary(max_size=1024),
        st.builds(encoded, mutated_text(EXAMPLE), st.sampled_from(ENCODINGS)),
    )
)
def test_any_bytes_as_text_are_read_or_refused_with_their_mistake(data: bytes) -> None:
    parse(data.decode("utf-8", errors="replace"))
