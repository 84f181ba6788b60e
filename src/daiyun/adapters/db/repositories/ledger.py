"""The brand ledger in the database: entries by natural key, only ever inserted."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, insert, select

from daiyun.adapters.db.ledger_tables import ledger_entry, ledger_posting
from daiyun.adapters.db.repositories.brands import brand_id
from daiyun.adapters.db.tables import brand
from daiyun.domain.ledger import Account, EntryKind, JournalEntry, Posting
from daiyun.domain.money import Money

__all__ = ["SqlLedger"]


class SqlLedger:
    """Posts journal entries; the database refuses edits, deletions and a second post of a key."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def has(self, key: str) -> bool:
        found = self._connection.execute(
            select(ledger_entry.c.id).where(ledger_entry.c.key == key)
        ).first()
        return found is not None

    def post(self, entry: JournalEntry, at: datetime) -> None:
        entry_id = self._connection.execute(
            insert(ledger_entry)
            .values(
                key=entry.key,
                brand_id=brand_id(self._connection, entry.brand),
                booked_on=entry.booked_on,
                kind=entry.kind.value,
                memo=entry.memo,
                reverses_key=entry.reverses,
                posted_at=at,
            )
            .returning(ledger_entry.c.id)
        ).scalar_one()
        self._connection.execute(
            insert(ledger_posting),
            [
                {"entry_id": entry_id, "account": p.account.value, "amount_fen": p.amount.fen}
                for p in entry.postings
            ],
        )

    def entries(self, brand_code: str) -> list[JournalEntry]:
        query = (
            select(ledger_entry, ledger_posting.c.account, ledger_posting.c.amount_fen)
            .join(brand, brand.c.id == ledger_entry.c.brand_id)
            .join(ledger_posting, ledger_posting.c.entry_id == ledger_entry.c.id)
            .where(brand.c.code == brand_code)
            .order_by(ledger_entry.c.id)
        )
        heads: dict[int, Row[Any]] = {}
        postings: dict[int, list[Posting]] = defaultdict(list)
        for row in self._connection.execute(query):
            heads.setdefault(row.id, row)
            postings[row.id].append(Posting(Account(row.account), Money(row.amount_fen)))
        order = {account: index for index, account in enumerate(Account)}
        return [
            JournalEntry(
                key=row.key,
                brand=brand_code,
                booked_on=row.booked_on,
                kind=EntryKind(row.kind),
                postings=tuple(sorted(postings[entry_id], key=lambda p: order[p.account])),
                memo=row.memo,
                reverses=row.reverses_key,
            )
            for entry_id, row in heads.items()
        ]
