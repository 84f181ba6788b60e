"""The one MetaData every table of daiyun is defined on, with stable constraint names.

The tables live in their areas' modules (tables.py, account_tables.py, …), each importing this
one; `schema.py` imports them all for whoever needs the whole schema (migrations, snapshots)."""

from __future__ import annotations

from sqlalchemy import MetaData

__all__ = ["metadata"]

# Stable constraint names, so migrations can refer to them on both databases.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)
