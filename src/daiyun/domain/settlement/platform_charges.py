"""The platform's own charges on a store: deposit, annual fee and its refund, when due (R-S5).

R-S5 (§2 ch.3 art.4.4): the platform charges a deposit (保证金) and an annual fee (年费) besides
the technical service fee on each line; the contract says who bears them. formats.md "Tmall
fees": the annual fee is refunded 50% or 100% once the store's sales of the service year reach
thresholds, here contract terms (`annual_fee_refund_half_from`, `annual_fee_refund_full_from`).

When they fall due (docs/platform-fees.md):
- the deposit on the store's go-live day;
- the annual fee on the first day of each service year: the go-live day and its anniversaries;
- the refund on the day after a service year ends (its sales are known only then), negative.

Each charge has a natural key, so that it is posted to the ledger exactly once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from daiyun.domain.calendar import Month
from daiyun.domain.contracts import ContractTerms, Party, Platform, PlatformFeeSchedule
from daiyun.domain.money import Money

__all__ = [
    "ChargeKind",
    "FeeStore",
    "PlatformCharge",
    "ServiceYear",
    "charges_due",
    "refund_share_percent",
    "service_years_ending_in",
]


class ChargeKind(StrEnum):
    """What the platform charged (or gave back)."""

    DEPOSIT = "deposit"  # 保证金, on go-live
    ANNUAL_FEE = "annual_fee"  # 年费, at the start of each service year
    ANNUAL_FEE_REFUND = "annual_fee_refund"  # 年费返还, after a service year that sold enough


@dataclass(frozen=True, slots=True)
class FeeStore:
    """A store the platform charges: its platform, go-live day and the platform's fee table."""

    code: str
    platform: Platform
    go_live_on: date
    schedule: PlatformFeeSchedule


@dataclass(frozen=True, slots=True)
class ServiceYear:
    """One service year of a store: from `start` (included) to `end` (excluded)."""

    store: str
    start: date
    end: date


@dataclass(frozen=True, slots=True)
class PlatformCharge:
    """One charge of the platform, due on `due_on`; a refund is negative (R-S5)."""

    key: str  # natural key: posted once
    contract: str
    store: str
    platform: Platform
    kind: ChargeKind
    due_on: date
    amount: Money
    borne_by: Party
    memo: str


def _anniversary(start: date, years: int) -> date:
    """`start` moved on by whole years; 29 February falls on 28 February in other years."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return start.replace(year=start.year + years, day=28)


def _years_until(store: FeeStore, last: date) -> Iterable[ServiceYear]:
    years = 0
    while (start := _anniversary(store.go_live_on, years)) <= last:
        yield ServiceYear(store.code, start, _anniversary(store.go_live_on, years + 1))
        years += 1


def service_years_ending_in(month: Month, stores: Iterable[FeeStore]) -> tuple[ServiceYear, ...]:
    """The service years whose refund falls due in `month`: those whose last day is the day
    before one of the month's days (their `end` is in the month)."""
    first, last = month.first_day, month.last_day
    return tuple(
        year for store in stores for year in _years_until(store, last) if first <= year.end <= last
    )


def refund_share_percent(sales: Money, terms: ContractTerms) -> int:
    """R-S5: 100 when the year's sales reach the full threshold, 50 at the half threshold,
    else 0; a threshold of 0.00 is one the contract does not name."""
    full, half = terms.annual_fee_refund_full_from, terms.annual_fee_refund_half_from
    if full.fen and sales.fen >= full.fen:
        return 100
    if half.fen and sales.fen >= half.fen:
        return 50
    return 0


def charges_due(
    contract: str,
    month: Month,
    stores: Iterable[FeeStore],
    terms: ContractTerms,
    year_sales: Callable[[ServiceYear], Money] | Mapping[ServiceYear, Money] | None = None,
) -> tuple[PlatformCharge, ...]:
    """The platform charges falling due in `month` (Beijing dates), in due-day then key order.

    `year_sales` gives a service year's sales for the refund of a year ending in the month;
    without it (or with no threshold in the terms) no refund is charged.
    """
    first, last = month.first_day, month.last_day
    borne_by = terms.platform_fees_borne_by
    out: list[PlatformCharge] = []

    def add(store: FeeStore, kind: ChargeKind, due_on: date, amount: Money, memo: str) -> None:
        key = f"platform-fee:{contract}:{store.code}:{kind.value}:{due_on.isoformat()}"
        memo = f"{memo}, borne by the {borne_by.value} (R-S5)"
        out.append(
            PlatformCharge(key, contract, store.code, store.platform, kind, due_on, amount,
                           borne_by, memo)
        )  # fmt: skip

    for store in stores:
        fees = store.schedule
        if first <= store.go_live_on <= last and fees.deposit.fen:
            add(store, ChargeKind.DEPOSIT, store.go_live_on, fees.deposit,
                f"{store.platform.value} deposit of store {store.code}")  # fmt: skip
        for year in _years_until(store, last):
            if first <= year.start <= last and fees.annual_fee.fen:
                memo = (
                    f"{store.platform.value} annual fee of store {store.code}, service year "
                    f"{year.start.isoformat()} to {_day_before(year.end)}"
                )
                add(store, ChargeKind.ANNUAL_FEE, year.start, fees.annual_fee, memo)
            if first <= year.end <= last and year_sales is not None and fees.annual_fee.fen:
                sales = year_sales(year) if callable(year_sales) else year_sales.get(year)
                share = refund_share_percent(sales or Money.zero(), terms)
                if share:
                    # Whole fen: the annual fee is in fen and the share 50% or 100%; half of an
                    # odd number of fen is rounded down (the platform gives back no more).
                    refund = Money(-(fees.annual_fee.fen * share // 100))
                    memo = (
                        f"{share}% refund of the {store.platform.value} annual fee of store "
                        f"{store.code}: sales {(sales or Money.zero()).yuan_text()} in the service "
                        f"year {year.start.isoformat()} to {_day_before(year.end)}"
                    )
                    add(store, ChargeKind.ANNUAL_FEE_REFUND, year.end, refund, memo)
    out.sort(key=lambda charge: (charge.due_on, charge.key))
    return tuple(out)


def _day_before(day: date) -> str:
    return date.fromordinal(day.toordinal() - 1).isoformat()
