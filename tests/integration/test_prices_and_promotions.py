"""Listings, promotions and ad spend through the commands, on SQLite and PostgreSQL (issue 6).

chando (tests/builders.py): markup cap 10%; CD-CREAM-50 guide 139.00 from 2026-01-01, so the
highest price within the cap is 139.00 × 1.10 = 152.90 (R-P3). Times are Beijing time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from daiyun.bootstrap import Daiyun
from tests.builders import write_catalog_csv
from tests.integration.cli_runner import CliResult, run_daiyun
from tests.integration.snapshots import database_snapshot

STORE = "chando-tmall"
# 双11 in Beijing time, half-open: [2026-11-11 00:00, 2026-11-12 00:00).
WINDOW = ("--start", "2026-11-11T00:00:00", "--end", "2026-11-12T00:00:00")


def ok(result: CliResult) -> Any:
    """The JSON of a command that succeeded."""
    assert result.exit_code == 0, result.stderr
    return result.json()


def set_price(database_url: str, price: str, at: str, sku: str = "CD-CREAM-50") -> CliResult:
    """`daiyun listing set-price` at chando's Tmall store."""
    return run_daiyun(
        database_url, "listing", "set-price", "--store", STORE, "--sku", sku,
        "--price", price, "--at", at, "--json",
    )  # fmt: skip


def add_user(database_url: str, login: str, role: str, brand: str | None = "chando") -> None:
    """A user of `role` (brand roles with their brand)."""
    extra = ("--brand", brand) if brand else ()
    result = run_daiyun(database_url, "user", "add", "--login", login, "--role", role, *extra)
    assert result.exit_code == 0, result.stderr


def promotion(database_url: str, action: str, *extra: str) -> CliResult:
    """`daiyun promotion ACTION --brand chando --code DOUBLE11 … --json`."""
    return run_daiyun(
        database_url, "promotion", action, "--brand", "chando", "--code", "DOUBLE11",
        *extra, "--json",
    )  # fmt: skip


def draft(database_url: str, price: str, at: str = "2026-11-01T10:00:00") -> CliResult:
    """The operator drafts 双11: CD-CREAM-50 at `price`, brand-funded, budget 20,000.00."""
    return promotion(
        database_url, "draft", "--name", "双11 面霜直降", "--store", STORE,
        "--price", f"CD-CREAM-50={price}", *WINDOW, "--budget", "20000.00",
        "--funded-by", "brand", "--by", "ops.wang", "--at", at,
    )  # fmt: skip


@pytest.fixture
def team(chando_store: str) -> str:
    """chando's store with an operator, the brand's admin and its finance user."""
    add_user(chando_store, "ops.wang", "store_operations", None)
    add_user(chando_store, "chando-admin", "brand_admin")
    add_user(chando_store, "chando-finance", "brand_finance")
    return chando_store


def test_the_guide_price_and_exactly_the_cap_are_accepted(chando_store: str) -> None:
    first = ok(set_price(chando_store, "139.00", "2026-11-02T10:00:00"))
    assert (first["price"], first["previous"], first["guide_price"]) == ("139.00", None, "139.00")
    second = ok(set_price(chando_store, "152.90", "2026-11-02T11:00:00"))
    assert (second["price"], second["previous"]) == ("152.90", "139.00")


@pytest.mark.parametrize(
    ("price", "message"),
    [
        (
            "152.91",
            "R-P3: ¥152.91 is above the markup cap: guide price ¥139.00 + 10% allows at most"
            " ¥152.90",
        ),
        (
            "138.99",
            "R-P2: ¥138.99 is below the guide price ¥139.00 (cap ¥152.90) and no approved"
            " promotion covers this listing now",
        ),
    ],
)
def test_a_price_outside_floor_or_cap_is_refused_naming_both_and_changes_nothing(
    daiyun_app: Daiyun, chando_store: str, price: str, message: str
) -> None:
    ok(set_price(chando_store, "145.00", "2026-11-02T10:00:00"))
    before = database_snapshot(daiyun_app.engine)
    refused = set_price(chando_store, price, "2026-11-02T11:00:00")
    assert refused.exit_code == 1
    assert f"listing chando-tmall CD-CREAM-50: {message}" in " ".join(refused.stderr.split())
    assert database_snapshot(daiyun_app.engine) == before


def test_an_unknown_sku_is_bad_input_and_changes_nothing(
    daiyun_app: Daiyun, chando_store: str
) -> None:
    before = database_snapshot(daiyun_app.engine)
    refused = set_price(chando_store, "10.00", "2026-11-02T10:00:00", sku="NOPE")
    assert refused.exit_code == 2
    assert "no SKU 'NOPE' in brand chando's catalogue" in refused.stderr
    assert database_snapshot(daiyun_app.engine) == before


def test_an_approved_promotion_allows_its_price_inside_its_window_only(team: str) -> None:
    drafted = ok(draft(team, "119.00"))
    assert (drafted["version"], drafted["status"]) == (1, "draft")
    # Submitted but not approved: it allows nothing (R-P4).
    ok(promotion(team, "submit", "--by", "ops.wang", "--at", "2026-11-01T11:00:00"))
    assert set_price(team, "119.00", "2026-11-11T12:00:00").exit_code == 1
    approval = ok(
        promotion(
            team, "approve", "--version", "1", "--by", "chando-admin",
            "--at", "2026-11-02T09:00:00",
        )
    )  # fmt: skip
    assert (approval["approved"], approval["by"], approval["fingerprint"]) == (
        True, "chando-admin", drafted["fingerprint"],
    )  # fmt: skip
    # Half-open window, Beijing time: its first and last moments allow 119.00 …
    at_start = ok(set_price(team, "119.00", "2026-11-11T00:00:00"))
    assert at_start["promotion"] == {"code": "DOUBLE11", "version": 1}
    ok(set_price(team, "119.00", "2026-11-11T23:59:59"))
    # … but not a fen below the approved price, nor a minute after the end or before the start.
    assert set_price(team, "118.99", "2026-11-11T12:00:00").exit_code == 1
    after_end = set_price(team, "119.00", "2026-11-12T00:01:00")
    assert after_end.exit_code == 1 and "below the guide price" in after_end.stderr
    assert set_price(team, "119.00", "2026-11-10T23:59:00").exit_code == 1


def test_approval_of_version_1_does_not_cover_an_edited_version_2(
    daiyun_app: Daiyun, team: str
) -> None:
    ok(draft(team, "119.00"))
    ok(promotion(team, "submit", "--by", "ops.wang", "--at", "2026-11-01T11:00:00"))
    ok(promotion(team, "approve", "--version", "1", "--by", "chando-admin"))
    edited = ok(draft(team, "109.00", at="2026-11-03T10:00:00"))
    assert (edited["version"], edited["status"]) == (2, "draft")
    # R-C7: version 2 has no approval: neither its price nor version 1's is allowed now.
    assert set_price(team, "109.00", "2026-11-11T12:00:00").exit_code == 1
    assert set_price(team, "119.00", "2026-11-11T12:00:00").exit_code == 1
    ok(promotion(team, "submit", "--by", "ops.wang"))
    before = database_snapshot(daiyun_app.engine)
    stale = promotion(team, "approve", "--version", "1", "--by", "chando-admin")
    assert stale.exit_code == 1
    assert "promotion DOUBLE11 is at version 2, not 1" in stale.stderr
    assert database_snapshot(daiyun_app.engine) == before
    ok(promotion(team, "approve", "--version", "2", "--by", "chando-admin"))
    assert ok(set_price(team, "109.00", "2026-11-11T12:00:00"))["promotion"]["version"] == 2


@pytest.mark.parametrize(
    ("action", "login", "exit_code", "message"),
    [
        ("approve", "chando-finance", 1, "(brand_finance) may not approve promotions"),
        ("approve", "ops.wang", 1, "(store_operations) may not approve promotions"),
        # R-D2: to another brand's admin the plan does not exist (exit 2, as an unknown code).
        ("approve", "pechoin-admin", 2, "no promotion 'DOUBLE11' of brand 'chando'"),
        ("submit", "chando-admin", 1, "(brand_admin) may not draft promotions"),
    ],
)
def test_only_the_right_roles_answer_or_submit_and_a_refusal_changes_nothing(
    daiyun_app: Daiyun,
    team: str,
    tmp_path: Path,
    action: str,
    login: str,
    exit_code: int,
    message: str,
) -> None:
    other = tmp_path / "pechoin.toml"
    from tests.builders import contract_toml

    other.write_text(
        contract_toml()
        .replace("chando", "pechoin")
        .replace("CHANDO", "PECHOIN")
        .replace("自然堂", "百雀羚"),
        encoding="utf-8",
    )
    assert run_daiyun(team, "contract", "load", str(other)).exit_code == 0
    add_user(team, "pechoin-admin", "brand_admin", "pechoin")
    ok(draft(team, "119.00"))
    if action == "approve":
        ok(promotion(team, "submit", "--by", "ops.wang"))
    before = database_snapshot(daiyun_app.engine)
    extra = ("--version", "1") if action == "approve" else ()
    refused = promotion(team, action, *extra, "--by", login)
    assert refused.exit_code == exit_code
    assert message in " ".join(refused.stderr.split())
    assert database_snapshot(daiyun_app.engine) == before


def test_a_guide_price_raise_makes_a_repricing_task_until_the_listing_is_fixed(
    chando_store: str, tmp_path: Path
) -> None:
    ok(set_price(chando_store, "139.00", "2026-11-02T10:00:00"))
    # R-P5: the brand raises 面霜 to 149.00 from Fri 27 Nov 2026; the listing at 139.00 is now
    # below the floor; due the next working day, Mon 30 Nov. Cap: 149.00 × 1.10 = 163.90.
    catalogue = write_catalog_csv(
        tmp_path / "raise.csv",
        [("CD-CREAM-50", "雪域精粹纯粹滋润霜50g", "面霜", "149.00", "2026-11-27 09:00")],
    )
    imported = ok(
        run_daiyun(
            chando_store, "catalog", "import", "--brand", "chando", "--at",
            "2026-11-27T09:00:00", "--json", str(catalogue),
        )
    )  # fmt: skip
    assert imported["repricing_tasks"] == 1
    tasks = ok(run_daiyun(chando_store, "listing", "tasks", "--json"))["tasks"]
    fields = ("store", "rule", "guide_price", "highest_price", "due_on")
    assert [tuple(task[name] for name in fields) for task in tasks] == [
        ("chando-tmall", "R-P2", "149.00", "163.90", "2026-11-30")
    ]
    fixed = ok(set_price(chando_store, "149.00", "2026-11-27T15:00:00"))
    assert fixed["tasks_resolved"] == 1
    assert ok(run_daiyun(chando_store, "listing", "tasks", "--json"))["tasks"] == []


def test_ad_spend_is_shown_against_the_budget_band(chando_store: str, tmp_path: Path) -> None:
    from tests.builders import daiyun_order_row, write_daiyun_orders

    # October sales at chando-tmall: 278.00 paid (2 × 139.00) + 10.00 shipping, which is
    # excluded: 278.00. Band 10–20%: 27.80 to 55.60.
    orders = write_daiyun_orders(tmp_path / "o.csv", [daiyun_order_row("1001", shipping="10.00")])
    result = run_daiyun(
        chando_store, "orders", "import", "--store", STORE, "--as-of", "2026-11-01T09:00:00+08:00",
        str(orders),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    record = ("adspend", "record", "--store", STORE, "--month", "2026-10", "--json")
    ok(run_daiyun(chando_store, *record, "--channel", "直通车", "--amount", "30.00"))
    shown = ok(run_daiyun(chando_store, *record, "--channel", "万相台", "--amount", "26.00"))
    assert shown == {
        "store": STORE, "month": "2026-10", "sales": "278.00", "budget_floor": "27.80",
        "budget_ceiling": "55.60", "spent": "56.00", "remaining": "-0.40", "standing": "above",
        "channels": {"直通车": "30.00", "万相台": "26.00"},
    }  # fmt: skip
    # Entered again, a channel's amount is replaced, not added.
    again = ok(run_daiyun(chando_store, *record, "--channel", "万相台", "--amount", "20.00"))
    assert (again["spent"], again["standing"]) == ("50.00", "within")


def _november_with_double11(team: str, tmp_path: Path) -> None:
    """双11 approved (CD-CREAM-50 at 119.00, brand-funded); two sales at 119.00 imported."""
    from tests.builders import daiyun_order_row, write_daiyun_orders

    ok(draft(team, "119.00"))
    ok(promotion(team, "submit", "--by", "ops.wang", "--at", "2026-11-01T11:00:00"))
    ok(promotion(team, "approve", "--version", "1", "--by", "chando-admin"))
    sold = {"units": "1", "unit_price": "119.00", "line_amount": "119.00", "status": "completed"}
    rows = [
        # Paid inside the 双11 window at the approved price: no violation (R-P2, R-P4).
        daiyun_order_row(
            "2001", **sold, paid_at="2026-11-11 10:00:00", shipped_at="2026-11-11 18:00:00",
            completed_at="2026-11-15 10:00:00",
        ),
        # Paid the day after the window at the same price: a violation, settled at guide.
        daiyun_order_row(
            "2002", **sold, paid_at="2026-11-12 10:00:00", shipped_at="2026-11-12 18:00:00",
            completed_at="2026-11-16 10:00:00", buyer_key="tb_buyer_2",
        ),
    ]  # fmt: skip
    orders = write_daiyun_orders(tmp_path / "november.csv", rows)
    imported = run_daiyun(
        team, "orders", "import", "--store", STORE, "--as-of", "2026-11-20T09:00:00+08:00",
        str(orders),
    )  # fmt: skip
    assert imported.exit_code == 0, imported.stderr


def test_a_brand_funded_promotion_sale_settles_at_the_promotion_price(
    team: str, tmp_path: Path
) -> None:
    _november_with_double11(team, tmp_path)
    statement = ok(
        run_daiyun(
            team, "statement", "draft", "--contract", "CHANDO-2026", "--month", "2026-11",
            "--at", "2026-12-02T10:00:00", "--json",
        )
    )  # fmt: skip
    # sales            119.00 + 119.00                       = 238.00
    # settlement value 119.00 (brand-funded promotion, R-S2) + 139.00 (guide) = 258.00
    # commission       258.00 × 5%                           =  12.90   (R-S3)
    # spread           238.00 − 258.00                       = −20.00   (R-S4)
    # platform fees    119.00 × 5% + 119.00 × 5% = 5.95 + 5.95 = 11.90   (R-S5)
    # remittance       258.00 − 12.90                        = 245.10   (R-S6)
    assert {key: statement[key] for key in (
        "sales_amount", "settlement_value", "commission", "spread", "platform_fees",
        "remittance", "price_violations",
    )} == {
        "sales_amount": "238.00", "settlement_value": "258.00", "commission": "12.90",
        "spread": "-20.00", "platform_fees": "11.90", "remittance": "245.10",
        "price_violations": 1,
    }  # fmt: skip


def test_sales_that_broke_the_floor_outside_the_promotion_are_listed_per_store(
    team: str, tmp_path: Path
) -> None:
    _november_with_double11(team, tmp_path)
    document = ok(run_daiyun(team, "listing", "violations", "--month", "2026-11", "--json"))
    # Order 2001 sold inside the approved window: excused. Order 2002 the day after:
    # 1 × 139.00 − 119.00 = 20.00 below the guide price (R-P2).
    assert [
        (v["store"], v["order_no"], v["rule"], v["gap"], v["guide_price"])
        for v in document["violations"]
    ] == [("chando-tmall", "2002", "R-P2", "20.00", "139.00")]
    other_month = run_daiyun(team, "listing", "violations", "--month", "2026-10", "--json")
    assert ok(other_month)["violations"] == []
