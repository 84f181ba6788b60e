"""Read-only: the Alipay lines a month's fee bill counts (R-B2), streamed for its files."""

from __future__ import annotations

from collections.abc import Generator

from daiyun.domain.calendar import Month
from daiyun.domain.fee_bills.bill_file import counted_kind
from daiyun.domain.reconciliation import AlipayEntry
from daiyun.services.fee_bills.bill_access import model_b_contract
from daiyun.services.fee_bills.ports import FeeBillUnitOfWork

__all__ = ["counted_lines"]


def counted_lines(
    uow: FeeBillUnitOfWork, *, contract_code: str, month: Month
) -> Generator[AlipayEntry, None, None]:
    """The trade income and trade refund lines of the contract's stores in `month` (Beijing
    time), in the order they occurred; fees, withdrawals and transfers left out (R-B2).

    The lines stream from the database inside the unit of work, which stays open until the
    last line is read or the generator is closed; nothing is written.
    """
    with uow:
        contract = model_b_contract(uow, contract_code)
        for entry in uow.fee_bills.month_entries(contract.code, month):
            if Month.containing(entry.occurred_at) == month and counted_kind(entry) is not None:
                yield entry
