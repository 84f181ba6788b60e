"""`daiyun demo load`: the demo agency from the real 2016 Tmall listings, idempotent."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from daiyun.bootstrap import Daiyun
from daiyun.domain.contracts import ContractModel
from daiyun.domain.money import Money
from tests.builders import NOTICE_2027, beijing
from tests.integration.cli_runner import CliResult, run_daiyun
from tests.integration.snapshots import database_snapshot


def test_the_demo_is_22_brands_with_contracts_stores_and_skus_and_loads_once(
    daiyun_app: Daiyun, database_url: str, shared_real_data: Path
) -> None:
    listings = str(shared_real_data / "tmall_cosmetics_listings_2016.csv")
    first = run_daiyun(
        database_url,
        "demo",
        "load",
        "--listings",
        listings,
        "--at",
        "2026-01-05T09:00:00+08:00",
        "--json",
    )
    assert first.exit_code == 0, first.stderr
    assert first.json()["brands"] == 22
    assert first.json()["skus_added"] == 3497  # one SKU per distinct item id in the file

    with daiyun_app.unit_of_work() as uow:
        contracts = uow.contracts.list_all()
        stores = uow.stores.list_all()
        cream = uow.catalog.get("chando", "A18164178225")
    assert len(contracts) == 22 and len(stores) == 22
    models = {contract.model for contract in contracts}
    assert models == {ContractModel.A, ContractModel.B}
    assert all(store.platform == "tmall" for store in stores)
    # 雪域精粹纯粹滋润霜50g was listed at 139 yuan: its guide price, a 面霜.
    assert cream is not None and cream.category == "面霜"
    assert cream.guide_price_at(beijing("2026-03-01 00:00")) == Money(13900)

    before = database_snapshot(daiyun_app)
    # A later moment with nothing new falling due (still January: no month has ended since the
    # contracts took effect), given, not the clock's: a load on a later day settles the months
    # ended by then (R-S6), as test_the_demo_is_an_agency_in_good_standing shows.
    second = run_daiyun(
        database_url,
        "demo",
        "load",
        "--listings",
        listings,
        "--at",
        "2026-01-30T18:00:00+08:00",
        "--json",
    )
    assert second.exit_code == 0
    assert second.json()["skus_added"] == 0 and second.json()["users_added"] == []
    assert database_snapshot(daiyun_app) == before


def test_a_missing_listings_file_is_bad_input(database_url: str, tmp_path: Path) -> None:
    result = run_daiyun(database_url, "demo", "load", "--listings", str(tmp_path / "none.csv"))
    assert result.exit_code == 2
    assert "listings file was not found" in result.stderr


# The demo's own moment: a Monday, Beijing time. The months January to November 2026 are past.
DEMO_AT = "2026-12-07T09:00:00+08:00"
HISTORY_KEYS = (
    "statements_drafted",
    "statements_issued",
    "statements_confirmed",
    "remittances_paid",
    "penalties_paid",
    "waiting_for_calendar",
)
LATE = "statement LANCOME-2026 2026-10"


def _history(result: CliResult) -> dict[str, object]:
    assert result.exit_code == 0, result.stderr
    document = result.json()
    return {key: document[key] for key in HISTORY_KEYS}


def test_the_demo_is_an_agency_in_good_standing_with_one_late_payment_worked_out(
    daiyun_app: Daiyun, database_url: str, shared_real_data: Path, tmp_path: Path
) -> None:
    """R-S6, R-S7, R-O1: every model A statement of a past month issued, confirmed and paid on
    time, at moments of their own before --at; Lancôme's October paid 5 days late with its
    penalty; chando's from October left to the visitor; a later load carries on, and waits
    for a year's holiday notice rather than guess it."""
    listings = str(shared_real_data / "tmall_cosmetics_listings_2016.csv")
    load = ("demo", "load", "--listings", listings, "--json", "--at")

    loaded = run_daiyun(database_url, *load, DEMO_AT)

    # 16 model A contracts took effect in January 2026: 11 months past on 7 December. 15 issue
    # and confirm all 11 (165), chando stops before October (9): 174. October is the only past
    # month with orders: its 15 remittances are paid; November's fall due on 15 December and
    # are paid on the 8th, after --at. The 9 zero months of chando and the 10 of the others
    # need no payment: nothing to remit is met on confirmation.
    assert _history(loaded) == {
        "statements_drafted": 174,
        "statements_issued": 174,
        "statements_confirmed": 174,
        "remittances_paid": 15,
        "penalties_paid": 1,
        "waiting_for_calendar": [],
    }
    listed = run_daiyun(database_url, "obligations", "list", "--as-of", "2026-12-07", "--json")
    obligations = listed.json()["obligations"]
    statuses = Counter(o["status"] for o in obligations)
    # Met: 15 contracts × (10 months × 4 duties + November's issue and answer) = 630, less
    # Lancôme's October payment = 629; chando 9 months × 4 = 36; 665 in all.
    # Open: November's payment and its termination deadline, 15 × 2 = 30; chando's November
    # issue (due 10 December) = 1; 31. Missed: the two deliberate examples the README names.
    assert statuses == {"met": 665, "open": 31, "missed": 2}
    missed = [
        (o["kind"], o["subject"], o["due_on"], o["done_on"])
        for o in obligations
        if o["status"] == "missed"
    ]
    assert missed == [
        ("issue_statement", "statement CHANDO-2026 2026-10", "2026-11-10", None),
        ("pay_remittance", LATE, "2026-11-15", "2026-11-20"),
    ]
    assert {o["subject"][-7:] for o in obligations if o["status"] == "open"} == {"2026-11"}
    # R-S7: 5 days late is within 15: the brand has no termination right.
    (termination,) = [
        o for o in obligations if o["subject"] == LATE and o["kind"] == "pay_before_termination"
    ]
    assert (termination["due_on"], termination["status"]) == ("2026-11-30", "met")

    shown = run_daiyun(
        database_url, "statement", "show", "--contract", "LANCOME-2026", "--month", "2026-10",
        "--at", DEMO_AT, "--json",
    ).json()  # fmt: skip
    # R-S3: settlement value 66,695.00 × Lancôme's 5% = 3,334.75 commission; remittance
    # 66,695.00 − 3,334.75 = 63,360.25 (platform fees are the operator's, R-S5).
    assert (shown["settlement_value"], shown["commission"]) == ("66695.00", "3334.75")
    assert (shown["remittance"], shown["status"]) == ("63360.25", "settled")
    # R-S6: issued Tue 3 Nov, confirmed Thu 5 Nov; due the later of the 15th and the 3rd
    # working day after confirmation (Fri 6, Mon 9, Tue 10): Sun 15 Nov. Paid Fri 20 Nov.
    # R-S7: 20 − 15 = 5 days late, all on the whole 6,336,025 fen: 6,336,025 × 0.003 × 5 =
    # 95,040.375 fen, rounded half-up once when posted: 95,040 fen = 950.40.
    assert shown["payment_due"] == "2026-11-15"
    assert (shown["penalty_posted"], shown["penalty_paid"]) == ("950.40", "950.40")
    with daiyun_app.unit_of_work() as uow:
        late_steps = uow.audit.search(entity="statement", entity_key="LANCOME-2026/2026-10")
        steps = uow.audit.search(entity="statement", limit=10_000)
        entries = {entry.key: entry for entry in uow.ledger.entries("lancome")}
    # R-D3: each step audited at its own moment in the demo's past, by whom it fell to.
    assert sorted((entry.at, entry.actor, entry.action) for entry in late_steps) == [
        (beijing("2026-11-03 10:00"), "finance", "statement.issue"),
        (beijing("2026-11-05 11:00"), "lancome-finance", "statement.confirm"),
        (beijing("2026-11-20 14:00"), "finance", "statement.pay"),
        (beijing("2026-11-24 15:00"), "finance", "statement.pay_penalty"),
    ]
    assert max(entry.at for entry in steps) == beijing("2026-12-04 11:00")  # November's confirm
    # The penalty is posted when paid in full, and paid to the brand 2 working days later.
    posted = entries["penalty:LANCOME-2026:2026-10:v1"]
    paid = entries["penalty:LANCOME-2026:2026-10:v1:paid:2026-11-24:95040"]
    assert (posted.booked_on, paid.booked_on) == (date(2026, 11, 20), date(2026, 11, 24))

    # A second load later the same day has nothing new to do, and changes nothing.
    before = database_snapshot(daiyun_app)
    again = run_daiyun(database_url, *load, "2026-12-07T18:00:00+08:00")
    assert _history(again) == dict.fromkeys(HISTORY_KEYS[:-1], 0) | {"waiting_for_calendar": []}
    assert database_snapshot(daiyun_app) == before

    # On 5 January 2027 November is paid (8 December), but December's statement would go out
    # on the 2nd working day of January: 2027's calendar is not known, so it waits (R-O1).
    in_2027 = run_daiyun(database_url, *load, "2027-01-05T09:00:00+08:00")
    contracts = sorted({o["subject"].split()[1] for o in obligations} - {"CHANDO-2026"})
    assert _history(in_2027) == {
        "statements_drafted": 0,
        "statements_issued": 0,
        "statements_confirmed": 0,
        "remittances_paid": 15,
        "penalties_paid": 0,
        "waiting_for_calendar": [f"{contract} 2026-12" for contract in contracts],
    }
    assert "calendar for 2027-01-01 is not known" in in_2027.json()["calendar_unknown"]
    # Once the notice is recorded the next load carries on: Mon 4 and Tue 5 January are the
    # 1st and 2nd working days, so December is drafted and issued on the 5th; its confirmation
    # (the 7th) is after this load's moment.
    notice = tmp_path / "2027.toml"
    notice.write_text(NOTICE_2027, encoding="utf-8")
    assert run_daiyun(database_url, "calendar", "add", str(notice)).exit_code == 0
    carried_on = run_daiyun(database_url, *load, "2027-01-06T09:00:00+08:00")
    assert _history(carried_on) == {
        "statements_drafted": 15,
        "statements_issued": 15,
        "statements_confirmed": 0,
        "remittances_paid": 0,
        "penalties_paid": 0,
        "waiting_for_calendar": [],
    }
