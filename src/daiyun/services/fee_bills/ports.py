"""The ports of model B: the store of fee bills, instalment payments and deposit events, and
the Alipay lines a bill reads; bootstrap wires in adapters/db/repositories/fee_bills.py. And the
writers of a bill's files, XLSX and PDF (adapters/exports/fee_bill_xlsx.py, fee_bill_pdf.py)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

from daiyun.domain.calendar import Month
from daiyun.domain.fee_bills.bill_file import FeeBillDocument
from daiyun.domain.fee_bills.document import FeeBill
from daiyun.domain.fee_bills.lifecycle import BillStatus
from daiyun.domain.fee_bills.records import (
    BillAnswer,
    BillHeader,
    BillPayment,
    BillVersion,
    ContractFeeRecords,
    DepositEvent,
    InstalmentPayment,
)
from daiyun.domain.reconciliation import AlipayEntry
from daiyun.services.settlement.ports import PdfFontMissing
from daiyun.services.unit_of_work import UnitOfWork

__all__ = ["FeeBillFiles", "FeeBillRepository", "FeeBillUnitOfWork", "PdfFontMissing"]


class FeeBillRepository(Protocol):
    """Fee bills by (contract, month); instalment payments and deposit events by contract."""

    def get(self, contract_code: str, month: Month, *, lock: bool = False) -> BillHeader | None:
        """The month's bill; `lock` holds it to the end of the unit of work (PostgreSQL)."""
        ...

    def months(self, contract_code: str) -> list[BillHeader]: ...
    def create(self, contract_code: str, month: Month, at: datetime) -> None: ...
    def set_status(
        self, contract_code: str, month: Month, status: BillStatus, version: int, at: datetime
    ) -> None: ...
    def versions(self, contract_code: str, month: Month) -> list[BillVersion]: ...
    def save_draft(
        self,
        contract_code: str,
        month: Month,
        version: int,
        bill: FeeBill,
        *,
        at: datetime,
        actor: str,
    ) -> None: ...
    def issue(
        self, contract_code: str, month: Month, version: int, *, at: datetime, on: date, actor: str
    ) -> None: ...
    def answer(
        self, contract_code: str, month: Month, version: int, answer: BillAnswer
    ) -> None: ...
    def payments(self, contract_code: str, month: Month) -> list[BillPayment]: ...
    def add_payment(self, contract_code: str, month: Month, payment: BillPayment) -> None: ...
    def month_entries(self, contract_code: str, month: Month) -> Iterator[AlipayEntry]:
        """The Alipay lines of the contract's stores that occurred in the month (R-B2)."""
        ...

    def entry_span(self, contract_code: str) -> tuple[datetime, datetime] | None:
        """When the first and latest Alipay lines of the contract's stores occurred (None:
        no statement imported yet)."""
        ...

    def instalment_payments(self, contract_code: str) -> list[InstalmentPayment]: ...
    def add_instalment_payment(self, contract_code: str, payment: InstalmentPayment) -> None: ...
    def deposit_events(self, contract_code: str) -> list[DepositEvent]: ...
    def add_deposit_event(self, contract_code: str, event: DepositEvent) -> None: ...
    def of_contracts(self, contract_codes: Sequence[str]) -> dict[str, ContractFeeRecords]:
        """Every bill, payment, instalment payment and deposit event of these contracts, in a
        fixed number of queries."""
        ...


class FeeBillUnitOfWork(UnitOfWork, Protocol):
    """The unit of work with model B's store."""

    @property
    def fee_bills(self) -> FeeBillRepository: ...


class FeeBillFiles(Protocol):
    """Writes a fee bill version's files: its figures, dates, payments and VAT invoice request,
    and the Alipay lines it counts, streamed (each call takes a fresh stream)."""

    def write_xlsx(
        self, document: FeeBillDocument, lines: Iterable[AlipayEntry], path: Path
    ) -> None: ...
    def write_pdf(
        self, document: FeeBillDocument, lines: Iterable[AlipayEntry], path: Path
    ) -> None:
        """Write the PDF; raises PdfFontMissing when no CJK font can be embedded."""
        ...
