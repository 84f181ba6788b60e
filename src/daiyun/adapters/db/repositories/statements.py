"""Monthly statements in the database: versions, lines, recognition, answers and payments."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

import numpy as np
import pyarrow as pa
from sqlalchemy import Connection, delete, insert, literal, select, update

from daiyun.adapters.db.bulk import BulkInserter
from daiyun.adapters.db.bulk_keys import ForeignKeyBroken, keys_checked_together
from daiyun.adapters.db.copy_binary import binary_copy_data
from daiyun.adapters.db.repositories.custody import contract_losses
from daiyun.adapters.db.repositories.month_fingerprint import read_inputs_fingerprint
from daiyun.adapters.db.repositories.month_inputs import (
    orders_without_sku_lines,
    read_month_inputs,
)
from daiyun.adapters.db.repositories.month_stream import StreamedMonth
from daiyun.adapters.db.repositories.statement_rows import (
    counts_of,
    figures_of,
    version_record,
    version_values,
)
from daiyun.adapters.db.repositories.statement_spool import StatementLineSpool
from daiyun.adapters.db.tables import (
    contract,
    order_line,
    statement,
    statement_answer,
    statement_line,
    statement_payment,
    statement_recognition,
    statement_unsettleable,
    statement_version,
)
from daiyun.domain.calendar import Month
from daiyun.domain.contracts import Party
from daiyun.domain.fulfilment.custody import CustodyLoss
from daiyun.domain.money import Money, Rate
from daiyun.domain.settlement import (
    LineKind,
    Statement,
    StatementLine,
    UnsettleableOrder,
)
from daiyun.domain.settlement.lifecycle import StatementStatus
from daiyun.domain.settlement.lines_json import LINE_FIELDS
from daiyun.domain.settlement.records import (
    BrandAnswer,
    MonthInputs,
    PaymentRecord,
    StatementHeader,
    VersionRecord,
)
from daiyun.domain.settlement.statement import StatementSummary

__all__ = ["SqlStatementRepository"]

_LINE_COLUMNS = ("version_id", "position", "order_line_id", *LINE_FIELDS)


class SqlStatementRepository:
    """Statements by (contract, month); a version by its number; recognition by order line."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._bulk = BulkInserter(connection)

    def month_inputs(self, contract_code: str, month: Month) -> MonthInputs:
        return read_month_inputs(self._connection, contract_code, month)

    def month_source(
        self, contract_code: str, month: Month, *, shipping: bool, promotions: bool
    ) -> StreamedMonth:
        return StreamedMonth(
            self._connection, contract_code, month, shipping=shipping, promotions=promotions
        )

    def orders_without_sku_lines(self, contract_code: str, month: Month) -> list[UnsettleableOrder]:
        return orders_without_sku_lines(self._connection, contract_code, month)

    def spool_lines(self) -> StatementLineSpool:
        return StatementLineSpool()

    def custody_losses(self, contract_code: str, month: Month) -> list[CustodyLoss]:
        return contract_losses(self._connection, contract_code, month)

    def inputs_fingerprint(self, contract_code: str, month: Month) -> str:
        return read_inputs_fingerprint(self._connection, contract_code, month)

    def draft_fingerprint(self, contract_code: str, month: Month, version: int) -> str | None:
        version_id = self._version_id(contract_code, month, version)
        query = select(statement_version.c.inputs_fingerprint).where(
            statement_version.c.id == version_id
        )
        found = self._connection.execute(query).scalar()
        return None if found is None else str(found)

    def set_draft_fingerprint(
        self, contract_code: str, month: Month, version: int, fingerprint: str
    ) -> None:
        self._connection.execute(
            update(statement_version)
            .where(statement_version.c.id == self._version_id(contract_code, month, version))
            .values(inputs_fingerprint=fingerprint)
        )

    def _statement_id(self, contract_code: str, month: Month) -> int | None:
        query = (
            select(statement.c.id)
            .join(contract, contract.c.id == statement.c.contract_id)
            .where(contract.c.code == contract_code, statement.c.month == str(month))
        )
        found = self._connection.execute(query).scalar()
        return None if found is None else int(found)

    def _version_id(self, contract_code: str, month: Month, version: int) -> int:
        query = select(statement_version.c.id).where(
            statement_version.c.statement_id == self._statement_id(contract_code, month),
            statement_version.c.version == version,
        )
        return int(self._connection.execute(query).scalar_one())

    def get(self, contract_code: str, month: Month) -> StatementHeader | None:
        query = (
            select(statement.c.status, statement.c.current_version)
            .join(contract, contract.c.id == statement.c.contract_id)
            .where(contract.c.code == contract_code, statement.c.month == str(month))
        )
        row = self._connection.execute(query).first()
        if row is None:
            return None
        return StatementHeader(
            contract_code, month, StatementStatus(row.status), int(row.current_version)
        )

    def versions(self, contract_code: str, month: Month) -> list[VersionRecord]:
        query = (
            select(statement_version, statement_answer)
            .outerjoin(statement_answer, statement_answer.c.version_id == statement_version.c.id)
            .where(statement_version.c.statement_id == self._statement_id(contract_code, month))
            .order_by(statement_version.c.version)
        )
        return [version_record(row) for row in self._connection.execute(query)]

    def statement(self, contract_code: str, month: Month, version: int) -> Statement:
        version_id = self._version_id(contract_code, month, version)
        row = self._connection.execute(
            select(statement_version).where(statement_version.c.id == version_id)
        ).one()
        lines = self._connection.execute(
            select(*(statement_line.c[name] for name in StatementLine._fields))
            .where(statement_line.c.version_id == version_id)
            .order_by(statement_line.c.position)
        )
        unsettleable = self._connection.execute(
            select(statement_unsettleable)
            .where(statement_unsettleable.c.version_id == version_id)
            .order_by(statement_unsettleable.c.order_no)
        )
        return Statement(
            month=month,
            commission_rate=Rate.of(row.commission_rate),
            shipping_income_to=Party(row.shipping_income_to),
            platform_fees_borne_by=Party(row.platform_fees_borne_by),
            lines=tuple(StatementLine(LineKind(line[0]), *line[1:]) for line in lines),
            unsettleable=tuple(
                UnsettleableOrder(each.order_no, each.reason, each.completed_at)
                for each in unsettleable
            ),
            counts=counts_of(row),
            figures=figures_of(row),
        )

    def create(self, contract_code: str, month: Month, at: datetime) -> None:
        contract_id = self._connection.execute(
            select(contract.c.id).where(contract.c.code == contract_code)
        ).scalar_one()
        self._connection.execute(
            insert(statement).values(
                contract_id=contract_id,
                month=str(month),
                status=StatementStatus.DRAFT.value,
                current_version=1,
                created_at=at,
                updated_at=at,
            )
        )

    def set_status(
        self,
        contract_code: str,
        month: Month,
        status: StatementStatus,
        current_version: int,
        at: datetime,
    ) -> None:
        self._connection.execute(
            update(statement)
            .where(statement.c.id == self._statement_id(contract_code, month))
            .values(status=status.value, current_version=current_version, updated_at=at)
        )

    def save_draft(
        self,
        contract_code: str,
        month: Month,
        version: int,
        summary: StatementSummary,
        lines: Iterable[pa.RecordBatch],
        *,
        at: datetime,
        actor: str,
        inputs_fingerprint: str | None = None,
    ) -> None:
        statement_id = self._statement_id(contract_code, month)
        values = version_values(summary) | {
            "drafted_at": at,
            "drafted_by": actor,
            "inputs_fingerprint": inputs_fingerprint,
        }
        found = self._connection.execute(
            select(statement_version.c.id).where(
                statement_version.c.statement_id == statement_id,
                statement_version.c.version == version,
            )
        ).scalar()
        if found is None:
            version_id = self._connection.execute(
                insert(statement_version)
                .values(statement_id=statement_id, version=version, is_issued=False, **values)
                .returning(statement_version.c.id)
            ).scalar_one()
        else:
            # A draft is not yet the brand's: a re-run replaces it (the triggers refuse this
            # for an issued version).
            version_id = found
            for child in (statement_line, statement_unsettleable):
                self._connection.execute(delete(child).where(child.c.version_id == version_id))
            self._connection.execute(
                update(statement_version)
                .where(statement_version.c.id == version_id)
                .values(**values)
            )
        self._save_lines(int(version_id), month, lines)
        if summary.unsettleable:
            self._connection.execute(
                insert(statement_unsettleable),
                [
                    {
                        "version_id": version_id,
                        "order_no": order.order_no,
                        "reason": order.reason,
                        "completed_at": order.completed_at,
                    }
                    for order in summary.unsettleable
                ],
            )

    def _save_lines(self, version_id: int, month: Month, lines: Iterable[pa.RecordBatch]) -> None:
        """The version's lines, batch by batch, numbered in canonical order (R-S8)."""
        position = 1
        if self._bulk.takes_copy_data:
            # PostgreSQL: binary COPY; the two foreign keys checked once over the version's
            # lines instead of by a trigger per line (bulk_keys), when the role may.
            with keys_checked_together(self._connection) as written:
                for batch in lines:
                    self._bulk.insert_copy_data(
                        statement_line, _LINE_COLUMNS, _copy_data(version_id, position, batch)
                    )
                    position += len(batch)
                if written is not None:
                    self._check_line_keys(version_id, month)
            return
        for batch in lines:
            count = len(batch)
            columns: list[Any] = [[version_id] * count, range(position, position + count)]
            columns.append(batch.column("line_id").to_pylist())
            for name in LINE_FIELDS:
                values = batch.column(name)
                columns.append(_sqlite_moments(values) if name == "at" else values.to_pylist())
            self._bulk.insert_as_stored(statement_line, _LINE_COLUMNS, zip(*columns, strict=True))
            position += count

    def _check_line_keys(self, version_id: int, month: Month) -> None:
        """The keys the per-row triggers would have checked, over the version's lines at once:
        its version (locked as the trigger locks it) and every order line named. The order
        lines are not locked row by row (a million row locks cost what the triggers do):
        daiyun never deletes an order line, and one deleted meanwhile is found here.

        Most lines name a line completed in the month: those are found in one hashed pass
        over the month's lines (the planner, not knowing how many lines a new version has,
        would look each up); the others (refunded lines of other months) one by one."""
        version = self._connection.execute(
            select(statement_version.c.id)
            .where(statement_version.c.id == version_id)
            .with_for_update(key_share=True)
        ).scalar()
        period = month.period()
        month_lines = (
            select(order_line.c.id)
            .where(
                order_line.c.completed_at >= period.start, order_line.c.completed_at < period.end
            )
            .subquery()
        )
        named = statement_line.c.order_line_id
        query = (
            select(statement_line.c.position, named)
            .select_from(statement_line.outerjoin(month_lines, month_lines.c.id == named))
            .where(
                statement_line.c.version_id == version_id,
                named.is_not(None),
                month_lines.c.id.is_(None),
                ~select(order_line.c.id).where(order_line.c.id == named).exists(),
            )
            .limit(1)
        )
        before = self._connection.exec_driver_sql("SHOW enable_nestloop").scalar()
        self._connection.exec_driver_sql("SET LOCAL enable_nestloop = off")
        orphan = self._connection.execute(query).first()
        self._connection.exec_driver_sql(
            "SELECT set_config('enable_nestloop', %(value)s, true)", {"value": before}
        )
        if version is None or orphan is not None:
            named_text = f"version {version_id}" if version is None else f"order line {orphan}"
            raise ForeignKeyBroken(f"statement_line names no {named_text}; nothing of it is kept")

    def issue(
        self,
        contract_code: str,
        month: Month,
        version: int,
        *,
        at: datetime,
        actor: str,
        received_on: date,
        confirm_by: date,
    ) -> int:
        statement_id = self._statement_id(contract_code, month)
        version_id = self._version_id(contract_code, month, version)
        self._connection.execute(
            update(statement_version)
            .where(statement_version.c.id == version_id)
            .values(
                is_issued=True,
                issued_at=at,
                issued_by=actor,
                received_on=received_on,
                confirm_by=confirm_by,
            )
        )
        # R-S1: the new version takes over the month's recognition from the one it corrects;
        # the primary key on the order line refuses a line another month already holds.
        self._connection.execute(
            delete(statement_recognition).where(
                statement_recognition.c.statement_id == statement_id
            )
        )
        sales = select(
            statement_line.c.order_line_id,
            literal(statement_id, type_=statement.c.id.type),
            statement_line.c.version_id,
        ).where(
            statement_line.c.version_id == version_id,
            statement_line.c.kind == LineKind.SALE.value,
            statement_line.c.order_line_id.is_not(None),
        )
        result = self._connection.execute(
            insert(statement_recognition).from_select(
                ["order_line_id", "statement_id", "version_id"], sales
            )
        )
        return int(result.rowcount)

    def later_issued_month(self, contract_code: str, month: Month) -> Month | None:
        query = (
            select(statement.c.month)
            .join(contract, contract.c.id == statement.c.contract_id)
            .join(statement_version, statement_version.c.statement_id == statement.c.id)
            .where(
                contract.c.code == contract_code,
                statement.c.month > str(month),
                statement_version.c.is_issued.is_(True),
            )
            .order_by(statement.c.month)
            .limit(1)
        )
        found = self._connection.execute(query).scalar()
        return None if found is None else Month.parse(found)

    def earlier_unissued_month(self, contract_code: str, month: Month) -> Month | None:
        issued = (
            select(statement_version.c.id)
            .where(
                statement_version.c.statement_id == statement.c.id,
                statement_version.c.is_issued.is_(True),
            )
            .exists()
        )
        query = (
            select(statement.c.month)
            .join(contract, contract.c.id == statement.c.contract_id)
            .where(contract.c.code == contract_code, statement.c.month < str(month), ~issued)
            .order_by(statement.c.month)
            .limit(1)
        )
        found = self._connection.execute(query).scalar()
        return None if found is None else Month.parse(found)

    def answer(self, contract_code: str, month: Month, version: int, answer: BrandAnswer) -> None:
        self._connection.execute(
            insert(statement_answer).values(
                version_id=self._version_id(contract_code, month, version),
                answer=answer.answer.value,
                user_login=answer.by,
                at=answer.at,
                answered_on=answer.answered_on,
                reason=answer.reason,
                payment_due=answer.payment_due,
            )
        )

    def payments(self, contract_code: str, month: Month) -> list[PaymentRecord]:
        query = (
            select(statement_payment, statement_version.c.version)
            .join(statement_version, statement_version.c.id == statement_payment.c.version_id)
            .where(statement_payment.c.statement_id == self._statement_id(contract_code, month))
            .order_by(statement_payment.c.paid_on, statement_payment.c.id)
        )
        return [
            PaymentRecord(
                int(row.version),
                row.paid_on,
                Money(int(row.amount_fen)),
                row.recorded_at,
                row.recorded_by,
            )
            for row in self._connection.execute(query)
        ]

    def add_payment(self, contract_code: str, month: Month, payment: PaymentRecord) -> None:
        self._connection.execute(
            insert(statement_payment).values(
                statement_id=self._statement_id(contract_code, month),
                version_id=self._version_id(contract_code, month, payment.version),
                paid_on=payment.paid_on,
                amount_fen=payment.amount.fen,
                recorded_at=payment.recorded_at,
                recorded_by=payment.recorded_by,
            )
        )


def _copy_data(version_id: int, first: int, batch: pa.RecordBatch) -> bytes | memoryview:
    """A batch of lines as binary COPY data for statement_line (copy_binary.py)."""
    count = len(batch)
    columns: list[Any] = [version_id, np.arange(first, first + count, dtype=np.int64)]
    columns.append(batch.column("line_id"))
    columns += [batch.column(name) for name in LINE_FIELDS]
    return binary_copy_data(statement_line, _LINE_COLUMNS, columns, count)


def _sqlite_moments(values: pa.Array) -> list[str]:
    """Microseconds since 1970 UTC as the text SQLite keeps (types.UtcDateTime: naive UTC)."""
    moments = np.asarray(values.to_numpy(zero_copy_only=False), dtype=np.int64)
    texts = np.datetime_as_string(moments.astype("datetime64[us]"), unit="us")
    return [text.replace("T", " ") for text in texts.tolist()]
