"""Use case: the reports page's list (issue 20 point 3, R-R1, R-D2): the contracts a reader
may see, and for the one chosen its reports made and every report owed by a day — due when,
made when and whether on time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from daiyun.domain.agency import User
from daiyun.domain.calendar import business_date
from daiyun.domain.contracts import ContractSpec
from daiyun.domain.obligations.obligation import ObligationStatus, obligation_status
from daiyun.domain.permissions import Permission
from daiyun.domain.reports.periods import ReportKind, ReportPeriod
from daiyun.domain.reports.record import MadeReport
from daiyun.services.errors import NotFound
from daiyun.services.reports.making import owed_periods
from daiyun.services.reports.ports import ReportUnitOfWork
from daiyun.services.scope import require_on_brand, visible_brands

__all__ = ["OwedReport", "ReportOverview", "report_overview"]


@dataclass(frozen=True, slots=True)
class OwedReport:
    """A report the contract owes (R-R1): its period, due day, the record if made, and the
    duty's status as of the day asked about (met, missed or open)."""

    period: ReportPeriod
    due_on: date
    made: MadeReport | None
    status: ObligationStatus


@dataclass(frozen=True, slots=True)
class ReportOverview:
    """The contracts the reader may see and, for the chosen one, its reports owed (newest due
    first)."""

    contracts: tuple[ContractSpec, ...]
    chosen: ContractSpec | None
    owed: tuple[OwedReport, ...]


def report_overview(
    uow: ReportUnitOfWork, *, acting: User, contract_code: str | None, as_of: date
) -> ReportOverview:
    """The reader's contracts (their own brand's only for a brand's people, R-D2) and the
    reports the chosen one (or the first) owes by `as_of`; another brand's is NotFound."""
    brands = visible_brands(acting, Permission.VIEW_BRAND)
    with uow:
        contracts = tuple(
            sorted(
                (c for c in uow.contracts.list_all() if brands is None or c.brand_code in brands),
                key=lambda contract: contract.code,
            )
        )
        chosen: ContractSpec | None
        if contract_code is None:
            chosen = contracts[0] if contracts else None
        else:
            chosen = uow.contracts.get(contract_code)
            missing = f"no contract with code {contract_code!r}"
            if chosen is None:
                raise NotFound(missing)
            require_on_brand(acting, Permission.VIEW_BRAND, chosen.brand_code, missing=missing)
        made = {} if chosen is None else _made(uow, chosen.code)
        lives = {} if chosen is None else uow.contracts.lives([chosen.code])  # R-C5, R-C6
    owed: list[OwedReport] = []
    if chosen is not None:
        for kind in ReportKind:
            for period in owed_periods(chosen, kind, as_of, lives[chosen.code]):
                record = made.get((kind, period.text))
                due = period.due_on(chosen.terms)
                done = None if record is None else business_date(record.made_at)
                owed.append(OwedReport(period, due, record, obligation_status(due, done, as_of)))
    owed.sort(key=lambda each: (each.due_on, each.period.kind.value), reverse=True)
    return ReportOverview(contracts, chosen, tuple(owed))


def _made(uow: ReportUnitOfWork, code: str) -> dict[tuple[ReportKind, str], MadeReport]:
    return {(record.kind, record.period): record for record in uow.reports.of_contracts([code])}
