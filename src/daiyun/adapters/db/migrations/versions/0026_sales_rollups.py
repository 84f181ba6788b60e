"""sales rollups (issue 20, point 5): a store's paid orders summed by day and hour

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-08 02:40:00.000000

The rollups are worked out from the orders already stored, so that the reports of a database
upgraded to this revision read the same figures as before.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

from daiyun.adapters.db.repositories.sales_rollups import roll_up_everything

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None

_AMOUNTS = ("units", "amount_fen")


def _store(table: str) -> list[Any]:
    return [
        sa.Column("store_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.ForeignKeyConstraint(
            ["store_id"], ["store.id"], name=op.f(f"fk_{table}_store_id_store")
        ),
    ]


def _big(name: str) -> sa.Column[int]:
    return sa.Column(name, sa.BigInteger(), nullable=False)


def _day() -> sa.Column[object]:
    return sa.Column("paid_on", sa.Date(), nullable=False)


def upgrade() -> None:
    op.create_table(
        "sales_hour",
        *_store("sales_hour"),
        _big("paid_hour"),
        sa.Column("platform", sa.String(20), nullable=False),
        sa.Column("province", sa.String(40), nullable=False),
        sa.Column("orders", sa.Integer(), nullable=False),
        *(_big(name) for name in _AMOUNTS),
    )
    op.create_index("ix_sales_hour_store_id", "sales_hour", ["store_id", "paid_hour"])
    op.create_table(
        "sales_sku_day",
        *_store("sales_sku_day"),
        _day(),
        sa.Column("sku_code", sa.String(64), nullable=False),
        sa.Column("orders", sa.Integer(), nullable=False),
        *(_big(name) for name in _AMOUNTS),
        sa.Column("lines", sa.Integer(), nullable=False),
        *(_big(name) for name in ("guided_units", "guided_fen", "guide_fen")),
    )
    op.create_table(
        "sales_category_day",
        *_store("sales_category_day"),
        _day(),
        sa.Column("category", sa.String(60), nullable=False),
        sa.Column("orders", sa.Integer(), nullable=False),
        *(_big(name) for name in _AMOUNTS),
    )
    op.create_table(
        "sales_price_day",
        *_store("sales_price_day"),
        _day(),
        _big("unit_price_fen"),
        sa.Column("price_check", sa.String(20), nullable=False),
        sa.Column("lines", sa.Integer(), nullable=False),
        *(_big(name) for name in _AMOUNTS),
    )
    op.create_table(
        "sales_buyer_day",
        *_store("sales_buyer_day"),
        _day(),
        sa.Column(
            "buyer_key",
            sa.String(64).with_variant(sa.String(64, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("province", sa.String(40), nullable=False),
        sa.Column("orders", sa.Integer(), nullable=False),
        _big("amount_fen"),
    )
    for table in ("sales_sku_day", "sales_category_day", "sales_price_day", "sales_buyer_day"):
        op.create_index(f"ix_{table}_store_id", table, ["store_id", "paid_on"])
    roll_up_everything(op.get_bind())


def downgrade() -> None:
    for table in (
        "sales_buyer_day", "sales_price_day", "sales_category_day", "sales_sku_day", "sales_hour"
    ):  # fmt: skip
        op.drop_table(table)
