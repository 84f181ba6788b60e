"""The service deposit (R-B4), its refund counted in PRC working days."""

from __future__ import annotations

from datetime import date

import pytest

from daiyun.domain.fee_bills.deposit import DepositFate, EndReason, deposit_outcome
from daiyun.domain.money import Money

DEPOSIT = Money.of_yuan("20000.00")


def test_a_refund_due_across_guoqing() -> None:
    # 2026's 国庆 (chinese_calendar): 1–7 October off; Saturday 10 October is a 调休 workday.
    # Ended Tuesday 29 September, all settled before: the 5 working days after are
    # 30 Sep (1), 8 Oct (2), 9 Oct (3), Sat 10 Oct (4), 12 Oct (5) → due 12 October (R-B4).
    outcome = deposit_outcome(DEPOSIT, 5, date(2026, 9, 29), EndReason.EXPIRY, date(2026, 9, 20))
    assert outcome.fate == DepositFate.REFUND_DUE
    assert outcome.amount == DEPOSIT
    assert outcome.refund_due == date(2026, 10, 12)


def test_the_refund_counts_from_settlement_when_that_is_later() -> None:
    # Settled Friday 9 October: 10 Oct (Sat, 调休) (1), 12 (2), 13 (3), 14 (4), 15 (5)
    outcome = deposit_outcome(DEPOSIT, 5, date(2026, 9, 29), EndReason.AGREEMENT, date(2026, 10, 9))
    assert outcome.refund_due == date(2026, 10, 15)


def test_held_while_running_or_unsettled() -> None:
    assert deposit_outcome(DEPOSIT, 5, None, None, None).fate == DepositFate.HELD
    unsettled = deposit_outcome(DEPOSIT, 5, date(2026, 9, 29), EndReason.EXPIRY, None)
    assert (unsettled.fate, unsettled.refund_due) == (DepositFate.HELD, None)


@pytest.mark.parametrize("reason", [EndReason.BRAND_BREACH, EndReason.BRAND_UNILATERAL])
def test_forfeited_on_the_brands_breach_or_unilateral_termination(reason: EndReason) -> None:
    outcome = deposit_outcome(DEPOSIT, 5, date(2026, 9, 29), reason, date(2026, 9, 20))
    assert (outcome.fate, outcome.amount, outcome.refund_due) == (
        DepositFate.FORFEITED,
        DEPOSIT,
        None,
    )


def test_the_operators_breach_still_refunds() -> None:
    outcome = deposit_outcome(
        DEPOSIT, 5, date(2026, 9, 29), EndReason.OPERATOR_BREACH, date(2026, 9, 29)
    )
    assert outcome.fate == DepositFate.REFUND_DUE


def test_no_deposit_held() -> None:
    outcome = deposit_outcome(Money.zero(), 5, date(2026, 9, 29), EndReason.EXPIRY, None)
    assert outcome.fate == DepositFate.NONE
