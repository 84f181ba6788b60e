"""The change counter (change_tables.py): raised by every unit of work that writes, read by
whoever keeps what it worked out until the database changes (issue 22, point 5)."""

from __future__ import annotations

from sqlalchemy import Connection, select, update

from daiyun.adapters.db.change_tables import COUNTER_ROW, data_change

__all__ = ["SqlDataChanges", "raise_change_counter"]


class SqlDataChanges:
    """The counter as this transaction sees it."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def current(self) -> int | None:
        """The counter now; None on a database without it (nothing may then be kept)."""
        found = self._connection.execute(
            select(data_change.c.counter).where(data_change.c.id == COUNTER_ROW)
        ).scalar_one_or_none()
        return None if found is None else int(found)


def raise_change_counter(connection: Connection) -> None:
    """One more change, in the writer's own transaction: the last thing before its commit, so
    that on PostgreSQL the row is locked only for the commit itself."""
    connection.execute(
        update(data_change)
        .where(data_change.c.id == COUNTER_ROW)
        .values(counter=data_change.c.counter + 1)
    )
