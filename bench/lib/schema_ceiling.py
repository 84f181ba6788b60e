"""PostgreSQL's ceiling on daiyun's real schema: COPY of an import's rows into its own tables.

The plain-table ceiling (ceilings.py) is what the server takes with nothing in the way. An
import cannot do without daiyun's tables: `sales_order`, `order_line` and `refund` with their
primary keys, unique natural keys and indexes, which the server maintains row by row whatever
the client. This ceiling writes the same export's rows, as the import stores them (ids, every
column), by binary `COPY … FROM STDIN` into those tables of a scratch database migrated by
`daiyun db upgrade` with the brand's contract and catalogue loaded; the tables are emptied
between runs; commit included; best of runs. The per-row foreign-key triggers are off
(`session_replication_role = replica`), as in the import's own bulk write, and no key is checked
here at all (the import checks them set by set, adapters/db/bulk_keys.py): this is the least
the server spends to store these rows in daiyun's tables, which no import can beat.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import psycopg

from .ceilings import Ceiling
from .taobao_export import (
    CLOSED,
    COMPLETED,
    STATUS_CODES,
    STORE_CODE,
    ExportSpec,
    Order,
    build_catalogue,
    generate_orders,
)

__all__ = ["SchemaRows", "postgres_schema_ceiling", "schema_rows"]

_TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "sales_order": (
        ("id", "int8"), ("store_id", "int8"), ("platform", "text"), ("order_no", "text"),
        ("status", "text"), ("as_of", "timestamptz"), ("created_at", "timestamptz"),
        ("paid_at", "timestamptz"), ("shipped_at", "timestamptz"),
        ("completed_at", "timestamptz"), ("closed_at", "timestamptz"), ("total_fen", "int8"),
        ("paid_fen", "int8"), ("shipping_fen", "int8"), ("refund_fen", "int8"),
        ("has_sku_lines", "bool"), ("buyer_key", "text"), ("province", "text"),
        ("city", "text"), ("source_file", "text"), ("source_row", "int4"),
    ),
    "order_line": (
        ("id", "int8"), ("order_id", "int8"), ("line_no", "int4"), ("sku_id", "int8"),
        ("sku_code", "text"), ("title", "text"), ("units", "int4"),
        ("unit_price_fen", "int8"), ("line_amount_fen", "int8"), ("guide_price_fen", "int8"),
        ("price_check", "text"), ("status", "text"), ("completed_at", "timestamptz"),
        ("refund_units", "int4"), ("refund_fen", "int8"), ("refund_reason", "text"),
        ("refunded_at", "timestamptz"), ("source_file", "text"), ("source_row", "int4"),
    ),
    "refund": (
        ("id", "int8"), ("order_id", "int8"), ("order_line_id", "int8"), ("refund_key", "text"),
        ("units", "int4"), ("amount_fen", "int8"), ("reason", "text"), ("status", "text"),
        ("completed_at", "timestamptz"),
    ),
}  # fmt: skip


@dataclass(frozen=True)
class SchemaRows:
    """An export's rows as the import stores them, table by table, with their ids."""

    orders: list[tuple[Any, ...]]
    lines: list[tuple[Any, ...]]
    refunds: list[tuple[Any, ...]]

    @property
    def by_table(self) -> dict[str, list[tuple[Any, ...]]]:
        return {"sales_order": self.orders, "order_line": self.lines, "refund": self.refunds}


def schema_rows(spec: ExportSpec, store_id: int, sku_ids: dict[str, int]) -> SchemaRows:
    """The export's orders, lines and refunds as rows of daiyun's tables (ids from 1)."""
    as_of = spec.as_of.astimezone(UTC)
    rows = SchemaRows([], [], [])
    item_row = 2
    for order_row, order in enumerate(generate_orders(spec, build_catalogue(spec)), start=2):
        order_id = len(rows.orders) + 1
        rows.orders.append(_order_row(order_id, store_id, order, as_of, spec, order_row))
        for line in order.lines:
            status = STATUS_CODES[line.status]
            refunded = line.status == CLOSED and order.paid_at is not None
            rows.lines.append((
                len(rows.lines) + 1, order_id, line.line_no, sku_ids[line.sku.code],
                line.sku.code, line.sku.title, line.units, line.price_fen, line.amount_fen,
                line.sku.guide_fen, "within" if order.paid_at else "not_paid", status,
                as_of if line.status == COMPLETED else None, line.units if refunded else 0, 0,
                None, None, spec.item_file_name, item_row,
            ))  # fmt: skip
            if refunded:
                rows.refunds.append((
                    len(rows.refunds) + 1, order_id, None, f"line {line.line_no}:0",
                    line.units, 0, None, "completed", as_of,
                ))  # fmt: skip
            item_row += 1
    return rows


def _order_row(
    order_id: int, store_id: int, order: Order, as_of: datetime, spec: ExportSpec, row: int
) -> tuple[Any, ...]:
    status = STATUS_CODES[order.status]
    return (
        order_id, store_id, "tmall", order.order_no, status, as_of,
        order.created_at.astimezone(UTC),
        None if order.paid_at is None else order.paid_at.astimezone(UTC), None,
        as_of if order.status == COMPLETED else None, as_of if order.status == CLOSED else None,
        order.total_fen, order.paid_fen, order.postage_fen, 0, True,
        hashlib.sha256(f"bench:{order.buyer_nick}".encode()).hexdigest()[:32],
        order.province, order.city, spec.order_file_name, row,
    )  # fmt: skip


def store_and_skus(url: str) -> tuple[int, dict[str, int]]:
    """The bench store's id and the brand's SKU ids by code, in a prepared database."""
    with psycopg.connect(url) as connection:
        found = connection.execute("SELECT id, brand_id FROM store WHERE code = %s", (STORE_CODE,))
        store_id, brand_id = found.fetchone() or (None, None)
        skus = connection.execute("SELECT code, id FROM sku WHERE brand_id = %s", (brand_id,))
        return int(store_id), {code: int(sku_id) for code, sku_id in skus}


def postgres_schema_ceiling(url: str, rows: SchemaRows, repeat: int) -> Ceiling:
    """Binary COPY of the rows into sales_order, order_line and refund, committed; best of runs."""
    runs: list[float] = []
    with psycopg.connect(url) as connection:
        for _ in range(repeat):
            connection.execute("TRUNCATE refund, order_line, sales_order CASCADE")
            connection.commit()
            started = time.perf_counter()
            connection.execute("SET LOCAL session_replication_role = replica")
            for table, table_rows in rows.by_table.items():
                _copy(connection, table, table_rows)
            connection.commit()
            runs.append(time.perf_counter() - started)
        connection.execute("TRUNCATE refund, order_line, sales_order CASCADE")
        connection.commit()
    return Ceiling(
        "psycopg 3 binary COPY into daiyun's sales_order, order_line and refund (their keys, "
        "unique constraints and indexes; per-row foreign-key triggers off, keys unchecked), "
        "committed",
        len(rows.lines),
        tuple(runs),
    )


def _copy(connection: psycopg.Connection[Any], table: str, rows: Sequence[tuple[Any, ...]]) -> None:
    columns = _TABLES[table]
    names = ", ".join(name for name, _ in columns)
    with (
        connection.cursor() as cursor,
        cursor.copy(f"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)") as copying,
    ):
        copying.set_types([kind for _, kind in columns])
        for row in rows:
            copying.write_row(row)
