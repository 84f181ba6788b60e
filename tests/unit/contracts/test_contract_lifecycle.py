"""The contract's terms, renewals, end and exit duties as pure functions (R-C5, R-C6, R-C8),
each date worked out by hand; a property over every start day and notice period."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from daiyun.domain.contracts import ContractModel, ContractSpec, ContractTerms, Party, Platform
from daiyun.domain.contracts.choices import Service
from daiyun.domain.contracts.lifecycle import (
    ContractEnd,
    ContractLife,
    EndCause,
    Objection,
    confidentiality_until,
    contract_course,
    term_number_on,
    term_of,
)
from daiyun.domain.contracts.termination import (
    BreachNotice,
    ExitDutyKind,
    breach_rights,
    cure_deadline,
    exit_duties,
)

AT = datetime(2026, 1, 1, tzinfo=UTC)


def contract(
    effective: date, term_months: int = 12, notice: int = 1, *, renews: bool = True
) -> ContractSpec:
    return ContractSpec(
        code="C-1", brand_code="chando", model=ContractModel.A, signed_on=effective,
        effective_on=effective, term_months=term_months, auto_renew=renews,
        renewal_notice_months=notice, platforms=(Platform.TMALL,),
        services=(Service.STORE_OPERATION,), territory="mainland China", terms=ContractTerms(),
    )  # fmt: skip


def test_terms_are_counted_from_the_effective_day_without_drift_r_c5() -> None:
    # Effective 31 January, monthly: Jan 31 + 1 month = Feb 28, + 2 = Mar 31, + 3 = Apr 30.
    monthly = contract(date(2026, 1, 31), term_months=1, notice=0)
    assert [(t.first_day, t.last_day) for t in (term_of(monthly, n) for n in (1, 2, 3))] == [
        (date(2026, 1, 31), date(2026, 2, 27)),
        (date(2026, 2, 28), date(2026, 3, 30)),
        (date(2026, 3, 31), date(2026, 4, 29)),
    ]
    assert term_number_on(monthly, date(2026, 3, 30)) == 2
    assert term_number_on(monthly, date(2026, 3, 31)) == 3


def test_the_deadline_is_the_last_day_less_the_notice_months_r_c5() -> None:
    # interfaces.md: 2026-01-05 – 2027-01-04, until 2026-12-04.
    assert term_of(contract(date(2026, 1, 5)), 1).notice_by == date(2026, 12, 4)
    # Term 2 of it: 2027-01-05 – 2028-01-04, until 2027-12-04.
    assert term_of(contract(date(2026, 1, 5)), 2).notice_by == date(2027, 12, 4)
    # A last day on the 31st, a month before has 30 days: 2027-05-31 → 2027-04-30.
    assert term_of(contract(date(2026, 6, 1)), 1).notice_by == date(2027, 4, 30)


def test_without_an_objection_the_next_term_is_certain_the_day_after_the_deadline_r_c5() -> None:
    spec = contract(date(2026, 1, 5))
    on_deadline = contract_course(spec, ContractLife(), date(2026, 12, 4))
    after = contract_course(spec, ContractLife(), date(2026, 12, 5))
    assert (len(on_deadline.terms), on_deadline.next_notice) == (1, term_of(spec, 1))
    assert (len(after.terms), after.next_notice) == (2, term_of(spec, 2))
    assert after.renewals == (term_of(spec, 2),) and after.ends_on is None


def test_an_objection_ends_the_contract_at_its_terms_end_r_c5() -> None:
    spec = contract(date(2026, 1, 5))
    objected = ContractLife((Objection(1, Party.BRAND, date(2026, 12, 4), None, AT, "x"),))
    course = contract_course(spec, objected, date(2027, 3, 1))
    assert (course.ends_on, course.end_cause, course.has_ended) == (
        date(2027, 1, 4), EndCause.EXPIRY, True,
    )  # fmt: skip
    assert course.next_notice is None and len(course.terms) == 1
    # R-C8: 3 years after the last day.
    assert confidentiality_until(spec, date(2027, 1, 4)) == date(2030, 1, 4)
    assert confidentiality_until(spec, date(2028, 2, 29)) == date(2031, 2, 28)


def test_a_contract_that_does_not_renew_ends_with_its_first_term_r_c5() -> None:
    course = contract_course(contract(date(2026, 1, 5), renews=False), ContractLife(), AT.date())
    assert course.ends_on == date(2027, 1, 4) and course.next_notice is None


def test_a_recorded_end_ends_it_early_and_starts_the_exit_duties_r_c6() -> None:
    spec = contract(date(2026, 1, 5))
    end = ContractEnd(date(2026, 6, 30), EndCause.AGREEMENT, None, None, None, AT, "x")
    course = contract_course(spec, ContractLife((), end), date(2026, 7, 1))
    assert course.ends_on == date(2026, 6, 30) and course.has_ended
    # 2026-06-30 + 7 days = 2026-07-07, every duty of model A.
    duties = exit_duties(spec, date(2026, 6, 30), [])
    assert [(d.kind, d.due_on) for d in duties] == [
        (ExitDutyKind.REMOVE_MARKS, date(2026, 7, 7)),
        (ExitDutyKind.RETURN_GOODS, date(2026, 7, 7)),
        (ExitDutyKind.FINAL_STATEMENT, date(2026, 7, 7)),
        (ExitDutyKind.HAND_BACK_CREDENTIALS, date(2026, 7, 7)),
    ]


def test_an_uncured_breach_gives_the_right_the_day_after_the_cure_deadline_r_c6() -> None:
    spec = contract(date(2026, 1, 5))
    cure_by = cure_deadline(spec, date(2026, 3, 2))  # + 15 days
    assert cure_by == date(2026, 3, 17)
    notice = BreachNotice(3, Party.OPERATOR, date(2026, 3, 2), "x", cure_by, None, AT, "x")
    assert breach_rights([notice], date(2026, 3, 17)) == []
    [right] = breach_rights([notice], date(2026, 3, 18))
    assert (right.key, right.holder, right.arose_on) == (
        "R-C6 breach notice 3", Party.OPERATOR, date(2026, 3, 18),
    )  # fmt: skip
    cured = BreachNotice(3, Party.OPERATOR, date(2026, 3, 2), "x", cure_by, cure_by, AT, "x")
    assert breach_rights([cured], date(2027, 1, 1)) == []
    late = BreachNotice(
        3, Party.OPERATOR, date(2026, 3, 2), "x", cure_by, date(2026, 3, 18), AT, "x"
    )
    assert [r.arose_on for r in breach_rights([late], date(2026, 4, 1))] == [date(2026, 3, 18)]


@given(
    effective=st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 12, 31)),
    term_months=st.integers(min_value=1, max_value=36),
    data=st.data(),
)
def test_terms_follow_each_other_and_each_deadline_is_a_whole_notice_before_r_c5(
    effective: date, term_months: int, data: st.DataObject
) -> None:
    notice = data.draw(st.integers(min_value=0, max_value=term_months))
    spec = contract(effective, term_months, notice)
    for number in (1, 2, 3):
        term, following = term_of(spec, number), term_of(spec, number + 1)
        # Contiguous terms, each covering its days, found again by any of its days.
        assert following.first_day == term.last_day + timedelta(days=1)
        assert term_number_on(spec, term.first_day) == number
        assert term_number_on(spec, term.last_day) == number
        # The deadline is the same day number `notice` months before the last day, or that
        # month's last day when it has no such day: never later than a whole notice period.
        months_back = (term.last_day.year - term.notice_by.year) * 12 + (
            term.last_day.month - term.notice_by.month
        )
        assert months_back == notice and term.notice_by <= term.last_day
        assert term.notice_by.day == term.last_day.day or (
            term.notice_by.day < term.last_day.day
            and (term.notice_by + timedelta(days=1)).month != term.notice_by.month
        )
