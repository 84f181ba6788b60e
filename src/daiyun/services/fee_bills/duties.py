"""Use case: every dated duty of the model B contracts, as of a day (R-O1; R-B1, R-B2, R-B4,
R-B5): the bills, the service fee's instalments and the deposit refund
(domain/obligations/fee_bill_duties.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from daiyun.domain.contracts import ContractModel, ContractSpec
from daiyun.domain.obligations import Obligation
from daiyun.domain.obligations.fee_bill_duties import StoredBill, fee_bill_obligations
from daiyun.services.errors import NotFound
from daiyun.services.fee_bills.ports import FeeBillUnitOfWork
from daiyun.services.fee_bills.service_fee import contract_end, deposit_end_reason
from daiyun.services.obligations.sources import obligation_order

__all__ = ["fee_bill_duties_of", "list_fee_bill_obligations"]


def list_fee_bill_obligations(
    uow: FeeBillUnitOfWork, *, as_of: date, brand_code: str | None = None
) -> list[Obligation]:
    """The model B contracts' duties (of one brand, if given) by due day, then brand."""
    with uow:
        if brand_code is not None and uow.brands.get(brand_code) is None:
            raise NotFound(f"no brand with code {brand_code!r}")
        contracts = [
            contract
            for contract in uow.contracts.list_all()
            if contract.model is ContractModel.B
            and (brand_code is None or contract.brand_code == brand_code)
        ]
        found = fee_bill_duties_of(uow, contracts, as_of=as_of)
    return sorted(found, key=obligation_order)


def fee_bill_duties_of(
    uow: FeeBillUnitOfWork, contracts: Sequence[ContractSpec], *, as_of: date
) -> list[Obligation]:
    """The model B contracts' duties inside an open unit of work."""
    found: list[Obligation] = []
    contracts = [contract for contract in contracts if contract.model is ContractModel.B]
    if not contracts:
        return found
    # Everything at once: the dashboard shows these, so its query count stays flat.
    stored = uow.fee_bills.of_contracts([contract.code for contract in contracts])
    # Issue 21 (R-C5, R-C6): when each contract ends, from its objections and recorded end,
    # and why (R-B4: ended for the brand's breach, the deposit is forfeited, not refunded).
    lives = uow.contracts.lives([contract.code for contract in contracts])
    for contract in contracts:
        records = stored[contract.code]
        bills = [
            StoredBill(
                header.month,
                header.current_version,
                tuple(records.versions.get(header.month, ())),
                tuple(records.payments.get(header.month, ())),
            )
            for header in records.bills
        ]
        found += fee_bill_obligations(
            contract,
            bills,
            records.instalment_payments,
            records.deposit_events,
            ended_on=contract_end(contract, lives[contract.code], as_of),
            as_of=as_of,
            end_reason=deposit_end_reason(lives[contract.code]),
        )
    return found
