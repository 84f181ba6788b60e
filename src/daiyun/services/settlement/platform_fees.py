"""The platform's deposit, annual fee and annual fee refund of a contract's stores (R-S5).

A month's charges are computed when its statement is drafted (they are in its figures:
`platform_charges`, and `platform_fees_borne` when the brand bears them) and posted to the
brand's ledger when it is issued, each exactly once by its natural key: a version drafted
again after a dispute posts nothing new (docs/platform-fees.md).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from daiyun.domain.calendar import Month, business_date
from daiyun.domain.contracts import ContractSpec, Platform, PlatformFeeSchedule
from daiyun.domain.ledger import platform_fee_entry
from daiyun.domain.money import Money
from daiyun.domain.settlement.lines import StatementLine
from daiyun.domain.settlement.platform_charges import (
    FeeStore,
    PlatformCharge,
    ServiceYear,
    charges_due,
    service_years_ending_in,
)
from daiyun.services.unit_of_work import UnitOfWork

__all__ = ["fee_stores", "month_charges", "post_charges", "service_year_sales"]


def fee_stores(uow: UnitOfWork, contract: ContractSpec) -> tuple[FeeStore, ...]:
    """The contract's stores that have gone live, each with its platform's fee table (R-S5)."""
    schedules = {fees.platform: fees for fees in uow.contracts.fee_schedules(contract.code)}
    stores = []
    for store in sorted(uow.stores.list_all(), key=lambda each: each.code):
        if store.contract_code != contract.code or store.go_live_on is None:
            continue
        platform = Platform(store.platform)
        # R-S5: a platform without its own table in the contract pays the source's defaults.
        schedule = schedules.get(platform) or PlatformFeeSchedule(platform)
        stores.append(FeeStore(store.code, platform, store.go_live_on, schedule))
    return tuple(stores)


def _issued_lines(uow: UnitOfWork, contract_code: str, month: Month) -> tuple[StatementLine, ...]:
    """The lines of the month's latest issued version; none when the month is not issued."""
    issued = [
        record.version
        for record in uow.statements.versions(contract_code, month)
        if record.is_issued
    ]
    if not issued:
        return ()
    return uow.statements.statement(contract_code, month, max(issued)).lines


def service_year_sales(
    uow: UnitOfWork, contract: ContractSpec, store: FeeStore, year: ServiceYear
) -> Money:
    """R-S5: a service year's sales on the store's platform, net of refunds, from the issued
    statements: each line's actual amount − returned amount − concession, for the lines of the
    platform whose time falls in the year (Beijing dates)."""
    month, last = Month.of(year.start), Month.of(year.end - timedelta(days=1))
    total = 0
    while month <= last:
        for line in _issued_lines(uow, contract.code, month):
            day = business_date(line.at)
            if line.platform == store.platform and year.start <= day < year.end:
                total += line.sales_fen - line.returned_fen - line.concession_fen
        month = month.next()
    return Money(total)


def month_charges(
    uow: UnitOfWork, contract: ContractSpec, month: Month
) -> tuple[PlatformCharge, ...]:
    """The platform charges falling due in the month (R-S5), refunds from issued sales."""
    stores = fee_stores(uow, contract)
    by_code = {store.code: store for store in stores}
    sales = {
        year: service_year_sales(uow, contract, by_code[year.store], year)
        for year in service_years_ending_in(month, stores)
    }
    return charges_due(contract.code, month, stores, contract.terms, sales)


def post_charges(
    uow: UnitOfWork, brand: str, charges: tuple[PlatformCharge, ...], at: datetime
) -> int:
    """Post each charge to the brand's ledger exactly once by its natural key; how many new."""
    posted = 0
    for charge in charges:
        if not uow.ledger.has(charge.key):
            entry = platform_fee_entry(charge.key, brand, charge.due_on, charge.amount, charge.memo)
            uow.ledger.post(entry, at)
            posted += 1
    return posted
