"""Service outages through the command line, on SQLite and PostgreSQL (issue 21, R-B8): logged
(and in the audit log), and over the contract's `outage_notice_hours` (2 by default) noticed
to the brand — exactly 2 h is not "more than 2 hours", 2 h 1 min is."""

from __future__ import annotations

from sqlalchemy import select

from daiyun.adapters.db.tables import audit_record
from tests.integration.cli_runner import run_daiyun
from tests.integration.snapshots import database_snapshot
from tests.integration.web_world import World


def _record(database_url: str, start: str, end: str, what: str, *extra: str) -> dict[str, object]:
    result = run_daiyun(
        database_url, "outage", "record", "--brand", "chando", "--from", start, "--to", end,
        "--what", what, "--at", "2026-11-03T09:00:00", "--json", *extra,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    document: dict[str, object] = result.json()
    return document


def test_exactly_the_hours_is_not_noticed_one_minute_more_is(world: World) -> None:
    url = world.database_url
    # 10:00 -> 12:00 Beijing time: 120 min, not more than 2 h.
    exact = _record(url, "2026-11-02T10:00:00", "2026-11-02T12:00:00", "ERP 接口中断")
    assert (exact["minutes"], exact["notice_hours"], exact["noticed"]) == (120, 2, False)
    # 14:00 -> 16:01: 121 min > 120: the brand is noticed when it is recorded.
    over = _record(url, "2026-11-02T14:00:00", "2026-11-02T16:01:00", "客服系统宕机")
    assert (over["minutes"], over["noticed"], over["noticed_at"]) == (
        121, True, "2026-11-03T09:00:00+08:00",
    )  # fmt: skip
    # Across midnight with an offset: 23:30 -> 01:45 next day is 135 min.
    late = _record(url, "2026-11-04T15:30:00+00:00", "2026-11-04T17:45:00+00:00", "仓库断网")
    assert (late["minutes"], late["noticed"]) == (135, True)
    # The same outage again is the one recorded.
    again = _record(url, "2026-11-02T14:00:00", "2026-11-02T16:01:00", "客服系统宕机")
    assert (again["id"], again["new"]) == (over["id"], False)
    listed = run_daiyun(url, "outage", "list", "--brand", "chando", "--json")
    assert listed.exit_code == 0, listed.stderr
    assert [(each["id"], each["noticed"]) for each in listed.json()["outages"]] == [
        (late["id"], True), (over["id"], True), (exact["id"], False),
    ]  # fmt: skip
    # R-D3: each logged in the audit log too.
    with world.daiyun.engine.connect() as connection:
        logged = connection.execute(
            select(audit_record.c.entity_key).where(audit_record.c.action == "outage.record")
        ).scalars()
        assert sorted(logged) == sorted(str(each["id"]) for each in (exact, over, late))


def _args(start: str, end: str, what: str, brand: str = "chando") -> list[str]:
    return ["outage", "record", "--brand", brand, "--from", start, "--to", end, "--what", what]


def test_bad_outages_and_brand_people_are_refused_and_nothing_kept(world: World) -> None:
    url = world.database_url
    before = database_snapshot(world.daiyun)
    backwards = run_daiyun(url, *_args("2026-11-02T12:00:00", "2026-11-02T10:00:00", "x"))
    assert backwards.exit_code == 2 and "is not after --from" in backwards.stderr
    empty = run_daiyun(url, *_args("2026-11-02T10:00:00", "2026-11-02T13:00:00", "  "))
    assert empty.exit_code == 2 and "--what is 1 to 500 characters" in empty.stderr
    unknown = run_daiyun(url, *_args("2026-11-02T10:00:00", "2026-11-02T13:00:00", "x", "nobody"))
    assert unknown.exit_code == 2 and "no brand with code 'nobody'" in unknown.stderr
    brand = run_daiyun(
        url, *_args("2026-11-02T10:00:00", "2026-11-02T13:00:00", "x"), "--by", "a-admin"
    )
    assert brand.exit_code == 1 and "may not record outages" in brand.stderr
    assert database_snapshot(world.daiyun) == before
