"""The brand's own operating data (issue 20 point 4, R-R3): which datasets, which columns.

R-D1: a buyer appears only as the keyed hash of their id (`buyer_key`) and the province and
city; no name, phone, address, member name or Alipay account is in any dataset (daiyun keeps
none of them in the order tables). Money is integer fen in the rows and yuan with two decimals
in the files; moments are written in Beijing time.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = ["COLUMNS", "ColumnKind", "DataColumn", "Dataset", "ExportFormat", "file_name"]


class Dataset(StrEnum):
    ORDERS = "orders"
    LINES = "lines"
    REFUNDS = "refunds"
    STATEMENTS = "statements"  # model A: each statement version's lines, with its figures
    BILLS = "bills"  # model B: each fee bill version's figures


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    PARQUET = "parquet"


class ColumnKind(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    MONEY = "money"  # integer fen in the rows
    MOMENT = "moment"  # an aware datetime in the rows
    DAY = "day"
    FLAG = "flag"


@dataclass(frozen=True, slots=True)
class DataColumn:
    name: str  # the file's header: a stable English key
    kind: ColumnKind


def _columns(*pairs: tuple[str, ColumnKind]) -> tuple[DataColumn, ...]:
    return tuple(DataColumn(name, kind) for name, kind in pairs)


_T, _I, _M = ColumnKind.TEXT, ColumnKind.INTEGER, ColumnKind.MONEY
_W, _D, _F = ColumnKind.MOMENT, ColumnKind.DAY, ColumnKind.FLAG

COLUMNS: dict[Dataset, tuple[DataColumn, ...]] = {
    Dataset.ORDERS: _columns(
        ("order_no", _T), ("store", _T), ("platform", _T), ("status", _T),
        ("created_at", _W), ("paid_at", _W), ("shipped_at", _W), ("completed_at", _W),
        ("closed_at", _W), ("total", _M), ("paid", _M), ("shipping", _M), ("refunded", _M),
        ("buyer_key", _T), ("province", _T), ("city", _T),
    ),
    Dataset.LINES: _columns(
        ("order_no", _T), ("store", _T), ("platform", _T), ("paid_at", _W), ("line_no", _I),
        ("sku", _T), ("title", _T), ("units", _I), ("unit_price", _M), ("line_amount", _M),
        ("guide_price", _M), ("price_check", _T), ("status", _T), ("completed_at", _W),
        ("refund_units", _I), ("refunded", _M), ("refund_reason", _T), ("refunded_at", _W),
    ),
    Dataset.REFUNDS: _columns(
        ("order_no", _T), ("store", _T), ("platform", _T), ("paid_at", _W), ("line_no", _I),
        ("refund_key", _T), ("units", _I), ("amount", _M), ("reason", _T), ("status", _T),
        ("completed_at", _W),
    ),
    Dataset.STATEMENTS: _columns(
        ("contract", _T), ("month", _T), ("status", _T), ("version", _I), ("issued", _F),
        ("commission_rate", _T), ("version_sales", _M), ("version_settlement_value", _M),
        ("version_commission", _M), ("version_remittance", _M), ("position", _I),
        ("kind", _T), ("rule", _T), ("order_no", _T), ("line_no", _I), ("sku", _T),
        ("category", _T), ("platform", _T), ("at", _W), ("settlement_unit_price", _M),
        ("fee_rate", _T), ("refund_reason", _T), ("units", _I), ("returned_units", _I),
        ("sales", _M), ("returned", _M), ("concession", _M), ("brand_deduction", _M),
        ("settlement_value", _M), ("spread", _M), ("platform_fee", _M),
        ("shipping_income", _M), ("price_violations", _I),
    ),
    Dataset.BILLS: _columns(
        ("contract", _T), ("month", _T), ("status", _T), ("version", _I),
        ("trade_income", _M), ("refunds_paid_out", _M), ("receipts", _M), ("carried_in", _M),
        ("commission_base", _M), ("carried_out", _M), ("commission", _M), ("vat", _M),
        ("income_lines", _I), ("refund_lines", _I), ("issue_by", _D), ("payment_due", _D),
        ("issued_on", _D), ("answer", _T), ("answered_on", _D),
    ),
}  # fmt: skip


def file_name(brand_code: str, dataset: Dataset, export_format: ExportFormat) -> str:
    """The file's name: <brand>-<dataset>.<format>, e.g. chando-orders.parquet."""
    return f"{brand_code}-{dataset.value}.{export_format.value}"
