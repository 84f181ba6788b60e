"""R-D3: the audit log is a hash chain. Records written by the use cases chain, also when
transactions append at once; `daiyun audit verify` names the first broken link of a log edited
behind the append-only triggers' back; migration 0011 chains the records written before it."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, insert, inspect, select, text
from sqlalchemy.exc import DBAPIError

from daiyun.adapters.db.engine import make_engine
from daiyun.adapters.db.migrate import alembic_config, current_revision, head_revision
from daiyun.adapters.db.tables import audit_record, brand
from daiyun.bootstrap import Daiyun
from daiyun.domain.agency import AuditEntry
from daiyun.domain.audit_chain import GENESIS_HASH, AuditFields, record_hash
from tests.builders import beijing, write_catalog_csv
from tests.integration.cli_runner import CliResult, run_daiyun

RAISED_AT = "2026-12-01T10:00:00+08:00"


def verify(database_url: str) -> CliResult:
    return run_daiyun(database_url, "audit", "verify", "--json")


def entry(key: str, *, after: str | None = '{"status": "confirmed"}') -> AuditEntry:
    return AuditEntry(
        at=beijing("2026-11-05 10:00"),
        actor="finance",
        action="statement.confirm",
        entity="statement",
        entity_key=key,
        after=after,
    )


def chain_rows(engine: Engine) -> list[tuple[int, int, str, str]]:
    """(id, sequence, previous hash, hash) of every record, by id."""
    with engine.connect() as connection:
        query = select(
            audit_record.c.id,
            audit_record.c.sequence,
            audit_record.c.previous_hash,
            audit_record.c.hash,
        ).order_by(audit_record.c.id)
        return [
            (row.id, row.sequence, row.previous_hash, row.hash) for row in connection.execute(query)
        ]


def tamper(engine: Engine, *statements: str) -> None:
    """Edit the log as someone with the database's password could: triggers dropped first."""
    with engine.begin() as connection:
        if connection.dialect.name == "sqlite":
            connection.execute(text("DROP TRIGGER audit_record_no_update"))
            connection.execute(text("DROP TRIGGER audit_record_no_delete"))
        else:
            connection.execute(text("DROP TRIGGER audit_record_no_change ON audit_record"))
        for statement in statements:
            connection.execute(text(statement))


@pytest.fixture
def written_by_use_cases(chando_store: str, tmp_path: Path) -> list[tuple[int, str]]:
    """chando's contract and catalogue loaded, then two guide prices raised: the (id, action) of
    the audit records those use cases wrote."""
    raised = write_catalog_csv(
        tmp_path / "raised.csv",
        [
            ("CD-CREAM-50", "雪域精粹纯粹滋润霜50g", "面霜", "149.00", "2026-11-01"),
            ("CD-MASK-5", "活泉保湿面膜5片", "面膜", "62.00", "2026-11-01"),
        ],
    )
    result = run_daiyun(
        chando_store, "catalog", "import", "--brand", "chando", str(raised), "--at", RAISED_AT
    )
    assert result.exit_code == 0, result.stderr
    engine = make_engine(chando_store)
    try:
        with engine.connect() as connection:
            query = select(audit_record.c.id, audit_record.c.action).order_by(audit_record.c.id)
            return [(row.id, row.action) for row in connection.execute(query)]
    finally:
        engine.dispose()


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    made = make_engine(database_url)
    yield made
    made.dispose()


def test_records_written_by_the_use_cases_chain_from_the_genesis_value(
    written_by_use_cases: list[tuple[int, str]], database_url: str, engine: Engine
) -> None:
    assert [action for _, action in written_by_use_cases] == [
        "brand.create",
        "contract.create",
        "store.create",
        "catalog.import",
        "guide_price.add",
        "guide_price.add",
        "catalog.import",
    ]
    rows = chain_rows(engine)
    assert [sequence for _, sequence, _, _ in rows] == [1, 2, 3, 4, 5, 6, 7]
    assert [previous for _, _, previous, _ in rows] == [GENESIS_HASH] + [h for *_, h in rows[:-1]]
    result = verify(database_url)
    assert result.exit_code == 0, result.stderr
    assert result.json() == {
        "intact": True,
        "records": 7,
        "last_sequence": 7,
        "last_hash": rows[-1][3],
    }


def test_a_stored_hash_is_that_of_the_fields_as_stored(daiyun_app: Daiyun, engine: Engine) -> None:
    with daiyun_app.unit_of_work() as uow:
        # Written at 10:00:00.123456 Beijing time: microseconds and the offset survive storage.
        uow.audit.record(
            AuditEntry(
                at=beijing("2026-11-05 10:00:00.123456"),
                actor="cli:财务",
                action="user.add",
                entity="user",
                entity_key="chando-finance",
                before=None,
                after='{"角色": "brand_finance"}',
                reason="",
            )
        )
        uow.commit()
    written = AuditFields(
        1,
        beijing("2026-11-05 10:00:00.123456"),
        "cli:财务",
        "user.add",
        "user",
        "chando-finance",
        None,
        None,
        '{"角色": "brand_finance"}',
        "",
    )
    [(_, sequence, previous, digest)] = chain_rows(engine)
    assert (sequence, previous, digest) == (1, GENESIS_HASH, record_hash(written, GENESIS_HASH))


def test_an_edited_record_is_named_with_its_moment_and_action(
    written_by_use_cases: list[tuple[int, str]], database_url: str, engine: Engine
) -> None:
    price = written_by_use_cases[4][0]  # the first guide_price.add, fifth in the chain
    tamper(engine, f"""UPDATE audit_record SET "after" = '{{}}' WHERE id = {price}""")
    result = verify(database_url)
    assert result.exit_code == 1
    broken = result.json()["broken"]
    assert (broken["id"], broken["sequence"], broken["action"]) == (price, 5, "guide_price.add")
    assert broken["at"] == RAISED_AT
    assert broken["problem"] == "hash"
    assert broken["found"] == chain_rows(engine)[4][3]
    assert result.json()["records"] == 4
    said = f"audit log broken at record id {price} ({RAISED_AT}, guide_price.add sku chando/"
    assert said in result.stderr
    assert "changed after it was written" in result.stderr


def test_a_deleted_record_is_named_at_the_record_after_it(
    written_by_use_cases: list[tuple[int, str]], database_url: str, engine: Engine
) -> None:
    catalog, price = written_by_use_cases[3][0], written_by_use_cases[4][0]
    tamper(engine, f"DELETE FROM audit_record WHERE id = {catalog}")
    result = verify(database_url)
    assert result.exit_code == 1
    broken = result.json()["broken"]
    assert (broken["id"], broken["action"], broken["problem"]) == (
        price,
        "guide_price.add",
        "sequence",
    )
    assert (broken["expected"], broken["found"]) == ("4", "5")
    assert "number 4 was deleted" in result.stderr
    assert result.json()["records"] == 3


def test_records_put_in_another_order_are_named_where_the_order_changes(
    written_by_use_cases: list[tuple[int, str]], database_url: str, engine: Engine
) -> None:
    catalog, price = written_by_use_cases[3][0], written_by_use_cases[4][0]
    tamper(
        engine,
        f"UPDATE audit_record SET id = -1 WHERE id = {catalog}",
        f"UPDATE audit_record SET id = {catalog} WHERE id = {price}",
        f"UPDATE audit_record SET id = {price} WHERE id = -1",
    )
    result = verify(database_url)
    assert result.exit_code == 1
    broken = result.json()["broken"]
    # The guide price written fifth now comes fourth.
    assert (broken["id"], broken["action"], broken["problem"]) == (
        catalog,
        "guide_price.add",
        "sequence",
    )
    assert (broken["expected"], broken["found"]) == ("4", "5")


def test_an_edited_record_given_a_new_hash_is_named_at_the_record_after_it(
    written_by_use_cases: list[tuple[int, str]], database_url: str, engine: Engine
) -> None:
    # Whoever knows how the hash is made re-hashes the record they changed: the next record
    # still names the old hash.
    catalog, price = written_by_use_cases[3][0], written_by_use_cases[4][0]
    with engine.connect() as connection:
        row = connection.execute(select(audit_record).where(audit_record.c.id == catalog)).one()
    after = '{"skus_added": 200, "skus_updated": 0, "guide_prices_added": 0}'
    changed = AuditFields(
        row.sequence, row.at, row.actor, row.action, row.entity, row.entity_key, row.brand_id,
        row.before, after, row.reason,
    )  # fmt: skip
    rehashed = record_hash(changed, row.previous_hash)
    edit = f"""UPDATE audit_record SET "after" = '{after}', hash = '{rehashed}' WHERE id = """
    tamper(engine, edit + str(catalog))
    result = verify(database_url)
    assert result.exit_code == 1
    broken = result.json()["broken"]
    assert (broken["id"], broken["problem"]) == (price, "previous_hash")
    assert (broken["expected"], broken["found"]) == (rehashed, row.hash)
    assert result.json()["records"] == 4


def test_a_record_written_around_the_chain_is_named(
    written_by_use_cases: list[tuple[int, str]], database_url: str, engine: Engine
) -> None:
    if engine.dialect.name == "sqlite":
        pytest.skip("SQLite cannot drop NOT NULL without copying the table")
    # Even with NOT NULL dropped, a record inserted by hand carries no place in the chain.
    with engine.begin() as connection:
        for column in ("sequence", "previous_hash", "hash"):
            connection.execute(
                text(f"ALTER TABLE audit_record ALTER COLUMN {column} DROP NOT NULL")
            )
        connection.execute(
            insert(audit_record).values(
                at=beijing("2026-11-06 09:00"),
                actor="intruder",
                action="statement.confirm",
                entity="statement",
                entity_key="CHANDO-2026/2026-10/v1",
            )
        )
    result = verify(database_url)
    assert result.exit_code == 1
    broken = result.json()["broken"]
    assert (broken["actor"], broken["problem"]) == ("intruder", "unchained")
    assert result.json()["records"] == 7


def test_an_intact_log_leaves_verify_changing_nothing(
    written_by_use_cases: list[tuple[int, str]], database_url: str, engine: Engine
) -> None:
    before = chain_rows(engine)
    assert verify(database_url).exit_code == 0
    assert chain_rows(engine) == before


def test_a_rolled_back_record_leaves_no_gap_in_the_chain(
    daiyun_app: Daiyun, database_url: str, engine: Engine
) -> None:
    with daiyun_app.unit_of_work() as uow:
        uow.audit.record(entry("first"))
        uow.commit()
    with daiyun_app.unit_of_work() as uow:
        uow.audit.record(entry("rolled back"))  # left without commit
    with daiyun_app.unit_of_work() as uow:
        uow.audit.record(entry("second"))
        with pytest.raises(RuntimeError, match="undone"), uow.savepoint():  # noqa: PT012
            uow.audit.record(entry("undone with its savepoint"))
            raise RuntimeError("undone")
        uow.audit.record(entry("third"))
        uow.commit()
    with daiyun_app.unit_of_work() as uow:
        uow.audit.record(entry("fourth"))
        # A savepoint of the connection's own, rolled back under the audit log's feet.
        savepoint = uow.connection.begin_nested()
        uow.audit.record(entry("undone with a bare savepoint"))
        savepoint.rollback()
        uow.audit.record(entry("fifth"))
        uow.commit()
    assert [sequence for _, sequence, _, _ in chain_rows(engine)] == [1, 2, 3, 4, 5]
    assert verify(database_url).json()["records"] == 5


def test_two_transactions_appending_at_once_chain_one_after_the_other(
    daiyun_app: Daiyun, database_url: str, engine: Engine
) -> None:
    # PostgreSQL: the second waits on the append lock; SQLite: on BEGIN IMMEDIATE. Neither
    # fails, and the second chains from the first's record, not from the same one.
    finished = threading.Event()

    def second_writer() -> None:
        with daiyun_app.unit_of_work() as uow:
            uow.audit.record(entry("B"))
            uow.commit()
        finished.set()

    with daiyun_app.unit_of_work() as uow:
        uow.audit.record(entry("A"))
        writer = threading.Thread(target=second_writer)
        writer.start()
        time.sleep(0.5)
        assert not finished.is_set()  # it waits for this transaction
        uow.commit()
    writer.join(timeout=30)
    assert finished.is_set()
    with engine.connect() as connection:
        keys = connection.execute(
            select(audit_record.c.entity_key).order_by(audit_record.c.sequence)
        ).scalars()
        assert list(keys) == ["A", "B"]
    assert verify(database_url).json() == {
        "intact": True,
        "records": 2,
        "last_sequence": 2,
        "last_hash": chain_rows(engine)[-1][3],
    }


def test_many_transactions_appending_at_once_all_succeed_in_one_chain(
    daiyun_app: Daiyun, database_url: str, engine: Engine
) -> None:
    failures: list[BaseException] = []

    def writer(name: str) -> None:
        try:
            for round_ in range(5):
                with daiyun_app.unit_of_work() as uow:
                    uow.audit.record(entry(f"{name}-{round_}-a"))
                    uow.audit.record(entry(f"{name}-{round_}-b"))
                    uow.commit()
        except BaseException as error:  # reported below, in the test's thread
            failures.append(error)

    writers = [threading.Thread(target=writer, args=(f"w{n}",)) for n in range(6)]
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join(timeout=60)
    assert failures == []
    assert [sequence for _, sequence, _, _ in chain_rows(engine)] == list(range(1, 61))
    assert verify(database_url).json()["records"] == 60


def test_the_migration_chains_the_records_written_before_it_and_can_be_undone(
    daiyun_app: Daiyun, database_url: str, engine: Engine
) -> None:
    daiyun_app.engine.dispose()
    config = alembic_config(database_url)
    command.downgrade(config, "0010")
    assert not {"sequence", "previous_hash", "hash"} & _audit_columns(engine)
    written = [
        ("contract.load", 1, None, '{"code": "CHANDO-2026"}', None),
        ("guide_price.add", 1, '{"guide_price": "139.00"}', '{"guide_price": "149.00"}', ""),
        ("user.add", None, None, '{"login": "财务"}', "新同事"),
    ]
    with engine.begin() as connection:
        connection.execute(
            insert(brand).values(
                id=1,
                code="chando",
                name="自然堂",
                is_active=True,
                created_at=beijing("2026-11-01 09:00"),
            )
        )
        for minute, (action, owner, before, after, reason) in enumerate(written):
            connection.execute(
                insert(audit_record).values(
                    at=beijing(f"2026-11-05 10:0{minute}:00.25"),
                    actor="cli:admin",
                    action=action,
                    entity="contract",
                    entity_key="CHANDO-2026",
                    brand_id=owner,
                    before=before,
                    after=after,
                    reason=reason,
                )
            )
    command.upgrade(config, "head")
    previous, expected = GENESIS_HASH, []
    for sequence, (action, owner, before, after, reason) in enumerate(written, start=1):
        moment = beijing(f"2026-11-05 10:0{sequence - 1}:00.25")
        fields = AuditFields(
            sequence, moment, "cli:admin", action, "contract", "CHANDO-2026", owner, before, after,
            reason,
        )  # fmt: skip
        expected.append((sequence, previous, record_hash(fields, previous)))
        previous = expected[-1][2]
    assert [row[1:] for row in chain_rows(engine)] == expected
    assert verify(database_url).json()["records"] == 3
    # The records are append-only still, and the next one written chains on.
    _assert_append_only(engine)
    with daiyun_app.unit_of_work() as uow:
        uow.audit.record(entry("after the migration"))
        uow.commit()
    assert verify(database_url).json()["records"] == 4

    command.downgrade(config, "0010")
    assert not {"sequence", "previous_hash", "hash"} & _audit_columns(engine)
    _assert_append_only(engine)
    command.upgrade(config, "head")
    assert current_revision(database_url) == head_revision()
    assert [row[1:] for row in chain_rows(engine)[:3]] == expected
    assert verify(database_url).json()["records"] == 4


def _audit_columns(engine: Engine) -> set[str]:
    return {column["name"] for column in inspect(engine).get_columns("audit_record")}


def _assert_append_only(engine: Engine) -> None:
    for statement in ("UPDATE audit_record SET actor = 'someone else'", "DELETE FROM audit_record"):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
            connection.execute(text(statement))
