"""The statement's status machine (R-S6, R-S8, R-D3): allowed moves are audited, others refused."""

from __future__ import annotations

import json

import pytest

from daiyun.domain.calendar import Month
from daiyun.domain.money import Money
from daiyun.domain.settlement.lifecycle import (
    ALLOWED_NEXT,
    IllegalMove,
    StatementStatus,
    change_status,
    status_after_payment,
)
from tests.builders import beijing

S = StatementStatus


def _move(current: StatementStatus, new: StatementStatus, **extra: object):  # type: ignore[no-untyped-def]
    return change_status(
        current, new, contract_code="CHANDO-2026", brand_code="chando", month=Month(2026, 10),
        version=1, at=beijing("2026-11-10 16:00"), actor="chando-finance", **extra,
    )  # fmt: skip


def test_every_status_has_its_allowed_moves_and_a_settled_statement_has_none() -> None:
    assert set(ALLOWED_NEXT) == set(StatementStatus)
    assert ALLOWED_NEXT[S.ISSUED] == {S.CONFIRMED, S.DISPUTED}
    assert ALLOWED_NEXT[S.DISPUTED] == {S.DRAFT}  # R-S6: a dispute leads to a new version
    assert ALLOWED_NEXT[S.SETTLED] == frozenset()


def test_an_allowed_move_is_an_audit_entry_with_who_when_which_version_and_why() -> None:
    """R-D3: the record names the actor, the moment, the version and the reason."""
    entry = _move(S.ISSUED, S.DISPUTED, reason="订单1004漏计")
    assert (entry.actor, entry.action, entry.entity, entry.entity_key, entry.brand_code) == (
        "chando-finance", "statement.dispute", "statement", "CHANDO-2026/2026-10", "chando",
    )  # fmt: skip
    assert entry.at == beijing("2026-11-10 16:00")
    assert json.loads(entry.before or "") == {"status": "issued", "version": 1}
    assert json.loads(entry.after or "") == {"status": "disputed", "version": 1}
    assert entry.reason == "订单1004漏计"


@pytest.mark.parametrize(
    ("current", "new", "message"),
    [
        (S.DRAFT, S.CONFIRMED, "cannot confirm statement CHANDO-2026/2026-10 version 1: it is "
         "a draft the brand has not received: issue it first"),
        (S.CONFIRMED, S.CONFIRMED, "cannot confirm statement CHANDO-2026/2026-10 version 1: "
         "it is confirmed: only payments remain"),
        (S.ISSUED, S.SETTLED, "cannot pay statement CHANDO-2026/2026-10 version 1: it is "
         "issued and waits for the brand's confirmation or dispute"),
        (S.SETTLED, S.DRAFT, "cannot draft statement CHANDO-2026/2026-10 version 1: it is "
         "settled: paid in full"),
    ],
)  # fmt: skip
def test_an_illegal_move_is_refused_saying_why(
    current: StatementStatus, new: StatementStatus, message: str
) -> None:
    with pytest.raises(IllegalMove) as refused:
        _move(current, new)
    assert str(refused.value) == message


def test_a_statement_is_settled_once_its_remittance_is_paid_in_full() -> None:
    remittance = Money(46220)
    assert status_after_payment(remittance, Money(20000)) is S.PART_PAID
    assert status_after_payment(remittance, Money(46220)) is S.SETTLED
