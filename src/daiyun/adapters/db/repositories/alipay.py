"""A store's Alipay account, its statement lines by 账务流水号, and the files imported (R-X1)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select

from daiyun.adapters.db.alipay_tables import alipay_account, alipay_entry, alipay_file
from daiyun.adapters.db.matching import IN_CHUNK, one_of
from daiyun.adapters.db.tables import store
from daiyun.domain.calendar import SHANGHAI
from daiyun.domain.money import Money
from daiyun.domain.reconciliation import AlipayEntry, ImportedStatement

__all__ = ["SqlAlipayRepository", "entry_of_row"]

# The second key of the PostgreSQL advisory lock a statement import holds on its store (the
# order import holds the one-key lock on the store's id).
_LOCK_SPACE = 17


class SqlAlipayRepository:
    """Alipay lines by (store, 账务流水号); the account recorded once per store."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._store_ids: dict[str, int] = {}
        self._custom_plans = False

    def _store_id(self, store_code: str) -> int:
        if store_code not in self._store_ids:
            found = self._connection.execute(
                select(store.c.id).where(store.c.code == store_code)
            ).scalar_one()
            self._store_ids[store_code] = int(found)
        return self._store_ids[store_code]

    def lock(self, store_code: str) -> None:
        # SQLite's BEGIN IMMEDIATE already gives the whole database to one writer.
        store_id = self._store_id(store_code)
        if self._connection.dialect.name == "postgresql":
            self._connection.exec_driver_sql(
                f"SELECT pg_advisory_xact_lock({_LOCK_SPACE}, {int(store_id)})"
            )

    def account_of(self, store_code: str) -> str | None:
        query = select(alipay_account.c.account).where(
            alipay_account.c.store_id == self._store_id(store_code)
        )
        found = self._connection.execute(query).scalar_one_or_none()
        return None if found is None else str(found)

    def store_of_account(self, account: str) -> str | None:
        query = (
            select(store.c.code)
            .join(alipay_account, alipay_account.c.store_id == store.c.id)
            .where(alipay_account.c.account == account)
        )
        found = self._connection.execute(query).scalar_one_or_none()
        return None if found is None else str(found)

    def record_account(self, store_code: str, account: str, at: datetime, actor: str) -> None:
        self._connection.execute(
            insert(alipay_account).values(
                store_id=self._store_id(store_code),
                account=account,
                recorded_at=at,
                recorded_by=actor,
            )
        )

    def stored(self, store_code: str, entry_nos: Sequence[str]) -> dict[str, AlipayEntry]:
        store_id = self._store_id(store_code)
        self._plan_each_lookup()
        found: dict[str, AlipayEntry] = {}
        unique = list(dict.fromkeys(entry_nos))
        for start in range(0, len(unique), IN_CHUNK):
            rows = self._connection.execute(
                select(alipay_entry).where(
                    alipay_entry.c.store_id == store_id,
                    one_of(
                        self._connection, alipay_entry.c.entry_no, unique[start : start + IN_CHUNK]
                    ),
                )
            )
            for row in rows:
                found[row.entry_no] = entry_of_row(row)
        return found

    def _plan_each_lookup(self) -> None:
        """On PostgreSQL, plan each batch's lookup for the table as it is now, for the rest of
        this transaction. psycopg prepares a statement run five times, and PostgreSQL then keeps
        a generic plan made while the store's lines were few — a scan of every line stored so
        far, each checked against the batch's 2,000 numbers — while this very import adds tens
        of thousands: a 51,547-line statement took 35.5 s, 29.7 s of it in these lookups, and
        4.8 s planned each time (issue 22's Double-11 day: 1.28M lines in 508 s)."""
        if self._custom_plans or self._connection.dialect.name != "postgresql":
            return
        self._connection.execute(
            select(func.set_config("plan_cache_mode", "force_custom_plan", True))
        )
        self._custom_plans = True

    def add(self, store_code: str, entries: Sequence[AlipayEntry], at: datetime) -> None:
        if not entries:
            return
        store_id = self._store_id(store_code)
        self._connection.execute(
            insert(alipay_entry), [_row_of(store_id, entry, at) for entry in entries]
        )

    def knows_file(self, store_code: str, sha256: str) -> bool:
        query = select(alipay_file.c.id).where(
            alipay_file.c.store_id == self._store_id(store_code), alipay_file.c.sha256 == sha256
        )
        return self._connection.execute(query).first() is not None

    def record_file(self, store_code: str, imported: ImportedStatement) -> None:
        self._connection.execute(
            insert(alipay_file).values(
                store_id=self._store_id(store_code),
                sha256=imported.sha256,
                name=imported.name[:200],
                account=imported.account,
                imported_at=imported.imported_at,
                actor=imported.actor,
                entries_new=imported.entries_new,
                entries_unchanged=imported.entries_unchanged,
            )
        )


def _row_of(store_id: int, entry: AlipayEntry, at: datetime) -> dict[str, Any]:
    charge = entry.charge
    return {
        "store_id": store_id,
        "entry_no": entry.entry_no,
        "business_no": entry.business_no,
        "merchant_order_no": entry.merchant_order_no,
        "item_name": entry.item_name,
        "occurred_at": entry.occurred_at,
        "income_fen": entry.income.fen,
        "expense_fen": entry.expense.fen,
        "balance_fen": None if entry.balance is None else entry.balance.fen,
        "channel": entry.channel,
        "business_type": entry.business_type,
        "remark": entry.remark,
        "order_no": entry.order_no,
        "charge_kind": None if charge is None else charge.kind.value,
        "imported_at": at,
    }


def entry_of_row(row: Any) -> AlipayEntry:
    return AlipayEntry(
        entry_no=row.entry_no,
        business_no=row.business_no,
        merchant_order_no=row.merchant_order_no,
        item_name=row.item_name,
        occurred_at=row.occurred_at.astimezone(SHANGHAI),
        income=Money(int(row.income_fen)),
        expense=Money(int(row.expense_fen)),
        balance=None if row.balance_fen is None else Money(int(row.balance_fen)),
        channel=row.channel,
        business_type=row.business_type,
        remark=row.remark,
    )
