"""Reminders of dated duties (R-O1, issue 21 point 7), worked by hand: which reminder is due on
which day, who handles a duty, the reminder days' setting, and the month grid's holidays."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daiyun.domain.agency import Role
from daiyun.domain.calendar import Month
from daiyun.domain.contracts import Party
from daiyun.domain.obligations import (
    Consequence,
    Obligation,
    ObligationKind,
    ObligationStatus,
    obligation_status,
)
from daiyun.domain.obligations.month_grid import DayKind, month_grid
from daiyun.domain.obligations.reminders import (
    DUTY_AREAS,
    DutyArea,
    ReminderPlan,
    ReminderPlanError,
    duty_area,
    obligation_key,
    reminder_stage,
    responsible_roles,
)

DUE = date(2026, 11, 10)  # the October statement's issue day (R-S6: by the 10th of M+1)


def _duty(
    as_of: date,
    *,
    done_on: date | None = None,
    kind: ObligationKind = ObligationKind.ISSUE_STATEMENT,
    party: Party = Party.OPERATOR,
    due_on: date = DUE,
) -> Obligation:
    return Obligation(
        kind=kind,
        party=party,
        subject="statement CHANDO-2026 2026-10",
        brand="chando",
        due_on=due_on,
        status=obligation_status(due_on, done_on, as_of),
        done_on=done_on if done_on is not None and done_on <= as_of else None,
        consequence="",
        rule="R-S6",
        consequence_key=Consequence.STATEMENT_AWAITED,
    )


PLAN = ReminderPlan((3, 1))


@pytest.mark.parametrize(
    ("as_of", "stage"),
    [
        (date(2026, 11, 6), None),  # 4 days before: further ahead than every lead
        (date(2026, 11, 7), "3"),  # 10 − 7 = 3 days before
        (date(2026, 11, 8), "3"),  # 2 days left: the 3-day reminder (sent once already)
        (date(2026, 11, 9), "1"),  # 1 day before
        (date(2026, 11, 10), "0"),  # on the day
        (date(2026, 11, 11), "missed"),  # the day after: missed, not done
        (date(2027, 1, 11), "missed"),  # long after: still the one missed reminder
    ],
)
def test_the_stage_of_reminder_by_day(as_of: date, stage: str | None) -> None:
    # R-O1: 3 and 1 days before, on the day, and once missed.
    assert reminder_stage(_duty(as_of), as_of, PLAN) == stage


def test_a_duty_done_in_time_or_late_gets_no_more_reminders() -> None:
    met = _duty(date(2026, 11, 9), done_on=date(2026, 11, 8))
    assert met.status is ObligationStatus.MET
    assert reminder_stage(met, date(2026, 11, 9), PLAN) is None
    late = _duty(date(2026, 11, 12), done_on=date(2026, 11, 11))  # done a day late
    assert late.status is ObligationStatus.MISSED and not late.is_overdue
    assert reminder_stage(late, date(2026, 11, 12), PLAN) is None


def test_a_plan_without_days_before_reminds_on_the_day_and_when_missed_only() -> None:
    plan = ReminderPlan.parse("")
    assert reminder_stage(_duty(date(2026, 11, 9)), date(2026, 11, 9), plan) is None
    assert reminder_stage(_duty(DUE), DUE, plan) == "0"


@pytest.mark.parametrize(
    ("text", "days"), [("3,1", (3, 1)), (" 7, 3 ,1 ", (7, 3, 1)), ("1,3,3", (3, 1)), ("", ())]
)
def test_the_reminder_days_setting_is_read(text: str, days: tuple[int, ...]) -> None:
    assert ReminderPlan.parse(text).days_before == days


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("3,x", "DAIYUN_REMINDER_DAYS: 'x' is not a number of days; write e.g. 3,1"),
        ("0", "DAIYUN_REMINDER_DAYS: reminder days must be whole days from 1 to 60, not 0"),
        ("61", "DAIYUN_REMINDER_DAYS: reminder days must be whole days from 1 to 60, not 61"),
        ("-1", "DAIYUN_REMINDER_DAYS: '-1' is not a number of days; write e.g. 3,1"),
    ],
)
def test_a_bad_reminder_days_setting_names_the_setting(text: str, says: str) -> None:
    with pytest.raises(ReminderPlanError) as refused:
        ReminderPlan.parse(text)
    assert str(refused.value) == says


def test_every_kind_known_has_an_area_and_its_people() -> None:
    # The table written out in docs/obligations.md.
    assert set(DUTY_AREAS) == {
        kind for kind in ObligationKind if kind.value in _STATEMENT_AND_FEE_KINDS
    }
    finance = _duty(DUE)
    assert responsible_roles(finance) == {Role.FINANCE}
    answer = _duty(DUE, kind=ObligationKind.ANSWER_STATEMENT, party=Party.BRAND)
    assert responsible_roles(answer) == {Role.BRAND_FINANCE}


_STATEMENT_AND_FEE_KINDS = {
    "issue_statement", "answer_statement", "pay_remittance", "pay_before_termination",
    "issue_fee_bill", "pay_fee_bill", "pay_service_fee", "pay_fee_before_termination",
    "refund_deposit",
}  # fmt: skip


@pytest.mark.parametrize(
    ("code", "area"),
    [
        ("ship_order", DutyArea.OPERATIONS),  # the goods' duties (issue 19)
        ("replenish_stock", DutyArea.OPERATIONS),
        ("pay_exit_fee", DutyArea.FINANCE),
        ("object_to_renewal", DutyArea.CONTRACT),  # the contract's life: administrators
        ("make_report", DutyArea.CONTRACT),
    ],
)
def test_a_kind_added_later_is_placed_by_the_words_of_its_code(code: str, area: DutyArea) -> None:
    kind = next((each for each in ObligationKind if each.value == code), None)
    if kind is None:  # not (yet) a member here: a stand-in with that code
        kind = _stand_in(code)
    assert duty_area(kind) is area


def _stand_in(code: str) -> ObligationKind:
    class Later(str):
        value = code

    return Later(code)  # type: ignore[return-value]


def test_the_key_of_a_duty_moves_with_its_due_day_only() -> None:
    one = _duty(date(2026, 11, 7))
    assert obligation_key(one) == obligation_key(_duty(date(2026, 11, 12)))  # status apart
    assert obligation_key(one) != obligation_key(_duty(DUE, due_on=DUE + timedelta(days=1)))
    assert len(obligation_key(one)) == 64


@given(st.integers(min_value=-30, max_value=30), st.sets(st.integers(1, 60), max_size=4))
def test_a_run_each_day_sends_each_lead_once_and_never_one_before_its_day(
    offset: int, leads: set[int]
) -> None:
    # Hourly runs over the days before a duty's day: the stages seen are the leads reached
    # (each once as a key), "0" on the day, "missed" after — never a lead further ahead.
    plan = ReminderPlan(tuple(leads))
    seen: list[str] = []
    for back in range(70, offset - 1, -1):
        day = DUE - timedelta(days=back)
        stage = reminder_stage(_duty(day), day, plan)
        if stage is not None:
            if stage.isdigit():
                assert int(stage) >= (DUE - day).days
            seen.append(stage)
    expected = [str(lead) for lead in sorted(leads, reverse=True) if lead >= offset]
    if offset <= 0:
        expected.append("0")
    if offset < 0:
        expected.append("missed")
    assert list(dict.fromkeys(seen)) == expected


def test_the_month_of_national_day_2026_marks_its_holidays_and_worked_weekends() -> None:
    # 国庆 2026: 10-01 (Thu) to 10-07 (Wed) off; Saturday 10-10 worked (调休), and Sunday 09-20.
    grid = month_grid(Month(2026, 10), [_duty(date(2026, 10, 9), due_on=date(2026, 10, 9))])
    assert len(grid.weeks) == 5 and all(len(week) == 7 for week in grid.weeks)
    assert grid.weeks[0][0].day == date(2026, 9, 28)  # Monday first: the week of the 1st
    assert grid.weeks[-1][-1].day == date(2026, 11, 1)
    kinds = {cell.day.day: cell.kind for cell in grid.days}
    assert [day for day, kind in kinds.items() if kind is DayKind.HOLIDAY] == [1, 2, 5, 6, 7]
    assert [d for d, k in kinds.items() if k is DayKind.HOLIDAY_WEEKEND] == [3, 4]
    assert [d for d, k in kinds.items() if k is DayKind.ADJUSTED_WORKING] == [10]
    assert kinds[11] is DayKind.WEEKEND and kinds[12] is DayKind.WORKING
    assert {cell.holiday for cell in grid.days if cell.day.day <= 7} == {"National Day"}
    assert [len(cell.obligations) for cell in grid.days if cell.obligations] == [1]
    assert grid.days[8].obligations[0].due_on == date(2026, 10, 9)
    assert grid.weeks[0][0].obligations == ()  # September's days carry none
