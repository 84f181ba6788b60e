"""Statements read for lists and the drill-down: one query per list, one for its count and sum."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, func, select, true

from daiyun.adapters.db.repositories.statement_rows import version_record
from daiyun.adapters.db.tables import (
    brand,
    contract,
    statement,
    statement_answer,
    statement_line,
    statement_payment,
    statement_unsettleable,
    statement_version,
)
from daiyun.domain.calendar import Month
from daiyun.domain.money import Money, Rate
from daiyun.domain.settlement import LineKind, StatementLine, UnsettleableOrder
from daiyun.domain.settlement.drilldown import LineSelection, LinesPage, StatementRow
from daiyun.domain.settlement.lifecycle import StatementStatus
from daiyun.domain.settlement.records import PaymentRecord, VersionRecord

__all__ = ["SqlStatementQueries"]

_LINE_FIELDS = tuple(statement_line.c[name] for name in StatementLine._fields)


class SqlStatementQueries:
    """Statement lists by brand or contract, and a version's lines by figure and rule."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def list_statements(
        self, brand_codes: tuple[str, ...] | None, contract_code: str | None
    ) -> list[StatementRow]:
        query = (
            select(
                contract.c.code.label("contract_code"),
                brand.c.code.label("brand_code"),
                statement.c.month,
                statement.c.status,
                statement.c.current_version,
                statement.c.updated_at,
                statement_version.c.remittance_fen,
            )
            .join(contract, contract.c.id == statement.c.contract_id)
            .join(brand, brand.c.id == contract.c.brand_id)
            .join(
                statement_version,
                and_(
                    statement_version.c.statement_id == statement.c.id,
                    statement_version.c.version == statement.c.current_version,
                ),
            )
            .order_by(statement.c.month.desc(), contract.c.code)
        )
        if brand_codes is not None:
            query = query.where(brand.c.code.in_(brand_codes))
        if contract_code is not None:
            query = query.where(contract.c.code == contract_code)
        return [
            StatementRow(
                contract=row.contract_code,
                brand=row.brand_code,
                month=Month.parse(row.month),
                status=StatementStatus(row.status),
                version=int(row.current_version),
                remittance=Money(int(row.remittance_fen)),
                updated_at=row.updated_at,
            )
            for row in self._connection.execute(query)
        ]

    def month_records(
        self, contract_codes: Sequence[str]
    ) -> dict[tuple[str, Month], tuple[list[VersionRecord], list[PaymentRecord]]]:
        """Every stored version and payment of these contracts' statements, in two queries."""
        found: dict[tuple[str, Month], tuple[list[VersionRecord], list[PaymentRecord]]] = {}
        if not contract_codes:
            return found
        owner = (
            select(statement.c.id, contract.c.code.label("contract_code"), statement.c.month)
            .join(contract, contract.c.id == statement.c.contract_id)
            .where(contract.c.code.in_(contract_codes))
            .subquery()
        )
        versions = (
            select(statement_version, statement_answer, owner.c.contract_code, owner.c.month)
            .join(owner, owner.c.id == statement_version.c.statement_id)
            .outerjoin(statement_answer, statement_answer.c.version_id == statement_version.c.id)
            .order_by(statement_version.c.version)
        )
        for row in self._connection.execute(versions):
            key = (row.contract_code, Month.parse(row.month))
            found.setdefault(key, ([], []))[0].append(version_record(row))
        payments = (
            select(statement_payment, statement_version.c.version, owner.c.contract_code)
            .add_columns(owner.c.month)
            .join(owner, owner.c.id == statement_payment.c.statement_id)
            .join(statement_version, statement_version.c.id == statement_payment.c.version_id)
            .order_by(statement_payment.c.paid_on, statement_payment.c.id)
        )
        for row in self._connection.execute(payments):
            key = (row.contract_code, Month.parse(row.month))
            found.setdefault(key, ([], []))[1].append(
                PaymentRecord(
                    int(row.version),
                    row.paid_on,
                    Money(int(row.amount_fen)),
                    row.recorded_at,
                    row.recorded_by,
                )
            )
        return found

    def lines(
        self, contract_code: str, month: Month, version: int, selection: LineSelection
    ) -> LinesPage:
        version_id = self._version_id(contract_code, month, version)
        if version_id is None:
            return LinesPage([], 0, None, [])
        if selection.wants_unsettleable:
            orders = self._unsettleable(version_id)
            return LinesPage([], len(orders), None, orders)
        where = and_(statement_line.c.version_id == version_id, self._matching(selection))
        column = selection.column
        summed = (
            func.coalesce(func.sum(statement_line.c[column]), 0)
            if column is not None and column != "kind"
            else None
        )
        head: list[Any] = [func.count()] + ([summed] if summed is not None else [])
        totals = self._connection.execute(select(*head).where(where)).one()
        rows = self._connection.execute(
            select(*_LINE_FIELDS)
            .where(where)
            .order_by(statement_line.c.position)
            .limit(selection.size)
            .offset(selection.offset)
        )
        lines = [StatementLine(LineKind(row[0]), *row[1:]) for row in rows]
        rate = None
        if selection.figure == "commission":  # R-S3: its derivation needs the version's rate
            rate = Rate.of(
                self._connection.execute(
                    select(statement_version.c.commission_rate).where(
                        statement_version.c.id == version_id
                    )
                ).scalar_one()
            )
        summed_total = None if summed is None else int(totals[1])
        return LinesPage(lines, int(totals[0]), summed_total, [], rate)

    def _unsettleable(self, version_id: int) -> list[UnsettleableOrder]:
        rows = self._connection.execute(
            select(statement_unsettleable)
            .where(statement_unsettleable.c.version_id == version_id)
            .order_by(statement_unsettleable.c.order_no)
        )
        return [UnsettleableOrder(row.order_no, row.reason, row.completed_at) for row in rows]

    @staticmethod
    def _matching(selection: LineSelection) -> ColumnElement[bool]:
        column = selection.column
        condition: ColumnElement[bool] = true()
        if column == "kind":
            condition = statement_line.c.kind == LineKind.SALE.value
        elif column is not None:
            condition = statement_line.c[column] != 0
        if selection.rule is not None:
            condition = and_(condition, statement_line.c.rule == selection.rule)
        return condition

    def _version_id(self, contract_code: str, month: Month, version: int) -> int | None:
        query = (
            select(statement_version.c.id)
            .join(statement, statement.c.id == statement_version.c.statement_id)
            .join(contract, contract.c.id == statement.c.contract_id)
            .where(
                contract.c.code == contract_code,
                statement.c.month == str(month),
                statement_version.c.version == version,
            )
        )
        found = self._connection.execute(query).scalar()
        return None if found is None else int(found)
