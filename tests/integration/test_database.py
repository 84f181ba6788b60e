"""The database layer on SQLite and PostgreSQL: migrations, the unit of work, the audit log."""

from __future__ import annotations

from datetime import datetime

import pytest
from alembic import command
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import DBAPIError, StatementError

from daiyun.adapters.db.migrate import alembic_config, current_revision, head_revision
from daiyun.adapters.db.schema import metadata
from daiyun.adapters.db.tables import brand
from daiyun.bootstrap import Daiyun
from daiyun.domain.agency import AuditEntry, Brand
from tests.builders import beijing
from tests.integration.snapshots import database_snapshot


def test_a_fresh_database_is_at_the_newest_revision_with_every_table(
    daiyun_app: Daiyun, database_url: str
) -> None:
    assert current_revision(database_url) == head_revision()
    tables = set(inspect(daiyun_app.engine).get_table_names())
    assert {table.name for table in metadata.sorted_tables} <= tables


def test_migrations_go_down_to_nothing_and_up_again(daiyun_app: Daiyun, database_url: str) -> None:
    daiyun_app.engine.dispose()
    command.downgrade(alembic_config(database_url), "base")
    assert current_revision(database_url) is None
    assert "brand" not in inspect(daiyun_app.engine).get_table_names()
    command.upgrade(alembic_config(database_url), "head")
    assert current_revision(database_url) == head_revision()


def test_a_unit_of_work_keeps_what_it_commits(daiyun_app: Daiyun) -> None:
    with daiyun_app.unit_of_work() as uow:
        uow.brands.add(Brand("chando", "自然堂"), beijing("2026-11-05 10:00"))
        uow.commit()
    with daiyun_app.unit_of_work() as uow:
        assert uow.brands.get("chando") == Brand("chando", "自然堂")


def test_a_unit_of_work_left_without_commit_rolls_everything_back(daiyun_app: Daiyun) -> None:
    before = database_snapshot(daiyun_app)
    with daiyun_app.unit_of_work() as uow:
        uow.brands.add(Brand("chando", "自然堂"), beijing("2026-11-05 10:00"))
    assert database_snapshot(daiyun_app) == before


def test_a_unit_of_work_rolls_back_when_the_use_case_fails(daiyun_app: Daiyun) -> None:
    before = database_snapshot(daiyun_app)
    # The failure must happen inside the unit of work: that is what is tested.
    with pytest.raises(RuntimeError, match="boom"), daiyun_app.unit_of_work() as uow:  # noqa: PT012
        uow.brands.add(Brand("chando", "自然堂"), beijing("2026-11-05 10:00"))
        raise RuntimeError("boom")
    assert database_snapshot(daiyun_app) == before


def test_a_unit_of_work_commits_only_once(daiyun_app: Daiyun) -> None:
    with daiyun_app.unit_of_work() as uow:
        uow.commit()
        with pytest.raises(RuntimeError, match="commits once"):
            uow.commit()


def test_moments_are_stored_in_utc_and_read_back_aware(daiyun_app: Daiyun) -> None:
    # 2026-11-01 00:00:00 Beijing is 2026-10-31 16:00:00 UTC: the same instant either way.
    at = beijing("2026-11-01 00:00:00")
    with daiyun_app.unit_of_work() as uow:
        uow.brands.add(Brand("chando", "自然堂"), at)
        uow.commit()
    with daiyun_app.engine.connect() as connection:
        stored = connection.execute(text("SELECT created_at FROM brand")).scalar_one()
        read_back = connection.execute(select(brand.c.created_at)).scalar_one()
    assert read_back == at
    assert read_back.utcoffset() is not None
    assert "2026-10-31" in str(stored)


def test_a_naive_datetime_is_refused_and_nothing_is_stored(daiyun_app: Daiyun) -> None:
    before = database_snapshot(daiyun_app)
    naive = datetime(2026, 11, 5, 10, 0)  # noqa: DTZ001 — the point of the test
    with pytest.raises(StatementError, match="naive datetime"), daiyun_app.unit_of_work() as uow:
        uow.brands.add(Brand("chando", "自然堂"), naive)
    assert database_snapshot(daiyun_app) == before


def test_audit_records_cannot_be_edited_or_deleted_in_the_database(daiyun_app: Daiyun) -> None:
    # R-D3: the log cannot be edited through any path, SQL included.
    with daiyun_app.unit_of_work() as uow:
        uow.audit.record(
            AuditEntry(
                at=beijing("2026-11-05 10:00"),
                actor="finance",
                action="statement.confirm",
                entity="statement",
                entity_key="CHANDO-2026/2026-10/v1",
            )
        )
        uow.commit()
    before = database_snapshot(daiyun_app)
    for statement in ("UPDATE audit_record SET actor = 'someone else'", "DELETE FROM audit_record"):
        with pytest.raises(DBAPIError, match="append-only"), daiyun_app.engine.begin() as conn:
            conn.execute(text(statement))
    assert database_snapshot(daiyun_app) == before
