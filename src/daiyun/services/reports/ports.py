"""The ports of the reports (issue 20): the period aggregates and the reports made (bootstrap
wires in adapters/db/repositories/reports.py through SqlReportUnitOfWork), and the writer of
the report's data tables (adapters/exports/report_xlsx.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from daiyun.domain.calendar import Period
from daiyun.domain.reports.document import (
    LineFigures,
    ReasonRow,
    RefundReasonRow,
    ReportDocument,
    ReturnRow,
    SalesFigures,
    SalesRow,
    SegmentRow,
)
from daiyun.domain.reports.periods import ReportKind
from daiyun.domain.reports.record import MadeReport
from daiyun.domain.reports.segments import RfmCutoffs
from daiyun.services.fulfilment.ports import FulfilmentUnitOfWork

__all__ = ["ReportFiles", "ReportRepository", "ReportUnitOfWork"]


class ReportRepository(Protocol):
    """A contract's period aggregates, computed by the database, and the reports made."""

    def sales(self, contract_code: str, span: Period) -> SalesFigures: ...
    def sales_by(self, contract_code: str, span: Period, breakdown: str) -> list[SalesRow]: ...
    def order_sales(
        self, contract_code: str, span: Period
    ) -> tuple[SalesFigures, dict[str, list[SalesRow]]]: ...
    def line_figures(self, contract_code: str, span: Period) -> LineFigures: ...
    def customers(
        self, contract_code: str, span: Period, cutoffs: RfmCutoffs
    ) -> tuple[int, int, list[SegmentRow]]: ...
    def province_buyers(self, contract_code: str, span: Period) -> list[tuple[str, int]]: ...
    def customers_beside(
        self, contract_code: str, span: Period, cutoffs: RfmCutoffs
    ) -> AbstractContextManager[Callable[[], tuple[int, int, list[SegmentRow]]]]:
        """`customers`, worked out beside whatever the caller asks meanwhile (on PostgreSQL
        over a second connection); the function given waits for its figures."""
        ...

    def refunds(self, contract_code: str, span: Period) -> list[RefundReasonRow]: ...
    def return_requests(
        self, contract_code: str, first_day: date, last_day: date
    ) -> tuple[list[ReturnRow], list[ReasonRow]]: ...
    def get(self, contract_code: str, kind: ReportKind, period: str) -> MadeReport | None: ...
    def document(
        self, contract_code: str, kind: ReportKind, period: str
    ) -> dict[str, Any] | None: ...
    def add(self, record: MadeReport, document: dict[str, Any]) -> bool: ...
    def of_contracts(self, contract_codes: Sequence[str]) -> list[MadeReport]: ...


class ReportUnitOfWork(FulfilmentUnitOfWork, Protocol):
    """The unit of work with the reports besides the stock (the inventory section)."""

    @property
    def reports(self) -> ReportRepository: ...


class ReportFiles(Protocol):
    """Writes a report's data tables as an XLSX workbook, one sheet per section."""

    def write_xlsx(self, document: ReportDocument, path: Path) -> None: ...
    # Issue 20 point 3: the report as a PDF with its charts (adapters/exports/report_pdf.py).
    def pdf_bytes(self, document: ReportDocument) -> bytes: ...
