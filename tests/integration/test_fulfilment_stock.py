"""The brand's consigned stock through the command line, on SQLite and PostgreSQL (R-F1, R-F5,
R-F6): the list, receipts, what sold and came back, on hand, days of cover, the replenishment
list; re-imported exports counted once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from daiyun.bootstrap import Daiyun
from tests.integration.cli_runner import run_daiyun
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


@pytest.fixture
def shop(chando_store: str, tmp_path: Path) -> str:
    """chando's store with the gift card besides cream and masks, and its list as of 10-01."""
    add_digital_card(chando_store, tmp_path)
    listed = stock_list(tmp_path, [(CREAM, 100, "杭州仓"), (CREAM, 20, ""), (MASK, 5, "杭州仓")])
    result = run_daiyun(
        chando_store, "stock", "import", "--brand", "chando", "--at", LIST_AT, str(listed),
        "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.json() == {
        "brand": "chando", "as_of": "2026-10-01T00:00:00+08:00", "file": "stock.csv",
        "skus": 2, "rows": 3, "units": 125, "stored": True, "unchanged": False,
    }  # fmt: skip
    return chando_store


def _show(database_url: str, at: str) -> dict[str, dict[str, Any]]:
    result = run_daiyun(database_url, "stock", "show", "--brand", "chando", "--at", at, "--json")
    assert result.exit_code == 0, result.stderr
    return {each["sku"]: each for each in result.json()["skus"]}


ORDERS = [
    # Paid the evening before the list: in it already; sold within the last 30 days though.
    line("K1", paid_at="2026-09-30 23:00:00", status="shipped", shipped_at="2026-10-01 10:00:00"),
    # After the list: 2 creams and a mask, shipped.
    line(
        "K2", 1, paid_at="2026-10-02 10:00:00", status="shipped",
        shipped_at="2026-10-03 10:00:00",
    ),
    line(
        "K2", 2, sku=MASK, units=1, paid_at="2026-10-02 10:00:00", status="shipped",
        shipped_at="2026-10-03 10:00:00",
    ),
    # Refunded before it shipped: its 3 creams never left (not sold).
    line(
        "K3", units=3, paid_at="2026-10-03 10:00:00", status="closed", refund_units="3",
        refund_amount="417.00", refund_reason="拍错了", refunded_at="2026-10-03 12:00:00",
    ),
    # Digital goods: no stock (R-F6).
    line("K4", sku=CARD, units=1, paid_at="2026-10-04 10:00:00"),
]  # fmt: skip


def test_on_hand_and_days_of_cover_worked_by_hand(shop: str, tmp_path: Path) -> None:
    import_orders(shop, tmp_path, ORDERS, "2026-10-06T10:00:00+08:00")
    for quantity, day in ((7, "2026-10-01"), (50, "2026-10-05")):
        result = run_daiyun(
            shop, "stock", "receive", "--brand", "chando", "--sku", CREAM, "--quantity",
            str(quantity), "--warehouse", "杭州仓", "--on", day,
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
    # K2's creams come back: a return asked 10-06 (received 10-05), the goods back 10-08.
    asked = run_daiyun(
        shop, "return", "request", "--store", STORE, "--order", "K2", "--line", "1", "--kind",
        "return", "--reason", "尺寸不合适", "--received-on", "2026-10-05", "--requested-on",
        "2026-10-06",
    )  # fmt: skip
    assert asked.exit_code == 0, asked.stderr
    back = run_daiyun(
        shop, "return", "receive", "--store", STORE, "--order", "K2", "--line", "1", "--on",
        "2026-10-08", "--warehouse", "杭州仓",
    )  # fmt: skip
    assert back.exit_code == 0, back.stderr

    shown = _show(shop, "2026-10-10T12:00:00")
    # Cream: listed 100 + 20 = 120; received 50 (the 10-01 receipt is the list's own day, taken
    # to be in it); sold 2 (K2; K1 before the list, K3 never left); returned 2.
    # On hand = 120 + 50 − 2 + 2 = 170. Sold in the 30 days to 10-10 12:00: K1 2 + K2 2 = 4,
    # 4 ÷ 30 a day → 170 × 30 ÷ 4 = 1275 days of cover.
    cream = shown[CREAM]
    assert (cream["listed"], cream["received"], cream["sold"], cream["returned"]) == (120, 50, 2, 2)
    assert (cream["on_hand"], cream["sold_last_30_days"], cream["days_of_cover"]) == (170, 4, 1275)
    assert cream["warehouses"] == [
        {"warehouse": "", "listed": 20, "received": 0, "returned": 0, "lost": 0, "stocked": 20},
        {
            "warehouse": "杭州仓",
            "listed": 100,
            "received": 50,
            "returned": 2,
            "lost": 0,
            "stocked": 152,
        },
    ]
    # Mask: 5 − 1 = 4; 1 sold in 30 days → 4 × 30 ÷ 1 = 120 days.
    mask = shown[MASK]
    assert (mask["on_hand"], mask["sold_last_30_days"], mask["days_of_cover"]) == (4, 1, 120)
    assert CARD not in shown  # digital goods have no stock (R-F6)

    # The replenishment list for 300 days of cover: cream 4 × 300 ÷ 30 = 40 < 170, nothing;
    # mask 1 × 300 ÷ 30 = 10, 4 on hand → 6 to send.
    xlsx = tmp_path / "replenish.xlsx"
    result = run_daiyun(
        shop, "stock", "replenishment", "--brand", "chando", "--at", "2026-10-10T12:00:00",
        "--days", "300", "--xlsx", str(xlsx), "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.json()["skus"] == [
        {"sku": MASK, "name": "活泉保湿面膜5片", "on_hand": 4, "sold_last_30_days": 1,
         "days_of_cover": 120, "units_to_send": 6},
    ]  # fmt: skip
    rows = list(load_workbook(xlsx).worksheets[0].iter_rows(values_only=True))
    assert rows[0][0] == "补货单 Replenishment list — 自然堂 (chando)"
    assert rows[5][0] == "商家编码 SKU" and rows[5][-1] == "建议补货数量 Units to send"
    assert rows[6] == (MASK, "活泉保湿面膜5片", 4, 1, 120, 6)


def test_each_order_line_counts_once_whatever_is_re_imported(shop: str, tmp_path: Path) -> None:
    first = [line("R1", paid_at="2026-10-02 10:00:00")]
    second = [  # a later export: R1 shipped, R2 new
        line(
            "R1", paid_at="2026-10-02 10:00:00", status="shipped",
            shipped_at="2026-10-03 09:00:00",
        ),
        line("R2", units=3, paid_at="2026-10-04 10:00:00"),
    ]  # fmt: skip
    import_orders(shop, tmp_path, first, "2026-10-02T12:00:00+08:00", "first")
    assert _show(shop, "2026-10-10T00:00:00")[CREAM]["sold"] == 2
    import_orders(shop, tmp_path, second, "2026-10-05T12:00:00+08:00", "second")
    import_orders(shop, tmp_path, first, "2026-10-02T12:00:00+08:00", "first")  # again, older
    import_orders(shop, tmp_path, second, "2026-10-05T12:00:00+08:00", "second")  # again
    # R1's 2 and R2's 3, once each: 120 − 5 = 115.
    cream = _show(shop, "2026-10-10T00:00:00")[CREAM]
    assert (cream["sold"], cream["on_hand"]) == (5, 115)
    # As of before R2 was paid, only R1 had sold.
    assert _show(shop, "2026-10-03T00:00:00")[CREAM]["on_hand"] == 118


def test_a_list_with_bad_rows_is_refused_naming_them_and_nothing_is_stored(
    daiyun_app: Daiyun, shop: str, tmp_path: Path
) -> None:
    before = database_snapshot(daiyun_app)
    bad = stock_list(
        tmp_path,
        [(CREAM, 10, ""), ("CD-NOPE", 1, ""), (CARD, 3, ""), (MASK, "十", "")],
        name="bad.csv",
    )
    result = run_daiyun(
        shop, "stock", "import", "--brand", "chando", "--at", "2026-10-05T00:00:00", str(bad)
    )
    assert result.exit_code == 2
    assert "bad.csv row 3, sku 'CD-NOPE': no SKU CD-NOPE in brand chando's catalogue" in (
        result.stderr
    )
    assert f"bad.csv row 4, sku '{CARD}': {CARD} is digital goods" in result.stderr
    assert "bad.csv row 5, 数量 '十': not a whole number of units" in result.stderr
    assert "3 problem(s); nothing was imported" in result.stderr
    assert database_snapshot(daiyun_app) == before


def test_the_same_list_again_changes_nothing_and_another_at_the_same_moment_is_refused(
    daiyun_app: Daiyun, shop: str, tmp_path: Path
) -> None:
    same = stock_list(
        tmp_path, [(MASK, 5, "杭州仓"), (CREAM, 20, ""), (CREAM, 100, "杭州仓")], "again.csv"
    )
    before = database_snapshot(daiyun_app)
    result = run_daiyun(
        shop, "stock", "import", "--brand", "chando", "--at", LIST_AT, str(same), "--json"
    )
    assert result.exit_code == 0, result.stderr
    assert (result.json()["stored"], result.json()["unchanged"]) == (False, True)
    other = stock_list(tmp_path, [(CREAM, 99, "")], "other.csv")
    result = run_daiyun(shop, "stock", "import", "--brand", "chando", "--at", LIST_AT, str(other))
    assert result.exit_code == 1
    assert "a list is history" in result.stderr
    assert database_snapshot(daiyun_app) == before
    # A newer list replaces it from its moment on; the older stays for earlier moments.
    result = run_daiyun(
        shop, "stock", "import", "--brand", "chando", "--at", "2026-10-08T09:00:00", str(other)
    )
    assert result.exit_code == 0, result.stderr
    assert _show(shop, "2026-10-09T00:00:00")[CREAM]["on_hand"] == 99
    assert MASK not in _show(shop, "2026-10-09T00:00:00")
    assert _show(shop, "2026-10-07T00:00:00")[CREAM]["on_hand"] == 120


def test_receipts_once_each_and_none_of_digital_or_unknown_goods(
    daiyun_app: Daiyun, shop: str
) -> None:
    def receive(sku: str, *more: str) -> Any:
        return run_daiyun(
            shop, "stock", "receive", "--brand", "chando", "--sku", sku, "--quantity", "30",
            "--on", "2026-10-03", "--json", *more,
        )  # fmt: skip

    assert receive(CREAM).json()["recorded"] is True
    assert receive(CREAM).json()["recorded"] is False  # the same receipt again
    assert receive(CREAM, "--reference", "DN-2").json()["recorded"] is True  # another delivery
    assert _show(shop, "2026-10-04T00:00:00")[CREAM]["received"] == 60
    before = database_snapshot(daiyun_app)
    assert receive(CARD).exit_code == 1  # R-F6: digital goods have no stock
    assert receive("CD-NOPE").exit_code == 2
    assert database_snapshot(daiyun_app) == before


def test_no_list_yet_is_refused_naming_the_command(chando_store: str) -> None:
    result = run_daiyun(chando_store, "stock", "show", "--brand", "chando", "--at", LIST_AT)
    assert result.exit_code == 1
    assert "has no stock list as of 2026-10-01T00:00:00+08:00" in result.stderr


def test_returned_digital_goods_go_into_no_stock(shop: str, tmp_path: Path) -> None:
    # R-F6: a gift card returned for quality and "received back" is kept, restocking nothing.
    import_orders(shop, tmp_path, [ORDERS[-1]], "2026-10-06T10:00:00+08:00")
    asked = run_daiyun(
        shop, "return", "request", "--store", STORE, "--order", "K4", "--kind", "return",
        "--reason", "quality", "--received-on", "2026-10-04", "--requested-on", "2026-10-05",
    )  # fmt: skip
    assert asked.exit_code == 0, asked.stderr
    back = run_daiyun(
        shop, "return", "receive", "--store", STORE, "--order", "K4", "--line", "1", "--on",
        "2026-10-06", "--json",
    )  # fmt: skip
    assert back.exit_code == 0, back.stderr
    assert back.json()["goods_received"][0]["restocked"] == 0
    assert CARD not in _show(shop, "2026-10-10T00:00:00")
