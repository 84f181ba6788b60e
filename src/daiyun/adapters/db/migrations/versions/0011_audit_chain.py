"""audit chain: each audit record carries its place, the hash of the record before it and its
own (R-D3); the records already written are chained in the order they were written

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from daiyun.adapters.db.types import Identity, UtcDateTime
from daiyun.domain.audit_chain import GENESIS_HASH, AuditFields, record_hash

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_CHAIN_COLUMNS = (
    ("sequence", sa.BigInteger()),
    ("previous_hash", sa.String(length=64)),
    ("hash", sa.String(length=64)),
)


def upgrade() -> None:
    # Filling in the hashes updates every record: the append-only triggers step aside for it,
    # inside this migration's transaction, and are put back as they were.
    _drop_append_only_triggers()
    with op.batch_alter_table("audit_record", schema=None) as batch_op:
        for name, kind in _CHAIN_COLUMNS:
            batch_op.add_column(sa.Column(name, kind, nullable=True))
    _chain_the_records_written()
    with op.batch_alter_table("audit_record", schema=None) as batch_op:
        for name, kind in _CHAIN_COLUMNS:
            batch_op.alter_column(name, existing_type=kind, nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_audit_record_sequence"), ["sequence"])
    _make_append_only()


def downgrade() -> None:
    # On SQLite dropping columns copies the table, which loses its triggers: put them back.
    _drop_append_only_triggers()
    with op.batch_alter_table("audit_record", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_audit_record_sequence"), type_="unique")
        for name, _kind in reversed(_CHAIN_COLUMNS):
            batch_op.drop_column(name)
    _make_append_only()


# The columns the hash covers, as the repository writes them (a lightweight table, so that
# later changes to tables.py cannot change what this migration reads).
_records = sa.table(
    "audit_record",
    sa.column("id", Identity),
    sa.column("at", UtcDateTime()),
    sa.column("actor", sa.String()),
    sa.column("action", sa.String()),
    sa.column("entity", sa.String()),
    sa.column("entity_key", sa.String()),
    sa.column("brand_id", Identity),
    sa.column("before", sa.Text()),
    sa.column("after", sa.Text()),
    sa.column("reason", sa.Text()),
    sa.column("sequence", sa.BigInteger()),
    sa.column("previous_hash", sa.String()),
    sa.column("hash", sa.String()),
)

_BATCH = 2_000


def _chain_the_records_written() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.select(_records).order_by(_records.c.id)).all()
    update = (
        sa.update(_records)
        .where(_records.c.id == sa.bindparam("record_id"))
        .values(
            sequence=sa.bindparam("new_sequence"),
            previous_hash=sa.bindparam("new_previous_hash"),
            hash=sa.bindparam("new_hash"),
        )
    )
    previous, chained = GENESIS_HASH, []
    for sequence, row in enumerate(rows, start=1):
        fields = AuditFields(
            sequence,
            row.at,
            row.actor,
            row.action,
            row.entity,
            row.entity_key,
            row.brand_id,
            row.before,
            row.after,
            row.reason,
        )
        digest = record_hash(fields, previous)
        chained.append(
            {
                "record_id": row.id,
                "new_sequence": sequence,
                "new_previous_hash": previous,
                "new_hash": digest,
            }
        )
        previous = digest
        if len(chained) == _BATCH:
            bind.execute(update, chained)
            chained = []
    if chained:
        bind.execute(update, chained)


# R-D3: the triggers of 0001_foundation, the same on both databases.
_REFUSAL = "audit records are append-only (R-D3)"


def _make_append_only() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_record_no_{event.lower()} BEFORE {event} ON audit_record "
                f"BEGIN SELECT RAISE(ABORT, '{_REFUSAL}'); END"
            )
        return
    # The function audit_record_refuse_change() of 0001 stays; only its triggers were dropped.
    op.execute(
        "CREATE TRIGGER audit_record_no_change BEFORE UPDATE OR DELETE ON audit_record "
        "FOR EACH ROW EXECUTE FUNCTION audit_record_refuse_change()"
    )
    op.execute(
        "CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record "
        "FOR EACH STATEMENT EXECUTE FUNCTION audit_record_refuse_change()"
    )


def _drop_append_only_triggers() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_record_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_record_no_delete")
        return
    op.execute("DROP TRIGGER IF EXISTS audit_record_no_truncate ON audit_record")
    op.execute("DROP TRIGGER IF EXISTS audit_record_no_change ON audit_record")
