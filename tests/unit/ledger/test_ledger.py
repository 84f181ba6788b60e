"""The brand's ledger: every entry balances, nothing is updated, balances are derived (issue 4)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daiyun.domain.ledger import (
    Account,
    EntryKind,
    JournalEntry,
    Posting,
    UnbalancedEntry,
    balances,
    issue_entry,
    payment_entry,
    penalty_entry,
    reversal_of,
)
from daiyun.domain.money import Money
from daiyun.domain.settlement.statement import StatementFigures

ISSUED_ON = date(2026, 11, 9)


def figures(
    settlement_value: int = 2_390_000,
    shipping_income: int = 0,
    commission: int = 119_500,
    brand_deductions: int = 0,
) -> StatementFigures:
    """Figures in fen; the remittance follows R-S6's formula."""
    remittance = settlement_value + shipping_income - commission - brand_deductions
    return StatementFigures(
        recognised_lines=120,
        recognised_units=133,
        returned_units=0,
        sales_amount=Money(2_543_210),
        returned_amount=Money(0),
        concession_amount=Money(0),
        settlement_value=Money(settlement_value),
        commission=Money(commission),
        spread=Money(0),
        brand_deductions=Money(brand_deductions),
        shipping_income=Money(shipping_income),
        platform_fees=Money(0),
        remittance=Money(remittance),
        unsettleable_orders=0,
        price_violations=0,
    )


def test_issuing_owes_the_brand_the_remittance_and_books_the_commission() -> None:
    # R-S6: settlement value 23,900.00 + shipping 50.00 − commission 1,195.00 − quality
    # deductions 30.00 = remittance 22,725.00 owed to the brand.
    entry = issue_entry(
        "statement:CHANDO-2026:2026-10:v1",
        "chando",
        ISSUED_ON,
        figures(2_390_000, 5_000, 119_500, 3_000),
    )
    assert entry.kind is EntryKind.STATEMENT_ISSUED
    assert entry.postings == (
        Posting(Account.COLLECTIONS, Money(2_395_000)),
        Posting(Account.COMMISSION, Money(-119_500)),
        Posting(Account.BRAND_DEDUCTIONS, Money(-3_000)),
        Posting(Account.GOODS_PAYABLE, Money(-2_272_500)),
    )


def test_a_partial_then_full_payment_and_a_penalty_leave_nothing_owed() -> None:
    # Owed 22,705.00; paid 10,000.00 then 12,705.00; penalty 45.00 stated and paid: 45.00.
    entries = [
        issue_entry("s:v1", "chando", ISSUED_ON, figures()),
        payment_entry("p:1", "chando", date(2026, 11, 16), Money(1_000_000)),
        payment_entry("p:2", "chando", date(2026, 11, 18), Money(1_270_500)),
        penalty_entry("pen:1", "chando", date(2026, 11, 18), Money(4_500)),
        payment_entry("p:3", "chando", date(2026, 11, 18), Money(4_500)),
    ]
    result = balances(entries)
    assert result[Account.GOODS_PAYABLE] == Money(0)
    assert result[Account.CASH] == Money(-(1_000_000 + 1_270_500 + 4_500))
    assert result[Account.PENALTY] == Money(4_500)
    assert result[Account.COMMISSION] == Money(-119_500)
    assert sum(money.fen for money in result.values()) == 0


def test_a_reversal_cancels_an_issued_version_and_leaves_the_original_unchanged() -> None:
    # A dispute: version 1 is reversed, version 2 (settlement value 100.00 less) is posted.
    first = issue_entry("s:v1", "chando", ISSUED_ON, figures())
    reversal = reversal_of(first, "s:v1:reversed", date(2026, 11, 12))
    second = issue_entry("s:v2", "chando", date(2026, 11, 12), figures(2_380_000, 0, 119_000))
    assert reversal.reverses == "s:v1"
    assert reversal.postings[0] == Posting(Account.COLLECTIONS, Money(-2_390_000))
    assert first.postings[0] == Posting(Account.COLLECTIONS, Money(2_390_000))
    # Owed after version 2: 23,800.00 − 1,190.00 = 22,610.00.
    assert balances([first, reversal, second])[Account.GOODS_PAYABLE] == Money(-2_261_000)


def test_an_unbalanced_entry_is_refused_with_the_difference() -> None:
    with pytest.raises(UnbalancedEntry, match=r"entry x: debits and credits differ by 0\.01 yuan"):
        JournalEntry(
            "x",
            "chando",
            ISSUED_ON,
            EntryKind.PAYMENT,
            (Posting(Account.CASH, Money(-100)), Posting(Account.GOODS_PAYABLE, Money(101))),
        )


def test_figures_that_do_not_add_up_to_the_remittance_are_refused() -> None:
    wrong = replace(figures(), remittance=Money(1))
    with pytest.raises(UnbalancedEntry, match=r"remittance 0\.01 is not settlement value"):
        issue_entry("s:v1", "chando", ISSUED_ON, wrong)


def test_a_payment_of_nothing_and_a_reversal_of_a_reversal_are_refused() -> None:
    with pytest.raises(UnbalancedEntry, match=r"more than 0\.00"):
        payment_entry("p", "chando", ISSUED_ON, Money(0))
    reversal = reversal_of(issue_entry("s", "chando", ISSUED_ON, figures()), "r", ISSUED_ON)
    with pytest.raises(UnbalancedEntry, match="is a reversal"):
        reversal_of(reversal, "rr", ISSUED_ON)


fen = st.integers(min_value=0, max_value=10**10)


@st.composite
def ledgers(draw: st.DrawFn) -> list[JournalEntry]:
    """Any sequence of issues, payments, penalties and reversals of issues."""
    entries: list[JournalEntry] = []
    for number in range(draw(st.integers(0, 12))):
        choice = draw(st.sampled_from(["issue", "payment", "penalty", "reverse"]))
        key = f"e{number}"
        if choice == "issue":
            value, shipping = draw(fen), draw(fen)
            commission, deductions = draw(st.integers(0, value)), draw(fen)
            entries.append(
                issue_entry(key, "b", ISSUED_ON, figures(value, shipping, commission, deductions))
            )
        elif choice == "payment":
            entries.append(payment_entry(key, "b", ISSUED_ON, Money(draw(fen) + 1)))
        elif choice == "penalty":
            entries.append(penalty_entry(key, "b", ISSUED_ON, Money(draw(fen))))
        else:  # each issue is reversed at most once, as the ledger's natural keys ensure
            reversed_keys = {e.reverses for e in entries}
            issues = [e for e in entries if e.kind is EntryKind.STATEMENT_ISSUED]
            open_issues = [e for e in issues if e.key not in reversed_keys]
            if open_issues:
                entries.append(reversal_of(draw(st.sampled_from(open_issues)), key, ISSUED_ON))
    return entries


@given(ledgers())
def test_ledger_balances_always_sum_to_zero(entries: list[JournalEntry]) -> None:
    # Issue 4 property: whatever is posted, the brand's balances sum to exactly 0 fen.
    assert sum(money.fen for money in balances(entries).values()) == 0


@given(ledgers())
def test_with_every_issue_reversed_only_payments_and_penalties_remain_owed(
    entries: list[JournalEntry],
) -> None:
    reversed_keys = {e.reverses for e in entries}
    open_issues = [
        e for e in entries if e.kind is EntryKind.STATEMENT_ISSUED and e.key not in reversed_keys
    ]
    result = balances(entries + [reversal_of(e, f"{e.key}:r", ISSUED_ON) for e in open_issues])
    paid = sum(e.postings[0].amount.fen for e in entries if e.kind is EntryKind.PAYMENT)
    penalties = sum(e.postings[0].amount.fen for e in entries if e.kind is EntryKind.PENALTY)
    assert result[Account.COLLECTIONS] == Money(0)
    assert result[Account.COMMISSION] == Money(0)
    assert result[Account.BRAND_DEDUCTIONS] == Money(0)
    assert result[Account.GOODS_PAYABLE] == Money(paid - penalties)
