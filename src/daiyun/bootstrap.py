"""Wires the adapters into the services; nothing runs at import time.

Entrypoints reach every adapter through the assembled `Daiyun`: the database's units of work,
the password hasher, the readers of catalog, price, order and listings files, the statement
file writers and the schema's migrations. The slow ones (openpyxl, fpdf2, Alembic, Arrow) are
imported only when first used, so a command that needs none of them starts fast."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from daiyun.adapters.attachment_files import AttachmentFiles, data_directory
from daiyun.adapters.db.alipay_unit_of_work import SqlAlipayUnitOfWork
from daiyun.adapters.db.brand_data_unit_of_work import SqlBrandDataUnitOfWork
from daiyun.adapters.db.credential_unit_of_work import SqlCredentialUnitOfWork
from daiyun.adapters.db.engine import DatabaseBusy, EngineLimits, ReadOnlyViolation, make_engine
from daiyun.adapters.db.fee_bill_unit_of_work import SqlFeeBillUnitOfWork
from daiyun.adapters.db.fulfilment_unit_of_work import SqlFulfilmentUnitOfWork
from daiyun.adapters.db.job_unit_of_work import SqlJobUnitOfWork
from daiyun.adapters.db.lifecycle_unit_of_work import SqlLifecycleUnitOfWork
from daiyun.adapters.db.notification_unit_of_work import SqlNotificationUnitOfWork
from daiyun.adapters.db.report_unit_of_work import SqlReportUnitOfWork
from daiyun.adapters.db.repositories.holiday_notices import read_recorded_notices
from daiyun.adapters.db.unit_of_work import SqlUnitOfWork
from daiyun.adapters.passwords import Argon2Passwords
from daiyun.config import Settings, load_settings
from daiyun.domain import calendar
from daiyun.domain.brand_data import ExportFormat
from daiyun.domain.catalog import CatalogEntry
from daiyun.domain.catalog.problem import CatalogProblem
from daiyun.domain.fee_bills.bill_file import FeeBillDocument
from daiyun.domain.fulfilment.stock import ReplenishmentSheet, StockFile
from daiyun.domain.obligations import Obligation
from daiyun.domain.obligations.reminders import ReminderPlan
from daiyun.domain.pricing.price_file_rows import PriceFileProblem, PriceFileRow
from daiyun.domain.reconciliation import AlipayEntry
from daiyun.domain.reports.document import ReportDocument
from daiyun.domain.settlement.document import StatementDocument
from daiyun.services.accounts.passwords import PasswordHasher
from daiyun.services.brand_data.ports import DatasetWriter
from daiyun.services.contracts.lifecycle_duties import list_lifecycle_obligations
from daiyun.services.contracts.overview import AgencyOverview
from daiyun.services.contracts.ports import CatalogFiles
from daiyun.services.credentials.ports import SecretVault
from daiyun.services.demo.listings import DemoListings, ListedItem
from daiyun.services.fee_bills.duties import list_fee_bill_obligations
from daiyun.services.fee_bills.ports import FeeBillFiles
from daiyun.services.fulfilment.duties import list_fulfilment_obligations
from daiyun.services.fulfilment.ports import StockFiles
from daiyun.services.kept import Kept
from daiyun.services.notifications.ports import Mailer
from daiyun.services.obligations.sources import DutySource
from daiyun.services.orders.importing import OrderSource
from daiyun.services.orders.ports import OrderFiles
from daiyun.services.pricing.ports import PriceFiles
from daiyun.services.reconciliation.ports import AlipayFiles, AlipaySource
from daiyun.services.reports.duties import list_report_obligations
from daiyun.services.reports.ports import ReportFiles
from daiyun.services.settlement.ports import PdfFontMissing, StatementFiles

if TYPE_CHECKING:
    from daiyun.adapters.jobs.wiring import JobAdapters

__all__ = ["Daiyun", "DatabaseBusy", "ReadOnlyViolation", "bootstrap"]


class _CatalogFiles:
    """CatalogFiles over adapters/catalog_file.py (openpyxl loaded on first use)."""

    def read_file(self, path: Path) -> tuple[list[CatalogEntry], list[CatalogProblem]]:
        from daiyun.adapters.catalog_file import read_catalog_file

        return read_catalog_file(path)

    def read_upload(
        self, name: str, data: bytes
    ) -> tuple[list[CatalogEntry], list[CatalogProblem]]:
        from daiyun.adapters.catalog_file import read_catalog_upload

        return read_catalog_upload(name, data)


class _PriceFiles:
    """PriceFiles over adapters/price_file.py."""

    def read(self, data: bytes) -> tuple[list[PriceFileRow], list[PriceFileProblem]]:
        from daiyun.adapters.price_file import read_price_file

        return read_price_file(data)


class _OrderFiles:
    """OrderFiles over the platform readers of adapters/platforms."""

    def read(self, paths: Sequence[Path], *, as_of: datetime | None) -> OrderSource:
        from daiyun.adapters.platforms import read_order_files

        return read_order_files(list(paths), as_of=as_of)

    def export_time_in_name(self, name: str) -> datetime | None:
        from daiyun.adapters.platforms import export_time_in_name

        return export_time_in_name(name)


class _AlipayFiles:
    """AlipayFiles over adapters/platforms/alipay.py."""

    def read(self, paths: Sequence[Path]) -> AlipaySource:
        from daiyun.adapters.platforms.alipay import read_alipay_files

        return read_alipay_files(list(paths))


class _StatementFiles:
    """StatementFiles over adapters/exports (openpyxl and fpdf2 loaded on first use)."""

    def write_xlsx(self, document: StatementDocument, path: Path) -> None:
        from daiyun.adapters.exports import write_statement_xlsx

        write_statement_xlsx(document, path)

    def write_pdf(self, document: StatementDocument, path: Path) -> None:
        from daiyun.adapters.exports import CjkFontMissing, write_statement_pdf

        try:
            write_statement_pdf(document, path)
        except CjkFontMissing as error:
            raise PdfFontMissing(str(error)) from error


class _FeeBillFiles:
    """FeeBillFiles over adapters/exports (openpyxl and fpdf2 loaded on first use)."""

    def write_xlsx(
        self, document: FeeBillDocument, lines: Iterable[AlipayEntry], path: Path
    ) -> None:
        from daiyun.adapters.exports.fee_bill_xlsx import write_fee_bill_xlsx

        write_fee_bill_xlsx(document, lines, path)

    def write_pdf(
        self, document: FeeBillDocument, lines: Iterable[AlipayEntry], path: Path
    ) -> None:
        from daiyun.adapters.exports import CjkFontMissing
        from daiyun.adapters.exports.fee_bill_pdf import write_fee_bill_pdf

        try:
            write_fee_bill_pdf(document, lines, path)
        except CjkFontMissing as error:
            raise PdfFontMissing(str(error)) from error


class _StockFiles:
    """StockFiles over adapters/stock_file.py and adapters/exports/replenishment_xlsx.py."""

    def read(self, path: Path) -> StockFile:
        from daiyun.adapters.stock_file import read_stock_file

        rows, problems, sha256 = read_stock_file(path)
        return StockFile(path.name, sha256, tuple(rows), tuple(problems))

    def write_replenishment(self, sheet: ReplenishmentSheet, path: Path) -> None:
        from daiyun.adapters.exports.replenishment_xlsx import write_replenishment_xlsx

        write_replenishment_xlsx(sheet, path)


class _ReportFiles:
    """ReportFiles over adapters/exports/report_xlsx.py (openpyxl loaded on first use)."""

    def write_xlsx(self, document: ReportDocument, path: Path) -> None:
        from daiyun.adapters.exports.report_xlsx import write_report_xlsx

        write_report_xlsx(document, path)

    def pdf_bytes(self, document: ReportDocument) -> bytes:
        """The report's PDF with its charts (fpdf2 and matplotlib loaded on first use)."""
        from daiyun.adapters.exports import CjkFontMissing
        from daiyun.adapters.exports.report_pdf import report_pdf_bytes

        try:
            return report_pdf_bytes(document)
        except CjkFontMissing as error:
            raise PdfFontMissing(str(error)) from error


class _DemoListings:
    """DemoListings over adapters/listings_2016.py."""

    @property
    def brand_codes(self) -> Mapping[str, tuple[str, str]]:
        from daiyun.adapters.listings_2016 import BRAND_CODES

        return BRAND_CODES

    def read(self, path: Path) -> tuple[Sequence[ListedItem], list[str]]:
        from daiyun.adapters.listings_2016 import read_listings

        return read_listings(path)


@dataclass
class Daiyun:
    """The assembled application: settings, the database engine, units of work, and the
    adapters the use cases reach through their ports."""

    settings: Settings
    engine: Engine = field(repr=False)
    # What the dashboard shows, worked out once until the database changes (issue 22).
    kept_obligations: Kept[tuple[Obligation, ...]] = field(default_factory=Kept, repr=False)
    kept_overviews: Kept[AgencyOverview] = field(default_factory=Kept, repr=False)

    def __post_init__(self) -> None:
        # R-O1: the working-day calendar reads the holiday notices recorded in this database
        # for the years chinesecalendar does not know (only when it meets such a year).
        self._notice_source: calendar.NoticeSource = lambda: read_recorded_notices(self.engine)
        self._earlier_source = calendar.notice_source()
        calendar.use_notice_source(self._notice_source)

    def unit_of_work(self) -> SqlUnitOfWork:
        """A fresh unit of work on this application's database."""
        return SqlUnitOfWork(self.engine)

    def read_unit_of_work(self) -> SqlUnitOfWork:
        """A fresh unit of work for a use case that only reads (issue 22): on SQLite it never
        waits for a writer; a write through it raises ReadOnlyViolation, nothing written."""
        return SqlUnitOfWork(self.engine, read_only=True)

    @cached_property
    def passwords(self) -> PasswordHasher:
        """Hashes and checks passwords (argon2id)."""
        return Argon2Passwords()

    @cached_property
    def catalog_files(self) -> CatalogFiles:
        """Reads a brand's catalog file, CSV or XLSX."""
        return _CatalogFiles()

    @cached_property
    def price_files(self) -> PriceFiles:
        """Reads a listing-price file."""
        return _PriceFiles()

    @cached_property
    def order_files(self) -> OrderFiles:
        """Reads platform order files."""
        return _OrderFiles()

    @cached_property
    def alipay_files(self) -> AlipayFiles:
        """Reads Alipay account statements (账务明细), the ZIP or the CSV."""
        return _AlipayFiles()

    def alipay_unit_of_work(self, *, read_only: bool = False) -> SqlAlipayUnitOfWork:
        """A fresh unit of work that reaches the Alipay lines too (R-X1); `read_only` as
        read_unit_of_work's, for a use case that only reads (a month reconciled)."""
        return SqlAlipayUnitOfWork(self.engine, read_only=read_only)

    def fee_bill_unit_of_work(self, *, read_only: bool = False) -> SqlFeeBillUnitOfWork:
        """A fresh unit of work that reaches model B's bills, fees and deposit (issue 18);
        `read_only` as read_unit_of_work's, for a use case that only reads."""
        return SqlFeeBillUnitOfWork(self.engine, read_only=read_only)

    def duty_sources(self) -> tuple[DutySource, ...]:
        """Every area's dated duties beside model A's statements (R-O1), each reading its own
        store read only: gathered by `daiyun obligations list`, /api/obligations, /obligations
        and the dashboard. An area with duties of its own adds its source here."""
        return (
            # issue 21: the contract's life — renewal notice, breach cures, exit duties (R-C5, R-C6)
            partial(list_lifecycle_obligations, self.lifecycle_unit_of_work(read_only=True)),
            # issue 18: model B's bills, service fee instalments and deposit refund
            partial(list_fee_bill_obligations, self.fee_bill_unit_of_work(read_only=True)),
            # issue 19: the goods' shipping SLA and stockout duties (R-F2, R-F3)
            partial(list_fulfilment_obligations, self.fulfilment_unit_of_work(read_only=True)),
            # issue 20: the weekly, monthly and yearly reports (R-R1)
            partial(list_report_obligations, self.report_unit_of_work(read_only=True)),
        )

    def lifecycle_unit_of_work(self, *, read_only: bool = False) -> SqlLifecycleUnitOfWork:
        """A fresh unit of work that reaches the contract's life too — objections, its end,
        breach notices, exit evidence (issue 21) — with model B's fees for its termination
        rights; `read_only` as read_unit_of_work()."""
        return SqlLifecycleUnitOfWork(self.engine, read_only=read_only)

    def job_unit_of_work(self, *, read_only: bool = False) -> SqlJobUnitOfWork:
        """A fresh unit of work that reaches the background jobs too (issue 22); `read_only`
        for following a job, which on SQLite never waits for a running import."""
        return SqlJobUnitOfWork(self.engine, read_only=read_only)

    @cached_property
    def job_adapters(self) -> JobAdapters:
        """The background jobs' broker (Dramatiq, loaded on first use), progress and folders."""
        from daiyun.adapters.jobs.wiring import JobAdapters

        settings = self.settings
        return JobAdapters(self.engine, settings.broker_url, settings.broker_heartbeat_timeout)

    def fulfilment_unit_of_work(self, *, read_only: bool = False) -> SqlFulfilmentUnitOfWork:
        """A fresh unit of work that reaches the stock, the SLA's orders and the return
        requests too (issue 19); `read_only` as read_unit_of_work()."""
        return SqlFulfilmentUnitOfWork(self.engine, read_only=read_only)

    def credential_unit_of_work(self, *, read_only: bool = False) -> SqlCredentialUnitOfWork:
        """A fresh unit of work that reaches the store credentials and their reveal log (R-B7)
        and the outages (R-B8) too (issue 21); `read_only` as read_unit_of_work()."""
        return SqlCredentialUnitOfWork(self.engine, read_only=read_only)

    @cached_property
    def credential_vault(self) -> SecretVault:
        """Seals and opens store credentials with DAIYUN_CREDENTIAL_KEYS (R-B7): Fernet keys,
        newest first; locked (refusing) without one."""
        from daiyun.adapters.credential_vault import FernetVault

        return FernetVault(self.settings.credential_keys)

    def notification_unit_of_work(self, *, read_only: bool = False) -> SqlNotificationUnitOfWork:
        """A fresh unit of work that reaches the notifications and reminders too (issue 21,
        R-O1); `read_only` as read_unit_of_work(), for the bell and the list."""
        return SqlNotificationUnitOfWork(self.engine, read_only=read_only)

    def reminder_plan(self) -> ReminderPlan:
        """The days before a due day reminders go out (DAIYUN_REMINDER_DAYS, R-O1);
        ReminderPlanError names the setting when it cannot be read."""
        return ReminderPlan.parse(self.settings.reminder_days)

    @cached_property
    def mailer(self) -> Mailer | None:
        """Email by SMTP (adapters/smtp_mail.py) when DAIYUN_SMTP_HOST is set, else None."""
        settings = self.settings
        if not settings.smtp_host:
            return None
        from daiyun.adapters.smtp_mail import SmtpMailer

        return SmtpMailer(
            host=settings.smtp_host,
            port=settings.smtp_port,
            sender=settings.smtp_from,
            user=settings.smtp_user,
            password=settings.smtp_password,
            starttls=settings.smtp_starttls,
        )

    def brand_data_unit_of_work(self, *, read_only: bool = True) -> SqlBrandDataUnitOfWork:
        """A fresh unit of work that reads a brand's own data for export in batches (issue 20
        point 4, R-R3); read-only unless asked otherwise."""
        return SqlBrandDataUnitOfWork(self.engine, read_only=read_only)

    @cached_property
    def brand_data_writers(self) -> Mapping[ExportFormat, DatasetWriter]:
        """The brand data export's writers by format (CSV, XLSX, Parquet), each streaming."""
        from daiyun.adapters.exports.brand_data_csv import CsvDatasetWriter
        from daiyun.adapters.exports.brand_data_parquet import ParquetDatasetWriter
        from daiyun.adapters.exports.brand_data_xlsx import XlsxDatasetWriter

        return {
            ExportFormat.CSV: CsvDatasetWriter(),
            ExportFormat.XLSX: XlsxDatasetWriter(),
            ExportFormat.PARQUET: ParquetDatasetWriter(),
        }

    def report_unit_of_work(self, *, read_only: bool = False) -> SqlReportUnitOfWork:
        """A fresh unit of work that reaches the reports' aggregates and records and the stock
        too (issue 20, R-R1); `read_only` as read_unit_of_work()."""
        return SqlReportUnitOfWork(self.engine, read_only=read_only)

    @cached_property
    def report_files(self) -> ReportFiles:
        """Writes a report's data tables as XLSX (issue 20)."""
        return _ReportFiles()

    @cached_property
    def attachment_files(self) -> AttachmentFiles:
        """Keeps the files of mis-shipments (R-F4) and of exit duties' evidence (R-C6) under
        the data directory."""
        return AttachmentFiles(data_directory(self.settings))

    @cached_property
    def stock_files(self) -> StockFiles:
        """Reads the brand's stock lists; writes the replenishment list (R-F1)."""
        return _StockFiles()

    @cached_property
    def statement_files(self) -> StatementFiles:
        """Writes a statement version's XLSX and PDF."""
        return _StatementFiles()

    @cached_property
    def fee_bill_files(self) -> FeeBillFiles:
        """Writes a fee bill version's XLSX and PDF, with its VAT invoice request (issue 18)."""
        return _FeeBillFiles()

    @cached_property
    def demo_listings(self) -> DemoListings:
        """Reads the 2016 Tmall cosmetics listings the demo is made from."""
        return _DemoListings()

    def upgrade_database(self) -> str | None:
        """Create or migrate the database to the newest schema; the revision it is now at."""
        # Alembic loads slowly; only this command needs it.
        from daiyun.adapters.db.migrate import current_revision, upgrade_database

        upgrade_database(self.settings.database_url)
        return current_revision(self.settings.database_url)

    def close(self) -> None:
        """Release the database connections (and the calendar's way to this database)."""
        # One application per process in use; in tests one may be made and closed inside
        # another's life, which then gets its own source back.
        if calendar.notice_source() is self._notice_source:
            calendar.use_notice_source(self._earlier_source)
        self.engine.dispose()


def bootstrap(settings: Settings | None = None) -> Daiyun:
    """Build daiyun from settings (default: the environment)."""
    settings = settings or load_settings()
    limits = EngineLimits(
        busy_timeout=settings.database_busy_timeout,
        pool_size=settings.database_pool_size,
        max_overflow=settings.database_max_overflow,
        pool_timeout=settings.database_pool_timeout,
    )
    return Daiyun(settings=settings, engine=make_engine(settings.database_url, limits))
