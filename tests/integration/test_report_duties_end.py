"""The reports a contract owes end with the contract (R-R1 with R-C5, R-C6), on SQLite and
PostgreSQL: `report run-due` and the report duties of `daiyun obligations list` read the end
recorded by `daiyun contract end`, and the renewals worked out from the stored objections.

Two contracts of the builders' file (12 months, auto-renewing, 1 month's notice; weekly
reports due 1 day after the Sunday, monthly 3 days after the month, yearly on 10 January):

- ENDED-2026 (brand ended), effective Mon 2026-10-26, ended by agreement on `last_day`;
- RENEW-2025 (brand renew), effective Mon 2025-11-03: term 1 runs to Mon 2026-11-02, its
  notice deadline 2026-11-02 less 1 month = 2026-10-02.

A period cut by the end is owed whole (making.py `owed_periods`): the week holding the last day
has its report, due the Monday after; no week after it is owed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from daiyun.bootstrap import Daiyun
from daiyun.domain.agency import Role, User
from daiyun.services.reports.overview import report_overview
from tests.builders import contract_toml
from tests.integration.cli_runner import run_daiyun

ENDED, RENEW = "ENDED-2026", "RENEW-2025"


def _load(url: str, folder: Path, code: str, brand: str, effective: str) -> None:
    text = contract_toml(
        brand_code=brand, brand_name=f"{brand}品牌", contract_code=code,
        store_code=f"{brand}-tmall",
    ).replace("2026-01-05", effective)  # fmt: skip
    path = folder / f"{code}.toml"
    path.write_text(text, encoding="utf-8")
    loaded = run_daiyun(url, "contract", "load", str(path))
    assert loaded.exit_code == 0, loaded.stderr


def _ok(url: str, *args: str) -> Any:
    done = run_daiyun(url, *args)
    assert done.exit_code == 0, done.stderr
    return done.json() if "--json" in args else done.stderr


def _report_duties(url: str, as_of: str, code: str) -> list[tuple[str, str]]:
    """(subject's period, due day) of the contract's report duties as of `as_of`."""
    found = _ok(url, "obligations", "list", "--as-of", as_of, "--json")["obligations"]
    return sorted(
        (each["subject"].split()[-1], each["due_on"])
        for each in found
        if each["kind"] == "make_report" and each["subject"].split()[2] == code
    )


def _run_due(url: str, at: str) -> tuple[list[tuple[str, str]], int]:
    done = _ok(url, "report", "run-due", "--at", at, "--json")
    made = [(each["contract"], each["period"]) for each in done["made"]]
    return made, done["already_made"]


@pytest.mark.parametrize("last_day", ["2026-11-15", "2026-11-11"])  # a Sunday, a Wednesday
def test_an_ended_contract_owes_reports_up_to_the_period_of_its_last_day_r_r1_r_c6(
    database_url: str, daiyun_app: Daiyun, tmp_path: Path, last_day: str
) -> None:
    url = database_url
    _load(url, tmp_path, ENDED, "ended", "2026-10-26")
    _ok(
        url, "contract", "end", "--contract", ENDED, "--on", last_day, "--cause", "agreement",
        "--reason", "双方协商一致", "--at", f"{last_day}T12:00:00",
    )  # fmt: skip
    # Weeks with a day in [10-26, last day]: W44 (10-26..11-01, due 11-02), W45 (11-02..11-08,
    # due 11-09), W46 (11-09..11-15, due 11-16) — W46 holds both 11-11 and 11-15. Not W47
    # (11-16..11-22). Months: October (due 10-31 + 3 = 11-03) and November, cut by the end but
    # owed whole (due 11-30 + 3 = 12-03). The year 2026 (due 2027-01-10).
    owed = [
        ("2026", "2027-01-10"), ("2026-10", "2026-11-03"), ("2026-11", "2026-12-03"),
        ("2026-W44", "2026-11-02"), ("2026-W45", "2026-11-09"), ("2026-W46", "2026-11-16"),
    ]  # fmt: skip
    assert _report_duties(url, "2026-12-31", ENDED) == owed
    # As of 11-20 (W47 begun) the same, less nothing: W47 is not owed; the year and November
    # have begun.
    assert _report_duties(url, "2026-11-20", ENDED) == owed
    # The reports page's list (services/reports/overview.py) owes the same periods.
    overview = report_overview(
        daiyun_app.report_unit_of_work(read_only=True),
        acting=User("admin", "admin", Role.ADMIN, None),
        contract_code=ENDED,
        as_of=date(2026, 12, 31),
    )
    assert sorted((o.period.text, o.due_on.isoformat()) for o in overview.owed) == owed
    # run-due on Tue 11-17 09:00: the periods ended by Mon 11-16 — the three weeks and October.
    made, already = _run_due(url, "2026-11-17T09:00:00")
    assert (made, already) == (
        [(ENDED, "2026-W44"), (ENDED, "2026-W45"), (ENDED, "2026-W46"), (ENDED, "2026-10")], 0,
    )  # fmt: skip
    # A week later W47 has ended but is not owed: nothing made.
    assert _run_due(url, "2026-11-24T09:00:00") == ([], 4)
    # 12-01: November has ended — its report (the whole month) is made; 2027-01-01 the year's.
    assert _run_due(url, "2026-12-01T09:00:00") == ([(ENDED, "2026-11")], 4)
    assert _run_due(url, "2027-01-01T09:00:00") == ([(ENDED, "2026")], 5)
    # And nothing ever after: 2027's weeks and months are not owed.
    assert _run_due(url, "2027-03-01T09:00:00") == ([], 6)
    assert _report_duties(url, "2027-03-01", ENDED) == owed


def test_a_renewed_contract_keeps_owing_reports_and_an_objected_one_stops_r_r1_r_c5(
    database_url: str, tmp_path: Path
) -> None:
    url = database_url
    _load(url, tmp_path, RENEW, "renew", "2025-11-03")
    # No objection by 2026-10-02: term 2 (2026-11-03 .. 2027-11-02) is certain; as of Fri
    # 2026-11-20 the weeks W46 (11-09..11-15) and W47 (11-16..11-22) are owed, past term 1.
    weeks = [p for p, _ in _report_duties(url, "2026-11-20", RENEW) if "-W" in p]
    assert weeks[-3:] == ["2026-W45", "2026-W46", "2026-W47"]
    # W45 2025 (11-03..11-09) … W47 2026: 52 weeks of 2025-W45..2026-W44 and 3 more = 55.
    assert len(weeks) == 55


def test_an_objection_ends_the_reports_with_the_term_objected_to_r_r1_r_c5(
    database_url: str, tmp_path: Path
) -> None:
    url = database_url
    _load(url, tmp_path, RENEW, "renew", "2025-11-03")
    _ok(
        url, "contract", "object", "--contract", RENEW, "--by", "brand", "--on", "2026-10-02",
        "--reason", "品牌自营", "--at", "2026-10-02T18:00:00",
    )  # fmt: skip
    # Term 1 ends Mon 2026-11-02, in W45 (11-02..11-08, due 11-09): the last week owed.
    owed = _report_duties(url, "2026-12-31", RENEW)
    weeks = [period for period, _ in owed if "-W" in period]
    assert weeks[-1] == "2026-W45" and len(weeks) == 53  # 2025-W45 .. 2026-W45
    # Months: 2025-11 … 2026-11 (the last cut by the end, due 12-03), 13 of them.
    months = [(p, due) for p, due in owed if len(p) == 7]
    assert (len(months), months[-1]) == (13, ("2026-11", "2026-12-03"))
    # Years: 2025 (due 2026-01-10) and 2026 (due 2027-01-10).
    assert [(p, due) for p, due in owed if len(p) == 4] == [
        ("2025", "2026-01-10"), ("2026", "2027-01-10"),
    ]  # fmt: skip
