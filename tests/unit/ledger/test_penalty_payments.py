"""Paying the brand a posted late penalty (R-S7): never more than is owed, every entry balanced,
what is paid and owed derived from the ledger."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daiyun.domain.ledger import (
    Account,
    PenaltyNotPayable,
    PenaltyStanding,
    balances,
    check_penalty_payment,
    payment_entry,
    penalty_entry,
    penalty_payment_entry,
    penalty_payment_key,
    penalty_standing,
)
from daiyun.domain.money import Money

KEY = "penalty:CHANDO-2026:2026-10:v1"
SETTLED_ON = date(2026, 11, 25)
TODAY = date(2026, 11, 30)


def test_a_penalty_paid_in_two_parts_is_cleared_and_goods_payable_returns_to_zero() -> None:
    """R-S7 by hand: 462.20 paid in full, 13.87 of penalty posted (credit goods payable).
    Paid 5.00 then 8.87: goods payable −462.20 + 462.20 − 13.87 + 5.00 + 8.87 = 0.00 (the
    remittance's issue entry is left out here: payment and penalty only)."""
    posted = penalty_entry(KEY, "chando", SETTLED_ON, Money(1387))
    first = penalty_payment_entry(
        penalty_payment_key(KEY, date(2026, 11, 26), Money(500)),
        "chando",
        date(2026, 11, 26),
        Money(500),
    )
    assert penalty_standing([posted, first], KEY) == PenaltyStanding(Money(1387), Money(500))
    assert penalty_standing([posted, first], KEY).owed == Money(887)  # type: ignore[union-attr]
    second = penalty_payment_entry(
        penalty_payment_key(KEY, date(2026, 11, 28), Money(887)),
        "chando",
        date(2026, 11, 28),
        Money(887),
    )
    entries = [posted, first, second]
    assert penalty_standing(entries, KEY) == PenaltyStanding(Money(1387), Money(1387))
    totals = balances(entries)
    assert totals[Account.GOODS_PAYABLE] == Money(0)
    assert (totals[Account.PENALTY], totals[Account.CASH]) == (Money(1387), Money(-1387))


def test_no_penalty_posted_means_no_standing_and_nothing_payable() -> None:
    remittance = payment_entry("payment:x", "chando", SETTLED_ON, Money(46220))
    assert penalty_standing([remittance], KEY) is None
    with pytest.raises(PenaltyNotPayable, match="no late penalty was due"):
        check_penalty_payment(None, Money(1), paid_on=TODAY, today=TODAY)


def test_another_statements_penalty_payments_do_not_count() -> None:
    other = "penalty:CHANDO-2026:2026-11:v1"
    entries = [
        penalty_entry(KEY, "chando", SETTLED_ON, Money(1387)),
        penalty_entry(other, "chando", SETTLED_ON, Money(100)),
        penalty_payment_entry(
            penalty_payment_key(other, TODAY, Money(100)), "chando", TODAY, Money(100)
        ),
    ]
    assert penalty_standing(entries, KEY) == PenaltyStanding(Money(1387), Money(0))


@pytest.mark.parametrize(
    ("amount", "paid_on", "said"),
    [
        (Money(0), TODAY, "must be more than zero, not 0.00"),
        (Money(-1), TODAY, "must be more than zero"),
        (Money(1), TODAY + timedelta(days=1), "cannot be dated 2026-12-01, after today"),
        (Money(888), TODAY, "8.88 is more than is owed: 8.87 is owed of the late penalty of 13.87"),
    ],
)
def test_what_is_not_payable_says_why(amount: Money, paid_on: date, said: str) -> None:
    standing = PenaltyStanding(Money(1387), Money(500))
    with pytest.raises(PenaltyNotPayable, match=re.escape(said)):
        check_penalty_payment(standing, amount, paid_on=paid_on, today=TODAY)


@given(
    posted=st.integers(min_value=1, max_value=10**9),
    parts=st.lists(st.integers(min_value=-10, max_value=10**9), max_size=12),
)
def test_paid_plus_owed_is_posted_and_owed_never_goes_below_zero(
    posted: int, parts: list[int]
) -> None:
    """R-S7: whatever is offered, accepted payments add up to at most the posted penalty."""
    standing = PenaltyStanding(Money(posted), Money(0))
    entries = [penalty_entry(KEY, "chando", SETTLED_ON, Money(posted))]
    for number, fen in enumerate(parts):
        paid_on = SETTLED_ON + timedelta(days=number % 5)
        try:
            after = check_penalty_payment(standing, Money(fen), paid_on=paid_on, today=TODAY)
        except PenaltyNotPayable:
            assert fen <= 0 or fen > standing.owed.fen
            continue
        key = penalty_payment_key(KEY, paid_on, Money(fen)) + f":{number}"
        entries.append(penalty_payment_entry(key, "chando", paid_on, Money(fen)))
        standing = after
        assert standing.paid + standing.owed == standing.posted
        assert standing.owed.fen >= 0
        assert penalty_standing(entries, KEY) == standing
    assert balances(entries)[Account.GOODS_PAYABLE] == Money(-standing.owed.fen)
