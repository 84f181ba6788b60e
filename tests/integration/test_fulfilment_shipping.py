"""`daiyun shipping breaches` and `on-time` on SQLite and PostgreSQL (R-F2, R-F6): the JSON of
interfaces.md, the SLA's edges, digital goods, orders paid at a month's edges."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.integration.cli_runner import run_daiyun
from tests.integration.fulfilment_world import (
    CARD,
    STORE,
    add_digital_card,
    import_orders,
    line,
)

AT = "2026-11-02T12:30:00+08:00"


@pytest.fixture
def orders(chando_store: str, tmp_path: Path) -> str:
    add_digital_card(chando_store, tmp_path)
    rows = [
        # Paid 10-05 09:00, ship by 10-08 09:00: shipped at 09:00:00 sharp → on time.
        line("S1", paid_at="2026-10-05 09:00:00", status="shipped",
             shipped_at="2026-10-08 09:00:00"),
        # One second past ship-by → 1 hour late.
        line("S2", paid_at="2026-10-05 09:00:00", status="shipped",
             shipped_at="2026-10-08 09:00:01"),
        # Paid 10-30 10:00, ship by 11-02 10:00; unshipped at 11-02 12:30 → 2.5 h → 3, open.
        line("S3", paid_at="2026-10-30 10:00:00"),
        # Digital goods, never shipped: no SLA (R-F6).
        line("S4", sku=CARD, units=1, paid_at="2026-10-06 10:00:00"),
        # 23:59:59 on 09-30 is September's; 23:59:59 on 10-31 October's; 00:00 on 11-01
        # November's — Beijing time.
        line("S5", paid_at="2026-09-30 23:59:59"),
        line("S6", paid_at="2026-10-31 23:59:59"),
        line("S7", paid_at="2026-11-01 00:00:00"),
    ]  # fmt: skip
    import_orders(chando_store, tmp_path, rows, "2026-11-02T12:00:00+08:00")
    return chando_store


def _breaches(database_url: str, month: str, at: str = AT) -> Any:
    result = run_daiyun(
        database_url, "shipping", "breaches", "--store", STORE, "--month", month, "--at", at,
        "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return result.json()


def test_the_months_breaches_as_interfaces_md_gives_them(orders: str) -> None:
    assert _breaches(orders, "2026-10") == {
        "store": STORE,
        "month": "2026-10",
        "breaches": [
            {
                "order_no": "S2",
                "paid_at": "2026-10-05T09:00:00+08:00",
                "ship_by": "2026-10-08T09:00:00+08:00",
                "shipped_at": "2026-10-08T09:00:01+08:00",
                "hours_late": 1,
                "open": False,
            },
            {
                "order_no": "S3",
                "paid_at": "2026-10-30T10:00:00+08:00",
                "ship_by": "2026-11-02T10:00:00+08:00",
                "shipped_at": None,
                "hours_late": 3,
                "open": True,
            },
        ],
    }


def test_orders_paid_at_a_months_edge_are_judged_in_their_month(orders: str) -> None:
    # S5 (09-30 23:59:59) is September's: unshipped, ship by 10-03 23:59:59; at 11-02 12:30 it
    # is 29 days 12 h 30 min 1 s late = 708 h 30 min 1 s → 709 hours.
    september = _breaches(orders, "2026-09")["breaches"]
    assert [(b["order_no"], b["hours_late"], b["open"]) for b in september] == [("S5", 709, True)]
    # S6 (10-31 23:59:59) is October's: ship by 11-03 23:59:59, not late at 11-02 12:30; one
    # second past its ship-by it is 1 hour late, open.
    later = _breaches(orders, "2026-10", "2026-11-04T00:00:00+08:00")["breaches"]
    assert [(b["order_no"], b["hours_late"]) for b in later if b["order_no"] == "S6"] == [("S6", 1)]
    # S7 (11-01 00:00) is November's: not yet late at 11-02 12:30.
    assert _breaches(orders, "2026-11")["breaches"] == []


def test_the_on_time_rate_of_the_month(orders: str) -> None:
    result = run_daiyun(
        orders, "shipping", "on-time", "--store", STORE, "--month", "2026-10", "--at", AT,
        "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    # Paid in October by 11-02 12:30: S1, S2, S3, S4, S6. S4 digital; S6 within its hours;
    # judged S1 (on time), S2 and S3 (late): 1 ÷ 3 = 0.3333.
    assert result.json() == {
        "store": STORE, "month": "2026-10", "as_of": AT, "sla_hours": 72, "orders": 5,
        "digital": 1, "pending": 1, "unknown": 0, "judged": 3, "on_time": 1, "late": 2,
        "on_time_rate": "0.3333",
    }  # fmt: skip


def test_an_unknown_store_or_month_is_bad_input(orders: str) -> None:
    unknown = run_daiyun(orders, "shipping", "breaches", "--store", "nope", "--month", "2026-10")
    assert unknown.exit_code == 2 and "no store with code 'nope'" in unknown.stderr
    month = run_daiyun(orders, "shipping", "breaches", "--store", STORE, "--month", "2026-13")
    assert month.exit_code == 2
