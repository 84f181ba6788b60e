"""Stockouts through the command line, on SQLite and PostgreSQL (R-F3): a listing on sale
whose SKU reaches zero on hand starts the brand's notice and replenishment days; past them a
task to take it off sale or correct its supply information, refused before then, tracked to
done; back in stock or off sale ends it; digital goods never run out (R-F6)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from daiyun.bootstrap import Daiyun
from daiyun.domain.fulfilment.stockouts import StockoutState, stockout_duties
from daiyun.domain.money import Money
from daiyun.domain.pricing.repricing import Listing, ListingStatus
from tests.integration.cli_runner import run_daiyun
from tests.integration.conftest import register_seed, seeded
from tests.integration.fulfilment_world import (
    CARD,
    CREAM,
    MASK,
    STORE,
    add_digital_card,
    import_orders,
    line,
    stock_list,
)
from tests.integration.snapshots import database_snapshot

LIST_AT = "2026-10-01T00:00:00"  # Beijing time


def _add_shop(url: str, folder: Path) -> None:
    """chando's list as of 10-01: 3 creams, 5 masks; its store lists cream, masks and the
    (digital) gift card on sale; 3 creams paid on 10-09 take the cream to zero."""
    add_digital_card(url, folder)
    listed = stock_list(folder, [(CREAM, 3, "杭州仓"), (MASK, 5, "杭州仓")])
    result = run_daiyun(url, "stock", "import", "--brand", "chando", "--at", LIST_AT, str(listed))
    assert result.exit_code == 0, result.stderr
    for sku, price in ((CREAM, "139.00"), (MASK, "59.00"), (CARD, "100.00")):
        result = run_daiyun(
            url, "listing", "set-price", "--store", STORE, "--sku", sku, "--price",
            price, "--at", LIST_AT,
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
    orders = [
        line("S1", units=3, paid_at="2026-10-09 10:00:00"),  # 3 − 3 = 0 creams
        line("S2", sku=MASK, units=1, paid_at="2026-10-09 11:00:00"),  # 5 − 1 = 4 masks
        line("S3", sku=CARD, units=1, paid_at="2026-10-09 12:00:00"),  # digital: no stock
    ]
    import_orders(url, folder, orders, "2026-10-09T20:00:00+08:00")


# Loaded once per worker and database, each test's database a copy (tests/integration/conftest.py).
_SEED_SHOP = register_seed(__name__, "shop", _add_shop, extends="chando_store")


@pytest.fixture
def shop(chando_store: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """chando's list as of 10-01: 3 creams, 5 masks; its store lists cream, masks and the
    (digital) gift card on sale; 3 creams paid on 10-09 take the cream to zero."""
    if not seeded(request, _SEED_SHOP):
        _add_shop(chando_store, tmp_path)
    return chando_store


def _check(database_url: str, at: str) -> dict[str, Any]:
    result = run_daiyun(
        database_url, "stock", "stockouts", "--brand", "chando", "--at", at, "--json"
    )
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = result.json()
    return document


def test_duties_counted_from_the_day_after() -> None:
    # Out on 10-10: notice within 1 day → 10-11; replenish within 7 days → 10-10 + 7 = 10-17.
    duties = stockout_duties(date(2026, 10, 10), 1, 7)
    assert (duties.notice_by.isoformat(), duties.replenish_by.isoformat()) == (
        "2026-10-11",
        "2026-10-17",
    )
    # Across the month's end: out on 10-28, replenish by 10-28 + 7 = 11-04.
    assert stockout_duties(date(2026, 10, 28), 1, 7).replenish_by.isoformat() == ("2026-11-04")


def test_a_stockout_from_start_to_done_worked_by_hand(
    shop: str, daiyun_app: Daiyun, tmp_path: Path
) -> None:
    # 10-10 09:00: cream on hand 3 − 3 = 0 and listed on sale → a stockout from 10-10, notice
    # by 10-11, replenish by 10-17. Masks 4 on hand; the card is digital (R-F6): neither.
    first = _check(shop, "2026-10-10T09:00:00")
    assert first == {
        "brand": "chando", "at": "2026-10-10T09:00:00+08:00", "started": 1, "ended": 0,
        "stockouts": [{
            "store": STORE, "sku": CREAM, "started_at": "2026-10-10T09:00:00+08:00",
            "started_on": "2026-10-10", "notice_by": "2026-10-11", "replenish_by": "2026-10-17",
            "state": StockoutState.NOTICE_DUE.value, "deadline": "2026-10-11",
            "ended_at": None, "done_at": None, "done_by": None, "done_note": None,
        }],
    }  # fmt: skip
    # The notice day itself is still the notice's; the day after, the replenishment's.
    assert _check(shop, "2026-10-11T23:59:59")["stockouts"][0]["state"] == "notice_due"
    again = _check(shop, "2026-10-12T00:00:00")
    assert (again["started"], len(again["stockouts"])) == (0, 1)  # the same stockout
    assert (again["stockouts"][0]["state"], again["stockouts"][0]["deadline"]) == (
        "replenish_due",
        "2026-10-17",
    )
    # On 10-17, the last day to replenish, the task is refused — naming that day — and
    # nothing changes.
    before = database_snapshot(daiyun_app)
    refused = run_daiyun(
        shop, "stock", "stockout-done", "--brand", "chando", "--sku", CREAM, "--note",
        "已下架", "--at", "2026-10-17T18:00:00",
    )  # fmt: skip
    assert refused.exit_code == 1, refused.stderr
    assert "2026-10-17" in refused.stderr and "R-F3" in refused.stderr
    assert database_snapshot(daiyun_app) == before
    # 10-18: still out past replenish_by → the task is open.
    late = _check(shop, "2026-10-18T00:00:00")
    assert late["stockouts"][0]["state"] == "task_open"
    assert late["stockouts"][0]["deadline"] == "2026-10-17"
    # An empty note is bad input: exit 2, nothing changed.
    before = database_snapshot(daiyun_app)
    empty = run_daiyun(
        shop, "stock", "stockout-done", "--brand", "chando", "--sku", CREAM, "--note", "  ",
        "--at", "2026-10-18T10:00:00",
    )  # fmt: skip
    assert empty.exit_code == 2, empty.stderr
    assert database_snapshot(daiyun_app) == before
    done = run_daiyun(
        shop, "stock", "stockout-done", "--brand", "chando", "--sku", CREAM, "--note",
        "天猫链接已下架", "--at", "2026-10-18T10:00:00", "--json",
    )  # fmt: skip
    assert done.exit_code == 0, done.stderr
    [record] = done.json()["done"]
    assert (record["state"], record["done_note"], record["done_at"]) == (
        "done",
        "天猫链接已下架",
        "2026-10-18T10:00:00+08:00",
    )
    # Still at zero on 10-19: the task is done, no new stockout starts.
    assert _check(shop, "2026-10-19T09:00:00") | {"at": None} == {
        "brand": "chando", "at": None, "started": 0, "ended": 0, "stockouts": [],
    }  # fmt: skip
    # 10-20: 2 creams received (0 + 2 = 2 on hand): the done stockout is seen back in stock;
    # 10-21: 2 more paid (2 − 2 = 0) → a new stockout from 10-22's check, replenish by 10-29.
    received = run_daiyun(
        shop, "stock", "receive", "--brand", "chando", "--sku", CREAM, "--quantity", "2",
        "--warehouse", "杭州仓", "--on", "2026-10-20",
    )  # fmt: skip
    assert received.exit_code == 0, received.stderr
    back = _check(shop, "2026-10-20T18:00:00")
    assert (back["started"], back["stockouts"]) == (0, [])
    import_orders(
        shop, tmp_path, [line("S4", units=2, paid_at="2026-10-21 10:00:00")],
        "2026-10-21T20:00:00+08:00", name="more",
    )  # fmt: skip
    anew = _check(shop, "2026-10-22T09:00:00")
    assert anew["started"] == 1
    assert [(s["started_on"], s["notice_by"], s["replenish_by"]) for s in anew["stockouts"]] == [
        ("2026-10-22", "2026-10-23", "2026-10-29")
    ]


def _off_sale(app: Daiyun, sku: str, price: int) -> None:
    with app.unit_of_work() as uow:
        uow.listings.save(
            Listing(STORE, sku, Money(price), ListingStatus.OFF_SALE),
            datetime(2026, 10, 12, tzinfo=UTC),
        )
        uow.commit()


def test_back_in_stock_ends_it(shop: str) -> None:
    assert _check(shop, "2026-10-10T09:00:00")["started"] == 1
    # Received 10 on 10-11 (0 + 10 = 10 on hand): the check that day ends it.
    received = run_daiyun(
        shop, "stock", "receive", "--brand", "chando", "--sku", CREAM, "--quantity", "10",
        "--on", "2026-10-11",
    )  # fmt: skip
    assert received.exit_code == 0, received.stderr
    ended = _check(shop, "2026-10-11T18:00:00")
    assert (ended["ended"], ended["stockouts"]) == (1, [])


def test_off_sale_ends_it_and_is_never_out(shop: str, daiyun_app: Daiyun, tmp_path: Path) -> None:
    assert _check(shop, "2026-10-10T09:00:00")["started"] == 1
    _off_sale(daiyun_app, CREAM, 13900)  # the cream taken off sale: its stockout ends
    ended = _check(shop, "2026-10-12T09:00:00")
    assert (ended["ended"], ended["stockouts"]) == (1, [])
    # Masks off sale too, then their 4 sold (4 − 4 = 0): not listed, no stockout.
    _off_sale(daiyun_app, MASK, 5900)
    import_orders(
        shop, tmp_path, [line("S5", sku=MASK, units=4, paid_at="2026-10-12 10:00:00")],
        "2026-10-12T20:00:00+08:00", name="masks",
    )  # fmt: skip
    assert _check(shop, "2026-10-13T09:00:00")["stockouts"] == []


def test_unknown_brand_and_sku(shop: str) -> None:
    unknown = run_daiyun(shop, "stock", "stockouts", "--brand", "nobody", "--json")
    assert unknown.exit_code == 2 and "nobody" in unknown.stderr
    none = run_daiyun(
        shop, "stock", "stockout-done", "--brand", "chando", "--sku", MASK, "--note", "x"
    )
    assert none.exit_code == 2 and "no open stockout" in none.stderr
