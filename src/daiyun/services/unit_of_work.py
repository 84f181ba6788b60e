"""The port the services use to reach storage: repositories inside one unit of work.

Adapters implement it (adapters/db/unit_of_work.py); bootstrap wires one in. Only the unit
of work commits, once per use case; leaving it without a commit rolls everything back.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import date, datetime
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol, Self, TypeVar

from daiyun.domain.advertising import AdSpend
from daiyun.domain.agency import AuditEntry, Brand, Role, Store, User
from daiyun.domain.audit_chain import ChainedRecord
from daiyun.domain.calendar import Month, Period
from daiyun.domain.contracts import ContractSpec, PlatformFeeSchedule
from daiyun.domain.contracts.lifecycle import ContractLife
from daiyun.domain.fulfilment.custody import CustodyLoss
from daiyun.domain.holiday_notice import HolidayNotice, RecordedNotice
from daiyun.domain.ledger import JournalEntry
from daiyun.domain.money import Money
from daiyun.domain.orders import ImportedFile
from daiyun.domain.orders.changes import OrderWrite, StoredOrder
from daiyun.domain.pricing import GuidePrice, Listing, RepricingTask, Sku
from daiyun.domain.promotions import PromotionPlan, WrittenApproval
from daiyun.domain.settlement import (
    ExcusedDelay,
    LineKey,
    SettlementLine,
    Statement,
    UnsettleableOrder,
)
from daiyun.domain.settlement.drilldown import LineSelection, LinesPage, StatementRow
from daiyun.domain.settlement.lifecycle import StatementStatus
from daiyun.domain.settlement.records import (
    BrandAnswer,
    MonthInputs,
    PaymentRecord,
    StatementHeader,
    VersionRecord,
)
from daiyun.domain.settlement.statement import StatementSummary
from daiyun.services.account_ports import CredentialRepository, OrderQueries

if TYPE_CHECKING:  # numpy loads only for an import that reads columns
    import pyarrow as pa

    from daiyun.domain.orders.column_changes import StoredRows
    from daiyun.domain.orders.columns import StoredColumns

__all__ = [
    "AuditLog",
    "BrandRepository",
    "CatalogRepository",
    "ContractRepository",
    "DataChanges",
    "ExcusedDelayRepository",
    "HolidayNoticeRepository",
    "NewOrderWriter",
    "OrderRepository",
    "StatementQueries",
    "StatementRepository",
    "StoreRepository",
    "UnitOfWork",
    "UnitOfWorkFactory",
    "UserRepository",
]


class BrandRepository(Protocol):
    """Brands by their code."""

    def get(self, code: str) -> Brand | None: ...
    def add(self, brand: Brand, at: datetime) -> None: ...
    def rename(self, code: str, name: str) -> None: ...
    def set_tax_id(self, code: str, tax_id: str) -> None: ...
    def set_active(self, code: str, is_active: bool) -> None: ...
    def list_all(self) -> list[Brand]: ...


class ContractRepository(Protocol):
    """Contracts, their terms (R-C1), authorised platforms, services and platform fees."""

    def get(self, code: str) -> ContractSpec | None: ...
    def fee_schedules(self, code: str) -> tuple[PlatformFeeSchedule, ...]: ...
    def save(
        self, contract: ContractSpec, fees: Sequence[PlatformFeeSchedule], at: datetime
    ) -> None: ...
    def list_all(self) -> list[ContractSpec]: ...
    def lives(self, codes: Sequence[str]) -> dict[str, ContractLife]:
        """Each contract's objections to renewal and recorded end (issue 21, R-C5, R-C6)."""
        ...


class StoreRepository(Protocol):
    """Stores by their code."""

    def get(self, code: str) -> Store | None: ...
    def save(self, store: Store, at: datetime) -> None: ...
    def list_all(self) -> list[Store]: ...


class CatalogRepository(Protocol):
    """A brand's SKUs and their guide-price history (R-P1)."""

    def get(self, brand_code: str, sku_code: str) -> Sku | None: ...
    def get_many(self, brand_code: str) -> dict[str, Sku]: ...
    def add(self, sku: Sku, at: datetime) -> None: ...
    def update_details(self, sku: Sku) -> None: ...
    def add_guide_price(
        self, brand_code: str, sku_code: str, guide_price: GuidePrice, at: datetime
    ) -> None: ...
    def count_by_brand(self) -> dict[str, int]: ...


_Ready = TypeVar("_Ready")


class NewOrderWriter(Protocol[_Ready]):
    """Writes batches of orders the store does not have yet. `ready` makes a batch ready to
    write and may run in another thread, while the batch before is written."""

    def ready(self, order_nos: Sequence[str], stored: StoredColumns) -> _Ready | None:
        """The batch ready to write; None when the store has one of its orders already."""
        ...

    def write(self, ready: _Ready) -> bool:
        """Write a ready batch; False, writing nothing, if the store has one of its orders."""
        ...


class OrderRepository(Protocol):
    """A store's orders by natural key (platform, store, order number, line), and its files."""

    def lock(self, store_code: str) -> None: ...
    def states(self, store_code: str, order_nos: Sequence[str]) -> dict[str, StoredOrder]: ...
    def write(self, store_code: str, writes: Sequence[OrderWrite]) -> None: ...
    def has_orders(self, store_code: str) -> bool: ...
    def stored_rows(self, store_code: str, order_nos: Sequence[str]) -> StoredRows: ...
    def new_orders(
        self, store_code: str, check_stored: bool
    ) -> AbstractContextManager[NewOrderWriter[Any]]: ...
    def knows_file(self, store_code: str, sha256: str) -> bool: ...
    def record_file(self, store_code: str, imported: ImportedFile) -> None: ...
    def roll_up(self, store_code: str) -> None:
        """The store's sales sums the reports read, worked out again for the days the orders
        written in this unit of work were paid on (issue 20)."""
        ...

    def roll_up_categories(self, brand_code: str) -> None:
        """The brand's sales sums by category, worked out again (its catalogue changed)."""
        ...


class UserRepository(Protocol):
    """Users by their login."""

    def get(self, login: str) -> User | None: ...
    def add(self, user: User, password_hash: str | None, at: datetime) -> None: ...
    def list_all(self) -> list[User]: ...
    def set_active(self, login: str, is_active: bool) -> None: ...
    def set_role(self, login: str, role: Role) -> None: ...
    def set_password_hash(self, login: str, password_hash: str) -> None: ...


class MonthSource(Protocol):
    """A month's statement inputs read batch by batch (month_columns.SOURCE_SCHEMA), in order
    (issue 22), and what reading them found out."""

    # The month's refunds that name a stored line: each comes on a row with its line.
    line_refunds: int
    # The first few (order number, line number) refunds of the month name but nobody stored.
    lines_not_found: list[LineKey]

    def __iter__(self) -> Iterator[pa.RecordBatch]: ...
    def inputs_fingerprint(self) -> str:
        """inputs_fingerprint of what was read, once read whole (R-S8)."""
        ...


class LineSpool(Protocol):
    """Batches of a draft's statement lines (month_columns.STATEMENT_SCHEMA), kept in order
    until the draft is hashed and stored; read back as often as needed (issue 22)."""

    def add(self, lines: pa.RecordBatch) -> None: ...
    def __iter__(self) -> Iterator[pa.RecordBatch]: ...
    def __enter__(self) -> Self: ...
    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None: ...


class StatementRepository(Protocol):
    """Monthly statements by (contract, month), their versions, answers and payments (R-S6)."""

    def month_inputs(self, contract_code: str, month: Month) -> MonthInputs: ...
    def month_source(
        self, contract_code: str, month: Month, *, shipping: bool, promotions: bool
    ) -> MonthSource:
        """Issue 22: the month as MonthDrafting takes it (domain/settlement/month_columns.py)."""
        ...

    def orders_without_sku_lines(
        self, contract_code: str, month: Month
    ) -> list[UnsettleableOrder]: ...
    def spool_lines(self) -> LineSpool:
        """Where a draft's statement lines wait, batch by batch, to be hashed and stored."""
        ...

    def custody_losses(self, contract_code: str, month: Month) -> list[CustodyLoss]:
        """Issue 19, R-F7: the losses the contract's statement of `month` owes the brand."""
        ...

    def inputs_fingerprint(self, contract_code: str, month: Month) -> str: ...
    def draft_fingerprint(self, contract_code: str, month: Month, version: int) -> str | None: ...
    def set_draft_fingerprint(
        self, contract_code: str, month: Month, version: int, fingerprint: str
    ) -> None: ...
    def get(self, contract_code: str, month: Month) -> StatementHeader | None: ...
    def versions(self, contract_code: str, month: Month) -> list[VersionRecord]: ...
    def statement(self, contract_code: str, month: Month, version: int) -> Statement: ...
    def create(self, contract_code: str, month: Month, at: datetime) -> None: ...
    def set_status(
        self,
        contract_code: str,
        month: Month,
        status: StatementStatus,
        current_version: int,
        at: datetime,
    ) -> None: ...
    def save_draft(
        self,
        contract_code: str,
        month: Month,
        version: int,
        summary: StatementSummary,
        lines: Iterable[pa.RecordBatch],
        *,
        at: datetime,
        actor: str,
        inputs_fingerprint: str | None = None,
    ) -> None: ...
    def issue(
        self,
        contract_code: str,
        month: Month,
        version: int,
        *,
        at: datetime,
        actor: str,
        received_on: date,
        confirm_by: date,
    ) -> int: ...
    def later_issued_month(self, contract_code: str, month: Month) -> Month | None: ...
    def earlier_unissued_month(self, contract_code: str, month: Month) -> Month | None: ...
    def answer(
        self, contract_code: str, month: Month, version: int, answer: BrandAnswer
    ) -> None: ...
    def payments(self, contract_code: str, month: Month) -> list[PaymentRecord]: ...
    def add_payment(self, contract_code: str, month: Month, payment: PaymentRecord) -> None: ...


class ExcusedDelayRepository(Protocol):
    """Spans of delay the brand caused in paying a statement (R-S7), by (contract, month)."""

    def lock(self, contract_code: str, month: Month) -> None:
        """Hold the statement until the unit of work ends: its delays and payments queue."""
        ...

    def of_statement(self, contract_code: str, month: Month) -> list[ExcusedDelay]: ...
    def of_contracts(
        self, contract_codes: Sequence[str]
    ) -> dict[tuple[str, Month], list[ExcusedDelay]]: ...
    def add(self, contract_code: str, month: Month, delay: ExcusedDelay) -> None: ...


class HolidayNoticeRepository(Protocol):
    """The State Council notices recorded for years chinesecalendar lacks, one per year."""

    def get(self, year: int) -> RecordedNotice | None: ...
    def all(self) -> list[RecordedNotice]: ...
    def put(self, notice: HolidayNotice, *, recorded_at: datetime, recorded_by: str) -> None:
        """Record the year's notice, replacing the one recorded before, if any."""
        ...


class StatementQueries(Protocol):
    """Statements read for lists, and a version's lines for the drill-down (R-S8)."""

    def list_statements(
        self, brand_codes: tuple[str, ...] | None, contract_code: str | None
    ) -> list[StatementRow]: ...
    def month_records(
        self, contract_codes: Sequence[str]
    ) -> dict[tuple[str, Month], tuple[list[VersionRecord], list[PaymentRecord]]]: ...
    def lines(
        self, contract_code: str, month: Month, version: int, selection: LineSelection
    ) -> LinesPage: ...


class Ledger(Protocol):
    """The brand ledger: journal entries by natural key, posted once, never changed."""

    def has(self, key: str) -> bool: ...
    def post(self, entry: JournalEntry, at: datetime) -> None: ...
    def entries(self, brand_code: str) -> list[JournalEntry]: ...


class ListingRepository(Protocol):
    """Listings by (store, SKU) and their repricing tasks (R-P2, R-P3, R-P5)."""

    def get(self, store_code: str, sku_code: str) -> Listing | None: ...
    def save(self, offer: Listing, at: datetime) -> None: ...
    def of_brand(
        self, brand_code: str, sku_codes: Iterable[str] | None = None
    ) -> list[Listing]: ...
    def add_tasks(self, tasks: Sequence[RepricingTask], at: datetime) -> int: ...
    def open_tasks(self, brand_code: str | None = None) -> list[RepricingTask]: ...
    def resolve_tasks(self, store_code: str, sku_code: str, at: datetime) -> int: ...
    def out_of_bounds_sales(
        self, brand_code: str, store_code: str | None, month: Month
    ) -> list[SettlementLine]: ...


class PromotionRepository(Protocol):
    """Promotion plans by (brand, code), every version, and the brand's answers (R-P4, R-C7)."""

    def get(
        self, brand_code: str, code: str, version: int | None = None
    ) -> PromotionPlan | None: ...
    def add_version(self, plan: PromotionPlan, actor: str, at: datetime) -> None: ...
    def set_status(self, plan: PromotionPlan, at: datetime) -> None: ...
    def record_answer(self, plan: PromotionPlan, answer: WrittenApproval) -> None: ...
    def answer(self, plan: PromotionPlan) -> WrittenApproval | None: ...
    def approved_in_force(
        self, brand_code: str, at: datetime
    ) -> list[tuple[PromotionPlan, WrittenApproval | None]]: ...
    def approved_versions(
        self, brand_code: str
    ) -> list[tuple[PromotionPlan, WrittenApproval | None]]: ...
    def list_for_brand(self, brand_code: str) -> list[PromotionPlan]: ...


class AdSpendRepository(Protocol):
    """Advertising spend per (store, month, channel) (R-B6)."""

    def get(self, store_code: str, month: Month, channel: str) -> AdSpend | None: ...
    def record(self, spend: AdSpend, at: datetime, actor: str) -> None: ...
    def for_month(self, store_code: str, month: Month) -> list[AdSpend]: ...
    def monthly_sales(self, store_code: str, period: Period) -> Money: ...


class AuditLog(Protocol):
    """R-D3: append-only record of who changed what, each record chained to the one before."""

    def record(self, entry: AuditEntry) -> None: ...
    def chain(self) -> Iterator[ChainedRecord]: ...  # every record as stored, in written order
    def list_recent(self, limit: int = 100) -> list[AuditEntry]: ...
    def search(
        self,
        *,
        entity: str | None = None,
        entity_key: str | None = None,
        brand_code: str | None = None,
        limit: int = 100,
    ) -> list[AuditEntry]: ...


class DataChanges(Protocol):
    """The database's change counter: raised by every unit of work that writes (issue 22)."""

    def current(self) -> int | None:
        """The counter as this transaction sees it; None where the database has none."""
        ...


class UnitOfWork(Protocol):
    """One business transaction: commit once, or everything is rolled back."""

    @property
    def brands(self) -> BrandRepository: ...
    @property
    def contracts(self) -> ContractRepository: ...
    @property
    def stores(self) -> StoreRepository: ...
    @property
    def catalog(self) -> CatalogRepository: ...
    @property
    def orders(self) -> OrderRepository: ...
    @property
    def users(self) -> UserRepository: ...
    @property
    def statements(self) -> StatementRepository: ...
    @property
    def excused_delays(self) -> ExcusedDelayRepository: ...
    @property
    def holiday_notices(self) -> HolidayNoticeRepository: ...
    @property
    def ledger(self) -> Ledger: ...
    @property
    def listings(self) -> ListingRepository: ...
    @property
    def promotions(self) -> PromotionRepository: ...
    @property
    def ad_spend(self) -> AdSpendRepository: ...
    @property
    def audit(self) -> AuditLog: ...
    @property
    def credentials(self) -> CredentialRepository: ...
    @property
    def order_queries(self) -> OrderQueries: ...
    @property
    def statement_queries(self) -> StatementQueries: ...
    @property
    def data_changes(self) -> DataChanges: ...

    def __enter__(self) -> Self: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...
    def commit(self) -> None: ...
    def savepoint(self) -> AbstractContextManager[None]:
        """Work that is undone, and only it, when an exception leaves the block."""
        ...


class UnitOfWorkFactory(Protocol):
    """Makes a fresh unit of work for each use case."""

    def __call__(self) -> UnitOfWork: ...
