"""`GET /api/obligations` takes the filters of `daiyun obligations list` (issue 21 point 7,
R-O1) with the same meaning — status, party, kind, from, to, rule, beside as_of and brand — on
SQLite and PostgreSQL: each filtered answer is the command line's list, item for item, with
interfaces.md's keys; a bad choice or `to` before `from` is 422; a brand's people see only
their own brand's (R-D2).

The world (web_world.py): chando's CHANDO-2026 and pechoin's contract, both model A and
effective 2026-01-05; a statement is issued by the 10th of the month after (R-S6), so as of
Mon 2026-11-02 the issue duties of August, September and October fall due on 09-10, 10-10 and
11-10.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.integration.cli_runner import run_daiyun
from tests.integration.web_world import World, log_in

AS_OF = "2026-11-02"
KEYS = {"kind", "party", "subject", "brand", "due_on", "status", "done_on", "consequence", "rule"}


def _cli(world: World, *options: str) -> list[dict[str, Any]]:
    listed = run_daiyun(
        world.database_url, "obligations", "list", "--as-of", AS_OF, "--json", *options
    )
    assert listed.exit_code == 0, listed.stderr
    found: list[dict[str, Any]] = listed.json()["obligations"]
    return found


# (API query, the command line's options): the same filter each way.
SAME = [
    ({}, ()),
    ({"kind": "issue_statement", "brand": "chando", "from": "2026-09-01", "to": "2026-11-30"},
     ("--kind", "issue_statement", "--brand", "chando", "--from", "2026-09-01",
      "--to", "2026-11-30")),
    ({"party": "brand", "status": "overdue"}, ("--party", "brand", "--status", "overdue")),
    ({"status": "open", "party": "operator"}, ("--status", "open", "--party", "operator")),
    ({"status": "missed"}, ("--status", "missed")),
    ({"status": "met"}, ("--status", "met")),
    ({"rule": "r-s7"}, ("--rule", "R-S7")),
    ({"rule": "R-R1", "to": "2026-02-01"}, ("--rule", "R-R1", "--to", "2026-02-01")),
    ({"from": "2026-11-02", "to": "2026-11-02"}, ("--from", "2026-11-02", "--to", "2026-11-02")),
]  # fmt: skip


def test_each_filter_answers_what_the_command_line_lists_r_o1(world: World) -> None:
    admin = world.client()
    log_in(admin, "admin")
    for query, options in SAME:
        answer = admin.get("/api/obligations", params={"as_of": AS_OF, **query})
        assert answer.status_code == 200, (query, answer.text)
        assert answer.json() == _cli(world, *options), query
        assert all(set(each) == KEYS for each in answer.json())
    # Worked by hand: chando's statements to issue due 09-10 .. 11-30 — August's, September's
    # and October's (the 10th of the month after).
    issues = admin.get(
        "/api/obligations",
        params={"as_of": AS_OF, "kind": "issue_statement", "brand": "chando",
                "from": "2026-09-01", "to": "2026-11-30"},
    ).json()  # fmt: skip
    assert [(o["subject"], o["due_on"], o["party"]) for o in issues] == [
        ("statement CHANDO-2026 2026-08", "2026-09-10", "operator"),
        ("statement CHANDO-2026 2026-09", "2026-10-10", "operator"),
        ("statement CHANDO-2026 2026-10", "2026-11-10", "operator"),
    ]
    assert issues[-1]["status"] == "open"  # due 11-10, as of 11-02
    # Each filter narrows: every answer is within the unfiltered list, and keeps its order.
    every = admin.get("/api/obligations", params={"as_of": AS_OF}).json()
    brand_overdue = admin.get(
        "/api/obligations", params={"as_of": AS_OF, "party": "brand", "status": "overdue"}
    ).json()
    assert brand_overdue == [
        o for o in every if o["party"] == "brand" and o["status"] == "missed" and not o["done_on"]
    ]


def test_a_brands_people_filter_only_their_own_brands_duties_r_d2(world: World) -> None:
    finance = world.client()
    log_in(finance, "a-finance")
    answer = finance.get(
        "/api/obligations", params={"as_of": AS_OF, "party": "operator", "status": "open"}
    )
    assert answer.status_code == 200
    assert answer.json() == _cli(
        world, "--brand", "chando", "--party", "operator", "--status", "open"
    )
    assert answer.json() and {each["brand"] for each in answer.json()} == {"chando"}
    # Another brand's, filtered or not, is not found (R-D2).
    other = finance.get("/api/obligations", params={"brand": "pechoin", "kind": "issue_statement"})
    assert other.status_code == 404


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"status": "late"}, "status"),
        ({"party": "agency"}, "party"),
        ({"kind": "pay_everything"}, "kind"),
        ({"from": "2026-13-01"}, "from"),
        ({"from": "2026-11-30", "to": "2026-11-01"}, "to"),
        ({"rule": "R" * 21}, "rule"),
    ],
)
def test_a_bad_filter_is_422_naming_it(world: World, query: dict[str, str], field: str) -> None:
    admin = world.client()
    log_in(admin, "admin")
    answer = admin.get("/api/obligations", params={"as_of": AS_OF, **query})
    assert answer.status_code == 422
    assert field in [each["loc"][-1] for each in answer.json()["detail"]]


def test_the_filters_are_in_the_openapi_schema(world: World) -> None:
    admin = world.client()
    log_in(admin, "admin")
    schema = admin.get("/api/openapi.json").json()
    parameters = schema["paths"]["/api/obligations"]["get"]["parameters"]
    named = {each["name"]: each for each in parameters}
    assert {"as_of", "brand", "status", "party", "kind", "from", "to", "rule"} <= set(named)
    assert all(named[name].get("description") for name in ("status", "party", "kind", "from"))
