"""Use case: every report the contracts owe, as obligations (R-O1, R-R1).

Each period of each kind that has begun by the day asked about, from the contract's effective
day to its last (its recorded end, or the renewals its objections leave: `owed_periods`, R-C5,
R-C6), is a duty of the operator's due on the report's due day: met when the report
was made by then, missed when made later or not at all, open before."""

from __future__ import annotations

from datetime import date

from daiyun.domain.calendar import business_date
from daiyun.domain.contracts import Party
from daiyun.domain.obligations import Obligation
from daiyun.domain.obligations.obligation import (
    CONSEQUENCE_TEXTS,
    Consequence,
    ObligationKind,
    ObligationTopic,
    obligation_status,
)
from daiyun.domain.reports.periods import ReportKind
from daiyun.services.errors import NotFound
from daiyun.services.obligations.sources import obligation_order
from daiyun.services.reports.making import owed_periods
from daiyun.services.reports.ports import ReportUnitOfWork

__all__ = ["list_report_obligations"]


def list_report_obligations(
    uow: ReportUnitOfWork, *, as_of: date, brand_code: str | None = None
) -> list[Obligation]:
    """The reports owed by `as_of` (of one brand, if given), in the lists' order; three queries
    whatever the number of contracts (the contracts, their lives, the reports made)."""
    found: list[Obligation] = []
    with uow:
        if brand_code is not None and uow.brands.get(brand_code) is None:
            raise NotFound(f"no brand with code {brand_code!r}")
        contracts = [
            contract
            for contract in uow.contracts.list_all()
            if brand_code is None or contract.brand_code == brand_code
        ]
        codes = [contract.code for contract in contracts]
        lives = uow.contracts.lives(codes)  # issue 21 (R-C5, R-C6): when each contract ends
        made = {
            (record.contract, record.kind, record.period): record
            for record in uow.reports.of_contracts(codes)
        }
    consequence = Consequence.REPORT_LATE
    for contract in contracts:
        for kind in ReportKind:
            for period in owed_periods(contract, kind, as_of, lives[contract.code]):
                record = made.get((contract.code, kind, period.text))
                due = period.due_on(contract.terms)
                done = None if record is None else business_date(record.made_at)
                found.append(
                    Obligation(
                        kind=ObligationKind.MAKE_REPORT,
                        party=Party.OPERATOR,
                        subject=f"{kind.value} report {contract.code} {period.text}",
                        brand=contract.brand_code,
                        due_on=due,
                        status=obligation_status(due, done, as_of),
                        done_on=done,
                        consequence=CONSEQUENCE_TEXTS[consequence],
                        rule="R-R1",
                        consequence_key=consequence,
                        contract=contract.code,
                        topic=ObligationTopic.REPORT,
                    )
                )
    return sorted(found, key=obligation_order)
