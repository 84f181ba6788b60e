"""Spans of delay the brand caused in paying a statement (R-S7), only ever inserted."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Row, insert, select

from daiyun.adapters.db.excused_delay_tables import statement_excused_delay
from daiyun.adapters.db.tables import contract, statement
from daiyun.domain.calendar import Month
from daiyun.domain.settlement import ExcusedDelay

__all__ = ["SqlExcusedDelayRepository"]

_DELAY = statement_excused_delay


def _delay(row: Row[Any]) -> ExcusedDelay:
    return ExcusedDelay(row.first_day, row.last_day, row.reason, row.recorded_by, row.recorded_at)


class SqlExcusedDelayRepository:
    """A statement's excused delays by (contract, month), in day order."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def _statement_id(self, contract_code: str, month: Month, *, lock: bool = False) -> int | None:
        query = (
            select(statement.c.id)
            .join(contract, contract.c.id == statement.c.contract_id)
            .where(contract.c.code == contract_code, statement.c.month == str(month))
        )
        if lock:
            query = query.with_for_update(of=statement)
        found = self._connection.execute(query).scalar()
        return None if found is None else int(found)

    def lock(self, contract_code: str, month: Month) -> None:
        # PostgreSQL: the statement's row stays locked to the end of the transaction, so a
        # delay and a payment of one statement are recorded one after the other (SQLite
        # writes one transaction at a time anyway and ignores FOR UPDATE).
        self._statement_id(contract_code, month, lock=True)

    def of_statement(self, contract_code: str, month: Month) -> list[ExcusedDelay]:
        query = (
            select(_DELAY)
            .join(statement, statement.c.id == _DELAY.c.statement_id)
            .join(contract, contract.c.id == statement.c.contract_id)
            .where(contract.c.code == contract_code, statement.c.month == str(month))
            .order_by(_DELAY.c.first_day)
        )
        return [_delay(row) for row in self._connection.execute(query)]

    def of_contracts(
        self, contract_codes: Sequence[str]
    ) -> dict[tuple[str, Month], list[ExcusedDelay]]:
        if not contract_codes:
            return {}
        found: dict[tuple[str, Month], list[ExcusedDelay]] = defaultdict(list)
        query = (
            select(_DELAY, contract.c.code, statement.c.month)
            .join(statement, statement.c.id == _DELAY.c.statement_id)
            .join(contract, contract.c.id == statement.c.contract_id)
            .where(contract.c.code.in_(contract_codes))
            .order_by(contract.c.code, statement.c.month, _DELAY.c.first_day)
        )
        for row in self._connection.execute(query):
            found[(row.code, Month.parse(row.month))].append(_delay(row))
        return dict(found)

    def add(self, contract_code: str, month: Month, delay: ExcusedDelay) -> None:
        statement_id = self._statement_id(contract_code, month)
        if statement_id is None:
            raise LookupError(f"no statement {contract_code}/{month}")
        self._connection.execute(
            insert(_DELAY).values(
                statement_id=statement_id,
                first_day=delay.first_day,
                last_day=delay.last_day,
                reason=delay.reason,
                recorded_at=delay.recorded_at,
                recorded_by=delay.recorded_by,
            )
        )
