"""Money in: the Alipay account behind each store and its statement's lines (R-X1).

On the one `metadata`; schema.py gathers them with every other table (migration 0012).
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from daiyun.adapters.db.metadata import metadata
from daiyun.adapters.db.types import Fen, Identity, UtcDateTime

__all__ = ["alipay_account", "alipay_entry", "alipay_file"]

# The store's Alipay account, recorded by its first statement; a later file of another account
# is refused, and an account is one store's only (its money would be counted twice).
alipay_account = Table(
    "alipay_account",
    metadata,
    Column("store_id", ForeignKey("store.id"), primary_key=True, autoincrement=False),
    Column("account", String(64), nullable=False, unique=True),
    Column("recorded_at", UtcDateTime, nullable=False),
    Column("recorded_by", String(60), nullable=False),
)

# Every statement file imported, by content: the same bytes again are reported as a repeat.
alipay_file = Table(
    "alipay_file",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("store_id", ForeignKey("store.id"), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("name", String(200), nullable=False),
    Column("account", String(64), nullable=False),
    Column("imported_at", UtcDateTime, nullable=False),
    Column("actor", String(60), nullable=False),
    Column("entries_new", Integer, nullable=False),
    Column("entries_unchanged", Integer, nullable=False),
    UniqueConstraint("store_id", "sha256", name="uq_alipay_file_store_sha256"),
)

# One line of the statement, exactly once by its 账务流水号 in the store's account. Amounts in
# fen, income and expense each zero or more; order_no and charge_kind are what the line's
# 商户订单号 and 备注 say (domain/reconciliation), kept for reconciliation's queries. The buyer's
# account (对方账号) is not kept (R-D1).
alipay_entry = Table(
    "alipay_entry",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("store_id", ForeignKey("store.id"), nullable=False),
    Column("entry_no", String(64), nullable=False),
    Column("business_no", String(64), nullable=False),
    Column("merchant_order_no", String(64), nullable=False),
    Column("item_name", Text, nullable=False),
    Column("occurred_at", UtcDateTime, nullable=False),
    Column("income_fen", Fen, nullable=False),
    Column("expense_fen", Fen, nullable=False),
    Column("balance_fen", Fen, nullable=True),
    Column("channel", Text, nullable=False),
    Column("business_type", Text, nullable=False),
    Column("remark", Text, nullable=False),
    Column("order_no", String(64), nullable=True),
    Column("charge_kind", String(40), nullable=True),
    Column("imported_at", UtcDateTime, nullable=False),
    UniqueConstraint("store_id", "entry_no", name="uq_alipay_entry_store_entry_no"),
    CheckConstraint("income_fen >= 0 AND expense_fen >= 0", name="amounts"),
    Index("ix_alipay_entry_store_occurred_at", "store_id", "occurred_at"),
    Index("ix_alipay_entry_store_order_no", "store_id", "order_no"),
)
