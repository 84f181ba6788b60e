"""Use case: every dated duty of the contracts' lives, as of a day (R-O1; R-C5, R-C6): the
renewal-notice deadlines, breach notices' cure deadlines and exit duties
(domain/obligations/contract_duties.py). Three queries beside the contracts', whatever their
number: the lives, the breach notices and the exit evidence, each read for all at once."""

from __future__ import annotations

from datetime import date

from daiyun.domain.contracts.lifecycle import contract_course
from daiyun.domain.contracts.termination import exit_duties
from daiyun.domain.obligations import Obligation
from daiyun.domain.obligations.contract_duties import contract_obligations
from daiyun.services.contracts.lifecycle_ports import LifecycleUnitOfWork
from daiyun.services.errors import NotFound
from daiyun.services.obligations.sources import obligation_order

__all__ = ["list_lifecycle_obligations"]


def list_lifecycle_obligations(
    uow: LifecycleUnitOfWork, *, as_of: date, brand_code: str | None = None
) -> list[Obligation]:
    """The contracts' life duties (of one brand, if given) by due day, then brand."""
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
        if not codes:
            return found
        lives = uow.lifecycle.lives(codes)
        notices = uow.lifecycle.breach_notices(codes)
        evidence = uow.lifecycle.exit_evidence(codes)
        for contract in contracts:
            course = contract_course(contract, lives[contract.code], as_of)
            duties = (
                []
                if course.ends_on is None
                else exit_duties(contract, course.ends_on, evidence[contract.code])
            )
            found += contract_obligations(
                contract, course, notices[contract.code], duties, as_of=as_of
            )
    return sorted(found, key=obligation_order)
