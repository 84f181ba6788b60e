"""Every row of every table, to prove that a refused operation changed nothing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from daiyun.adapters.db.schema import metadata
from daiyun.bootstrap import Daiyun

# Issue 22: a background job's own record — its state, files and result, kept for a refused
# import as for any other — is not the business data a refusal must leave as it was.
JOB_TABLES = frozenset({"job", "job_file", "job_order_file"})
# Issue 22: the change counter every writing unit of work raises (a login's, say) says only
# that something was committed; the tables it stands for are compared themselves.
COUNTER_TABLES = frozenset({"data_change"})


def database_snapshot(app: Daiyun, *, with_jobs: bool = False) -> dict[str, list[tuple[Any, ...]]]:
    """All rows of all daiyun tables (the jobs' own only `with_jobs`), in primary-key order
    (a table without one: sorted)."""
    snapshot: dict[str, list[tuple[Any, ...]]] = {}
    with app.engine.connect() as connection:
        for table in metadata.sorted_tables:
            if table.name in COUNTER_TABLES or (table.name in JOB_TABLES and not with_jobs):
                continue
            query = select(table).order_by(*table.primary_key.columns)
            rows = [tuple(row) for row in connection.execute(query)]
            # The sales rollups have no primary key (issue 20): their rows in sorted order.
            snapshot[table.name] = rows if table.primary_key.columns else sorted(rows, key=repr)
    return snapshot


def row_counts(app: Daiyun) -> dict[str, int]:
    """How many rows each table holds."""
    return {name: len(rows) for name, rows in database_snapshot(app, with_jobs=True).items()}
