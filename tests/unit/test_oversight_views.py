"""Pure pieces of the oversight pages (issue 15): an audit record's change in words (R-D3),
lateness in days and hours (R-F2), a notice file's problems one by one, and which obligations
a filter keeps (R-O1)."""

from __future__ import annotations

from datetime import date

import pytest

from daiyun.domain.calendar import Month
from daiyun.domain.contracts import Party
from daiyun.domain.holiday_notice import HolidayNoticeError, parse_holiday_notice
from daiyun.domain.obligations import (
    Consequence,
    Obligation,
    ObligationKind,
    ObligationStatus,
)
from daiyun.domain.obligations.views import ObligationFilter, StatusChoice
from daiyun.entrypoints.web.audit_changes import Change, describe_change
from daiyun.entrypoints.web.calendar_pages import notice_problems
from daiyun.entrypoints.web.formatting import lateness
from daiyun.entrypoints.web.i18n import labeller, speaker
from tests.builders import NOTICE_2027

ZH, EN = labeller("zh"), labeller("en")


def test_a_statement_issued_reads_as_its_status_and_its_deadline() -> None:
    before = '{"status": "draft", "version": 1}'
    after = '{"status": "issued", "version": 1, "confirm_by": "2026-12-14"}'
    assert describe_change("statement", before, after, ZH) == [
        Change("状态", "草稿", "已出具"),  # the version, unchanged, is left out
        Change("确认截止", "—", "2026-12-14"),
    ]
    assert describe_change("statement", before, after, EN)[0] == Change("status", "Draft", "Issued")


def test_values_in_words_codes_money_booleans_and_lists() -> None:
    assert describe_change("user", '{"is_active": true}', '{"is_active": false}', ZH) == [
        Change("状态", "启用", "停用")
    ]
    assert describe_change("user", '{"role": "finance"}', '{"role": "brand_admin"}', ZH) == [
        Change("角色", "财务", "品牌方管理员")
    ]
    # A yuan text is money; a promotion's status is not a statement's.
    assert describe_change("listing", None, '{"price": "1234.5"}', ZH) == [
        Change("价格", "—", "¥1,234.50")
    ]
    assert describe_change("promotion", None, '{"status": "submitted"}', ZH) == [
        Change("状态", "—", "待品牌方审批")
    ]
    platforms = '{"platforms": ["tmall", "taobao"], "auto_renew": true}'
    assert describe_change("contract", None, platforms, EN) == [
        Change("platforms", "—", "Tmall, Taobao"),
        Change("renews itself", "—", "yes"),
    ]
    # A field only before is cleared; an unknown field keeps its own name.
    assert describe_change("sku", '{"guide_price": "139.00", "x": 1}', "{}", ZH) == [
        Change("指导价", "¥139.00", "—"),
        Change("x", "1", "—"),
    ]


def test_a_record_that_is_not_a_json_object_is_shown_whole() -> None:
    assert describe_change("brand", "not json", '{"a": 1}', ZH) == [
        Change("", "not json", '{"a": 1}')
    ]
    assert describe_change("brand", None, None, ZH) == []


@pytest.mark.parametrize(
    ("hours", "zh", "en"),
    [
        (0, "0 小时", "0 h"),
        (5, "5 小时", "5 h"),
        (24, "1 天", "1 d"),
        (53, "2 天 5 小时", "2 d 5 h"),  # 2 × 24 + 5
        (59970, "2,498 天 18 小时", "2,498 d 18 h"),  # 2,498 × 24 = 59,952; + 18
    ],
)
def test_lateness_in_days_and_hours(hours: int, zh: str, en: str) -> None:
    assert lateness(hours, "zh") == zh
    assert lateness(hours, "en") == en


def test_a_notice_files_problems_come_one_by_one_in_chinese() -> None:
    wrong = NOTICE_2027.replace("[2027-02-20]", "[2027-02-18]").replace(
        'source = "a 2027 notice made up for the tests"', 'source = " "'
    )
    with pytest.raises(HolidayNoticeError) as raised:
        parse_holiday_notice(wrong, "n.toml")
    problems = notice_problems(str(raised.value), "n.toml")
    # The problems are joined by '; ', and the second holds a '; ' of its own: kept whole.
    assert problems == [
        "the source is missing: name the notice (its title and number)",
        "春节: working day 2027-02-18 is a Thursday, a working day anyway; 调休 working days"
        " are Saturdays and Sundays",
    ]
    say = speaker("zh")
    assert [say(problem) for problem in problems] == [
        "缺少通知来源：请写明通知的标题和文号",
        "春节：调休上班日 2027-02-18 是星期四，本来就是工作日；调休上班日只能是周六或周日",
    ]


def _duty(due: date, status: ObligationStatus, done: date | None = None, *,
          party: Party = Party.OPERATOR,
          kind: ObligationKind = ObligationKind.ISSUE_STATEMENT) -> Obligation:  # fmt: skip
    return Obligation(
        kind, party, "statement C-1 2026-10", "c", due, status, done, "", "R-S6",
        Consequence.STATEMENT_AWAITED, contract="C-1", month=Month(2026, 10),
    )  # fmt: skip


def test_each_status_choice_keeps_what_its_name_says() -> None:
    today = date(2026, 11, 10)
    due_today = _duty(today, ObligationStatus.OPEN)
    later = _duty(date(2026, 11, 12), ObligationStatus.OPEN)
    overdue = _duty(date(2026, 10, 10), ObligationStatus.MISSED)
    late = _duty(date(2026, 10, 10), ObligationStatus.MISSED, date(2026, 10, 12))
    met = _duty(date(2026, 10, 10), ObligationStatus.MET, date(2026, 10, 9))
    every = [due_today, later, overdue, late, met]

    def kept(choice: StatusChoice) -> list[Obligation]:
        return ObligationFilter(status=choice).choose(every, today)

    assert kept(StatusChoice.DUE_TODAY) == [due_today]
    assert kept(StatusChoice.OPEN) == [due_today, later]
    assert kept(StatusChoice.OVERDUE) == [overdue]  # done late is not overdue any more
    assert kept(StatusChoice.MISSED) == [overdue, late]
    assert kept(StatusChoice.MET) == [met]
    assert ObligationFilter().choose(every, today) == every


def test_party_and_kind_filters() -> None:
    issue = _duty(date(2026, 11, 10), ObligationStatus.OPEN)
    answer = _duty(date(2026, 11, 17), ObligationStatus.OPEN, party=Party.BRAND,
                   kind=ObligationKind.ANSWER_STATEMENT)  # fmt: skip
    both = [issue, answer]
    today = date(2026, 11, 2)
    assert ObligationFilter(party=Party.BRAND).choose(both, today) == [answer]
    assert ObligationFilter(kind=ObligationKind.ISSUE_STATEMENT).choose(both, today) == [issue]
    chosen = ObligationFilter(party=Party.OPERATOR, kind=ObligationKind.ANSWER_STATEMENT)
    assert chosen.choose(both, today) == []
