"""R-F5: return and exchange windows counted from the day after receipt; quality always."""

from __future__ import annotations

from datetime import date

import pytest

from daiyun.domain.fulfilment.returns import Decision, ReturnKind, decide_return

RECEIVED = date(2026, 10, 10)


def _decide(kind: ReturnKind, reason: str, asked: date) -> tuple[Decision, date | None]:
    decided = decide_return(
        kind, reason, received_on=RECEIVED, requested_on=asked, return_days=7, exchange_days=15
    )
    return decided.decision, decided.window_ends


@pytest.mark.parametrize(
    ("kind", "asked", "expected"),
    [
        # Received 10-10: day 1 is 10-11, day 7 is 10-17 — the return's last day.
        (ReturnKind.RETURN, date(2026, 10, 17), Decision.ACCEPTED),
        (ReturnKind.RETURN, date(2026, 10, 18), Decision.REFUSED),
        # Day 15 is 10-25 — the exchange's last day.
        (ReturnKind.EXCHANGE, date(2026, 10, 25), Decision.ACCEPTED),
        (ReturnKind.EXCHANGE, date(2026, 10, 26), Decision.REFUSED),
        # The day of receipt itself is inside the window.
        (ReturnKind.RETURN, RECEIVED, Decision.ACCEPTED),
    ],
)
def test_the_window_ends_on_its_last_day(kind: ReturnKind, asked: date, expected: Decision) -> None:
    ends = date(2026, 10, 17) if kind is ReturnKind.RETURN else date(2026, 10, 25)
    assert _decide(kind, "不喜欢", asked) == (expected, ends)


@pytest.mark.parametrize("kind", list(ReturnKind))
def test_quality_is_accepted_at_any_time_without_a_window(kind: ReturnKind) -> None:
    assert _decide(kind, "quality", date(2027, 3, 1)) == (Decision.ACCEPTED, None)
    assert _decide(kind, " Quality ", date(2026, 10, 26)) == (Decision.ACCEPTED, None)


def test_a_request_before_the_goods_were_received_is_bad_input() -> None:
    with pytest.raises(ValueError, match="comes before the goods were received"):
        _decide(ReturnKind.RETURN, "size", date(2026, 10, 9))
