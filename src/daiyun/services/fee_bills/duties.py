"""Use case: every dated duty of the model B contracts, as of a day (R-O1; R-B1, R-B2, R-B4,
R-B5): the bills, the service fee's instalments and the deposit refund
(domain/obligations/fee_bill_duties.py)."""

from __future__ import annotations

from datetime import date

from daiyun.domain.contracts import ContractModel
from daiyun.domain.obligations import Obligation
from daiyun.domain.obligations.fee_bill_duties import StoredBill, fee_bill_obligations
from daiyun.services.errors import NotFound
from daiyun.services.fee_bills.ports import FeeBillUnitOfWork
from daiyun.services.fee_bills.service_fee import contract_end

__all__ = ["list_fee_bill_obligations", "obligation_order"]


def list_fee_bill_obligations(
    uow: FeeBillUnitOfWork, *, as_of: date, brand_code: str | None = None
) -> list[Obligation]:
    """The model B contracts' duties (of one brand, if given) by due day, then brand."""
    found: list[Obligation] = []
    with uow:
        if brand_code is not None and uow.brands.get(brand_code) is None:
            raise NotFound(f"no brand with code {brand_code!r}")
        for contract in uow.contracts.list_all():
            if contract.model is not ContractModel.B or (
                brand_code is not None and contract.brand_code != brand_code
            ):
                continue
            bills = [
                StoredBill(
                    header.month,
                    header.current_version,
                    tuple(uow.fee_bills.versions(contract.code, header.month)),
                    tuple(uow.fee_bills.payments(contract.code, header.month)),
                )
                for header in uow.fee_bills.months(contract.code)
            ]
            found += fee_bill_obligations(
                contract,
                bills,
                uow.fee_bills.instalment_payments(contract.code),
                uow.fee_bills.deposit_events(contract.code),
                ended_on=contract_end(contract, as_of),
                as_of=as_of,
            )
    return sorted(found, key=obligation_order)


def obligation_order(obligation: Obligation) -> tuple[date, str, str, str]:
    """The lists' order: by due day, then brand, subject and kind (as the statements' list)."""
    return (obligation.due_on, obligation.brand, obligation.subject, obligation.kind.value)
