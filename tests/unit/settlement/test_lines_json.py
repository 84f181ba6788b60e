"""Statement lines' canonical JSON built column by column is json.dumps's, byte for byte (R-S8).

The content hash of a month drafted in batches (month_columns.py) covers the lines' JSON as
lines_json.py writes it from columns; it must be exactly canonical_lines_json's, whatever the
values: texts needing escapes, non-ASCII, NULLs, fields the same on every line or with few
distinct values (written once per value), moments with and without a fraction, before 1992
(Beijing time had summer time until 1991) and far in the future.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from daiyun.domain.orders.columns import microseconds
from daiyun.domain.settlement.lines import LineKind, StatementLine, canonical_lines_json
from daiyun.domain.settlement.lines_json import LINE_FIELDS, lines_json_text, moment_texts

_TEXTS = ("A1", "中文", 'q"x', "b\\s", "c\x01", "n\nl", "", "\u2028", "é", "TM000123")
_TEXT_FIELDS = {"kind", "rule", "order_no", "sku", "category", "platform", "fee_rate"}


def columns(lines: list[StatementLine]) -> dict[str, pa.Array]:
    """The lines as the batches month_columns.py makes: texts, ints, `at` in microseconds."""
    made = {}
    for index, name in enumerate(LINE_FIELDS):
        values = [line[index] for line in lines]
        if name == "at":
            made[name] = pa.array([microseconds(line.at) for line in lines], pa.int64())
        elif name in _TEXT_FIELDS or name == "refund_reason":
            made[name] = pa.array([None if v is None else str(v) for v in values], pa.string())
        else:
            made[name] = pa.array(values, pa.int64())
    return made


moments = st.builds(
    lambda base, micro, whole: (
        (base.replace(microsecond=0) if whole else base)
        + timedelta(microseconds=0 if whole else micro)
    ),
    st.datetimes(
        min_value=datetime(1985, 1, 1),  # noqa: DTZ001 — made aware by timezones=
        max_value=datetime(9998, 12, 1),  # noqa: DTZ001
        timezones=st.just(UTC),
    ),
    st.integers(0, 999_999),
    st.booleans(),
)


@st.composite
def statement_lines(draw: st.DrawFn, few: bool) -> StatementLine:
    """A line; `few`: values drawn from a handful, as a month's lines mostly are."""
    text = st.sampled_from(_TEXTS[:3] if few else _TEXTS)
    number = st.sampled_from([0, 1, -250]) if few else st.integers(-(10**15), 10**15)
    return StatementLine._make(
        [
            draw(st.sampled_from(list(LineKind))),
            draw(st.sampled_from(["R-S1", "R-S9"])),
            draw(text),
            draw(st.integers(0, 3) if few else st.integers(-5, 10**6)),
            draw(st.none() | text),
            draw(st.none() | text),
            draw(st.sampled_from(["tmall", "jd", "taobao"])),
            draw(moments),
            draw(number),
            draw(st.sampled_from(["0.05", "0.0525"])),
            draw(st.none() | text),
            *(draw(number) for _ in range(10)),
            draw(st.integers(0, 1)),
        ]
    )


@settings(max_examples=200, deadline=None)
@given(
    st.booleans().flatmap(lambda few: st.lists(statement_lines(few), min_size=1, max_size=120)),
    st.integers(1, 130),
)
def test_the_batches_text_is_canonical_lines_json_byte_for_byte(
    lines: list[StatementLine], cut: int
) -> None:
    expected = canonical_lines_json(lines)[1:-1].encode()
    got = lines_json_text(columns(lines[:cut]), True) + lines_json_text(columns(lines[cut:]), False)
    assert got == expected


def test_moments_are_written_as_isoformat_in_beijing_time() -> None:
    """1991-07-01 12:00 UTC fell in Beijing summer time (UTC+09:00); 2026 is UTC+08:00, and a
    whole second has no fraction (datetime.isoformat)."""
    summer = datetime(1991, 7, 1, 12, tzinfo=UTC)
    now = datetime(2026, 10, 5, 4, 34, 56, 120, tzinfo=UTC)
    whole = datetime(2026, 10, 5, 4, 34, 56, tzinfo=UTC)
    texts = moment_texts(
        pa.array([microseconds(summer), microseconds(now), microseconds(whole)]).to_numpy()
    ).to_pylist()
    assert texts == [
        "1991-07-01T21:00:00+09:00",
        "2026-10-05T12:34:56.000120+08:00",
        "2026-10-05T12:34:56+08:00",
    ]
