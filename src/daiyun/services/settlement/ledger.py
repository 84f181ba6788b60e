"""Posting a brand's statements, payments and penalties to its ledger, and reading it back."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from daiyun.domain.calendar import Month
from daiyun.domain.ledger import (
    Account,
    EntryKind,
    JournalEntry,
    PenaltyStanding,
    balances,
    issue_entry,
    payment_entry,
    penalty_entry,
    penalty_standing,
    reversal_of,
)
from daiyun.domain.money import Money
from daiyun.domain.settlement.records import PaymentRecord
from daiyun.services.errors import NotFound
from daiyun.services.settlement.statement_access import StatementView
from daiyun.services.unit_of_work import UnitOfWork

__all__ = [
    "BrandAccount",
    "brand_account",
    "penalty_key",
    "post_issue",
    "post_payment",
    "posted_penalty",
]


def _statement_prefix(view: StatementView) -> str:
    return f"statement:{view.contract}:{view.month}:"


def penalty_key(contract_code: str, month: Month, version: int) -> str:
    """The natural key of a version's late penalty entry: posted once, when paid in full."""
    return f"penalty:{contract_code}:{month}:v{version}"


def posted_penalty(
    uow: UnitOfWork, brand: str, contract_code: str, month: Month, version: int
) -> PenaltyStanding | None:
    """R-S7: the version's late penalty as posted and how much of it is paid; None if none."""
    return penalty_standing(uow.ledger.entries(brand), penalty_key(contract_code, month, version))


def _post_once(uow: UnitOfWork, entry: JournalEntry, at: datetime) -> None:
    """Exactly once by the entry's natural key: a replay posts nothing new."""
    if not uow.ledger.has(entry.key):
        uow.ledger.post(entry, at)


def post_issue(uow: UnitOfWork, view: StatementView, issued_on: date, at: datetime) -> None:
    """Post an issued version (R-S6); an earlier version of the month is reversed first (R-S8)."""
    prefix = _statement_prefix(view)
    posted = uow.ledger.entries(view.brand)
    reversed_keys = {entry.reverses for entry in posted if entry.reverses is not None}
    for entry in posted:
        if (
            entry.kind is EntryKind.STATEMENT_ISSUED
            and entry.key.startswith(prefix)
            and entry.key not in reversed_keys
        ):
            memo = f"version {entry.key.removeprefix(prefix)} replaced by version {view.version}"
            _post_once(uow, reversal_of(entry, f"{entry.key}:reversed", issued_on, memo), at)
    memo = f"statement {view.contract} {view.month} version {view.version} issued"
    entry = issue_entry(f"{prefix}v{view.version}", view.brand, issued_on, view.figures, memo)
    _post_once(uow, entry, at)


def post_payment(
    uow: UnitOfWork, view: StatementView, payment: PaymentRecord, at: datetime
) -> None:
    """Post a remittance; once the statement is paid in full, its accrued penalty (R-S7)."""
    key = (
        f"payment:{view.contract}:{view.month}:v{payment.version}:"
        f"{payment.paid_on.isoformat()}:{payment.amount.fen}"
    )
    memo = f"remittance of statement {view.contract} {view.month} version {payment.version}"
    _post_once(uow, payment_entry(key, view.brand, payment.paid_on, payment.amount, memo), at)
    if view.outstanding.fen <= 0 and view.penalty_accrued.fen > 0:
        # R-S7: rounded once, when posted; never forgotten when the principal is paid; no
        # penalty on the days of delay the brand caused (view_of left them out).
        memo = f"late penalty of statement {view.contract} {view.month}, {view.days_late} days"
        if view.days_excused:
            memo += f" ({view.days_excused} more excused: delay the brand caused)"
        key = penalty_key(view.contract, view.month, payment.version)
        entry = penalty_entry(key, view.brand, payment.paid_on, view.penalty_accrued, memo)
        _post_once(uow, entry, at)


@dataclass(frozen=True)
class BrandAccount:
    """A brand's ledger: every entry as posted and the balances derived from them."""

    brand: str
    entries: list[JournalEntry]
    balances: Mapping[Account, Money]

    @property
    def owed_to_brand(self) -> Money:
        """What the operator owes the brand now: goods payable is credit-normal."""
        return -self.balances[Account.GOODS_PAYABLE]

    def to_json(self) -> dict[str, object]:
        """The account as `daiyun account show --json` prints it; money as yuan text."""
        return {
            "brand": self.brand,
            "owed_to_brand": self.owed_to_brand.yuan_text(),
            "balances": {a.value: m.yuan_text() for a, m in self.balances.items()},
            "entries": [
                {
                    "key": entry.key,
                    "booked_on": entry.booked_on.isoformat(),
                    "kind": entry.kind.value,
                    "memo": entry.memo,
                    "reverses": entry.reverses,
                    "postings": {p.account.value: p.amount.yuan_text() for p in entry.postings},
                }
                for entry in self.entries
            ],
        }


def brand_account(uow: UnitOfWork, brand_code: str) -> BrandAccount:
    """The brand's entries and balances, derived, never stored (issue 4)."""
    with uow:
        if uow.brands.get(brand_code) is None:
            raise NotFound(f"no brand with code {brand_code!r}")
        entries = uow.ledger.entries(brand_code)
    return BrandAccount(brand_code, entries, balances(entries))
