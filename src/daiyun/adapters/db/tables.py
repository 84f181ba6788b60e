"""The foundation's tables (SQLAlchemy Core): brands, contracts, stores, SKUs, orders and
statements. Every table is on the one `metadata`; `schema.py` gathers them all."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

from daiyun.adapters.db.metadata import metadata
from daiyun.adapters.db.types import Fen, Identity, UtcDateTime

__all__ = [
    "audit_record",
    "brand",
    "contract",
    "contract_platform",
    "contract_service",
    "contract_term",
    "guide_price",
    "import_file",
    "order_line",
    "platform_fee_rate",
    "platform_fee_schedule",
    "refund",
    "sales_order",
    "sku",
    "statement",
    "statement_answer",
    "statement_line",
    "statement_payment",
    "statement_recognition",
    "statement_unsettleable",
    "statement_version",
    "store",
    "user_account",
]

brand = Table(
    "brand",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("code", String(40), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("is_active", Boolean, nullable=False, default=True),
    Column("created_at", UtcDateTime, nullable=False),
    # The brand's taxpayer id (统一社会信用代码), for the VAT invoices of model B's fees (R-B3;
    # migration 0014); None until the contract file gives it.
    Column("tax_id", String(30), nullable=True),
)

contract = Table(
    "contract",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("code", String(60), nullable=False, unique=True),
    Column("brand_id", ForeignKey("brand.id"), nullable=False, index=True),
    Column("model", String(1), nullable=False),
    Column("signed_on", Date, nullable=False),
    Column("effective_on", Date, nullable=False),
    Column("term_months", Integer, nullable=False),
    Column("auto_renew", Boolean, nullable=False),
    Column("renewal_notice_months", Integer, nullable=False),
    Column("territory", String(100), nullable=False),
    # Optimistic concurrency: an update names the version it read.
    Column("version", Integer, nullable=False, default=1),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    CheckConstraint("model IN ('A', 'B')", name="model"),
)

# R-C1: every term is a row; its value is the exact text (rates "0.05", amounts "10000.00").
contract_term = Table(
    "contract_term",
    metadata,
    Column("contract_id", ForeignKey("contract.id", ondelete="CASCADE"), primary_key=True),
    Column("name", String(60), primary_key=True),
    Column("value", String(200), nullable=False),
)

contract_platform = Table(
    "contract_platform",
    metadata,
    Column("contract_id", ForeignKey("contract.id", ondelete="CASCADE"), primary_key=True),
    Column("platform", String(20), primary_key=True),
)

contract_service = Table(
    "contract_service",
    metadata,
    Column("contract_id", ForeignKey("contract.id", ondelete="CASCADE"), primary_key=True),
    Column("service", String(40), primary_key=True),
)

platform_fee_schedule = Table(
    "platform_fee_schedule",
    metadata,
    Column("contract_id", ForeignKey("contract.id", ondelete="CASCADE"), primary_key=True),
    Column("platform", String(20), primary_key=True),
    Column("deposit_fen", Fen, nullable=False),
    Column("annual_fee_fen", Fen, nullable=False),
    Column("default_rate", String(20), nullable=False),
)

platform_fee_rate = Table(
    "platform_fee_rate",
    metadata,
    Column("contract_id", ForeignKey("contract.id", ondelete="CASCADE"), primary_key=True),
    Column("platform", String(20), primary_key=True),
    Column("category", String(60), primary_key=True),
    Column("rate", String(20), nullable=False),
)

store = Table(
    "store",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("code", String(60), nullable=False, unique=True),
    Column("brand_id", ForeignKey("brand.id"), nullable=False, index=True),
    Column("contract_id", ForeignKey("contract.id"), nullable=False, index=True),
    Column("platform", String(20), nullable=False),
    Column("name", String(200), nullable=False),
    Column("go_live_on", Date, nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
)

sku = Table(
    "sku",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("brand_id", ForeignKey("brand.id"), nullable=False),
    Column("code", String(64), nullable=False),
    Column("name", String(300), nullable=False),
    Column("category", String(60), nullable=False),
    Column("fulfilment", String(20), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    UniqueConstraint("brand_id", "code", name="uq_sku_brand_code"),
    CheckConstraint("fulfilment IN ('physical', 'digital')", name="fulfilment"),
)

# R-P1: guide prices are a history; an order line snapshots the one in force when paid.
guide_price = Table(
    "guide_price",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("sku_id", ForeignKey("sku.id"), nullable=False),
    Column("effective_from", UtcDateTime, nullable=False),
    Column("price_fen", Fen, nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    UniqueConstraint("sku_id", "effective_from", name="uq_guide_price_sku_effective_from"),
    CheckConstraint("price_fen > 0", name="positive"),
)

sales_order = Table(
    "sales_order",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("platform", String(20), nullable=False),
    Column("store_id", ForeignKey("store.id"), nullable=False),
    # Compared byte by byte on PostgreSQL (migration 0009): an identifier, not words.
    Column(
        "order_no",
        String(40).with_variant(String(40, collation="C"), "postgresql"),
        nullable=False,
    ),
    Column("status", String(20), nullable=False),
    Column("created_at", UtcDateTime, nullable=True),
    Column("paid_at", UtcDateTime, nullable=True),
    Column("shipped_at", UtcDateTime, nullable=True),
    Column("completed_at", UtcDateTime, nullable=True),
    Column("closed_at", UtcDateTime, nullable=True),
    Column("total_fen", Fen, nullable=False, default=0),
    Column("paid_fen", Fen, nullable=False, default=0),
    Column("shipping_fen", Fen, nullable=False, default=0),
    Column("refund_fen", Fen, nullable=False, default=0),
    Column("has_sku_lines", Boolean, nullable=False, default=True),
    # R-D1: a keyed hash of the buyer and where they are, never name, phone or street.
    Column("buyer_key", String(64), nullable=True),
    Column("province", String(40), nullable=True),
    Column("city", String(40), nullable=True),
    Column("as_of", UtcDateTime, nullable=False),
    # Provenance: the file and row that last moved the order forward.
    Column("source_file", String(200), nullable=True),
    Column("source_row", Integer, nullable=True),
    # Order number first: lookups by a batch of order numbers use the index straight away.
    UniqueConstraint("order_no", "store_id", "platform", name="uq_sales_order_natural_key"),
)

order_line = Table(
    "order_line",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("order_id", ForeignKey("sales_order.id", ondelete="CASCADE"), nullable=False),
    Column("line_no", Integer, nullable=False),
    Column("sku_id", ForeignKey("sku.id"), nullable=True),
    Column("sku_code", String(64), nullable=True),
    Column("title", String(300), nullable=True),
    Column("units", Integer, nullable=False),
    Column("unit_price_fen", Fen, nullable=False),
    Column("line_amount_fen", Fen, nullable=False),
    Column("guide_price_fen", Fen, nullable=True),
    # R-P2/R-P3: within, below_guide, above_cap, no_guide_price, not_paid.
    Column("price_check", String(20), nullable=False, server_default="within"),
    Column("status", String(20), nullable=False),
    # R-S1: a month's lines are chosen by completion time (migrations 0007, 0009: completed
    # lines only).
    Column("completed_at", UtcDateTime, nullable=True),
    Column("refund_units", Integer, nullable=False, server_default="0"),
    Column("refund_fen", Fen, nullable=False, server_default="0"),
    Column("refund_reason", String(200), nullable=True),
    Column("refunded_at", UtcDateTime, nullable=True),
    Column("source_file", String(200), nullable=True),
    Column("source_row", Integer, nullable=True),
    UniqueConstraint("order_id", "line_no", name="uq_order_line_order_line_no"),
    CheckConstraint("units >= 0", name="units"),
    Index(
        "ix_order_line_completed_at",
        "completed_at",
        postgresql_where=text("completed_at IS NOT NULL"),
        sqlite_where=text("completed_at IS NOT NULL"),
    ),
)

refund = Table(
    "refund",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("order_id", ForeignKey("sales_order.id", ondelete="CASCADE"), nullable=False),
    Column("order_line_id", ForeignKey("order_line.id"), nullable=True),
    # The platform's refund number, or the line it refunds when the file has none.
    Column("refund_key", String(60), nullable=False),
    Column("units", Integer, nullable=False, default=0),
    Column("amount_fen", Fen, nullable=False),
    Column("reason", String(200), nullable=True),
    Column("status", String(20), nullable=False),
    Column("completed_at", UtcDateTime, nullable=True, index=True),
    UniqueConstraint("order_id", "refund_key", name="uq_refund_order_refund_key"),
    CheckConstraint("units >= 0", name="units"),
)

# Every order file imported, by content: the same bytes again are reported as a repeat.
import_file = Table(
    "import_file",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("store_id", ForeignKey("store.id"), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("name", String(200), nullable=False),
    Column("format", String(40), nullable=False),
    Column("as_of", UtcDateTime, nullable=False),
    Column("imported_at", UtcDateTime, nullable=False),
    Column("actor", String(60), nullable=False),
    Column("orders_new", Integer, nullable=False),
    Column("orders_updated", Integer, nullable=False),
    Column("lines_new", Integer, nullable=False),
    Column("lines_updated", Integer, nullable=False),
    Column("rejected_rows", Integer, nullable=False),
    UniqueConstraint("store_id", "sha256", name="uq_import_file_store_sha256"),
)

user_account = Table(
    "user_account",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("login", String(60), nullable=False, unique=True),
    Column("display_name", String(100), nullable=False),
    Column("role", String(40), nullable=False),
    Column("brand_id", ForeignKey("brand.id"), nullable=True),
    Column("password_hash", String(200), nullable=True),
    Column("is_active", Boolean, nullable=False, default=True),
    Column("created_at", UtcDateTime, nullable=False),
)

# R-D3: append-only; database triggers refuse UPDATE and DELETE (see the migration).
audit_record = Table(
    "audit_record",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("at", UtcDateTime, nullable=False),
    Column("actor", String(60), nullable=False),
    Column("action", String(60), nullable=False),
    Column("entity", String(40), nullable=False),
    Column("entity_key", String(100), nullable=False),
    Column("brand_id", ForeignKey("brand.id"), nullable=True),
    Column("before", Text, nullable=True),
    Column("after", Text, nullable=True),
    Column("reason", Text, nullable=True),
    # R-D3: a hash chain (domain/audit_chain.py): the record's place, the hash of the record
    # before it and its own; one record per place, so the chain cannot fork.
    Column("sequence", BigInteger, nullable=False, unique=True),
    Column("previous_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Index("ix_audit_record_entity", "entity", "entity_key"),
)

# R-S8: one statement per (contract, month); its versions are immutable once issued.
statement = Table(
    "statement",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("contract_id", ForeignKey("contract.id"), nullable=False),
    Column("month", String(7), nullable=False),  # "2026-10"
    Column("status", String(20), nullable=False),
    Column("current_version", Integer, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    UniqueConstraint("contract_id", "month", name="uq_statement_contract_month"),
    CheckConstraint(
        "status IN ('draft', 'issued', 'confirmed', 'disputed', 'part_paid', 'settled')",
        name="status",
    ),
)

# A draft is rewritten by a re-run; once issued the row never changes (database triggers).
statement_version = Table(
    "statement_version",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("statement_id", ForeignKey("statement.id"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("is_issued", Boolean, nullable=False),
    Column("content_hash", String(64), nullable=False),
    # The terms the figures were computed with (R-S8).
    Column("commission_rate", String(20), nullable=False),
    Column("shipping_income_to", String(20), nullable=False),
    Column("platform_fees_borne_by", String(20), nullable=False),
    Column("recognised_lines", Integer, nullable=False),
    Column("recognised_units", Integer, nullable=False),
    Column("returned_units", Integer, nullable=False),
    Column("sales_fen", Fen, nullable=False),
    Column("returned_fen", Fen, nullable=False),
    Column("concession_fen", Fen, nullable=False),
    Column("settlement_value_fen", Fen, nullable=False),
    Column("commission_fen", Fen, nullable=False),
    Column("spread_fen", Fen, nullable=False),
    Column("brand_deductions_fen", Fen, nullable=False),
    Column("shipping_income_fen", Fen, nullable=False),
    Column("platform_fees_fen", Fen, nullable=False),
    Column("remittance_fen", Fen, nullable=False),
    # R-S5 (migration 0013): deposit, annual fee and refund charged in the month; what the
    # brand bears of the platform's fees, deducted from the remittance.
    Column("platform_charges_fen", Fen, nullable=False, server_default=text("0")),
    Column("platform_fees_borne_fen", Fen, nullable=False, server_default=text("0")),
    # Issue 19, R-F7: goods lost or damaged in the operator's custody in the month, owed to the
    # brand (migration 0019).
    Column("custody_losses_fen", Fen, nullable=False, server_default=text("0")),
    Column("unsettleable_orders", Integer, nullable=False),
    Column("price_violations", Integer, nullable=False),
    # What recognition saw besides its lines: why an empty month is empty.
    Column("completed_lines", Integer, nullable=False),
    Column("already_recognised", Integer, nullable=False),
    Column("refunded_before_completion", Integer, nullable=False),
    Column("drafted_at", UtcDateTime, nullable=False),
    Column("drafted_by", String(60), nullable=False),
    # R-S8: a fingerprint of the inputs the draft read; issuing compares it (migration 0007).
    Column("inputs_fingerprint", String(64), nullable=True),
    # R-S6: issuing in the portal is the brand's receipt; the clock runs from it.
    Column("issued_at", UtcDateTime, nullable=True),
    Column("issued_by", String(60), nullable=True),
    Column("received_on", Date, nullable=True),
    Column("confirm_by", Date, nullable=True),
    UniqueConstraint("statement_id", "version", name="uq_statement_version_statement_version"),
)

# R-S8: every figure opens down to its order line, rule and inputs.
statement_line = Table(
    "statement_line",
    metadata,
    Column("version_id", ForeignKey("statement_version.id"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("order_line_id", ForeignKey("order_line.id"), nullable=True),
    Column("kind", String(20), nullable=False),
    Column("rule", String(10), nullable=False),
    Column("order_no", String(40), nullable=False),
    Column("line_no", Integer, nullable=False),
    Column("sku", String(64), nullable=True),
    Column("category", String(60), nullable=True),
    Column("platform", String(20), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("settlement_unit_price_fen", Fen, nullable=False),
    Column("fee_rate", String(20), nullable=False),
    Column("refund_reason", String(200), nullable=True),
    Column("units", Integer, nullable=False),
    Column("returned_units", Integer, nullable=False),
    Column("sales_fen", Fen, nullable=False),
    Column("returned_fen", Fen, nullable=False),
    Column("concession_fen", Fen, nullable=False),
    Column("brand_deduction_fen", Fen, nullable=False),
    Column("settlement_value_fen", Fen, nullable=False),
    Column("spread_fen", Fen, nullable=False),
    Column("platform_fee_fen", Fen, nullable=False),
    Column("shipping_income_fen", Fen, nullable=False),
    Column("price_violations", Integer, nullable=False),
)

# R-S1: orders that cannot be settled are listed on the statement, never guessed.
statement_unsettleable = Table(
    "statement_unsettleable",
    metadata,
    Column("version_id", ForeignKey("statement_version.id"), primary_key=True),
    Column("order_no", String(40), primary_key=True),
    Column("reason", String(100), nullable=False),
    Column("completed_at", UtcDateTime, nullable=True),
)

# R-S1: an order line is recognised by at most one issued statement, whatever is re-run.
statement_recognition = Table(
    "statement_recognition",
    metadata,
    Column("order_line_id", ForeignKey("order_line.id"), primary_key=True),
    Column("statement_id", ForeignKey("statement.id"), nullable=False, index=True),
    Column("version_id", ForeignKey("statement_version.id"), nullable=False),
)

# R-S6, R-D3: the brand's one answer to each issued version; never edited.
statement_answer = Table(
    "statement_answer",
    metadata,
    Column("version_id", ForeignKey("statement_version.id"), primary_key=True),
    Column("answer", String(10), nullable=False),
    Column("user_login", String(60), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("answered_on", Date, nullable=False),
    Column("reason", Text, nullable=True),
    Column("payment_due", Date, nullable=True),
    CheckConstraint("answer IN ('confirm', 'dispute')", name="answer"),
)

# R-S6, R-S7: remittances, partial allowed; the same amount on the same day is one payment.
statement_payment = Table(
    "statement_payment",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("statement_id", ForeignKey("statement.id"), nullable=False),
    Column("version_id", ForeignKey("statement_version.id"), nullable=False),
    Column("paid_on", Date, nullable=False),
    Column("amount_fen", Fen, nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    Column("recorded_by", String(60), nullable=False),
    UniqueConstraint(
        "statement_id", "paid_on", "amount_fen", name="uq_statement_payment_natural_key"
    ),
    CheckConstraint("amount_fen > 0", name="positive"),
)
