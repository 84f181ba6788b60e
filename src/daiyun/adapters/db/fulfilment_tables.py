"""Fulfilment and after-sales (issue 19): the brand's stock lists and replenishment receipts
(R-F1), buyers' return and exchange requests with their decisions and the goods received back
(R-F5).

What sells is not stored here: it is read from the stored order lines when asked (an order line
is stored once by its natural key, so a re-imported export cannot count it twice), as is the
shipping SLA (R-F2). On the one `metadata`; schema.py gathers them (migrations 0016-0019).
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    UniqueConstraint,
    text,
)

from daiyun.adapters.db.metadata import metadata
from daiyun.adapters.db.types import Fen, Identity, UtcDateTime

__all__ = [
    "custody_loss",
    "misshipment",
    "misshipment_attachment",
    "return_receipt",
    "return_request",
    "stock_list",
    "stock_list_item",
    "stock_receipt",
    "stockout",
]

# R-F1: the brand's list of saleable goods as of a moment; a later list replaces an earlier
# one from its moment on, and the earlier stays as history. One list per brand and moment.
stock_list = Table(
    "stock_list",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("brand_id", ForeignKey("brand.id"), nullable=False),
    Column("as_of", UtcDateTime, nullable=False),
    Column("file_name", String(200), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("imported_at", UtcDateTime, nullable=False),
    Column("imported_by", String(60), nullable=False),
    UniqueConstraint("brand_id", "as_of", name="uq_stock_list_brand_as_of"),
)

# One SKU in one warehouse ("" when the list names none) of a list.
stock_list_item = Table(
    "stock_list_item",
    metadata,
    Column("list_id", ForeignKey("stock_list.id", ondelete="CASCADE"), nullable=False),
    Column("sku_id", ForeignKey("sku.id"), nullable=False),
    Column("warehouse", String(60), nullable=False),
    Column("quantity", Integer, nullable=False),
    PrimaryKeyConstraint("list_id", "sku_id", "warehouse", name="pk_stock_list_item"),
    CheckConstraint("quantity >= 0", name="quantity"),
)

# R-F1: goods the brand received against a replenishment list. The same SKU, warehouse, day,
# quantity and reference again is the same receipt (recorded once).
stock_receipt = Table(
    "stock_receipt",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("brand_id", ForeignKey("brand.id"), nullable=False),
    Column("sku_id", ForeignKey("sku.id"), nullable=False),
    Column("warehouse", String(60), nullable=False),
    Column("quantity", Integer, nullable=False),
    Column("received_on", Date, nullable=False),
    Column("reference", String(100), nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    Column("recorded_by", String(60), nullable=False),
    UniqueConstraint(
        "brand_id",
        "sku_id",
        "warehouse",
        "received_on",
        "quantity",
        "reference",
        name="uq_stock_receipt_natural_key",
    ),
    CheckConstraint("quantity > 0", name="quantity"),
    Index("ix_stock_receipt_brand_received_on", "brand_id", "received_on"),
)

# R-F5: a buyer's request and daiyun's decision, accepted or refused (a refusal is kept with
# the window's last day it names). line_no 0 is the whole order. The same request again (every
# field the same) is the same request.
return_request = Table(
    "return_request",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("store_id", ForeignKey("store.id"), nullable=False),
    Column("order_id", ForeignKey("sales_order.id"), nullable=False),
    Column("line_no", Integer, nullable=False),
    Column("kind", String(10), nullable=False),
    Column("reason", String(200), nullable=False),
    Column("received_on", Date, nullable=False),
    Column("requested_on", Date, nullable=False),
    Column("decision", String(10), nullable=False),
    # The window's last day; None for quality, which has no window.
    Column("window_ends", Date, nullable=True),
    Column("decided_at", UtcDateTime, nullable=False),
    Column("decided_by", String(60), nullable=False),
    UniqueConstraint(
        "order_id",
        "line_no",
        "kind",
        "reason",
        "received_on",
        "requested_on",
        name="uq_return_request_natural_key",
    ),
    CheckConstraint("kind IN ('return', 'exchange')", name="kind"),
    CheckConstraint("decision IN ('accepted', 'refused')", name="decision"),
    CheckConstraint("line_no >= 0", name="line_no"),
    Index("ix_return_request_store_requested_on", "store_id", "requested_on"),
)

# R-F5 → R-F1: the goods of an accepted request received back, once per order line. Those of a
# return go back into the brand's stock (sku_id: the line's SKU in the brand's catalogue, None
# when it has none); an exchange sends the same goods out again.
return_receipt = Table(
    "return_receipt",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("request_id", ForeignKey("return_request.id"), nullable=False, index=True),
    Column("order_line_id", ForeignKey("order_line.id"), nullable=False),
    Column("brand_id", ForeignKey("brand.id"), nullable=False),
    Column("sku_id", ForeignKey("sku.id"), nullable=True),
    Column("warehouse", String(60), nullable=False),
    Column("units", Integer, nullable=False),
    Column("restocked", Integer, nullable=False),
    Column("received_on", Date, nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    Column("recorded_by", String(60), nullable=False),
    UniqueConstraint("order_line_id", name="uq_return_receipt_order_line_id"),
    CheckConstraint("units > 0", name="units"),
    CheckConstraint("restocked >= 0 AND restocked <= units", name="restocked"),
    Index("ix_return_receipt_brand_received_on", "brand_id", "received_on"),
)

# R-F3: a listing (store, SKU) first seen on sale with nothing on hand at `started_at` (a check
# of the brand's stock), the brand's duties' last days, and how it closed: back in stock or off
# sale at a later check (`ended_at`), or its task done with what was done (`done_*`). At most
# one open stockout per listing (migration 0017).
stockout = Table(
    "stockout",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("brand_id", ForeignKey("brand.id"), nullable=False),
    Column("store_id", ForeignKey("store.id"), nullable=False),
    Column("sku_id", ForeignKey("sku.id"), nullable=False),
    Column("started_at", UtcDateTime, nullable=False),
    Column("started_on", Date, nullable=False),
    Column("notice_by", Date, nullable=False),
    Column("replenish_by", Date, nullable=False),
    Column("ended_at", UtcDateTime, nullable=True),
    Column("done_at", UtcDateTime, nullable=True),
    Column("done_by", String(60), nullable=True),
    Column("done_note", String(500), nullable=True),
    UniqueConstraint("store_id", "sku_id", "started_at", name="uq_stockout_natural_key"),
    CheckConstraint("notice_by >= started_on AND replenish_by >= started_on", name="duties"),
    Index("ix_stockout_brand_started_on", "brand_id", "started_on"),
    Index(
        "uq_stockout_open",
        "store_id",
        "sku_id",
        unique=True,
        sqlite_where=text("ended_at IS NULL AND done_at IS NULL"),
        postgresql_where=text("ended_at IS NULL AND done_at IS NULL"),
    ),
)

# R-F4: a wrong or extra item a buyer reported, recorded in detail; the same order line with
# the same SKUs ordered and sent is the same mis-shipment (recorded once).
misshipment = Table(
    "misshipment",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("brand_id", ForeignKey("brand.id"), nullable=False),
    Column("store_id", ForeignKey("store.id"), nullable=False),
    Column("order_id", ForeignKey("sales_order.id"), nullable=False),
    Column("line_no", Integer, nullable=False),
    Column("ordered_sku", String(64), nullable=False),
    Column("sent_sku", String(64), nullable=False),
    Column("report", String(1000), nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    Column("recorded_by", String(60), nullable=False),
    UniqueConstraint(
        "order_id", "line_no", "ordered_sku", "sent_sku", name="uq_misshipment_natural_key"
    ),
    CheckConstraint("line_no >= 1", name="line_no"),
    Index("ix_misshipment_brand_recorded_at", "brand_id", "recorded_at"),
)

# A file kept with a mis-shipment: on disk under the data directory by its SHA-256
# (adapters/attachment_files.py), here its name as given and its size.
misshipment_attachment = Table(
    "misshipment_attachment",
    metadata,
    Column("misshipment_id", ForeignKey("misshipment.id", ondelete="CASCADE"), nullable=False),
    Column("file_name", String(200), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("size", Integer, nullable=False),
    PrimaryKeyConstraint("misshipment_id", "file_name", name="pk_misshipment_attachment"),
    CheckConstraint("size >= 0", name="size"),
)

# R-F7: goods lost or damaged in the operator's custody, charged at the guide price in force at
# the moment (kept as charged: a later guide price never changes it) and owed to the brand on
# the statement of `contract` for the loss's month. The same goods, warehouse, kind and moment
# are one loss: recorded once.
custody_loss = Table(
    "custody_loss",
    metadata,
    Column("id", Identity, primary_key=True, autoincrement=True),
    Column("brand_id", ForeignKey("brand.id"), nullable=False),
    Column("contract_id", ForeignKey("contract.id"), nullable=False),
    Column("sku_id", ForeignKey("sku.id"), nullable=False),
    Column("warehouse", String(60), nullable=False),
    Column("kind", String(10), nullable=False),
    Column("occurred_at", UtcDateTime, nullable=False),
    Column("quantity", Integer, nullable=False),
    Column("guide_price_fen", Fen, nullable=False),
    Column("amount_fen", Fen, nullable=False),
    Column("what", String(500), nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
    Column("recorded_by", String(60), nullable=False),
    UniqueConstraint(
        "brand_id",
        "sku_id",
        "warehouse",
        "kind",
        "occurred_at",
        name="uq_custody_loss_natural_key",
    ),
    CheckConstraint("quantity > 0", name="quantity"),
    CheckConstraint("kind IN ('lost', 'damaged')", name="kind"),
    CheckConstraint("amount_fen = quantity * guide_price_fen", name="amount"),
    Index("ix_custody_loss_contract_occurred_at", "contract_id", "occurred_at"),
    Index("ix_custody_loss_brand_occurred_at", "brand_id", "occurred_at"),
)
