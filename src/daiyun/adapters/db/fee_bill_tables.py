"""Model B's money (issue 18, R-B1–R-B5): monthly fee bills with their versions, answers and
payments, the service fee's instalment payments and the service deposit's events.

On the one `metadata`; schema.py gathers them with every other table (migration 0014).
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from daiyun.adapters.db.metadata import metadata
from daiyun.adapters.db.types import Fen, Identity, UtcDateTime

__all__ = [
    "fee_bill",
    "fee_bill_payment",
    "fee_bill_version",
    "service_deposit_event",
    "service_fee_payment",
]

# A contract's bill of month M (R-B2), once per (contract, month): its status and the version
# it stands at.
fee_bill = Table(
    "fee_bill",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("contract_id", ForeignKey("contract.id"), nullable=False),
    Column("month", String(7), nullable=False),  # YYYY-MM
    Column("status", String(20), nullable=False),
    Column("current_version", Integer, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    UniqueConstraint("contract_id", "month", name="uq_fee_bill_contract_month"),
    CheckConstraint(
        "status IN ('draft', 'issued', 'confirmed', 'disputed', 'part_paid', 'settled')",
        name="status",
    ),
)

# One version: a draft (rewritten while a draft) or issued (never changed again). Figures in
# fen as domain/fee_bills/bill.py computes them; the brand's answer on the version it answers.
fee_bill_version = Table(
    "fee_bill_version",
    metadata,
    Column("bill_id", ForeignKey("fee_bill.id"), primary_key=True),
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("content_hash", String(64), nullable=False),
    Column("trade_income_fen", Fen, nullable=False),
    Column("refunds_paid_out_fen", Fen, nullable=False),
    Column("receipts_fen", Fen, nullable=False),
    Column("carried_in_fen", Fen, nullable=False),
    Column("commission_base_fen", Fen, nullable=False),
    Column("carried_out_fen", Fen, nullable=False),
    Column("commission_fen", Fen, nullable=False),
    Column("vat_fen", Fen, nullable=False),
    Column("income_lines", Integer, nullable=False),
    Column("refund_lines", Integer, nullable=False),
    Column("issue_by", Date, nullable=False),
    Column("payment_due", Date, nullable=False),
    Column("termination_right_from", Date, nullable=False),
    Column("drafted_at", UtcDateTime, nullable=False),
    Column("drafted_by", String(60), nullable=False),
    Column("issued_at", UtcDateTime, nullable=True),
    Column("issued_on", Date, nullable=True),
    Column("issued_by", String(60), nullable=True),
    Column("answer", String(10), nullable=True),
    Column("answered_at", UtcDateTime, nullable=True),
    Column("answered_on", Date, nullable=True),
    Column("answered_by", String(60), nullable=True),
    Column("answer_reason", Text, nullable=True),
    CheckConstraint("commission_fen >= 0 AND vat_fen >= 0", name="not_negative"),
    CheckConstraint("carried_in_fen <= 0 AND carried_out_fen <= 0", name="shortfalls"),
    CheckConstraint("answer IS NULL OR answer IN ('confirm', 'dispute')", name="answer"),
)

# The brand's payments of a bill, partial allowed; the same amount on the same day of the same
# version is one payment (recorded twice is refused).
fee_bill_payment = Table(
    "fee_bill_payment",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("bill_id", ForeignKey("fee_bill.id"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("paid_on", Date, nullable=False),
    Column("amount_fen", Fen, nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    Column("recorded_by", String(60), nullable=False),
    UniqueConstraint(
        "bill_id", "version", "paid_on", "amount_fen", name="uq_fee_bill_payment_natural_key"
    ),
    CheckConstraint("amount_fen > 0", name="positive"),
)

# R-B1: payments of the annual service fee's instalments (1 or 2), partial allowed.
service_fee_payment = Table(
    "service_fee_payment",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("contract_id", ForeignKey("contract.id"), nullable=False),
    Column("instalment", Integer, nullable=False),
    Column("paid_on", Date, nullable=False),
    Column("amount_fen", Fen, nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    Column("recorded_by", String(60), nullable=False),
    UniqueConstraint(
        "contract_id",
        "instalment",
        "paid_on",
        "amount_fen",
        name="uq_service_fee_payment_natural_key",
    ),
    CheckConstraint("amount_fen > 0", name="positive"),
    CheckConstraint("instalment >= 1", name="instalment"),
)

# R-B4: the deposit received, and at most once its end: refunded or forfeited.
service_deposit_event = Table(
    "service_deposit_event",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("contract_id", ForeignKey("contract.id"), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("happened_on", Date, nullable=False),
    Column("amount_fen", Fen, nullable=False),
    Column("reason", Text, nullable=True),
    Column("recorded_at", UtcDateTime, nullable=False),
    Column("recorded_by", String(60), nullable=False),
    # Received once; ended (refunded or forfeited) once: "end" holds the second.
    Column("stage", String(10), nullable=False),
    UniqueConstraint("contract_id", "stage", name="uq_service_deposit_event_stage"),
    CheckConstraint("kind IN ('received', 'refunded', 'forfeited')", name="kind"),
    CheckConstraint("stage IN ('received', 'end')", name="stage"),
    CheckConstraint("amount_fen > 0", name="positive"),
)
