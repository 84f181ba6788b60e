"""The dashboard's obligations and overview are worked out once until the database changes
(issue 22, point 5): every unit of work that writes raises the change counter in its own
transaction; what was kept under the old counter is never shown after a write.

The world is test_dashboard_tiles'. On 10 November 2026 (Beijing): chando's October statement
is due today, pechoin's September statement was due 12 October and is not issued (overdue)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import event, text

from daiyun.bootstrap import Daiyun
from tests.integration.cli_runner import run_daiyun
from tests.integration.test_dashboard_tiles import _tile, _world
from tests.integration.web_world import log_in


def _counter(app: Daiyun) -> int | None:
    with app.read_unit_of_work() as uow:
        return uow.data_changes.current()


def test_only_a_committed_write_raises_the_counter(daiyun_app: Daiyun) -> None:
    before = _counter(daiyun_app)
    assert before is not None
    with daiyun_app.read_unit_of_work() as uow:
        uow.brands.list_all()
        uow.commit()  # a read-only unit of work commits nothing
    assert _counter(daiyun_app) == before
    with daiyun_app.unit_of_work() as uow:
        uow.brands.list_all()  # left without commit: rolled back
    assert _counter(daiyun_app) == before
    with daiyun_app.unit_of_work() as uow:
        uow.brands.list_all()
        uow.commit()
    assert _counter(daiyun_app) == before + 1
    # Two writers, one after the other: one more each (the counter is read in their own
    # transaction, not remembered by a process).
    for _ in range(2):
        with daiyun_app.unit_of_work() as uow:
            uow.commit()
    assert _counter(daiyun_app) == before + 3


def _statements_run(app: Daiyun, work: object) -> int:
    seen: list[str] = []

    def count(*args: object) -> None:
        seen.append(str(args[2]))

    event.listen(app.engine, "before_cursor_execute", count)
    try:
        assert callable(work)
        work()
    finally:
        event.remove(app.engine, "before_cursor_execute", count)
    return len(seen)


def test_the_dashboard_keeps_its_obligations_until_a_write_changes_them(
    daiyun_app: Daiyun, database_url: str, tmp_path: Path
) -> None:
    world = _world(daiyun_app, database_url, tmp_path)
    admin = world.client()
    log_in(admin, "admin")
    first = _statements_run(daiyun_app, lambda: admin.get("/"))
    page = admin.get("/").text
    assert _tile(page, "overdue")[:2] == ("逾期未办", "1")
    assert "百雀羚 2026年9月对账单" in _tile(page, "overdue")[2]
    # Read again with nothing written: the duties and the overview are not worked out again —
    # every area's duties (6 sources) and every contract's terms are not read.
    again = _statements_run(daiyun_app, lambda: admin.get("/"))
    assert again <= first - 10, (first, again)
    # pechoin's September statement drafted and issued (by the command line: another process,
    # as a second web process or a worker would be): the overdue duty is done at once.
    on = ("--contract", "PECHOIN-2026", "--month", "2026-09", "--at", "2026-11-10T10:00:00+08:00")
    for command in ("draft", "issue"):
        done = run_daiyun(database_url, "statement", command, *on)
        assert done.exit_code == 0, done.stderr
    page = admin.get("/").text
    assert _tile(page, "overdue")[:2] == ("逾期未办", "0")
    assert "百雀羚 2026年9月对账单" not in _tile(page, "overdue")[2]
    # The same list as worked out without anything kept.
    fresh = world.client()
    log_in(fresh, "admin")
    daiyun_app.kept_obligations.clear()
    daiyun_app.kept_overviews.clear()
    assert _tile(fresh.get("/").text, "overdue")[:2] == ("逾期未办", "0")


@pytest.mark.parametrize("table", ["data_change"])
def test_a_database_without_the_counter_keeps_nothing(
    daiyun_app: Daiyun, database_url: str, tmp_path: Path, table: str
) -> None:
    """Its row gone (a database restored without it, say): every visit works it all out."""
    world = _world(daiyun_app, database_url, tmp_path)
    with daiyun_app.engine.begin() as connection:
        connection.execute(text(f"DELETE FROM {table}"))
    admin = world.client()
    log_in(admin, "admin")
    first = _statements_run(daiyun_app, lambda: admin.get("/"))
    again = _statements_run(daiyun_app, lambda: admin.get("/"))
    assert again == first
