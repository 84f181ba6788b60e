"""The statement's clock with the real PRC calendar (R-S6, R-O1).

国庆 2026: off Thu 10-01 … Wed 10-07, 调休 workdays Sun 09-20 and Sat 10-10.
春节 2026: off Sun 02-15 … Mon 02-23, 调休 workdays Sat 02-14 and Sat 02-28.
"""

from __future__ import annotations

from datetime import date

import pytest

from daiyun.domain.calendar import Month
from daiyun.domain.contracts import ContractTerms
from daiyun.domain.settlement import (
    StatementTimeline,
    confirm_by,
    issue_by,
    payment_due,
    statement_timeline,
)

TERMS = ContractTerms()  # issue by the 10th, confirm in 5 working days, pay 15th / 3 working days


def test_the_statement_of_october_is_issued_by_the_tenth_of_november() -> None:
    """R-S6: issue by the 10th of M+1, inclusive."""
    assert issue_by(Month(2026, 10), TERMS) == date(2026, 11, 10)
    assert issue_by(Month(2026, 12), TERMS) == date(2027, 1, 10)


def test_a_statement_received_just_before_national_day_is_confirmed_after_it() -> None:
    """R-S6: re-issued Wed 2026-09-30 after a dispute; the week of 国庆 does not count.

    Working days after 09-30: Thu 10-08 (1), Fri 10-09 (2), Sat 10-10 调休 (3),
    Mon 10-12 (4), Tue 10-13 (5).
    """
    assert confirm_by(date(2026, 9, 30), TERMS) == date(2026, 10, 13)


def test_a_statement_received_just_before_spring_festival_is_confirmed_after_it() -> None:
    """R-S6: January 2026 issued Fri 2026-02-13.

    Working days after 02-13: Sat 02-14 调休 (1), then 春节 until Mon 02-23;
    Tue 02-24 (2), Wed 02-25 (3), Thu 02-26 (4), Fri 02-27 (5).
    """
    assert confirm_by(date(2026, 2, 13), TERMS) == date(2026, 2, 27)


def test_payment_is_due_on_the_fifteenth_when_confirmation_is_early() -> None:
    """R-S6: confirmed Thu 11-05; 3 working days after: Fri 11-06, Mon 11-09, Tue 11-10.

    The later of Sun 11-15 and Tue 11-10 is 11-15.
    """
    assert payment_due(Month(2026, 10), date(2026, 11, 5), TERMS) == date(2026, 11, 15)


def test_payment_is_due_three_working_days_after_a_late_confirmation() -> None:
    """R-S6: confirmed Thu 11-12; Fri 11-13 (1), Mon 11-16 (2), Tue 11-17 (3) > 11-15."""
    assert payment_due(Month(2026, 10), date(2026, 11, 12), TERMS) == date(2026, 11, 17)


def test_payment_after_spring_festival_counts_the_adjusted_saturday() -> None:
    """R-S6: January 2026 confirmed Fri 02-27: Sat 02-28 调休 (1), Mon 03-02 (2), Tue 03-03 (3).

    The later of 02-15 and 03-03 is 03-03.
    """
    assert payment_due(Month(2026, 1), date(2026, 2, 27), TERMS) == date(2026, 3, 3)


def test_the_timeline_fills_in_as_the_statement_is_issued_and_confirmed() -> None:
    """R-S6: issue-by always; confirm-by once issued; payment due once confirmed."""
    october = Month(2026, 10)
    assert statement_timeline(october, TERMS) == StatementTimeline(
        october, date(2026, 11, 10), None, None
    )
    # Issued Mon 11-09: Tue 11-10 … Mon 11-16 is the 5th working day.
    assert statement_timeline(
        october, TERMS, issued_on=date(2026, 11, 9), confirmed_on=date(2026, 11, 12)
    ) == StatementTimeline(october, date(2026, 11, 10), date(2026, 11, 16), date(2026, 11, 17))


def test_a_confirmation_without_an_issue_is_refused() -> None:
    """R-S6: nothing is confirmed before it is received."""
    with pytest.raises(ValueError, match="only after it is issued"):
        statement_timeline(Month(2026, 10), TERMS, confirmed_on=date(2026, 11, 12))


def test_an_issue_day_past_the_end_of_a_short_month_falls_on_its_last_day() -> None:
    """R-C1: a contract's issue day 31 in February 2027 is 02-28."""
    terms = ContractTerms(statement_issue_day=31)
    assert issue_by(Month(2027, 1), terms) == date(2027, 2, 28)
