"""What an order file says about an order and its lines, as read; the readers' output."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from daiyun.domain.money import Money
from daiyun.domain.orders.shown import shown_text

__all__ = [
    "ImportProblem",
    "ImportedFile",
    "OrderLineRecord",
    "OrderRecord",
    "OrderStatus",
    "SourceRow",
]


class OrderStatus(StrEnum):
    """Where an order or a line stands; the platforms' many words map onto these five."""

    UNPAID = "unpaid"  # 等待买家付款 WAIT_BUYER_PAY
    PAID = "paid"  # 买家已付款，等待卖家发货 WAIT_SELLER_SEND_GOODS
    # 卖家已发货，等待买家确认 WAIT_BUYER_CONFIRM_GOODS / TRADE_BUYER_SIGNED
    SHIPPED = "shipped"
    COMPLETED = "completed"  # 交易成功 TRADE_FINISHED: funds released to the seller (R-S1)
    CLOSED = (
        "closed"  # 交易关闭 TRADE_CLOSED(_BY_TAOBAO): never paid, or refunded before completion
    )


_NO_MONEY = Money(0)


@dataclass(frozen=True, slots=True)
class SourceRow:
    """Where a record came from: file name and row (1 = the header line, as a spreadsheet)."""

    file: str
    row: int


@dataclass(frozen=True, slots=True)
class OrderLineRecord:
    """One line of an order as the file has it.

    `line_amount` is what the buyer actually paid for the line excluding shipping; None when
    the file does not say, and the order's goods amount is allocated over its lines.
    """

    line_no: int
    sku_code: str | None
    title: str | None
    units: int
    unit_price: Money
    line_amount: Money | None
    status: OrderStatus | None
    refund_units: int = 0
    refund_amount: Money = _NO_MONEY
    refund_reason: str | None = None
    refunded_at: datetime | None = None
    source: SourceRow | None = None


@dataclass(frozen=True, slots=True)
class OrderRecord:
    """One order in one snapshot (export), with its lines; `as_of` is the snapshot's time.

    `buyer_id` is the platform's buyer identity as read; it is hashed with the agency's key
    before anything is stored and never kept in plain text (R-D1).
    """

    order_no: str
    status: OrderStatus
    as_of: datetime
    created_at: datetime | None
    paid_at: datetime | None
    shipped_at: datetime | None
    completed_at: datetime | None
    total: Money
    paid: Money
    goods_amount: Money | None
    shipping: Money
    refund: Money
    buyer_id: str | None
    province: str | None
    city: str | None
    lines: tuple[OrderLineRecord, ...]
    source: SourceRow | None = None

    @property
    def has_sku_lines(self) -> bool:
        """False for order-level reports (the Tmall order report): unsettleable (R-S1)."""
        return bool(self.lines)


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """A row or cell an import cannot accept: file, row, column, the value and why."""

    file: str
    row: int
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file} row {self.row}" + (f", {self.column}" if self.column else "")
        # Issue 16, point 6: a cell of 100,000 digits is shown as its start and its length.
        shown = f" {shown_text(self.value)!r}" if self.value else ""
        return f"{where}{shown}: {self.message}"

    def as_document(self) -> dict[str, object]:
        """The problem as the import summary JSON writes it (interfaces.md)."""
        return {
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class ImportedFile:
    """An order file imported into a store: its content hash and what it changed."""

    sha256: str
    name: str
    format: str
    as_of: datetime
    imported_at: datetime
    actor: str
    orders_new: int
    orders_updated: int
    lines_new: int
    lines_updated: int
    rejected_rows: int
